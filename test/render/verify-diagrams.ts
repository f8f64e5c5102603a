/**
 * Writes the diagrams `verify-diagrams.sh` checks with the real tools: for each case a Mermaid file,
 * a DOT file, and what they must contain (nodes with their label lines, classes and namespace, edges
 * with their labels), as read from the Mermaid by the reader the jest tests check against the evaluator.
 *
 * Usage: node -r ts-node/register/transpile-only test/render/verify-diagrams.ts OUTDIR
 */
import * as fs from 'fs';
import * as path from 'path';
import { readMermaid } from './mermaid-reader';
import { richClusterPolicies, richManifests, THREE_TIER_NAMESPACES, threeTierModel } from './models';
import { NetworkModel } from '../../src';
import { run } from '../../src/cli/main';
import { Diagram, DiagramOptions } from '../../src/render';

const outdir = process.argv[2];
if (!outdir) {
  process.stderr.write('usage: verify-diagrams.ts OUTDIR\n');
  process.exit(2);
}
const fixtures = path.join(__dirname, '..', 'fixtures');

/** Names that need escaping in both formats. */
function awkwardModel(): NetworkModel {
  const model = new NetworkModel();
  for (const name of ['end', 'graph', 'subgraph', 'a-b', 'a.b', 'q"uote', 'x#y<z>&amp;', 'back\\slash', 'class']) {
    model.addPod({ name, namespace: 'we-ird', ports: [{ port: 80 }] });
  }
  model.addPod({ name: 'client', namespace: 'end', labels: { role: 'client' } });
  model.addPolicy({
    metadata: { name: 'only-client', namespace: 'we-ird' },
    spec: {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { role: 'client' } } }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] }],
    },
  });
  return model;
}

/** The CLI's output for a folder, so that the command's own writing is checked too. */
function cliOutput(args: string[]): string {
  let stdout = '';
  const code = run(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true }, cwd: fixtures });
  if (code !== 0) throw new Error(`cdk8s-netpol ${args.join(' ')} exited ${code}`);
  return stdout;
}

const cases: Array<{ name: string; model: NetworkModel; options?: DiagramOptions; cli?: string[] }> = [
  { name: 'three-tier', model: threeTierModel(), options: { namespaces: THREE_TIER_NAMESPACES } },
  { name: 'three-tier-titled', model: threeTierModel(), options: { namespaces: THREE_TIER_NAMESPACES, title: 'Three "tiers" & DNS' } },
  { name: 'every-rule-shape', model: NetworkModel.fromManifests(richManifests()) },
  { name: 'cluster-tiers', model: NetworkModel.fromManifests([...richManifests(), ...richClusterPolicies()]) },
  { name: 'three-tier-policies-only', model: NetworkModel.fromFiles([path.join(fixtures, 'policies-only', 'three-tier')]) },
  { name: 'awkward-names', model: awkwardModel() },
  { name: 'empty', model: new NetworkModel() },
  { name: 'cli-open-port', model: NetworkModel.fromFiles([path.join(fixtures, 'diff', 'open-port')]), cli: ['diff/open-port'] },
];

fs.mkdirSync(outdir, { recursive: true });
for (const c of cases) {
  const mermaid = c.cli ? cliOutput(['diagram', ...c.cli]) : Diagram.mermaid(c.model, c.options);
  const dot = c.cli ? cliOutput(['diagram', ...c.cli, '--format', 'dot']) : Diagram.dot(c.model, c.options);
  const read = readMermaid(mermaid);
  const expected = {
    nodes: [...read.nodes.values()].map((n) => ({ id: n.id, shape: n.shape, lines: n.lines, classes: n.classes, namespace: n.namespace ?? null })),
    edges: read.edges,
    classDefs: Object.fromEntries(read.classDefs),
  };
  fs.writeFileSync(path.join(outdir, `${c.name}.mmd`), mermaid);
  fs.writeFileSync(path.join(outdir, `${c.name}.dot`), dot);
  fs.writeFileSync(path.join(outdir, `${c.name}.expect.json`), `${JSON.stringify(expected, null, 2)}\n`);
}
process.stdout.write(`wrote ${cases.length} cases to ${outdir}\n`);
