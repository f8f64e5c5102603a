#!/usr/bin/env node
/**
 * The `cdk8s-netpol` command-line tool: argument parsing and file I/O around the library's validator
 * and evaluator. Every command computes its whole result before writing anything, so a failure never
 * leaves partial output (the matrix then streams its rendering, which for a whole cluster can exceed what
 * one string holds); every failure is one line on stderr and exit code 2, never a stack trace.
 *
 * Not part of the library's public API (not exported from the package entry point).
 *
 * @module
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseCommandArgs } from './args';
import { InputError, oneLine, safeText, UsageError } from './cli-error';
import { CliIo, CommandResult, ExitCode, processIo } from './cli-io';
import type { Command } from './command';
import { limitCompiling } from './compiler-budget';
import { TOOL_USAGE } from './usage';
import { ManifestLoadError } from '../ingest/errors';

/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * The commands, each loaded when it runs: `--help` and `validate` need none of the analysis, and loading
 * it all would double their start-up time.
 */
const COMMANDS: ReadonlyArray<{ readonly name: string; readonly load: () => Command }> = [
  { name: 'check', load: () => require('./commands/check').checkCommand },
  { name: 'validate', load: () => require('./commands/validate').validateCommand },
  { name: 'explain', load: () => require('./commands/explain').explainCommand },
  { name: 'matrix', load: () => require('./commands/matrix').matrixCommand },
  { name: 'lint', load: () => require('./commands/lint').lintCommand },
  { name: 'diagram', load: () => require('./commands/diagram').diagramCommand },
  { name: 'diff', load: () => require('./commands/diff').diffCommand },
];
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Runs the tool with the arguments after the program name (`process.argv.slice(2)`); returns the exit code.
 */
export function run(argv: readonly string[], io: CliIo = processIo()): number {
  let result: CommandResult;
  try {
    result = dispatch(argv, io);
  } catch (e) {
    io.stderr.write(safeText(errorText(e)));
    return ExitCode.BAD_INPUT;
  }
  // What came from the input (file names, values, kinds) is printed escaped.
  if (result.stderr) io.stderr.write(safeText(result.stderr));
  if (result.stdout) io.stdout.write(safeText(result.stdout));
  return result.exitCode;
}

function dispatch(argv: readonly string[], io: CliIo): CommandResult {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError('give a command', TOOL_USAGE);
  if (first === '-h' || first === '--help') return { exitCode: ExitCode.OK, stdout: TOOL_USAGE };
  if (first === '-V' || first === '--version') return { exitCode: ExitCode.OK, stdout: `${version()}\n` };
  if (first === 'help') {
    if (rest.length === 0) return { exitCode: ExitCode.OK, stdout: TOOL_USAGE };
    return { exitCode: ExitCode.OK, stdout: findCommand(rest[0]).usage };
  }
  const command = findCommand(first);
  limitCompiling();
  const args = parseCommandArgs(rest, { ...command.options, help: { type: 'boolean', short: 'h' } }, command.usage);
  if (args.values.help === true) return { exitCode: ExitCode.OK, stdout: command.usage };
  return command.execute(args, io);
}

function findCommand(name: string): Command {
  const command = COMMANDS.find((c) => c.name === name);
  if (command) return command.load();
  const what = name.startsWith('-') ? `unknown option '${name}'` : `unknown command '${name}'`;
  throw new UsageError(`${what}: the commands are ${COMMANDS.map((c) => c.name).join(', ')}`, TOOL_USAGE);
}

function errorText(e: unknown): string {
  if (e instanceof UsageError) {
    // One line, as for every error: the usage is one --help away.
    const command = /^Usage: (cdk8s-netpol(?: [a-z]+)?)/.exec(e.usage)?.[1] ?? 'cdk8s-netpol';
    return `error: ${oneLine(e.message)} (usage: ${command} --help)\n`;
  }
  if (e instanceof InputError) return `error: ${oneLine(e.message)}\n`;
  if (e instanceof ManifestLoadError) return `error: ${oneLine(InputError.fromLoadError(e).message)}\n`;
  // Unexpected: still one line (the message's first), so that callers parsing stderr never get a stack trace.
  const message = e instanceof Error ? e.message : String(e);
  return `error: internal error: ${oneLine(message.split('\n')[0]) || 'unknown'}\n`;
}

/** The package version, read from package.json two levels up (from src/cli or lib/cli). */
export function version(): string {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function main(): void {
  // A reader that goes away early (`| head`) is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  process.exitCode = run(process.argv.slice(2));
}

if (require.main === module) {
  main();
}
