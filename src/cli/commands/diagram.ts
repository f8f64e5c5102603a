/**
 * `cdk8s-netpol diagram PATH... [--format mermaid|dot] [--port P]... [--namespace NS]... [--title T]`:
 * a Mermaid or Graphviz diagram of the allowed connections.
 *
 * @module
 */
import { checkNamespacesJudged, flowNamespaces, flowPorts, FLOW_OPTIONS } from './flow-options';
import { renderDiagram } from '../../render/diagram-render';
import { orList, requirePaths, sizeOption, stringOption } from '../args';
import { UsageError } from '../cli-error';
import { ExitCode } from '../cli-io';
import { Command, EXPOSURE_OPTION, INPUT_OPTION } from '../command';
import { loadInput } from '../model-input';

export const DIAGRAM_USAGE = `Usage: cdk8s-netpol diagram PATH... [--format mermaid|dot] [--port P]... [--namespace NS]... [--title T]

Draws the connections the NetworkPolicies allow: workloads grouped by namespace (for policies alone,
the pods the policies tell apart), the address blocks named in ipBlocks and "internet / any address",
one edge per pair labelled with its ports.

Workloads no policy isolates are drawn open (dashed border: ingress; red fill: egress) and the
connections between an open sender and an open receiver are not drawn; see the comments at the top
of the output.

Options:
  -f, --format FMT    mermaid (default) or dot (Graphviz)
  --port P            a port to draw, e.g. 8080 or 53/UDP (repeat for several); default: every port
  -n, --namespace NS  only draw the workloads of this namespace (repeat for several)
  --exposure          also draw the pods the workloads do not cover
  --title T           a title for the diagram
  --max-file-size N   the largest file read, in bytes or with K, M or G (default 256M)
  -h, --help          show this help

Exit codes: 0 printed, 2 invalid usage or input.
`;

const FORMATS = ['mermaid', 'dot'] as const;

export const diagramCommand: Command = {
  name: 'diagram',
  usage: DIAGRAM_USAGE,
  options: {
    ...INPUT_OPTION,
    ...FLOW_OPTIONS,
    ...EXPOSURE_OPTION,
    format: { type: 'string', short: 'f' },
    title: { type: 'string' },
  },
  execute({ values, positionals }, io) {
    const formatText = stringOption(values, 'format') ?? 'mermaid';
    const format = FORMATS.find((f) => f === formatText.toLowerCase());
    if (format === undefined) throw new UsageError(`--format must be ${orList(FORMATS)}, got '${formatText}'`, DIAGRAM_USAGE);
    const ports = flowPorts(values, DIAGRAM_USAGE);
    const namespaces = flowNamespaces(values);
    const title = stringOption(values, 'title');
    const paths = requirePaths(positionals, DIAGRAM_USAGE);

    const maxFileBytes = sizeOption(values, 'max-file-size', DIAGRAM_USAGE);
    const { connectivity, notes } = loadInput(paths, io, { maxFileBytes, exposure: values.exposure === true });
    checkNamespacesJudged(namespaces, [connectivity._evaluator]);
    const stdout = renderDiagram(connectivity._evaluator, format, { ports, namespaces, title });
    return { exitCode: ExitCode.OK, stdout, stderr: notes };
  },
};
