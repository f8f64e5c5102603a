import * as fs from 'fs';
import * as path from 'path';
import { cli, expectUsageError as expectUsageErrorOf } from './helpers';
import type { Command } from '../../src/cli/command';
import { CHECK_USAGE, EXPLAIN_USAGE, MATRIX_USAGE, TOOL_USAGE, VALIDATE_USAGE } from '../../src/cli/usage';

const COMMAND_USAGE: Record<string, string> = { check: CHECK_USAGE, validate: VALIDATE_USAGE, explain: EXPLAIN_USAGE, matrix: MATRIX_USAGE };

/** Asserts the usage-error contract for a run of the CLI with `args`. */
function expectUsageError(args: string[], reason: RegExp, usage: string): void {
  expectUsageErrorOf(cli(args), reason, usage);
}

describe('help and version', () => {
  test.each([['--help'], ['-h'], ['help']])('%s prints the tool usage on stdout, exit 0', (flag) => {
    const result = cli([flag]);
    expect(result).toMatchObject({ code: 0, stdout: TOOL_USAGE, stderr: '' });
  });

  test.each(Object.keys(COMMAND_USAGE))('%s --help prints the command usage on stdout, exit 0', (command) => {
    expect(cli([command, '--help'])).toMatchObject({ code: 0, stdout: COMMAND_USAGE[command], stderr: '' });
    expect(cli([command, '-h'])).toMatchObject({ code: 0, stdout: COMMAND_USAGE[command] });
    expect(cli(['help', command])).toMatchObject({ code: 0, stdout: COMMAND_USAGE[command] });
    // --help wins over missing arguments.
    expect(cli([command, 'shop', '--help']).code).toBe(0);
  });

  test('every option of every command (src/cli/commands/) is in its --help, with its short form', () => {
    const dir = path.join(__dirname, '..', '..', 'src', 'cli', 'commands');
    const commands: Command[] = fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      .flatMap((f) => Object.values(require(path.join(dir, f)) as Record<string, unknown>))
      .filter((value): value is Command => typeof value === 'object' && value !== null && 'usage' in value && 'options' in value);
    expect(commands.map((c) => c.name).sort()).toEqual(['check', 'diagram', 'diff', 'explain', 'lint', 'matrix', 'validate']);
    const missing: string[] = [];
    for (const command of commands) {
      const help = cli([command.name, '--help']).stdout;
      for (const [name, spec] of Object.entries({ ...command.options, help: { type: 'boolean', short: 'h' } })) {
        const option = spec.short !== undefined ? `-${spec.short}, --${name}` : `--${name}`;
        // In the list of options: at the start of a line, after the indent.
        if (!new RegExp(`^ +${option.replace(/[-]/g, '\\-')}(?![\\w-])`, 'm').test(help)) missing.push(`${command.name} ${option}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('the tool usage names every command', () => {
    for (const command of Object.keys(COMMAND_USAGE)) expect(TOOL_USAGE).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  test('--version prints the package version', () => {
    const version = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
    expect(cli(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(cli(['-V']).stdout).toBe(`${version}\n`);
  });
});

describe('usage errors: exit 2, one line on stderr: the reason, and where the usage is', () => {
  test('no command', () => expectUsageError([], /^error: give a command$/, TOOL_USAGE));
  test('an unknown command', () => expectUsageError(['lnt', 'shop'], /^error: unknown command 'lnt': the commands are check, validate, explain, matrix, lint, diagram, diff$/, TOOL_USAGE));
  test('an unknown flag before the command', () => expectUsageError(['--verbose'], /^error: unknown option '--verbose'/, TOOL_USAGE));
  test('help for an unknown command', () => expectUsageError(['help', 'lnt'], /^error: unknown command 'lnt'/, TOOL_USAGE));
  test.each(Object.keys(COMMAND_USAGE))('an unknown flag of %s', (command) => {
    expectUsageError([command, 'shop', '--bogus'], /^error: unknown option '--bogus'$/, COMMAND_USAGE[command]);
  });
  test('check without --expect', () => expectUsageError(['check', 'shop'], /^error: the option --expect is required$/, CHECK_USAGE));
  test('check with --expect but no value', () => expectUsageError(['check', 'shop', '--expect'], /^error: option '-e, --expect <value>' argument missing$/, CHECK_USAGE));
  test('check without PATH', () => expectUsageError(['check', '--expect', 'expectations/shop-pass.yaml'], /^error: give at least one PATH/, CHECK_USAGE));
  test('validate without PATH', () => expectUsageError(['validate'], /^error: give at least one PATH/, VALIDATE_USAGE));
  test('an output format the command does not have', () => {
    expectUsageError(['validate', 'shop', '-o', 'csv'], /^error: --output must be text or json, got 'csv'$/, VALIDATE_USAGE);
    expectUsageError(['matrix', 'shop', '-o', 'yaml'], /^error: --output must be text, json, csv or md, got 'yaml'$/, MATRIX_USAGE);
  });
  test('explain without --to', () => expectUsageError(['explain', 'shop', '--from', 'shop/api', '--port', '80'], /^error: the option --to is required$/, EXPLAIN_USAGE));
  test('explain with a protocol NetworkPolicy does not define', () => {
    expectUsageError(['explain', 'shop', '--from', 'shop/api', '--to', 'shop/db', '--port', '80', '--protocol', 'ICMP'], /^error: --protocol must be TCP, UDP or SCTP, got 'ICMP'$/, EXPLAIN_USAGE);
  });
  test('matrix with a port that is not a number', () => {
    expectUsageError(['matrix', 'shop', '--port', 'http'], /^error: --port "http" must be a whole number from 1 to 65535$/, MATRIX_USAGE);
    expectUsageError(['matrix', 'shop', '--port', '0'], /^error: --port "0" must be a whole number/, MATRIX_USAGE);
  });
});
