/**
 * `cdk8s-netpol diff OLD NEW [--output text|json|md] [--port P]... [--namespace NS]...`: the
 * connections a change adds and removes. Exit 0 whatever changed (it reports), or with `--exit-code`
 * 1 when anything changed, so that a pipeline fails on a change nobody approved.
 *
 * @module
 */
import { checkNamespacesJudged, flowNamespaces, flowPorts, FLOW_OPTIONS } from './flow-options';
import { ConnectivityDiff } from '../../diff/connectivity-diff';
import { diffEvaluators } from '../../diff/diff-compute';
import { outputFormat, sizeOption } from '../args';
import { InputError, UsageError } from '../cli-error';
import { ExitCode } from '../cli-io';
import { Command, EXPOSURE_OPTION, INPUT_OPTION, OUTPUT_OPTION } from '../command';
import { loadInput } from '../model-input';

export const DIFF_USAGE = `Usage: cdk8s-netpol diff OLD NEW [--output text|json|md] [--port P]... [--namespace NS]... [--exit-code]

Reports the connections a change adds and removes: OLD and NEW are the manifests before and after
(a file or a folder each, e.g. two checkouts of a pull request). Both are judged on the workloads of
either side and on the pods both sides' policies tell apart, on every port; a workload on one side only
is reported as added or removed, with its connections. "equivalent" when nothing differs.

Options:
  -o, --output FMT    text (default), json, or md (Markdown for a pull request comment)
  --port P            a port to compare, e.g. 8080 or 53/UDP (repeat for several); default: every port
  -n, --namespace NS  only compare the workloads of this namespace (repeat for several)
  --exposure          also compare the pods the workloads do not cover
  --exit-code         exit 1 when a connection is added or removed (a gate for pipelines)
  --max-file-size N   the largest file read, in bytes or with K, M or G (default 256M)
  -h, --help          show this help

Exit codes: 0 reported (with --exit-code: nothing changed), 1 with --exit-code: a connection was added
or removed, 2 invalid usage or input.
`;

export const diffCommand: Command = {
  name: 'diff',
  usage: DIFF_USAGE,
  options: { ...OUTPUT_OPTION, ...INPUT_OPTION, ...FLOW_OPTIONS, ...EXPOSURE_OPTION, 'exit-code': { type: 'boolean' } },
  execute({ values, positionals }, io) {
    const format = outputFormat(values, ['text', 'json', 'md'] as const, DIFF_USAGE);
    const ports = flowPorts(values, DIFF_USAGE);
    const namespaces = flowNamespaces(values);
    if (positionals.length !== 2) {
      throw new UsageError(`give two paths, OLD and NEW (a file or a folder each), got ${positionals.length}`, DIFF_USAGE);
    }
    const exposure = values.exposure === true;
    const maxFileBytes = sizeOption(values, 'max-file-size', DIFF_USAGE);
    const before = loadInput([positionals[0]], io, { maxFileBytes, exposure, allowNoPolicies: true });
    const after = loadInput([positionals[1]], io, { maxFileBytes, exposure, allowNoPolicies: true });
    if (before.ingested.policies.length === 0 && after.ingested.policies.length === 0) {
      throw new InputError(`no NetworkPolicy in ${positionals[0]} nor in ${positionals[1]}: nothing to compare`);
    }
    // Both sides judged on the representatives of both: a change to policies alone is seen.
    const [oldEvaluator, newEvaluator] = diffEvaluators(before.model._cluster.snapshot(), after.model._cluster.snapshot(), exposure ? 'exposure' : 'auto');
    checkNamespacesJudged(namespaces, [oldEvaluator, newEvaluator]);
    const diff = ConnectivityDiff._of(oldEvaluator, newEvaluator, { ports, namespaces });
    let stdout: string;
    switch (format) {
      case 'json':
        stdout = `${JSON.stringify(diff.toJson(), null, 2)}\n`;
        break;
      case 'md':
        stdout = diff.toMarkdown();
        break;
      default:
        stdout = diff.toText();
    }
    const failed = values['exit-code'] === true && !diff.isEmpty;
    return { exitCode: failed ? ExitCode.FAILED : ExitCode.OK, stdout, stderr: before.notes + after.notes };
  },
};
