/**
 * `cdk8s-netpol lint PATH... [--output text|json|sarif] [--disable RULE]... [--strict]`: the library's
 * linter over the manifests (validator errors included). Exit 1 when there are errors.
 *
 * @module
 */
import { joinAnd } from '../../lint/lint-context';
import { lintIngested } from '../../lint/lint-engine';
import { Linter } from '../../lint/linter';
import { RULES } from '../../lint/rules';
import { plural } from '../../render/lint-text';
import { outputFormat, requirePaths, sizeOption, stringsOption } from '../args';
import { UsageError } from '../cli-error';
import { ExitCode } from '../cli-io';
import { Command, INPUT_OPTION, OUTPUT_OPTION } from '../command';
import { readInput } from '../read-input';

export const LINT_USAGE = `Usage: cdk8s-netpol lint PATH... [--output text|json|sarif] [--disable RULE]... [--strict]

Finds NetworkPolicy mistakes by what the policies do: pods that can no longer resolve DNS, DNS opened
to every pod, selectors that match nothing, namespace and pod selectors OR-ed where AND was meant,
allow-all rules voiding a default deny, and more. Every validate error is a lint error too (NP000),
for ClusterNetworkPolicies as well; NP019 to NP022 judge their tiers (shadowed rules, equal priorities,
Pass with no NetworkPolicy to pass to, Admin Accept over a default deny).

Give the workloads (Deployments, StatefulSets, Pods, ...) with the policies: rules about what
selectors match need them and stay silent without them (the summary says so). DNS is judged for each
pod (for policies alone, for the pods the policies tell apart) against the pods labelled
k8s-app=kube-dns in kube-system, or a pod with those labels.

Options:
  --disable RULE      skip a rule, by id (NP011) or name (unprotected-pods); repeatable
  --strict            treat a CIDR with host bits set as an error
  -o, --output FMT    text (default), json or sarif (SARIF 2.1.0, for code scanning)
  --max-file-size N   the largest file read, in bytes or with K, M or G (default 256M)
  -h, --help          show this help

Rules:
${Linter.rules().map((r) => `  ${r.id} ${r.name.padEnd(24)} ${r.severity}`).join('\n')}

Exit codes: 0 no errors (warnings allowed), 1 lint errors, 2 invalid usage or unreadable input.
`;

export const lintCommand: Command = {
  name: 'lint',
  usage: LINT_USAGE,
  options: { ...OUTPUT_OPTION, ...INPUT_OPTION, disable: { type: 'string', multiple: true }, strict: { type: 'boolean' } },
  execute({ values, positionals }, io) {
    const format = outputFormat(values, ['text', 'json', 'sarif'] as const, LINT_USAGE);
    const disabledRules = stringsOption(values, 'disable').flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
    const known = Linter.rules();
    for (const rule of disabledRules) {
      if (!known.some((r) => r.id.toLowerCase() === rule.toLowerCase() || r.name === rule)) {
        throw new UsageError(`--disable: unknown rule '${rule}' (see the list of rules below)`, LINT_USAGE);
      }
    }
    const paths = requirePaths(positionals, LINT_USAGE);
    const maxFileBytes = sizeOption(values, 'max-file-size', LINT_USAGE);
    const { ingested, notes } = readInput(paths, io, { maxFileBytes, strictCidr: values.strict === true, purpose: 'lint' });
    // An invalid ClusterNetworkPolicy is an NP000 finding, as an invalid NetworkPolicy is. Said, not left implicit:
    // which of the enabled rules judge ClusterNetworkPolicies (the others judge NetworkPolicies).
    const disabled = (r: { id: string; name: string }) => disabledRules.some((d) => d.toLowerCase() === r.id.toLowerCase() || d === r.name);
    const judging = RULES.filter((r) => r.judgesClusterPolicies && !disabled(r));
    const cluster = ingested.clusterPolicies.length === 0 ? ''
      : `note: ${plural(ingested.clusterPolicies.length, 'ClusterNetworkPolicy', 'ClusterNetworkPolicies')} read; `
        + `${judging.length === 0 ? 'no enabled rule judges them' : `${joinAnd(judging.map((r) => r.id))} judge them`}, the other rules judge NetworkPolicies\n`;
    const report = lintIngested(ingested, { disabledRules, strictCidr: values.strict === true });
    const stdout = format === 'json'
      ? `${JSON.stringify(report.toJson(), null, 2)}\n`
      : format === 'sarif' ? `${JSON.stringify(report.toSarif(), null, 2)}\n` : report.toText();
    return { exitCode: report.errorCount > 0 ? ExitCode.FAILED : ExitCode.OK, stdout, stderr: notes + cluster };
  },
};
