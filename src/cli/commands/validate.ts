/**
 * `cdk8s-netpol validate PATH... [--output text|json] [--strict]`: the library's validator over every
 * NetworkPolicy found.
 *
 * @module
 */
import { Severity } from '../../severity';
import { outputFormat, requirePaths, sizeOption } from '../args';
import { formatLocated, oneLine } from '../cli-error';
import { ExitCode } from '../cli-io';
import { Command, INPUT_OPTION, OUTPUT_OPTION } from '../command';
import { findingError, PolicyFinding, validationReport, ValidationReport } from '../policy-validation';
import { readInput } from '../read-input';
import { VALIDATE_USAGE } from '../usage';

export const validateCommand: Command = {
  name: 'validate',
  usage: VALIDATE_USAGE,
  options: { ...OUTPUT_OPTION, ...INPUT_OPTION, strict: { type: 'boolean' } },
  execute({ values, positionals }, io) {
    const format = outputFormat(values, ['text', 'json'] as const, VALIDATE_USAGE);
    const paths = requirePaths(positionals, VALIDATE_USAGE);
    const maxFileBytes = sizeOption(values, 'max-file-size', VALIDATE_USAGE);
    const { ingested, notes } = readInput(paths, io, { maxFileBytes, strictCidr: values.strict === true, purpose: 'validate' });
    const report = validationReport(ingested);
    const files = ingested.sources;
    const errors = report.findings.filter((f) => f.severity === Severity.ERROR);
    const valid = errors.length === 0;
    const stdout = format === 'json' ? renderJson(report) : renderText(report, files);
    if (valid) return { exitCode: ExitCode.OK, stdout, stderr: notes };
    // Like every exit code 2, one line on stderr names the (first) problem; the report is on stdout.
    const more = errors.length > 1 ? ` (and ${plural(errors.length - 1, 'more error', 'more errors')})` : '';
    return { exitCode: ExitCode.BAD_INPUT, stdout, stderr: `error: ${oneLine(findingError(errors[0]).message)}${more}\n` };
  },
};

function renderJson(report: ValidationReport): string {
  const entry = (f: PolicyFinding) => ({
    file: f.file,
    document: f.document,
    kind: f.kind,
    namespace: f.namespace,
    name: f.name,
    field: f.field,
    message: f.message,
  });
  const errors = report.findings.filter((f) => f.severity === Severity.ERROR).map(entry);
  const warnings = report.findings.filter((f) => f.severity === Severity.WARNING).map(entry);
  return `${JSON.stringify({ valid: errors.length === 0, errors, warnings }, null, 2)}\n`;
}

function renderText(report: ValidationReport, files: number): string {
  const lines = report.findings.map((f) => {
    const policy = `${f.kind} ${f.namespace !== null ? `${f.namespace}/` : ''}${f.name ?? '(no name)'}`;
    return `${f.severity}: ${f.file}: document ${f.document}: ${policy}: ${formatLocated(f.detail, { field: f.field })}`;
  });
  const errors = report.findings.filter((f) => f.severity === Severity.ERROR).length;
  const warnings = report.findings.length - errors;
  const cluster = report.clusterPolicies > 0 ? ` and ${plural(report.clusterPolicies, 'ClusterNetworkPolicy', 'ClusterNetworkPolicies')}` : '';
  const scope = `${plural(report.policies, 'NetworkPolicy', 'NetworkPolicies')}${cluster} in ${plural(files, 'file', 'files')}`;
  const counts = `${plural(errors, 'error', 'errors')}, ${plural(warnings, 'warning', 'warnings')}`;
  lines.push(`${errors === 0 ? 'valid' : 'invalid'}: ${counts} in ${scope}`);
  return `${lines.join('\n')}\n`;
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
