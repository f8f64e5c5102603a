import { labelCovers, ReadDiagram, readDot, readMermaid } from './mermaid-reader';
import { richClusterPolicies, richManifests, THREE_TIER_NAMESPACES, threeTierModel } from './models';
import { Connectivity, NetworkModel, Port, Protocol } from '../../src';
import { Diagram } from '../../src/render';
import { pod, workload } from '../support/manifests';

/** Ports named anywhere in the rich model, inside and just outside its port range, plus one nobody names on each protocol. */
const RICH_PORTS: Array<[Protocol, number]> = [
  ...[53, 80, 443, 5432, 5436, 5440, 5441, 7000, 8080, 8443, 9090, 9100, 4444].map((p): [Protocol, number] => [Protocol.TCP, p]),
  [Protocol.UDP, 53], [Protocol.UDP, 7000], [Protocol.UDP, 4444], [Protocol.SCTP, 4444],
];

/** One address per external node of the rich model, away from narrower blocks; `any` is outside every block. */
const RICH_ADDRESSES: Record<string, string> = {
  '0.0.0.0/0 except 10.0.0.0/8, 192.168.0.0/16': '8.8.8.8',
  '10.0.0.0/8 except 10.1.0.0/16': '10.200.0.1',
  '10.1.0.0/16': '10.1.2.3',
  '192.168.0.0/16': '192.168.7.7',
  'internet / any address': '2001:db8::1',
};

interface End {
  /** How the evaluator names it. */
  readonly query: string;
  /** The diagram node standing for it (undefined: "any address" when the diagram leaves it out). */
  readonly node?: string;
  readonly pod: boolean;
}

/** Workload ends: `namespace/name` to node id, found by namespace and first label line. */
function workloadEnds(diagram: ReadDiagram, model: NetworkModel, namespaces?: string[]): End[] {
  return model.workloads.filter((w) => !namespaces || namespaces.includes(w.namespace)).map((w) => {
    const node = [...diagram.nodes.values()].find((n) => n.namespace === w.namespace && n.lines[0] === w.name);
    if (!node) throw new Error(`no node for ${w.id}`);
    return { query: w.id, node: node.id, pod: w.kind === 'Pod' };
  });
}

function externalEnds(diagram: ReadDiagram, addresses: Record<string, string>): End[] {
  return Object.entries(addresses).map(([label, address]) => {
    const node = [...diagram.nodes.values()].find((n) => n.shape !== 'box' && n.lines[0] === label);
    if (!node && label !== 'internet / any address') throw new Error(`no node for ${label}`);
    return { query: address, node: node?.id, pod: false };
  });
}

/**
 * What a reader concludes from the diagram, by its legend: allowed when an edge between the two
 * covers the port, or when the source sends it anywhere and the destination accepts it from anyone. An
 * edge to or from "any address" says nothing of pods for a node marked `tiered-egress` or `tiered-ingress`,
 * nor of addresses for one marked `tiered-egress-networks`.
 */
function diagramAllows(diagram: ReadDiagram, from: End, to: End, protocol: Protocol, port: number): boolean {
  const any = [...diagram.nodes.values()].find((n) => n.shape === 'circle')?.id;
  const covers = (a: string | undefined, b: string | undefined) =>
    a !== undefined && b !== undefined && diagram.edges.some((e) => e.from === a && e.to === b && labelCovers(e.label, protocol, port));
  const classes = (end: End) => (end.node ? diagram.nodes.get(end.node)!.classes : []);
  if (covers(from.node, to.node)) return true;
  const isBox = (end: End) => end.node !== undefined && diagram.nodes.get(end.node)!.shape === 'box';
  const sendsAnywhere = !isBox(from) || classes(from).includes('open-egress')
    || (!classes(from).includes(isBox(to) ? 'tiered-egress' : 'tiered-egress-networks') && covers(from.node, any));
  const acceptsAnyone = !isBox(to) || classes(to).includes('open-ingress')
    || (!(isBox(from) && classes(to).includes('tiered-ingress')) && covers(any, to.node));
  return sendsAnywhere && acceptsAnyone;
}

/** Every pair of ends (workloads and external addresses, not two external ones) on every port: diagram and evaluator agree. */
function expectDiagramAgrees(
  model: NetworkModel, diagram: ReadDiagram, ports: Array<[Protocol, number]>, addresses: Record<string, string>, namespaces?: string[],
): number {
  const connectivity = Connectivity.of(model);
  const workloads = workloadEnds(diagram, model, namespaces);
  const ends = [...workloads, ...externalEnds(diagram, addresses)];
  const disagreements: string[] = [];
  let checked = 0;
  for (const from of ends) {
    for (const to of ends) {
      if (!workloads.includes(from) && !workloads.includes(to)) continue;
      // A pod's traffic to itself is never judged; a workload's (between its pods) is.
      if (from === to && from.pod) continue;
      for (const [protocol, port] of ports) {
        const allowed = connectivity.isAllowed({ source: from.query, destination: to.query, port: Port.number(protocol, port) });
        const drawn = diagramAllows(diagram, from, to, protocol, port);
        checked++;
        if (allowed !== drawn) disagreements.push(`${from.query} -> ${to.query} ${protocol} ${port}: evaluator ${allowed}, diagram ${drawn}`);
      }
    }
  }
  expect(disagreements).toEqual([]);
  return checked;
}

describe('Diagram of the three-tier example (the README diagram)', () => {
  const model = threeTierModel();
  const mermaid = Diagram.mermaid(model, { namespaces: THREE_TIER_NAMESPACES });
  const diagram = readMermaid(mermaid);

  test('Mermaid snapshot', () => {
    expect(mermaid).toMatchSnapshot();
  });

  test('DOT snapshot', () => {
    expect(Diagram.dot(model, { namespaces: THREE_TIER_NAMESPACES })).toMatchSnapshot();
  });

  test('exactly the allowed flows are edges, grouped per pair with all their ports', () => {
    const edges = diagram.edges.map((e) => `${e.from} -> ${e.to}: ${e.label}`).sort();
    expect(edges).toEqual([
      // The frontend serves anyone on TCP 80 (a rule without peers).
      'ext_any -> w_three_tier_frontend: TCP 80',
      // Each tier resolves names through kube-dns, both protocols on one edge.
      'w_three_tier_backend -> w_kube_system_coredns: TCP 53, UDP 53',
      'w_three_tier_backend -> w_three_tier_database: TCP 5432',
      'w_three_tier_database -> w_kube_system_coredns: TCP 53, UDP 53',
      'w_three_tier_frontend -> w_kube_system_coredns: TCP 53, UDP 53',
      'w_three_tier_frontend -> w_three_tier_backend: TCP 8080',
    ]);
  });

  test('denied flows are not edges: the frontend cannot reach the database, the database calls nothing but DNS', () => {
    const connectivity = Connectivity.of(model);
    expect(connectivity.isAllowed({ source: 'three-tier/frontend', destination: 'three-tier/database', port: Port.tcp(5432) })).toBe(false);
    expect(diagram.edges.some((e) => e.from === 'w_three_tier_frontend' && e.to === 'w_three_tier_database')).toBe(false);
    expect(diagram.edges.filter((e) => e.from === 'w_three_tier_database').map((e) => e.to)).toEqual(['w_kube_system_coredns']);
  });

  test('isolation markers: the tiers are isolated both ways, kube-dns is open', () => {
    const node = (id: string) => diagram.nodes.get(id)!;
    for (const tier of ['frontend', 'backend', 'database']) {
      expect(node(`w_three_tier_${tier}`)).toMatchObject({
        namespace: 'three-tier',
        lines: [tier, 'Deployment', 'isolated'],
        classes: ['isolated-ingress', 'isolated-egress'],
      });
    }
    expect(node('w_kube_system_coredns')).toMatchObject({ namespace: 'kube-system', lines: ['coredns', 'Deployment', 'open'], classes: ['open-ingress', 'open-egress'] });
    expect(node('ext_any')).toMatchObject({ shape: 'circle', lines: ['internet / any address'], classes: ['external'] });
    // Open and isolated look different.
    expect(diagram.classDefs.get('open-ingress')).toContain('stroke-dasharray');
    expect(diagram.classDefs.get('isolated-ingress')).not.toContain('stroke-dasharray');
    expect(diagram.classDefs.get('open-egress')).not.toBe(diagram.classDefs.get('isolated-egress'));
  });

  test('read by its legend, the diagram gives the evaluator\'s verdict for every pair and port', () => {
    const ports: Array<[Protocol, number]> = [
      [Protocol.TCP, 53], [Protocol.UDP, 53], [Protocol.TCP, 80], [Protocol.TCP, 5432], [Protocol.TCP, 8080], [Protocol.TCP, 4444],
    ];
    expect(expectDiagramAgrees(model, diagram, ports, { 'internet / any address': '203.0.113.9' }, THREE_TIER_NAMESPACES)).toBeGreaterThan(100);
  });

  test('the DOT output has the same nodes, clusters, classes and edges', () => {
    const dot = readDot(Diagram.dot(model, { namespaces: THREE_TIER_NAMESPACES }));
    expect([...dot.nodes.keys()].sort()).toEqual([...diagram.nodes.keys()].sort());
    for (const [id, node] of diagram.nodes) {
      expect(dot.nodes.get(id)).toEqual({
        lines: node.lines,
        classes: node.classes,
        cluster: node.namespace === undefined ? undefined : `cluster_ns_${node.namespace.replace(/-/g, '_')}`,
      });
    }
    expect(dot.edges).toEqual(diagram.edges);
  });
});

describe('Diagram of every shape of rule', () => {
  const model = NetworkModel.fromManifests(richManifests());
  const mermaid = Diagram.mermaid(model);
  const diagram = readMermaid(mermaid);

  test('read by its legend, the diagram gives the evaluator\'s verdict for every pair, address and port', () => {
    expect(expectDiagramAgrees(model, diagram, RICH_PORTS, RICH_ADDRESSES)).toBeGreaterThan(1000);
  });

  test('every named block is a node; "any address" stands for IPv6 here, 0.0.0.0/0 being named', () => {
    const externals = [...diagram.nodes.values()].filter((n) => n.shape !== 'box').map((n) => `${n.shape} ${n.lines[0]}`);
    expect(externals).toEqual([
      'circle internet / any address',
      'hexagon 0.0.0.0/0 except 10.0.0.0/8, 192.168.0.0/16',
      'hexagon 10.0.0.0/8 except 10.1.0.0/16',
      'hexagon 10.1.0.0/16',
      'hexagon 192.168.0.0/16',
    ]);
  });

  test('labels: a rule without ports is "all ports", a protocol-only port "all UDP", a named port its number', () => {
    const label = (from: string, to: string) => diagram.edges.find((e) => e.from === from && e.to === to)?.label;
    expect(label('w_app_worker', 'cidr_192_168_0_0_16')).toBe('all ports');
    expect(label('w_tools_debug', 'w_tools_metrics')).toBe('all ports');
    expect(label('w_batch_report', 'ext_any')).toBe('all UDP');
    // frontend -> api uses the named port 'http', drawn as the number it resolves to on the api.
    expect(label('w_app_frontend', 'w_app_api')).toBe('TCP 8080');
    // A port range is drawn as the range.
    expect(label('w_app_worker', 'w_app_db')).toBe('TCP 5432-5440');
    // An edge's label gives every port the pair is allowed: 80 too, which the frontend accepts from anyone.
    expect(label('cidr_10_0_0_0_8_except_10_1_0_0_16', 'w_app_frontend')).toBe('TCP 80, TCP 8443');
  });

  test('one-direction isolation is marked per direction', () => {
    expect(diagram.nodes.get('w_app_frontend')).toMatchObject({ lines: ['frontend', 'Deployment', 'ingress isolated, egress open'], classes: ['isolated-ingress', 'open-egress'] });
    expect(diagram.nodes.get('w_app_worker')).toMatchObject({ lines: ['worker', 'Deployment', 'ingress open, egress isolated'], classes: ['open-ingress', 'isolated-egress'] });
    expect(diagram.nodes.get('w_tools_debug')).toMatchObject({ lines: ['debug', 'Pod', 'open'], classes: ['open-ingress', 'open-egress'] });
  });

  test('open workloads are not wired to each other: no edge between two open ends', () => {
    const node = (id: string) => diagram.nodes.get(id)!;
    for (const edge of diagram.edges) {
      const from = node(edge.from);
      const to = node(edge.to);
      const openFrom = from.shape !== 'box' || from.classes.includes('open-egress');
      const openTo = to.shape !== 'box' || to.classes.includes('open-ingress');
      expect({ edge, bothOpen: openFrom && openTo }).toEqual({ edge, bothOpen: false });
    }
  });

  test('the DOT output has the same nodes, classes and edges', () => {
    const dot = readDot(Diagram.dot(model));
    expect([...dot.nodes.keys()].sort()).toEqual([...diagram.nodes.keys()].sort());
    for (const [id, node] of diagram.nodes) expect(dot.nodes.get(id)).toMatchObject({ lines: node.lines, classes: node.classes });
    expect(dot.edges).toEqual(diagram.edges);
  });

  test('deterministic: the same diagram whatever the order of the manifests', () => {
    const reversed = NetworkModel.fromManifests([...richManifests()].reverse());
    expect(Diagram.mermaid(reversed)).toBe(mermaid);
    expect(Diagram.dot(reversed)).toBe(Diagram.dot(model));
  });
});

describe('Diagram with ClusterNetworkPolicies', () => {
  const model = NetworkModel.fromManifests([...richManifests(), ...richClusterPolicies()]);
  const mermaid = Diagram.mermaid(model);
  const diagram = readMermaid(mermaid);

  test('read by its legend, the diagram gives the evaluator\'s verdict for every pair, address and port', () => {
    const addresses = { ...RICH_ADDRESSES, '192.168.0.0/16 except 192.168.7.0/24': '192.168.9.9', '192.168.7.0/24': '192.168.7.7' };
    delete (addresses as Record<string, string>)['192.168.0.0/16'];
    expect(expectDiagramAgrees(model, diagram, [...RICH_PORTS, [Protocol.TCP, 9100]], addresses)).toBeGreaterThan(1000);
  });

  test('the nodes a ClusterNetworkPolicy rule applies to are marked, and the legend says what that means', () => {
    const node = (id: string) => diagram.nodes.get(id)!;
    // worker: a Deny to tools (pods) and one to a network; debug: a Deny from app, and the one to a network.
    expect(node('w_app_worker').classes).toEqual(['isolated-ingress', 'isolated-egress', 'tiered-ingress', 'tiered-egress', 'tiered-egress-networks']);
    expect(node('w_tools_debug')).toMatchObject({
      lines: ['debug', 'Pod', 'isolated', 'ClusterNetworkPolicy rules: ingress, egress to networks'],
      classes: ['isolated-ingress', 'isolated-egress', 'tiered-ingress', 'tiered-egress-networks'],
    });
    expect(mermaid).toContain('%% ClusterNetworkPolicies are judged too (Admin tier, then NetworkPolicies, then Baseline tier);');
    expect(diagram.classDefs.get('tiered-ingress')).toBeDefined();
    // A model without them has neither the legend lines nor the styles.
    expect(Diagram.mermaid(NetworkModel.fromManifests(richManifests()))).not.toContain('tiered');
  });

  test('the DOT output has the same nodes, classes and edges', () => {
    const dot = readDot(Diagram.dot(model));
    for (const [id, n] of diagram.nodes) expect(dot.nodes.get(id)).toMatchObject({ lines: n.lines, classes: n.classes });
    expect(dot.edges).toEqual(diagram.edges);
  });
});

describe('Diagram options and edge cases', () => {
  test('a namespace without policies is drawn open, with no edges', () => {
    const model = NetworkModel.fromManifests([
      pod('dev', 'a', { app: 'a' }, { ports: [[80]] }),
      pod('dev', 'b', { app: 'b' }, { ports: [[80]] }),
      pod('dev', 'c', { app: 'c' }, { ports: [[80]] }),
    ]);
    const diagram = readMermaid(Diagram.mermaid(model));
    expect(diagram.edges).toEqual([]);
    expect([...diagram.nodes.values()].map((n) => n.classes)).toEqual([
      ['open-ingress', 'open-egress'], ['open-ingress', 'open-egress'], ['open-ingress', 'open-egress'],
    ]);
    // Nothing is drawn to or from "any address" either.
    expect([...diagram.nodes.values()].some((n) => n.shape === 'circle')).toBe(false);
    expect(expectDiagramAgrees(model, diagram, [[Protocol.TCP, 80], [Protocol.UDP, 9]], { 'internet / any address': '198.51.100.1' })).toBeGreaterThan(0);
  });

  test('--port: only the given ports are drawn', () => {
    const model = threeTierModel();
    const ports = [Port.udp(53), Port.tcp(8080)];
    const diagram = readMermaid(Diagram.mermaid(model, { namespaces: THREE_TIER_NAMESPACES, ports }));
    expect(diagram.edges.map((e) => `${e.from} -> ${e.to}: ${e.label}`)).toEqual([
      'w_three_tier_backend -> w_kube_system_coredns: UDP 53',
      'w_three_tier_database -> w_kube_system_coredns: UDP 53',
      'w_three_tier_frontend -> w_kube_system_coredns: UDP 53',
      'w_three_tier_frontend -> w_three_tier_backend: TCP 8080',
    ]);
  });

  test('namespaces: only their workloads are drawn', () => {
    const diagram = readMermaid(Diagram.mermaid(threeTierModel(), { namespaces: ['three-tier'] }));
    expect(new Set([...diagram.nodes.values()].map((n) => n.namespace))).toEqual(new Set(['three-tier', undefined]));
    expect(diagram.edges.map((e) => e.label)).toEqual(['TCP 80', 'TCP 5432', 'TCP 8080']);
  });

  test('a title: Mermaid front matter, a DOT graph label', () => {
    const model = threeTierModel();
    expect(Diagram.mermaid(model, { title: 'Three "tiers"' })).toMatch(/^---\ntitle: "Three \\"tiers\\""\n---\nflowchart LR\n/);
    expect(Diagram.dot(model, { title: 'Three "tiers"' })).toContain('  label="Three \\"tiers\\"";\n');
  });

  test('a port that is not a Port, or not one numbered port, is refused', () => {
    expect(() => Diagram.mermaid(threeTierModel(), { ports: [{ port: 80 }] as any })).toThrow('Diagram: ports[0] must be a Port (Port.tcp(8080), Port.udp(53), ...), got {"port":80}');
    expect(() => Diagram.mermaid(threeTierModel(), { ports: [Port.allTcp()] })).toThrow('Diagram: ports: all TCP ports is not one numbered port');
    expect(() => Diagram.dot({} as any)).toThrow('Diagram.dot(): model must be a NetworkModel');
  });

  test('an empty model is an empty flowchart and an empty digraph', () => {
    const empty = new NetworkModel();
    expect(readMermaid(Diagram.mermaid(empty))).toMatchObject({ edges: [] });
    expect(Diagram.mermaid(empty).split('\n').filter((l) => !l.trim().startsWith('%%') && !l.trim().startsWith('classDef'))).toEqual(['flowchart LR', '']);
    expect(Diagram.dot(empty)).toMatch(/^digraph netpol \{\n[\s\S]*\}\n$/);
  });

  test('names are escaped: node ids are safe identifiers, distinct for names that only differ in punctuation, and labels keep the names', () => {
    const model = new NetworkModel();
    const names = ['end', 'a-b', 'a.b', 'a_b', 'q"uote', 'x#y<z>&amp;', 'back\\slash', 'graph'];
    for (const name of names) model.addPod({ name, namespace: 'we-ird', ports: [{ port: 80 }] });
    model.addPolicy({ metadata: { name: 'deny', namespace: 'we-ird' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } });
    const mermaid = Diagram.mermaid(model);
    const diagram = readMermaid(mermaid);
    const ids = [...diagram.nodes.keys()];
    for (const id of ids) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
    expect(new Set(ids).size).toBe(names.length);
    expect([...diagram.nodes.values()].map((n) => n.lines[0]).sort()).toEqual([...names].sort());
    // No raw quote or angle bracket inside a Mermaid label; DOT escapes quotes and backslashes.
    expect(mermaid).not.toMatch(/\["[^\]]*"[^\]]*"\]/);
    expect(mermaid).toContain('q#quot;uote');
    // '&' too: both formats read entities in labels, and the name must not turn into one.
    expect(mermaid).toContain('x#35;y#lt;z#gt;#amp;amp;');
    const dot = Diagram.dot(model);
    expect(dot).toContain('label="q\\"uote\\nPod\\ningress isolated, egress open"');
    expect(dot).toContain('label="back\\\\slash\\n');
    expect(dot).toContain('label="x#y<z>&amp;amp;\\n');
    expect([...readDot(dot).nodes.values()].map((n) => n.lines[0]).sort()).toEqual([...names].sort());
  });

  test('a name shared by two kinds is shown with its kind', () => {
    const model = NetworkModel.fromManifests([
      pod('ns', 'web', { app: 'web' }, { ports: [[80]] }),
      workload('Deployment', 'ns', 'web', { app: 'web' }, [[80]]),
    ]);
    const lines = [...readMermaid(Diagram.mermaid(model)).nodes.values()].map((n) => n.lines[0]);
    expect(lines).toEqual(['Deployment/web', 'Pod/web']);
  });
});
