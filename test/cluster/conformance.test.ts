/**
 * The upstream conformance tests of ClusterNetworkPolicy (kubernetes-sigs/network-policy-api,
 * `conformance/tests/*.go` with the manifests of `conformance/base/`), replayed offline: the same cluster of
 * pods, the same policies (v1alpha2, tiers Admin and Baseline), the same edits between sub-tests, and the same
 * expected verdicts, judged by `Connectivity` instead of by probes between live pods. One `describe` per upstream
 * test (its ShortName and manifest), one `test` per upstream sub-test (its name, quoted).
 *
 * Covered: all 24 upstream tests and their 92 sub-tests (as of upstream commit 0eec1b0e5fa9):
 * - Admin tier: CNPAdminTierIngressTCP, CNPAdminTierIngressUDP, CNPAdminTierIngressSCTP, CNPAdminTierEgressTCP,
 *   CNPAdminTierEgressUDP, CNPAdminTierEgressSCTP, CNPAdminTierGress, CNPAdminTierEgressInlineCIDRPeers,
 *   CNPAdminTierPriorityField, CNPAdminTierIntegration, CNPAdminTierIngressNamedPort, CNPAdminTierEgressNamedPort,
 *   CNPAdminTierEgressNodePeers.
 * - Baseline tier: CNPBaselineTierIngressTCP, CNPBaselineTierIngressUDP, CNPBaselineTierIngressSCTP,
 *   CNPBaselineTierEgressTCP, CNPBaselineTierEgressUDP, CNPBaselineTierEgressSCTP, CNPBaselineTierGress,
 *   CNPBaselineTierEgressInlineCIDRPeers, CNPBaselineTierIngressNamedPort, CNPBaselineTierEgressNamedPort,
 *   CNPBaselineTierEgressNodePeers.
 *
 * Not expressible offline: the node-peer tests (CNPAdminTierEgressNodePeers, CNPBaselineTierEgressNodePeers)
 * probe a host-networked pod of the forbidden-forrest namespace, that is a node's address, through rules with a
 * `nodes` peer. Whether an address belongs to a node labelled kubernetes.io/os=linux is not in the manifests, so
 * the library reports such a rule as "cannot be judged offline" and does not count it as matching. The sub-tests
 * whose verdict rests on the `nodes` peer (upstream: allowed) are skipped, with a test that explain says so; the
 * ones decided by the `networks` peer of the same rules (upstream: denied) are asserted as usual.
 *
 * Upstream edits a policy between sub-tests without undoing the edit, so a sub-test sees every earlier edit of
 * its test; each `test` below builds the policy as it stands at that point. Policy names, tiers, priorities,
 * subjects, peers, ports and rule order are upstream's; rule names follow upstream's pattern (they decide nothing).
 */
import { Connectivity, NetworkModel, Port } from '../../src';

// ---------------------------------------------------------------------------------------------------------------
// The base cluster (conformance/base/manifests.yaml): five namespaces labelled conformance-house=<house>; in four
// of them a StatefulSet of two pods labelled like their namespace, each serving TCP 80 (named "web"), TCP 8080,
// UDP 53 (named "dns"), UDP 5353, SCTP 9003 and SCTP 9005. The pods are written here as Pods, with addresses.
// The forbidden-forrest pods are host-networked: they have their node's address, and ClusterNetworkPolicy
// subjects and pod peers never select host-networked pods, so they are addressed below by the node's IP.
// ---------------------------------------------------------------------------------------------------------------

type House = 'gryffindor' | 'slytherin' | 'hufflepuff' | 'ravenclaw';

const PREFIX = 'network-policy-conformance-';
const nsOf = (house: House | 'forbidden-forrest') => `${PREFIX}${house}`;
const GRYFFINDOR = nsOf('gryffindor');

const STATEFUL_SETS: Record<House, { name: string; subnet: string }> = {
  gryffindor: { name: 'harry-potter', subnet: '10.244.1' },
  slytherin: { name: 'draco-malfoy', subnet: '10.244.2' },
  hufflepuff: { name: 'cedric-diggory', subnet: '10.244.3' },
  ravenclaw: { name: 'luna-lovegood', subnet: '10.244.4' },
};
const HOUSES = Object.keys(STATEFUL_SETS) as House[];

/** `namespace/name` of the two pods of a house's StatefulSet. */
const podsOf = (house: House): [string, string] => [0, 1].map((i) => `${nsOf(house)}/${STATEFUL_SETS[house].name}-${i}`) as [string, string];
const HARRY = podsOf('gryffindor');
const DRACO = podsOf('slytherin');
const CEDRIC = podsOf('hufflepuff');
const LUNA = podsOf('ravenclaw');
const ALL_PODS = [...HARRY, ...DRACO, ...CEDRIC, ...LUNA];

/** The address given to a pod: `<house subnet>.10` and `.11`. */
function ipOf(pod: string): string {
  const house = HOUSES.find((h) => pod.startsWith(`${nsOf(h)}/`))!;
  return `${STATEFUL_SETS[house].subnet}.${10 + Number(pod.slice(-1))}`;
}

/** The node the host-networked centaur-1 runs on (its pod IP is the node's). */
const NODE_IP = '172.18.0.3';

function housePod(house: House, index: number): any {
  const person = STATEFUL_SETS[house].name;
  const image = 'registry.k8s.io/e2e-test-images/agnhost:2.45';
  const server = (port: number, declared?: { name: string; protocol: string }) => ({
    name: `${person}-${port}`,
    image,
    ...(declared ? { ports: [{ containerPort: port, protocol: declared.protocol, name: declared.name }] } : {}),
  });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${person}-${index}`, namespace: nsOf(house), labels: { 'conformance-house': house } },
    spec: {
      containers: [
        { name: `${person}-client`, image },
        server(80, { name: 'web', protocol: 'TCP' }),
        server(8080),
        server(5353),
        server(53, { name: 'dns', protocol: 'UDP' }),
        server(9003),
        server(9005),
      ],
    },
    status: { podIP: ipOf(`${nsOf(house)}/${person}-${index}`) },
  };
}

/** The base cluster; `namespaceLabels` replaces the labels of some namespaces (as upstream relabels slytherin). */
function baseCluster(namespaceLabels: Partial<Record<House, Record<string, string>>> = {}): any[] {
  const namespaces = [...HOUSES, 'forbidden-forrest' as const].map((house) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: nsOf(house), labels: (namespaceLabels as any)[house] ?? { 'conformance-house': house } },
  }));
  return [...namespaces, ...HOUSES.flatMap((house) => [housePod(house, 0), housePod(house, 1)])];
}

// ---------------------------------------------------------------------------------------------------------------
// Policy builders: plain v1alpha2 manifests, and the edits upstream makes to them between sub-tests.
// ---------------------------------------------------------------------------------------------------------------

type Tier = 'Admin' | 'Baseline';
type Direction = 'ingress' | 'egress';
type Action = 'Accept' | 'Deny' | 'Pass';

function cnp(name: string, tier: Tier, priority: number, subject: any, rules: { ingress?: any[]; egress?: any[] }): any {
  return {
    apiVersion: 'policy.networking.k8s.io/v1alpha2',
    kind: 'ClusterNetworkPolicy',
    metadata: { name },
    spec: { tier, priority, subject, ...rules },
  };
}

/** The namespace of a house, by the name label the API server sets. */
const namespaceOf = (house: House) => ({ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': nsOf(house) } } });
/** Namespaces by their conformance-house label. */
const namespacesLabelled = (house: House) => ({ namespaces: { matchLabels: { 'conformance-house': house } } });
/** Pods labelled conformance-house=<house> in namespaces labelled likewise. */
const podsLabelled = (house: House) => ({
  pods: { namespaceSelector: { matchLabels: { 'conformance-house': house } }, podSelector: { matchLabels: { 'conformance-house': house } } },
});

const tcp = (port: number) => ({ tcp: { destinationPort: { number: port } } });
const udp = (port: number) => ({ udp: { destinationPort: { number: port } } });
const sctp = (port: number) => ({ sctp: { destinationPort: { number: port } } });

function rule(direction: Direction, name: string, action: Action, peers: any[], protocols?: any[]): any {
  return { name, action, [direction === 'ingress' ? 'from' : 'to']: peers, ...(protocols ? { protocols } : {}) };
}

/** A copy of a policy with `edit` applied to the copy's spec. */
function edited(policy: any, edit: (spec: any) => void): any {
  const copy = JSON.parse(JSON.stringify(policy));
  edit(copy.spec);
  return copy;
}

/** Swaps two rules of each direction given (the rule-order sub-tests). */
function swapRules(policy: any, directions: Direction[], i: number, j: number): any {
  return edited(policy, (spec) => {
    for (const d of directions) [spec[d][i], spec[d][j]] = [spec[d][j], spec[d][i]];
  });
}

/** How explain names a rule of a policy: `Admin ClusterNetworkPolicy ingress-tcp (priority 3) ingress[0] 'name'`. */
function ruleRef(policy: any, direction: Direction, index: number): string {
  const { tier, priority } = policy.spec;
  return `${tier} ClusterNetworkPolicy ${policy.metadata.name} (priority ${priority}) ${direction}[${index}] '${policy.spec[direction][index].name}'`;
}

// ---------------------------------------------------------------------------------------------------------------
// Judging: one line per upstream probe, so that a failure shows every probe that disagrees.
// ---------------------------------------------------------------------------------------------------------------

/** An upstream probe: client pod, server (pod or address), port, expected verdict. */
type Poke = readonly [source: string, destination: string, port: Port, allowed: boolean];

const upstream = (name: string) => `"${name}"`;
const short = (endpoint: string) => endpoint.replace(PREFIX, '');
const portText = (port: Port) => `${port.protocol} ${port.portNumber}`;
const pokeText = (p: Poke, allowed: boolean) => `${short(p[0])} -> ${short(p[1])} on ${portText(p[2])}: ${allowed ? 'allowed' : 'denied'}`;

function connectivity(objects: any[], cluster: any[] = baseCluster()): Connectivity {
  return Connectivity.of(NetworkModel.fromManifests([...cluster, ...objects]));
}

function expectPokes(c: Connectivity, pokes: readonly Poke[]): void {
  const actual = pokes.map((p) => pokeText(p, c.isAllowed({ source: p[0], destination: p[1], port: p[2] })));
  expect(actual).toEqual(pokes.map((p) => pokeText(p, p[3])));
}

/** Which tier, and which rule, decided a side of a connection: `Admin: <rule>`, `NetworkPolicy`, `Default`. */
function decision(c: Connectivity, source: string, destination: string, port: Port, side: Direction): string {
  const s = c.explain({ source, destination, port })[side];
  return s.decidingRule !== undefined ? `${s.decidingTier}: ${s.decidingRule}` : s.decidingTier!;
}

/** The whole-cluster matrix agrees with single queries on every pair of pods, at these ports. */
function expectMatrixAgrees(c: Connectivity, ports: Port[]): void {
  const matrix = c.matrix({ ports });
  const disagreements: string[] = [];
  for (const source of ALL_PODS) {
    for (const destination of ALL_PODS) {
      if (source === destination) continue;
      for (const port of ports) {
        const single = c.isAllowed({ source, destination, port });
        if (matrix.isAllowed(source, destination, port) !== single) {
          disagreements.push(`${short(source)} -> ${short(destination)} on ${portText(port)}: the query says ${single ? 'allowed' : 'denied'}`);
        }
      }
    }
  }
  expect(disagreements).toEqual([]);
}

const EVERY_PORT = [Port.tcp(80), Port.tcp(8080), Port.udp(53), Port.udp(5353), Port.sctp(9003), Port.sctp(9005)];

// ---------------------------------------------------------------------------------------------------------------
// The rule ladders: the TCP, UDP, SCTP and combined ("gress") tests share one shape of policy. For one subject
// house, rules (in this order) for a house matched on every port: Accept, Deny, Pass; for a second house at
// some ports: Deny, Pass; for a third house: Accept at some ports, then Deny everything else. Baseline policies
// have no Pass rules. The sub-tests then swap rules: the first two (the Deny comes first), then the first and
// third (the Pass comes first), then the fourth and fifth (the Pass at the ports comes first); Baseline tests
// run only the first four sub-tests (no Pass).
// ---------------------------------------------------------------------------------------------------------------

interface Ladder {
  /** The house matched on every port. */
  readonly everything: House;
  /** The house denied (then passed) at some ports. */
  readonly atPorts: House;
  readonly atPortsProtocols: any[];
  /** The house accepted at some ports, then denied the rest. */
  readonly accepted: House;
  readonly acceptedProtocols: any[];
}

const portsLabel = (protocols: any[]) => `at-port${protocols.length > 1 ? 's' : ''}-${protocols
  .map((p) => Object.values(p)[0] as any).map((p) => p.destinationPort.number).join('-')}`;

function ladderRules(direction: Direction, l: Ladder, withPass: boolean): any[] {
  const way = direction === 'ingress' ? 'from' : 'to';
  const r = (action: Action, house: House, what: string, protocols?: any[]) =>
    rule(direction, `${{ Accept: 'allow', Deny: 'deny', Pass: 'pass' }[action]}-${way}-${house}-${what}`, action, [namespaceOf(house)], protocols);
  return [
    r('Accept', l.everything, 'everything'),
    r('Deny', l.everything, 'everything'),
    ...(withPass ? [r('Pass', l.everything, 'everything')] : []),
    r('Deny', l.atPorts, portsLabel(l.atPortsProtocols), l.atPortsProtocols),
    ...(withPass ? [r('Pass', l.atPorts, portsLabel(l.atPortsProtocols), l.atPortsProtocols)] : []),
    r('Accept', l.accepted, portsLabel(l.acceptedProtocols), l.acceptedProtocols),
    r('Deny', l.accepted, 'everything-else'),
  ];
}

/**
 * A probe with the rule expected to decide at the subject's side: a rule name, or undefined for no rule (the
 * Default tier allows). A Pass rule hands over to the tiers after it, which have nothing here: Default.
 */
type LadderPoke = readonly [source: string, destination: string, port: Port, allowed: boolean, decidedBy: string | undefined];

interface LadderSubTest {
  readonly name: string;
  /** How many of the upstream edits (swap 0/1, swap 0/2, swap 3/4) came before this sub-test. */
  readonly edits: 0 | 1 | 2 | 3;
  readonly pokes: readonly LadderPoke[];
}

interface LadderTest {
  readonly subject: House;
  readonly ingress?: Ladder;
  readonly egress?: Ladder;
  /** The six Admin sub-tests; the Baseline test has the first four. */
  readonly subTests: readonly LadderSubTest[];
}

function ladderPolicy(t: LadderTest, name: string, tier: Tier, priority: number, edits: number): any {
  const withPass = tier === 'Admin';
  let policy = cnp(name, tier, priority, namespaceOf(t.subject), {
    ...(t.ingress ? { ingress: ladderRules('ingress', t.ingress, withPass) } : {}),
    ...(t.egress ? { egress: ladderRules('egress', t.egress, withPass) } : {}),
  });
  const directions = (['ingress', 'egress'] as Direction[]).filter((d) => t[d] !== undefined);
  const swaps: Array<[number, number]> = [[0, 1], [0, 2], [3, 4]];
  for (const [i, j] of swaps.slice(0, edits)) policy = swapRules(policy, directions, i, j);
  return policy;
}

/** What `decision` should say for a ladder probe, at the side of the subject. */
function expectedDecision(policy: any, side: Direction, decidedBy: string | undefined): { decision: string; passedBy?: string } {
  if (decidedBy === undefined) return { decision: 'Default' };
  const index = policy.spec[side].findIndex((r: any) => r.name === decidedBy);
  if (index < 0) throw new Error(`no rule ${decidedBy} in ${side} of ${policy.metadata.name}`);
  const ref = ruleRef(policy, side, index);
  return policy.spec[side][index].action === 'Pass' ? { decision: 'Default', passedBy: ref } : { decision: `${policy.spec.tier}: ${ref}`, passedBy: undefined };
}

function runLadder(t: LadderTest, policy: any, sub: LadderSubTest, matrix: boolean): void {
  const c = connectivity([policy]);
  expectPokes(c, sub.pokes.map(([s, d, p, a]) => [s, d, p, a] as const));
  const actual: string[] = [];
  const expected: string[] = [];
  for (const [source, destination, port, , decidedBy] of sub.pokes) {
    // The subject's side: ingress when the server is in the subject namespace, else egress.
    const side: Direction = destination.startsWith(`${nsOf(t.subject)}/`) ? 'ingress' : 'egress';
    const want = expectedDecision(policy, side, decidedBy);
    const head = `${short(source)} -> ${short(destination)} on ${portText(port)}, ${side}`;
    const reason = c.explain({ source, destination, port }).reason;
    const passed = want.passedBy !== undefined && reason.includes(`Admin tier: Pass by ${want.passedBy} (on to the next tier)`);
    actual.push(`${head}: ${decision(c, source, destination, port, side)}${passed ? ` after Pass by ${want.passedBy}` : ''}`);
    expected.push(`${head}: ${want.decision}${want.passedBy ? ` after Pass by ${want.passedBy}` : ''}`);
  }
  expect(actual).toEqual(expected);
  if (matrix) expectMatrixAgrees(c, EVERY_PORT);
}

const INGRESS_TCP: LadderTest = {
  subject: 'gryffindor',
  ingress: { everything: 'ravenclaw', atPorts: 'slytherin', atPortsProtocols: [tcp(80)], accepted: 'hufflepuff', acceptedProtocols: [tcp(80)] },
  subTests: [
    {
      name: "Should support an 'allow-ingress' policy for TCP protocol; ensure rule ordering is respected",
      edits: 0,
      pokes: [
        [LUNA[0], HARRY[0], Port.tcp(80), true, 'allow-from-ravenclaw-everything'],
        [LUNA[1], HARRY[0], Port.tcp(8080), true, 'allow-from-ravenclaw-everything'],
      ],
    },
    {
      name: "Should support an 'allow-ingress' policy for TCP protocol at the specified port",
      edits: 0,
      pokes: [
        [CEDRIC[0], HARRY[1], Port.tcp(80), true, 'allow-from-hufflepuff-at-port-80'],
        [CEDRIC[1], HARRY[1], Port.tcp(8080), false, 'deny-from-hufflepuff-everything-else'],
      ],
    },
    {
      name: "Should support an 'deny-ingress' policy for TCP protocol; ensure rule ordering is respected",
      edits: 1,
      pokes: [
        [LUNA[0], HARRY[1], Port.tcp(80), false, 'deny-from-ravenclaw-everything'],
        [LUNA[1], HARRY[1], Port.tcp(8080), false, 'deny-from-ravenclaw-everything'],
      ],
    },
    {
      name: "Should support a 'deny-ingress' policy for TCP protocol at the specified port",
      edits: 1,
      pokes: [
        [DRACO[0], HARRY[0], Port.tcp(80), false, 'deny-from-slytherin-at-port-80'],
        [DRACO[1], HARRY[0], Port.tcp(8080), true, undefined],
      ],
    },
    {
      name: "Should support an 'pass-ingress' policy for TCP protocol; ensure rule ordering is respected",
      edits: 2,
      pokes: [
        [LUNA[0], HARRY[0], Port.tcp(80), true, 'pass-from-ravenclaw-everything'],
        [LUNA[1], HARRY[0], Port.tcp(8080), true, 'pass-from-ravenclaw-everything'],
      ],
    },
    {
      name: "Should support a 'pass-ingress' policy for TCP protocol at the specified port",
      edits: 3,
      pokes: [
        [DRACO[0], HARRY[0], Port.tcp(80), true, 'pass-from-slytherin-at-port-80'],
        [DRACO[1], HARRY[0], Port.tcp(8080), true, undefined],
      ],
    },
  ],
};

const INGRESS_UDP: LadderTest = {
  subject: 'hufflepuff',
  ingress: { everything: 'ravenclaw', atPorts: 'slytherin', atPortsProtocols: [udp(5353)], accepted: 'gryffindor', acceptedProtocols: [udp(53)] },
  subTests: [
    {
      name: "Should support an 'allow-ingress' policy for UDP protocol; ensure rule ordering is respected",
      edits: 0,
      pokes: [
        [LUNA[0], CEDRIC[0], Port.udp(53), true, 'allow-from-ravenclaw-everything'],
        [LUNA[1], CEDRIC[0], Port.udp(5353), true, 'allow-from-ravenclaw-everything'],
      ],
    },
    {
      name: "Should support an 'allow-ingress' policy for UDP protocol at the specified port",
      edits: 0,
      pokes: [
        [HARRY[0], CEDRIC[1], Port.udp(53), true, 'allow-from-gryffindor-at-port-53'],
        [HARRY[1], CEDRIC[1], Port.udp(5353), false, 'deny-from-gryffindor-everything-else'],
      ],
    },
    {
      name: "Should support an 'deny-ingress' policy for UDP protocol; ensure rule ordering is respected",
      edits: 1,
      pokes: [
        [LUNA[0], CEDRIC[1], Port.udp(53), false, 'deny-from-ravenclaw-everything'],
        [LUNA[1], CEDRIC[1], Port.udp(5353), false, 'deny-from-ravenclaw-everything'],
      ],
    },
    {
      name: "Should support a 'deny-ingress' policy for UDP protocol at the specified port",
      edits: 1,
      pokes: [
        [DRACO[0], CEDRIC[0], Port.udp(5353), false, 'deny-from-slytherin-at-port-5353'],
        [DRACO[1], CEDRIC[0], Port.udp(53), true, undefined],
      ],
    },
    {
      name: "Should support an 'pass-ingress' policy for UDP protocol; ensure rule ordering is respected",
      edits: 2,
      pokes: [
        [LUNA[0], CEDRIC[1], Port.udp(5353), true, 'pass-from-ravenclaw-everything'],
        [LUNA[1], CEDRIC[1], Port.udp(53), true, 'pass-from-ravenclaw-everything'],
      ],
    },
    {
      name: "Should support a 'pass-ingress' policy for UDP protocol at the specified port",
      edits: 3,
      pokes: [
        [DRACO[0], CEDRIC[0], Port.udp(5353), true, 'pass-from-slytherin-at-port-5353'],
        [DRACO[1], CEDRIC[0], Port.udp(53), true, undefined],
      ],
    },
  ],
};

const INGRESS_SCTP: LadderTest = {
  subject: 'ravenclaw',
  ingress: { everything: 'gryffindor', atPorts: 'slytherin', atPortsProtocols: [sctp(9003)], accepted: 'hufflepuff', acceptedProtocols: [sctp(9003)] },
  subTests: [
    {
      name: "Should support an 'allow-ingress' policy for SCTP protocol; ensure rule ordering is respected",
      edits: 0,
      pokes: [
        [HARRY[0], LUNA[0], Port.sctp(9003), true, 'allow-from-gryffindor-everything'],
        [HARRY[1], LUNA[0], Port.sctp(9005), true, 'allow-from-gryffindor-everything'],
      ],
    },
    {
      name: "Should support an 'allow-ingress' policy for SCTP protocol at the specified port",
      edits: 0,
      pokes: [
        [CEDRIC[0], LUNA[1], Port.sctp(9003), true, 'allow-from-hufflepuff-at-port-9003'],
        [CEDRIC[1], LUNA[1], Port.sctp(9005), false, 'deny-from-hufflepuff-everything-else'],
      ],
    },
    {
      name: "Should support an 'deny-ingress' policy for SCTP protocol; ensure rule ordering is respected",
      edits: 1,
      pokes: [
        [HARRY[0], LUNA[1], Port.sctp(9003), false, 'deny-from-gryffindor-everything'],
        [HARRY[1], LUNA[1], Port.sctp(9005), false, 'deny-from-gryffindor-everything'],
      ],
    },
    {
      name: "Should support a 'deny-ingress' policy for SCTP protocol at the specified port",
      edits: 1,
      pokes: [
        [DRACO[0], LUNA[0], Port.sctp(9003), false, 'deny-from-slytherin-at-port-9003'],
        [DRACO[1], LUNA[0], Port.sctp(9005), true, undefined],
      ],
    },
    {
      name: "Should support an 'pass-ingress' policy for SCTP protocol; ensure rule ordering is respected",
      edits: 2,
      pokes: [
        [HARRY[0], LUNA[1], Port.sctp(9003), true, 'pass-from-gryffindor-everything'],
        [HARRY[1], LUNA[1], Port.sctp(9005), true, 'pass-from-gryffindor-everything'],
      ],
    },
    {
      name: "Should support a 'pass-ingress' policy for SCTP protocol at the specified port",
      edits: 3,
      pokes: [
        [DRACO[0], LUNA[0], Port.sctp(9003), true, 'pass-from-slytherin-at-port-9003'],
        [DRACO[1], LUNA[0], Port.sctp(9005), true, undefined],
      ],
    },
  ],
};

const EGRESS_TCP: LadderTest = {
  subject: 'gryffindor',
  egress: { everything: 'ravenclaw', atPorts: 'slytherin', atPortsProtocols: [tcp(80)], accepted: 'hufflepuff', acceptedProtocols: [tcp(8080)] },
  subTests: [
    {
      name: "Should support an 'allow-egress' policy for TCP protocol; ensure rule ordering is respected",
      edits: 0,
      pokes: [
        [HARRY[0], LUNA[0], Port.tcp(80), true, 'allow-to-ravenclaw-everything'],
        [HARRY[1], LUNA[0], Port.tcp(8080), true, 'allow-to-ravenclaw-everything'],
      ],
    },
    {
      name: "Should support an 'allow-egress' policy for TCP protocol at the specified port",
      edits: 0,
      pokes: [
        [HARRY[0], CEDRIC[1], Port.tcp(8080), true, 'allow-to-hufflepuff-at-port-8080'],
        [HARRY[1], CEDRIC[1], Port.tcp(80), false, 'deny-to-hufflepuff-everything-else'],
      ],
    },
    {
      name: "Should support an 'deny-egress' policy for TCP protocol; ensure rule ordering is respected",
      edits: 1,
      pokes: [
        [HARRY[0], LUNA[1], Port.tcp(80), false, 'deny-to-ravenclaw-everything'],
        [HARRY[1], LUNA[1], Port.tcp(8080), false, 'deny-to-ravenclaw-everything'],
      ],
    },
    {
      name: "Should support a 'deny-egress' policy for TCP protocol at the specified port",
      edits: 1,
      pokes: [
        [HARRY[0], DRACO[0], Port.tcp(80), false, 'deny-to-slytherin-at-port-80'],
        [HARRY[1], DRACO[0], Port.tcp(8080), true, undefined],
      ],
    },
    {
      name: "Should support an 'pass-egress' policy for TCP protocol; ensure rule ordering is respected",
      edits: 2,
      pokes: [
        [HARRY[0], LUNA[0], Port.tcp(80), true, 'pass-to-ravenclaw-everything'],
        [HARRY[1], LUNA[0], Port.tcp(8080), true, 'pass-to-ravenclaw-everything'],
      ],
    },
    {
      name: "Should support a 'pass-egress' policy for TCP protocol at the specified port",
      edits: 3,
      pokes: [
        [HARRY[0], DRACO[0], Port.tcp(80), true, 'pass-to-slytherin-at-port-80'],
        [HARRY[1], DRACO[0], Port.tcp(8080), true, undefined],
      ],
    },
  ],
};

const EGRESS_UDP: LadderTest = {
  subject: 'hufflepuff',
  egress: { everything: 'ravenclaw', atPorts: 'slytherin', atPortsProtocols: [udp(5353)], accepted: 'gryffindor', acceptedProtocols: [udp(53)] },
  subTests: [
    {
      name: "Should support an 'allow-egress' policy for UDP protocol; ensure rule ordering is respected",
      edits: 0,
      pokes: [
        [CEDRIC[0], LUNA[0], Port.udp(53), true, 'allow-to-ravenclaw-everything'],
        [CEDRIC[1], LUNA[0], Port.udp(5353), true, 'allow-to-ravenclaw-everything'],
      ],
    },
    {
      name: "Should support an 'allow-egress' policy for UDP protocol at the specified port",
      edits: 0,
      pokes: [
        [CEDRIC[0], HARRY[1], Port.udp(53), true, 'allow-to-gryffindor-at-port-53'],
        [CEDRIC[1], HARRY[1], Port.udp(5353), false, 'deny-to-gryffindor-everything-else'],
      ],
    },
    {
      name: "Should support an 'deny-egress' policy for UDP protocol; ensure rule ordering is respected",
      edits: 1,
      pokes: [
        [CEDRIC[0], LUNA[1], Port.udp(53), false, 'deny-to-ravenclaw-everything'],
        [CEDRIC[1], LUNA[1], Port.udp(5353), false, 'deny-to-ravenclaw-everything'],
      ],
    },
    {
      name: "Should support a 'deny-egress' policy for UDP protocol at the specified port",
      edits: 1,
      pokes: [
        [CEDRIC[0], DRACO[0], Port.udp(5353), false, 'deny-to-slytherin-at-port-5353'],
        [CEDRIC[1], DRACO[0], Port.udp(53), true, undefined],
      ],
    },
    {
      name: "Should support an 'pass-egress' policy for UDP protocol; ensure rule ordering is respected",
      edits: 2,
      pokes: [
        [CEDRIC[0], LUNA[1], Port.udp(5353), true, 'pass-to-ravenclaw-everything'],
        [CEDRIC[1], LUNA[1], Port.udp(53), true, 'pass-to-ravenclaw-everything'],
      ],
    },
    {
      name: "Should support a 'pass-egress' policy for UDP protocol at the specified port",
      edits: 3,
      pokes: [
        [CEDRIC[0], DRACO[0], Port.udp(5353), true, 'pass-to-slytherin-at-port-5353'],
        [CEDRIC[1], DRACO[0], Port.udp(53), true, undefined],
      ],
    },
  ],
};

const EGRESS_SCTP: LadderTest = {
  subject: 'ravenclaw',
  egress: { everything: 'gryffindor', atPorts: 'slytherin', atPortsProtocols: [sctp(9003)], accepted: 'hufflepuff', acceptedProtocols: [sctp(9003)] },
  subTests: [
    {
      name: "Should support an 'allow-egress' policy for SCTP protocol; ensure rule ordering is respected",
      edits: 0,
      pokes: [
        [LUNA[0], HARRY[0], Port.sctp(9003), true, 'allow-to-gryffindor-everything'],
        [LUNA[1], HARRY[0], Port.sctp(9005), true, 'allow-to-gryffindor-everything'],
      ],
    },
    {
      name: "Should support an 'allow-egress' policy for SCTP protocol at the specified port",
      edits: 0,
      pokes: [
        [LUNA[0], CEDRIC[1], Port.sctp(9003), true, 'allow-to-hufflepuff-at-port-9003'],
        [LUNA[1], CEDRIC[1], Port.sctp(9005), false, 'deny-to-hufflepuff-everything-else'],
      ],
    },
    {
      name: "Should support an 'deny-egress' policy for SCTP protocol; ensure rule ordering is respected",
      edits: 1,
      pokes: [
        [LUNA[0], HARRY[1], Port.sctp(9003), false, 'deny-to-gryffindor-everything'],
        [LUNA[1], HARRY[1], Port.sctp(9005), false, 'deny-to-gryffindor-everything'],
      ],
    },
    {
      name: "Should support a 'deny-egress' policy for SCTP protocol at the specified port",
      edits: 1,
      pokes: [
        [LUNA[0], DRACO[0], Port.sctp(9003), false, 'deny-to-slytherin-at-port-9003'],
        [LUNA[1], DRACO[0], Port.sctp(9005), true, undefined],
      ],
    },
    {
      name: "Should support an 'pass-egress' policy for SCTP protocol; ensure rule ordering is respected",
      edits: 2,
      pokes: [
        [LUNA[0], HARRY[1], Port.sctp(9003), true, 'pass-to-gryffindor-everything'],
        [LUNA[1], HARRY[1], Port.sctp(9005), true, 'pass-to-gryffindor-everything'],
      ],
    },
    {
      name: "Should support a 'pass-egress' policy for SCTP protocol at the specified port",
      edits: 3,
      pokes: [
        [LUNA[0], DRACO[0], Port.sctp(9003), true, 'pass-to-slytherin-at-port-9003'],
        [LUNA[1], DRACO[0], Port.sctp(9005), true, undefined],
      ],
    },
  ],
};

// The combined test: both directions at once, each rule naming TCP, UDP and SCTP ports.
const SLYTHERIN_PORTS = [tcp(80), udp(53), sctp(9003)];
const GRESS: LadderTest = {
  subject: 'gryffindor',
  egress: { everything: 'ravenclaw', atPorts: 'slytherin', atPortsProtocols: SLYTHERIN_PORTS, accepted: 'hufflepuff', acceptedProtocols: [tcp(8080), udp(5353), sctp(9003)] },
  ingress: { everything: 'ravenclaw', atPorts: 'slytherin', atPortsProtocols: SLYTHERIN_PORTS, accepted: 'hufflepuff', acceptedProtocols: [tcp(80), udp(5353), sctp(9003)] },
  subTests: [
    {
      name: "Should support an 'allow-gress' policy across different protocols",
      edits: 0,
      pokes: [
        [HARRY[0], LUNA[0], Port.tcp(80), true, 'allow-to-ravenclaw-everything'],
        [HARRY[1], LUNA[0], Port.udp(53), true, 'allow-to-ravenclaw-everything'],
        [HARRY[0], LUNA[0], Port.sctp(9003), true, 'allow-to-ravenclaw-everything'],
        [LUNA[0], HARRY[0], Port.tcp(80), true, 'allow-from-ravenclaw-everything'],
        [LUNA[1], HARRY[0], Port.udp(53), true, 'allow-from-ravenclaw-everything'],
        [LUNA[1], HARRY[0], Port.sctp(9003), true, 'allow-from-ravenclaw-everything'],
      ],
    },
    {
      name: "Should support an 'allow-gress' policy across different protocols at the specified ports",
      edits: 0,
      pokes: [
        [HARRY[0], CEDRIC[1], Port.tcp(8080), true, 'allow-to-hufflepuff-at-ports-8080-5353-9003'],
        [HARRY[1], CEDRIC[1], Port.tcp(80), false, 'deny-to-hufflepuff-everything-else'],
        [HARRY[0], CEDRIC[1], Port.udp(5353), true, 'allow-to-hufflepuff-at-ports-8080-5353-9003'],
        [HARRY[1], CEDRIC[1], Port.udp(53), false, 'deny-to-hufflepuff-everything-else'],
        [HARRY[0], CEDRIC[1], Port.sctp(9003), true, 'allow-to-hufflepuff-at-ports-8080-5353-9003'],
        [HARRY[1], CEDRIC[1], Port.sctp(9005), false, 'deny-to-hufflepuff-everything-else'],
        [CEDRIC[0], HARRY[1], Port.tcp(80), true, 'allow-from-hufflepuff-at-ports-80-5353-9003'],
        [CEDRIC[1], HARRY[1], Port.tcp(8080), false, 'deny-from-hufflepuff-everything-else'],
        [CEDRIC[0], HARRY[1], Port.udp(5353), true, 'allow-from-hufflepuff-at-ports-80-5353-9003'],
        [CEDRIC[1], HARRY[1], Port.udp(53), false, 'deny-from-hufflepuff-everything-else'],
        [CEDRIC[0], HARRY[1], Port.sctp(9003), true, 'allow-from-hufflepuff-at-ports-80-5353-9003'],
        [CEDRIC[1], HARRY[1], Port.sctp(9005), false, 'deny-from-hufflepuff-everything-else'],
      ],
    },
    {
      name: "Should support an 'deny-gress' policy across different protocols",
      edits: 1,
      pokes: [
        [HARRY[0], LUNA[1], Port.tcp(80), false, 'deny-to-ravenclaw-everything'],
        [HARRY[1], LUNA[1], Port.udp(53), false, 'deny-to-ravenclaw-everything'],
        [HARRY[0], LUNA[1], Port.sctp(9003), false, 'deny-to-ravenclaw-everything'],
        [LUNA[0], HARRY[1], Port.tcp(80), false, 'deny-from-ravenclaw-everything'],
        [LUNA[1], HARRY[1], Port.udp(53), false, 'deny-from-ravenclaw-everything'],
        [LUNA[1], HARRY[1], Port.sctp(9003), false, 'deny-from-ravenclaw-everything'],
      ],
    },
    {
      name: "Should support a 'deny-gress' policy across different protocols at the specified ports",
      edits: 1,
      pokes: [
        [HARRY[0], DRACO[0], Port.tcp(80), false, 'deny-to-slytherin-at-ports-80-53-9003'],
        [HARRY[1], DRACO[0], Port.tcp(8080), true, undefined],
        [HARRY[0], DRACO[0], Port.udp(53), false, 'deny-to-slytherin-at-ports-80-53-9003'],
        [HARRY[1], DRACO[0], Port.udp(5353), true, undefined],
        [HARRY[0], DRACO[0], Port.sctp(9003), false, 'deny-to-slytherin-at-ports-80-53-9003'],
        [HARRY[1], DRACO[0], Port.sctp(9005), true, undefined],
        [DRACO[0], HARRY[0], Port.tcp(80), false, 'deny-from-slytherin-at-ports-80-53-9003'],
        [DRACO[1], HARRY[0], Port.tcp(8080), true, undefined],
        [DRACO[0], HARRY[0], Port.udp(53), false, 'deny-from-slytherin-at-ports-80-53-9003'],
        [DRACO[1], HARRY[0], Port.udp(5353), true, undefined],
        [DRACO[0], HARRY[0], Port.sctp(9003), false, 'deny-from-slytherin-at-ports-80-53-9003'],
        [DRACO[1], HARRY[0], Port.sctp(9005), true, undefined],
      ],
    },
    {
      name: "Should support an 'pass-gress' policy across different protocols",
      edits: 2,
      pokes: [
        [HARRY[0], LUNA[0], Port.tcp(80), true, 'pass-to-ravenclaw-everything'],
        [HARRY[0], LUNA[0], Port.udp(5353), true, 'pass-to-ravenclaw-everything'],
        [HARRY[0], LUNA[0], Port.sctp(9003), true, 'pass-to-ravenclaw-everything'],
        [LUNA[0], HARRY[0], Port.tcp(80), true, 'pass-from-ravenclaw-everything'],
        [LUNA[1], HARRY[0], Port.udp(53), true, 'pass-from-ravenclaw-everything'],
        [LUNA[1], HARRY[0], Port.sctp(9003), true, 'pass-from-ravenclaw-everything'],
      ],
    },
    {
      name: "Should support a 'pass-gress' policy across different protocols at the specified ports",
      edits: 3,
      pokes: [
        [HARRY[0], DRACO[0], Port.tcp(80), true, 'pass-to-slytherin-at-ports-80-53-9003'],
        [HARRY[1], DRACO[0], Port.tcp(8080), true, undefined],
        [HARRY[0], DRACO[0], Port.udp(53), true, 'pass-to-slytherin-at-ports-80-53-9003'],
        [HARRY[1], DRACO[0], Port.udp(5353), true, undefined],
        [HARRY[0], DRACO[0], Port.sctp(9003), true, 'pass-to-slytherin-at-ports-80-53-9003'],
        [HARRY[1], DRACO[0], Port.sctp(9005), true, undefined],
        [DRACO[0], HARRY[0], Port.tcp(80), true, 'pass-from-slytherin-at-ports-80-53-9003'],
        [DRACO[1], HARRY[0], Port.tcp(8080), true, undefined],
        [DRACO[0], HARRY[0], Port.udp(53), true, 'pass-from-slytherin-at-ports-80-53-9003'],
        [DRACO[1], HARRY[0], Port.udp(5353), true, undefined],
        [DRACO[0], HARRY[0], Port.sctp(9003), true, 'pass-from-slytherin-at-ports-80-53-9003'],
        [DRACO[1], HARRY[0], Port.sctp(9005), true, undefined],
      ],
    },
  ],
};

/** The upstream tests built on ladders: ShortName, manifest, the policy's name and priority, and the ladder. */
interface LadderEntry {
  readonly short: string;
  readonly manifest: string;
  readonly tier: Tier;
  readonly name: string;
  readonly priority: number;
  readonly test: LadderTest;
  /** Also compare the whole-cluster matrix with single queries. */
  readonly matrix?: boolean;
}

const LADDER_TESTS: readonly LadderEntry[] = [
  { short: 'CNPAdminTierIngressTCP', manifest: 'standard-ingress-tcp-rules.yaml', tier: 'Admin', name: 'ingress-tcp', priority: 3, test: INGRESS_TCP, matrix: true },
  { short: 'CNPAdminTierIngressUDP', manifest: 'standard-ingress-udp-rules.yaml', tier: 'Admin', name: 'ingress-udp', priority: 4, test: INGRESS_UDP },
  { short: 'CNPAdminTierIngressSCTP', manifest: 'standard-ingress-sctp-rules.yaml', tier: 'Admin', name: 'ingress-sctp', priority: 5, test: INGRESS_SCTP },
  { short: 'CNPAdminTierEgressTCP', manifest: 'standard-egress-tcp-rules.yaml', tier: 'Admin', name: 'egress-tcp', priority: 6, test: EGRESS_TCP },
  { short: 'CNPAdminTierEgressUDP', manifest: 'standard-egress-udp-rules.yaml', tier: 'Admin', name: 'egress-udp', priority: 7, test: EGRESS_UDP },
  { short: 'CNPAdminTierEgressSCTP', manifest: 'standard-egress-sctp-rules.yaml', tier: 'Admin', name: 'egress-sctp', priority: 8, test: EGRESS_SCTP },
  { short: 'CNPAdminTierGress', manifest: 'standard-gress-rules-combined.yaml', tier: 'Admin', name: 'gress-rules', priority: 15, test: GRESS, matrix: true },
  { short: 'CNPBaselineTierIngressTCP', manifest: 'standard-ingress-tcp-rules.yaml', tier: 'Baseline', name: 'default', priority: 10, test: INGRESS_TCP },
  { short: 'CNPBaselineTierIngressUDP', manifest: 'standard-ingress-udp-rules.yaml', tier: 'Baseline', name: 'default', priority: 10, test: INGRESS_UDP },
  { short: 'CNPBaselineTierIngressSCTP', manifest: 'standard-ingress-sctp-rules.yaml', tier: 'Baseline', name: 'default', priority: 10, test: INGRESS_SCTP },
  { short: 'CNPBaselineTierEgressTCP', manifest: 'standard-egress-tcp-rules.yaml', tier: 'Baseline', name: 'default', priority: 10, test: EGRESS_TCP },
  { short: 'CNPBaselineTierEgressUDP', manifest: 'standard-egress-udp-rules.yaml', tier: 'Baseline', name: 'default', priority: 10, test: EGRESS_UDP },
  { short: 'CNPBaselineTierEgressSCTP', manifest: 'standard-egress-sctp-rules.yaml', tier: 'Baseline', name: 'default', priority: 10, test: EGRESS_SCTP },
  { short: 'CNPBaselineTierGress', manifest: 'standard-gress-rules-combined.yaml', tier: 'Baseline', name: 'default', priority: 10, test: GRESS, matrix: true },
];

for (const t of LADDER_TESTS) {
  const folder = t.tier === 'Admin' ? 'admin_tier' : 'baseline_tier';
  describe(`${t.short} (conformance/base/${folder}/${t.manifest})`, () => {
    const subTests = t.tier === 'Admin' ? t.test.subTests : t.test.subTests.slice(0, 4);
    for (const sub of subTests) {
      test(upstream(sub.name), () => {
        runLadder(t.test, ladderPolicy(t.test, t.name, t.tier, t.priority, sub.edits), sub, t.matrix === true);
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Named ports: one rule of a ladder rewritten to name the destination's container port ("web" is TCP 80, "dns"
// is UDP 53 on every pod). Each is an upstream test of its own, starting from the policy as applied.
// ---------------------------------------------------------------------------------------------------------------

function withNamedPort(policy: any, direction: Direction, ruleName: string, portName: string): any {
  return edited(policy, (spec) => {
    const target = spec[direction].find((r: any) => r.name === ruleName);
    target.protocols = [{ destinationNamedPort: portName }];
  });
}

describe('CNPAdminTierEgressNamedPort (conformance/base/admin_tier/standard-egress-tcp-rules.yaml)', () => {
  test(upstream("Should support an 'allow-egress' policy for named port"), () => {
    // egress[5] (Accept to hufflepuff at TCP 8080) now names the port "web": TCP 80.
    const policy = withNamedPort(ladderPolicy(EGRESS_TCP, 'egress-tcp', 'Admin', 6, 0), 'egress', 'allow-to-hufflepuff-at-port-8080', 'web');
    const c = connectivity([policy]);
    expectPokes(c, [
      [HARRY[0], CEDRIC[1], Port.tcp(80), true],
      [HARRY[1], CEDRIC[1], Port.tcp(8080), false],
    ]);
    expect(decision(c, HARRY[0], CEDRIC[1], Port.tcp(80), 'egress')).toBe(`Admin: ${ruleRef(policy, 'egress', 5)}`);
    expect(decision(c, HARRY[1], CEDRIC[1], Port.tcp(8080), 'egress')).toBe(`Admin: ${ruleRef(policy, 'egress', 6)}`);
    // The query may name the port too, resolved on the destination.
    expect(c.isAllowed({ source: HARRY[0], destination: CEDRIC[1], port: Port.named('web') })).toBe(true);
  });
});

describe('CNPAdminTierIngressNamedPort (conformance/base/admin_tier/standard-ingress-udp-rules.yaml)', () => {
  test(upstream("Should support an 'allow-ingress' policy for named port"), () => {
    // ingress[5] (Accept from gryffindor at UDP 53) now names the port "dns": UDP 53.
    const policy = withNamedPort(ladderPolicy(INGRESS_UDP, 'ingress-udp', 'Admin', 4, 0), 'ingress', 'allow-from-gryffindor-at-port-53', 'dns');
    const c = connectivity([policy]);
    expectPokes(c, [
      [HARRY[0], CEDRIC[1], Port.udp(53), true],
      [HARRY[1], CEDRIC[1], Port.udp(5353), false],
    ]);
    expect(decision(c, HARRY[0], CEDRIC[1], Port.udp(53), 'ingress')).toBe(`Admin: ${ruleRef(policy, 'ingress', 5)}`);
    expect(decision(c, HARRY[1], CEDRIC[1], Port.udp(5353), 'ingress')).toBe(`Admin: ${ruleRef(policy, 'ingress', 6)}`);
  });
});

describe('CNPBaselineTierEgressNamedPort (conformance/base/baseline_tier/standard-egress-udp-rules.yaml)', () => {
  test(upstream("Should support an 'allow-egress' policy for named port"), () => {
    // egress[3] (Accept to gryffindor at UDP 53) now names the port "dns".
    const policy = withNamedPort(ladderPolicy(EGRESS_UDP, 'default', 'Baseline', 10, 0), 'egress', 'allow-to-gryffindor-at-port-53', 'dns');
    const c = connectivity([policy]);
    expectPokes(c, [
      [CEDRIC[0], HARRY[1], Port.udp(53), true],
      [CEDRIC[1], HARRY[1], Port.udp(5353), false],
    ]);
    expect(decision(c, CEDRIC[0], HARRY[1], Port.udp(53), 'egress')).toBe(`Baseline: ${ruleRef(policy, 'egress', 3)}`);
    expect(decision(c, CEDRIC[1], HARRY[1], Port.udp(5353), 'egress')).toBe(`Baseline: ${ruleRef(policy, 'egress', 4)}`);
  });
});

describe('CNPBaselineTierIngressNamedPort (conformance/base/baseline_tier/standard-ingress-tcp-rules.yaml)', () => {
  test(upstream("Should support an 'allow-ingress' policy for named port"), () => {
    // ingress[3] (Accept from hufflepuff at TCP 80) now names the port "web".
    const policy = withNamedPort(ladderPolicy(INGRESS_TCP, 'default', 'Baseline', 10, 0), 'ingress', 'allow-from-hufflepuff-at-port-80', 'web');
    const c = connectivity([policy]);
    expectPokes(c, [
      [CEDRIC[0], HARRY[1], Port.tcp(80), true],
      [CEDRIC[1], HARRY[1], Port.tcp(8080), false],
    ]);
    expect(decision(c, CEDRIC[0], HARRY[1], Port.tcp(80), 'ingress')).toBe(`Baseline: ${ruleRef(policy, 'ingress', 3)}`);
    expect(decision(c, CEDRIC[1], HARRY[1], Port.tcp(8080), 'ingress')).toBe(`Baseline: ${ruleRef(policy, 'ingress', 4)}`);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Inline CIDR peers: gryffindor may reach slytherin's pods, and nothing else (0.0.0.0/0 and ::/0 match pod
// addresses too). Upstream then relabels the slytherin namespace so that the Accept no longer matches, and
// back; and then puts an Accept to two pod addresses (/32) first.
// ---------------------------------------------------------------------------------------------------------------

function inlineCidrPolicy(name: string, tier: Tier, priority: number, subject: any): any {
  return cnp(name, tier, priority, subject, {
    egress: [
      rule('egress', 'allow-egress-to-slytherin', 'Accept', [podsLabelled('slytherin')]),
      rule('egress', 'deny-egress-to-internet', 'Deny', [{ networks: ['0.0.0.0/0', '::/0'] }]),
    ],
  });
}

function withPodAddressesFirst(policy: any): any {
  return edited(policy, (spec) => {
    const allow = rule('egress', 'allow-egress-to-specific-podIPs', 'Accept', [{ networks: [`${ipOf(LUNA[0])}/32`, `${ipOf(CEDRIC[0])}/32`] }]);
    spec.egress = [allow, ...spec.egress];
  });
}

const ALL_PROTOCOLS = [Port.tcp(80), Port.udp(53), Port.sctp(9003)];
const pokesTo = (source: string, destination: string, allowed: boolean): Poke[] =>
  ALL_PROTOCOLS.map((p) => [source, destination, p, allowed] as const);

const INLINE_CIDR_TESTS: ReadonlyArray<{ short: string; manifest: string; policy: any }> = [
  {
    short: 'CNPAdminTierEgressInlineCIDRPeers',
    manifest: 'admin_tier/standard-egress-inline-cidr-rules.yaml',
    policy: inlineCidrPolicy('inline-cidr-as-peers-example', 'Admin', 85, podsLabelled('gryffindor')),
  },
  {
    short: 'CNPBaselineTierEgressInlineCIDRPeers',
    manifest: 'baseline_tier/standard-egress-inline-cidr-rules.yaml',
    policy: inlineCidrPolicy('default', 'Baseline', 10, namespaceOf('gryffindor')),
  },
];

for (const t of INLINE_CIDR_TESTS) {
  describe(`${t.short} (conformance/base/${t.manifest})`, () => {
    const tier = t.policy.spec.tier;
    test(upstream("Should support a 'deny-egress' rule policy for egress-cidr-peer"), () => {
      const c = connectivity([t.policy]);
      expectPokes(c, [
        ...pokesTo(HARRY[1], LUNA[0], false),
        ...pokesTo(HARRY[1], CEDRIC[0], false),
        ...pokesTo(HARRY[1], DRACO[0], true),
      ]);
      expect(decision(c, HARRY[1], LUNA[0], Port.tcp(80), 'egress')).toBe(`${tier}: ${ruleRef(t.policy, 'egress', 1)}`);
      expect(decision(c, HARRY[1], DRACO[0], Port.tcp(80), 'egress')).toBe(`${tier}: ${ruleRef(t.policy, 'egress', 0)}`);
      // The Deny is by address, so an address outside the cluster is denied as well.
      expect(c.isAllowed({ source: HARRY[1], destination: '192.0.2.10', port: Port.HTTPS })).toBe(false);
      expectMatrixAgrees(c, ALL_PROTOCOLS);

      // slytherin relabelled conformance-house=denied-namespace-label: its pods no longer match the Accept.
      const relabelled = connectivity([t.policy], baseCluster({ slytherin: { 'conformance-house': 'denied-namespace-label' } }));
      expectPokes(relabelled, pokesTo(HARRY[1], DRACO[0], false));
      expect(decision(relabelled, HARRY[1], DRACO[0], Port.tcp(80), 'egress')).toBe(`${tier}: ${ruleRef(t.policy, 'egress', 1)}`);

      // And back to conformance-house=slytherin.
      expectPokes(connectivity([t.policy], baseCluster({ slytherin: { 'conformance-house': 'slytherin' } })), pokesTo(HARRY[1], DRACO[0], true));
    });

    test(upstream("Should support an 'allow-egress' rule policy for egress-cidr-peer"), () => {
      const policy = withPodAddressesFirst(t.policy);
      const c = connectivity([policy]);
      expectPokes(c, [
        ...pokesTo(HARRY[1], LUNA[0], true),
        ...pokesTo(HARRY[1], CEDRIC[0], true),
        ...pokesTo(HARRY[1], LUNA[1], false),
        ...pokesTo(HARRY[1], CEDRIC[1], false),
      ]);
      expect(decision(c, HARRY[1], CEDRIC[0], Port.sctp(9003), 'egress')).toBe(`${tier}: ${ruleRef(policy, 'egress', 0)}`);
      expect(decision(c, HARRY[1], CEDRIC[1], Port.sctp(9003), 'egress')).toBe(`${tier}: ${ruleRef(policy, 'egress', 2)}`);
      // The addresses may be given as such.
      expect(c.isAllowed({ source: HARRY[1], destination: ipOf(LUNA[0]), port: Port.tcp(80) })).toBe(true);
      expect(c.isAllowed({ source: HARRY[1], destination: ipOf(LUNA[1]), port: Port.tcp(80) })).toBe(false);
      expectMatrixAgrees(c, ALL_PROTOCOLS);
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Priorities: an Admin Deny at 50 and an Admin Pass at 60 for slytherin, both ways, over a Baseline Accept. The
// Deny wins until the Pass moves to priority 40 (lower is first); then the Baseline Accept decides.
// ---------------------------------------------------------------------------------------------------------------

describe('CNPAdminTierPriorityField (conformance/base/admin_tier/standard-priority-field.yaml)', () => {
  const both = (action: Action, verb: string) => ({
    ingress: [rule('ingress', `${verb}-all-ingress-from-slytherin`, action, [podsLabelled('slytherin')])],
    egress: [rule('egress', `${verb}-all-egress-to-slytherin`, action, [podsLabelled('slytherin')])],
  });
  const deny50 = cnp('priority-50-example', 'Admin', 50, podsLabelled('gryffindor'), both('Deny', 'deny'));
  const pass60 = cnp('old-priority-60-new-priority-40-example', 'Admin', 60, podsLabelled('gryffindor'), both('Pass', 'pass'));
  const baseline = cnp('default', 'Baseline', 10, podsLabelled('gryffindor'), both('Accept', 'allow'));
  const pass40 = edited(pass60, (spec) => {
    spec.priority = 40;
  });

  test(upstream('Should Deny traffic from slytherin to gryffindor respecting admin CNP'), () => {
    const c = connectivity([deny50, pass60, baseline]);
    expectPokes(c, [
      [DRACO[0], HARRY[0], Port.tcp(80), false],
      [DRACO[1], HARRY[0], Port.tcp(8080), false],
    ]);
    expect(decision(c, DRACO[0], HARRY[0], Port.tcp(80), 'ingress')).toBe(`Admin: ${ruleRef(deny50, 'ingress', 0)}`);
  });

  test(upstream('Should Deny traffic to slytherin from gryffindor respecting admin CNP'), () => {
    const c = connectivity([deny50, pass60, baseline]);
    expectPokes(c, [
      [HARRY[0], DRACO[0], Port.tcp(80), false],
      [HARRY[1], DRACO[0], Port.tcp(8080), false],
    ]);
    expect(decision(c, HARRY[0], DRACO[0], Port.tcp(80), 'egress')).toBe(`Admin: ${ruleRef(deny50, 'egress', 0)}`);
  });

  test(upstream('Should respect admin CNP priority field; thus passing both ingress and egress traffic over to baseline CNP'), () => {
    const c = connectivity([deny50, pass40, baseline]);
    expectPokes(c, [
      [DRACO[0], HARRY[0], Port.tcp(80), true],
      [DRACO[1], HARRY[0], Port.tcp(8080), true],
      [HARRY[0], DRACO[0], Port.tcp(80), true],
      [HARRY[1], DRACO[0], Port.tcp(8080), true],
    ]);
    const e = c.explain({ source: DRACO[0], destination: HARRY[0], port: Port.tcp(80) });
    expect(e.ingress.decidingTier).toBe('Baseline');
    expect(e.ingress.decidingRule).toBe(ruleRef(baseline, 'ingress', 0));
    expect(e.reason).toContain(`Admin tier: Pass by ${ruleRef(pass40, 'ingress', 0)} (on to the next tier)`);
    expect(decision(c, HARRY[1], DRACO[0], Port.tcp(8080), 'egress')).toBe(`Baseline: ${ruleRef(baseline, 'egress', 0)}`);
    expectMatrixAgrees(c, [Port.tcp(80), Port.tcp(8080)]);
    expect(c.matrix({ ports: [Port.tcp(80)] }).isAllowed(DRACO[1], HARRY[1], Port.tcp(80))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Integration of the three tiers: an Admin Deny for slytherin both ways, a NetworkPolicy in gryffindor allowing
// slytherin both ways, a Baseline Deny for slytherin both ways. Upstream turns the Admin ingress rule, then the
// egress rule, into Pass (the NetworkPolicy decides), then deletes the NetworkPolicy (the Baseline decides).
// ---------------------------------------------------------------------------------------------------------------

describe('CNPAdminTierIntegration (conformance/base/api_integration/standard-anp-np-banp.yaml)', () => {
  const denyBoth = (name: string, tier: Tier, priority: number) => cnp(name, tier, priority, namespacesLabelled('gryffindor'), {
    ingress: [rule('ingress', 'deny-all-ingress-from-slytherin', 'Deny', [namespacesLabelled('slytherin')])],
    egress: [rule('egress', 'deny-all-egress-to-slytherin', 'Deny', [namespacesLabelled('slytherin')])],
  });
  const admin = denyBoth('pass-example', 'Admin', 10);
  const baseline = denyBoth('default', 'Baseline', 10);
  const networkPolicy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'allow-gress-from-to-slytherin-to-gryffindor', namespace: GRYFFINDOR },
    spec: {
      podSelector: {}, // upstream leaves it empty (null): every pod of the namespace
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'conformance-house': 'slytherin' } } }] }],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { 'conformance-house': 'slytherin' } } }] }],
    },
  };
  const passIngress = edited(admin, (spec) => {
    spec.ingress[0].action = 'Pass';
  });
  const passBoth = edited(passIngress, (spec) => {
    spec.egress[0].action = 'Pass';
  });
  const fromSlytherin: Poke[] = [[DRACO[0], HARRY[0], Port.tcp(80), false], [DRACO[1], HARRY[0], Port.tcp(8080), false]];
  const toSlytherin: Poke[] = [[HARRY[0], DRACO[0], Port.tcp(80), false], [HARRY[1], DRACO[0], Port.tcp(8080), false]];
  const allowedNow = (pokes: Poke[]): Poke[] => pokes.map(([s, d, p]) => [s, d, p, true] as const);

  test(upstream('Should Deny traffic from slytherin to gryffindor respecting admin CNP'), () => {
    const c = connectivity([admin, networkPolicy, baseline]);
    expectPokes(c, fromSlytherin);
    expect(decision(c, DRACO[0], HARRY[0], Port.tcp(80), 'ingress')).toBe(`Admin: ${ruleRef(admin, 'ingress', 0)}`);
  });

  test(upstream('Should Deny traffic to slytherin from gryffindor respecting admin CNP'), () => {
    const c = connectivity([admin, networkPolicy, baseline]);
    expectPokes(c, toSlytherin);
    expect(decision(c, HARRY[0], DRACO[0], Port.tcp(80), 'egress')).toBe(`Admin: ${ruleRef(admin, 'egress', 0)}`);
  });

  test(upstream("Should support a 'pass-ingress' policy for admin CNP and respect the match for network policy"), () => {
    const c = connectivity([passIngress, networkPolicy, baseline]);
    expectPokes(c, allowedNow(fromSlytherin));
    const e = c.explain({ source: DRACO[0], destination: HARRY[0], port: Port.tcp(80) });
    expect(e.ingress.decidingTier).toBe('NetworkPolicy');
    expect(e.reason).toContain(`Admin tier: Pass by ${ruleRef(passIngress, 'ingress', 0)} (on to the next tier)`);
    // The egress rule is still a Deny.
    expectPokes(c, toSlytherin);
  });

  test(upstream("Should support a 'pass-egress' policy for admin CNP and respect the match for network policy"), () => {
    const c = connectivity([passBoth, networkPolicy, baseline]);
    expectPokes(c, allowedNow(toSlytherin));
    expect(decision(c, HARRY[0], DRACO[0], Port.tcp(80), 'egress')).toBe('NetworkPolicy');
    expectMatrixAgrees(c, [Port.tcp(80), Port.tcp(8080)]);
    const matrix = c.matrix({ ports: [Port.tcp(80)] });
    expect(matrix.isAllowed(HARRY[1], DRACO[1], Port.tcp(80))).toBe(true);
    expect(matrix.isAllowed(DRACO[1], HARRY[1], Port.tcp(80))).toBe(true);
    // The NetworkPolicy isolates gryffindor for egress: elsewhere than slytherin is denied.
    expect(matrix.isAllowed(HARRY[1], LUNA[0], Port.tcp(80))).toBe(false);
  });

  test(upstream("Should support a 'pass-ingress' policy for admin CNP and respect the match for baseline cluster network policy"), () => {
    // The NetworkPolicy is deleted: after the Pass, the Baseline Deny decides.
    const c = connectivity([passBoth, baseline]);
    expectPokes(c, fromSlytherin);
    expect(decision(c, DRACO[0], HARRY[0], Port.tcp(80), 'ingress')).toBe(`Baseline: ${ruleRef(baseline, 'ingress', 0)}`);
  });

  test(upstream("Should support a 'pass-egress' policy for admin CNP and respect the match for baseline cluster network policy"), () => {
    const c = connectivity([passBoth, baseline]);
    expectPokes(c, toSlytherin);
    expect(decision(c, HARRY[0], DRACO[0], Port.tcp(80), 'egress')).toBe(`Baseline: ${ruleRef(baseline, 'egress', 0)}`);
    expectMatrixAgrees(c, [Port.tcp(80), Port.tcp(8080)]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Node peers: probes to a host-networked pod, that is to a node's address. A `nodes` peer cannot be judged
// offline (which addresses are nodes labelled kubernetes.io/os=linux is not in the manifests): the library says
// so and counts it as not matching. The Deny rules also name 0.0.0.0/0, which decides the deny sub-tests.
// ---------------------------------------------------------------------------------------------------------------

/** The ports upstream picks free on the nodes at run time; any will do here. */
const HOST_PORTS = [34001, 34002, 34003, 34004, 34005, 34006, 34007, 34008];
const LINUX_NODES = { nodes: { matchLabels: { 'kubernetes.io/os': 'linux' } } };
const EVERY_ADDRESS = { networks: ['0.0.0.0/0', '::/0'] };
const notJudged = (policy: any, index: number) => `note: ${ruleRef(policy, 'egress', index)} names nodes, which cannot be judged offline`;

describe('CNPAdminTierEgressNodePeers (conformance/base/admin_tier/experimental-egress-selector-rules.yaml)', () => {
  const policy = cnp('node-and-cidr-as-peers-example', 'Admin', 75, podsLabelled('gryffindor'), {
    egress: [
      rule('egress', `allow-egress-to-${HOST_PORTS[0]}-on-nodes`, 'Accept', [LINUX_NODES], [tcp(HOST_PORTS[0])]),
      rule('egress', `pass-egress-to-${HOST_PORTS[2]}-on-nodes`, 'Pass', [LINUX_NODES], [udp(HOST_PORTS[2])]),
      rule('egress', 'deny-egress-to-slytherin-and-nodes-and-internet', 'Deny', [podsLabelled('slytherin'), LINUX_NODES, EVERY_ADDRESS]),
    ],
  });

  test(`${upstream("Should support an 'allow-egress' rule policy for egress-node-peer")}: explain says the nodes peer cannot be judged offline`, () => {
    const e = connectivity([policy]).explain({ source: HARRY[1], destination: NODE_IP, port: Port.tcp(HOST_PORTS[0]) });
    expect(e.reason).toContain(notJudged(policy, 0));
  });
  // Upstream: allowed, by egress[0]; it rests on NODE_IP being a linux node, which the manifests do not say.
  test.skip(upstream("Should support an 'allow-egress' rule policy for egress-node-peer"), () => {
    expectPokes(connectivity([policy]), [[HARRY[1], NODE_IP, Port.tcp(HOST_PORTS[0]), true]]);
  });

  test(`${upstream("Should support a 'pass-egress' rule policy for egress-node-peer")}: explain says the nodes peer cannot be judged offline`, () => {
    const e = connectivity([policy]).explain({ source: HARRY[1], destination: NODE_IP, port: Port.udp(HOST_PORTS[2]) });
    expect(e.reason).toContain(notJudged(policy, 1));
  });
  // Upstream: allowed, passed by egress[1] to tiers that have nothing; it rests on NODE_IP being a linux node.
  test.skip(upstream("Should support a 'pass-egress' rule policy for egress-node-peer"), () => {
    expectPokes(connectivity([policy]), [[HARRY[1], NODE_IP, Port.udp(HOST_PORTS[2]), true]]);
  });

  test(upstream("Should support a 'deny-egress' rule policy for egress-node-peer"), () => {
    const c = connectivity([policy]);
    expectPokes(c, [
      [HARRY[1], NODE_IP, Port.tcp(HOST_PORTS[1]), false],
      [HARRY[1], NODE_IP, Port.udp(HOST_PORTS[4]), false],
      [HARRY[1], NODE_IP, Port.sctp(HOST_PORTS[6]), false],
    ]);
    expect(decision(c, HARRY[1], NODE_IP, Port.tcp(HOST_PORTS[1]), 'egress')).toBe(`Admin: ${ruleRef(policy, 'egress', 2)}`);
  });
});

describe('CNPBaselineTierEgressNodePeers (conformance/base/baseline_tier/experimental-egress-selector-rules.yaml)', () => {
  const policy = cnp('default', 'Baseline', 10, namespaceOf('gryffindor'), {
    egress: [
      rule('egress', `allow-egress-to-${HOST_PORTS[0]}-on-nodes`, 'Accept', [LINUX_NODES],
        [{ tcp: { destinationPort: { range: { start: HOST_PORTS[0], end: HOST_PORTS[1] } } } }]),
      rule('egress', 'deny-egress-to-nodes-and-internet', 'Deny', [LINUX_NODES, EVERY_ADDRESS]),
    ],
  });

  test(`${upstream("Should support an 'allow-egress' rule policy for egress-node-peer")}: explain says the nodes peer cannot be judged offline`, () => {
    const c = connectivity([policy]);
    expect(c.explain({ source: HARRY[0], destination: NODE_IP, port: Port.tcp(HOST_PORTS[0]) }).reason).toContain(notJudged(policy, 0));
    expect(c.explain({ source: HARRY[1], destination: NODE_IP, port: Port.tcp(HOST_PORTS[1]) }).reason).toContain(notJudged(policy, 0));
  });
  // Upstream: allowed, by egress[0] (both ends of the range); it rests on NODE_IP being a linux node.
  test.skip(upstream("Should support an 'allow-egress' rule policy for egress-node-peer"), () => {
    expectPokes(connectivity([policy]), [
      [HARRY[0], NODE_IP, Port.tcp(HOST_PORTS[0]), true],
      [HARRY[1], NODE_IP, Port.tcp(HOST_PORTS[1]), true],
    ]);
  });

  test(upstream("Should support a 'deny-egress' rule policy for egress-node-peer"), () => {
    const c = connectivity([policy]);
    expectPokes(c, [
      [HARRY[1], NODE_IP, Port.udp(HOST_PORTS[4]), false],
      [HARRY[1], NODE_IP, Port.sctp(HOST_PORTS[6]), false],
    ]);
    expect(decision(c, HARRY[1], NODE_IP, Port.udp(HOST_PORTS[4]), 'egress')).toBe(`Baseline: ${ruleRef(policy, 'egress', 1)}`);
  });
});
