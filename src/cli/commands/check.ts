/**
 * `cdk8s-netpol check PATH... --expect FILE [--output text|json]`: each expected connection against
 * the policies. Exit 0 when all hold, 1 when any fails.
 *
 * @module
 */
import { Protocol } from '../../protocol';
import { outputFormat, requiredOption, requirePaths, sizeOption } from '../args';
import { ExitCode } from '../cli-io';
import { Command, EXPOSURE_OPTION, INPUT_OPTION, OUTPUT_OPTION } from '../command';
import { readExpectations } from '../expectations';
import { loadInput } from '../model-input';
import { describeQuery, explainQuery } from '../query';
import { CHECK_USAGE } from '../usage';

/** One expectation's outcome; the JSON output lists these, in the order of the expectations. */
interface CheckResult {
  readonly from: string;
  readonly to: string;
  readonly port: number | string;
  readonly protocol: Protocol;
  readonly expected: boolean;
  readonly allowed: boolean;
  readonly ok: boolean;
  /** The library's explanation: the verdict, then each side. */
  readonly reason: string;
}

export const checkCommand: Command = {
  name: 'check',
  usage: CHECK_USAGE,
  options: { ...OUTPUT_OPTION, ...INPUT_OPTION, ...EXPOSURE_OPTION, expect: { type: 'string', short: 'e' } },
  execute({ values, positionals }, io) {
    const format = outputFormat(values, ['text', 'json'] as const, CHECK_USAGE);
    const expectFile = requiredOption(values, 'expect', CHECK_USAGE);
    const paths = requirePaths(positionals, CHECK_USAGE);
    // Expectations first: a malformed one is reported without loading a large cluster dump.
    const expectations = readExpectations(expectFile, io.cwd);
    const maxFileBytes = sizeOption(values, 'max-file-size', CHECK_USAGE);
    const { connectivity, notes } = loadInput(paths, io, { maxFileBytes, exposure: values.exposure === true });

    const results: CheckResult[] = expectations.map((expectation) => {
      const at = (part: string) => ({ file: expectation.file, document: expectation.document, field: `${expectation.field}.${part}` });
      const explanation = explainQuery(connectivity, expectation, { from: at('from'), to: at('to'), port: at('port') });
      return {
        from: expectation.from,
        to: expectation.to,
        port: expectation.port,
        protocol: expectation.protocol,
        expected: expectation.allowed,
        allowed: explanation.allowed,
        ok: explanation.allowed === expectation.allowed,
        reason: explanation.reason,
      };
    });
    const passed = results.filter((r) => r.ok).length;
    const failed = results.length - passed;
    const stdout = format === 'json'
      ? `${JSON.stringify({ passed, failed, results }, null, 2)}\n`
      : renderText(results, passed, failed);
    return { exitCode: failed === 0 ? ExitCode.OK : ExitCode.FAILED, stdout, stderr: notes };
  },
};

const word = (allowed: boolean) => (allowed ? 'allowed' : 'denied');

function renderText(results: readonly CheckResult[], passed: number, failed: number): string {
  const lines: string[] = [];
  for (const r of results) {
    const query = describeQuery({ from: r.from, to: r.to, port: r.port, protocol: r.protocol });
    if (r.ok) {
      lines.push(`PASS ${query}: ${word(r.allowed)}`);
    } else {
      lines.push(`FAIL ${query}: expected ${word(r.expected)}, but ${word(r.allowed)}`);
      lines.push(...r.reason.split('\n').map((line) => `     ${line}`));
    }
  }
  lines.push(`${passed} passed, ${failed} failed`);
  return `${lines.join('\n')}\n`;
}
