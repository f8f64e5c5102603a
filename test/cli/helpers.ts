import * as path from 'path';
import { run } from '../../src/cli/main';

/** The CLI fixtures; in-process runs use it as the working directory, so paths in messages are short and relative. */
export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'cli');

/** The shop fixture holds a ConfigMap, which is not read: every command says so, on one line of stderr. */
export const SHOP_NOTE = 'note: skipped 1 v1 ConfigMap (not used for connectivity analysis)\n';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** How many times each stream was written: once, when complete (the matrix streams its rendering in chunks). */
  readonly writes: { readonly stdout: number; readonly stderr: number };
}

/** Runs the CLI in-process with captured streams. */
export function cli(args: string[], cwd: string = FIXTURES): CliRun {
  let stdout = '';
  let stderr = '';
  const writes = { stdout: 0, stderr: 0 };
  const code = run(args, {
    stdout: { write: (text: string) => { stdout += text; writes.stdout++; return true; } },
    stderr: { write: (text: string) => { stderr += text; writes.stderr++; return true; } },
    cwd,
  });
  return { code, stdout, stderr, writes };
}

/** Runs the CLI and parses its stdout as JSON (failing the test with the output when it is not). */
export function cliJson(args: string[], cwd: string = FIXTURES): { code: number; json: any; stderr: string } {
  const result = cli(args, cwd);
  let json: any;
  try {
    json = JSON.parse(result.stdout);
  } catch (e) {
    throw new Error(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
  return { code: result.code, json, stderr: result.stderr };
}

/** Asserts the bad-input contract: exit 2, nothing on stdout, exactly one `error:` line on stderr, no stack trace. */
export function expectBadInput(result: CliRun): string {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^error: [^\n]+\n$/);
  expect(result.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  return result.stderr.trim();
}

/** The usage-error contract: exit 2, nothing on stdout, one line on stderr: the reason, and where the usage is. */
export function expectUsageError(result: CliRun, reason: RegExp, usage: string): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^error: [^\n]+\n$/);
  const command = /^Usage: (cdk8s-netpol(?: [a-z]+)?)/.exec(usage)![1];
  const hint = ` (usage: ${command} --help)`;
  const line = result.stderr.trimEnd();
  expect(line.endsWith(hint)).toBe(true);
  expect(line.slice(0, -hint.length)).toMatch(reason);
}
