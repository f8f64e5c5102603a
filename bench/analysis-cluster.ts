/**
 * A synthetic cluster for bench/analysis.ts: namespaces, workloads and NetworkPolicies written as one
 * multi-document YAML text, generated from a seed so that every run measures the same input.
 *
 * The mix follows what real clusters hold: a shared pool of app names across namespaces, tiers with
 * their usual (often named) container ports, namespace labels for teams and environments, default
 * denies, DNS rules (some UDP only), tier-to-tier rules on named ports, AND and OR peers, label
 * expressions, ipBlocks with `except`, and port ranges.
 */
import * as YAML from 'yaml';

// The PRNG is bit arithmetic.
/* eslint-disable no-bitwise */

/** A seeded PRNG (mulberry32): the same seed gives the same cluster on every machine. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  public next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  public int(n: number): number {
    return Math.floor(this.next() * n);
  }

  public pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  public chance(p: number): boolean {
    return this.next() < p;
  }
}

export interface ClusterSize {
  readonly namespaces: number;
  readonly workloads: number;
  readonly policies: number;
}

export interface DeclaredPort {
  readonly port: number;
  readonly protocol: string;
}

/** A workload as the benchmark's queries name it. */
export interface SyntheticWorkload {
  /** `namespace/name` (names are unique within a namespace across kinds). */
  readonly id: string;
  readonly ports: readonly DeclaredPort[];
  /** The pod IP, for bare Pods. */
  readonly ip?: string;
}

export interface SyntheticCluster {
  readonly yaml: string;
  readonly documents: number;
  /** The documents as objects, in the order of the text. */
  readonly objects: readonly unknown[];
  readonly namespaces: readonly string[];
  readonly workloads: readonly SyntheticWorkload[];
  readonly policies: number;
  /** Addresses outside the cluster, some inside the ipBlocks the policies name, some in their excepts. */
  readonly externalIps: readonly string[];
}

const APPS = [
  'checkout', 'cart', 'catalog', 'search', 'payments', 'ledger', 'auth', 'users', 'orders', 'inventory',
  'shipping', 'email', 'notify', 'reports', 'billing', 'gateway', 'frontend', 'admin', 'media', 'reviews',
  'pricing', 'promotions', 'recommend', 'analytics', 'audit', 'session', 'profile', 'wishlist', 'returns', 'tax',
  'fraud', 'loyalty', 'support', 'chat', 'feeds', 'images', 'video', 'export', 'import', 'scheduler',
];
const TIERS = ['web', 'api', 'db', 'cache', 'worker'] as const;
type Tier = typeof TIERS[number];
const ENVS = ['prod', 'staging', 'dev'];
const TEAMS = 40;

interface ContainerPortYaml {
  containerPort: number;
  name?: string;
  protocol?: string;
}

/** The tiers' usual container ports; `http` and `metrics` are not always the same number, as in real clusters. */
function tierPorts(tier: Tier, random: Random): ContainerPortYaml[] {
  switch (tier) {
    case 'web': return [{ containerPort: random.chance(0.3) ? 3000 : 8080, name: 'http' }, { containerPort: 9090, name: 'metrics' }];
    case 'api': return [{ containerPort: 8443, name: 'https' }, { containerPort: 8080, name: 'http' }, { containerPort: 9090, name: 'metrics' }];
    case 'db': return [{ containerPort: 5432, name: 'postgres' }, { containerPort: 9187, name: 'metrics' }];
    case 'cache': return [{ containerPort: 6379, name: 'redis' }, { containerPort: 9121, name: 'metrics' }];
    case 'worker': return random.chance(0.3)
      ? [{ containerPort: 9090, name: 'metrics' }, { containerPort: 8125, name: 'statsd', protocol: 'UDP' }]
      : [{ containerPort: 9090 }];
  }
}

interface Namespace {
  readonly index: number;
  readonly name: string;
  readonly team: string;
  readonly env: string;
  readonly apps: string[];
  /** Tiers present per app. */
  readonly tiers: Map<string, Set<Tier>>;
}

const KUBE_SYSTEM = 'kube-system';
const MONITORING = 'monitoring';
const INGRESS = 'ingress-nginx';
const NAME_LABEL = 'kubernetes.io/metadata.name';
const PRIVATE_EXCEPTS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

/**
 * Generates the cluster. Three system namespaces (DNS, monitoring, ingress) come first; the other
 * namespaces belong to teams, each with a few apps in several tiers.
 */
export function generateCluster(size: ClusterSize, seed: number): SyntheticCluster {
  const random = new Random(seed);
  const documents: any[] = [];
  const workloads: SyntheticWorkload[] = [];
  const namespaces: Namespace[] = [];
  let policyCount = 0;

  // ---------------------------------------------------------------- namespaces
  for (const name of [KUBE_SYSTEM, MONITORING, INGRESS]) {
    namespaces.push({ index: namespaces.length, name, team: 'platform', env: 'prod', apps: [], tiers: new Map() });
  }
  while (namespaces.length < size.namespaces) {
    const index = namespaces.length;
    const team = `team-${index % TEAMS}`;
    const apps: string[] = [];
    const appCount = 2 + random.int(3);
    while (apps.length < appCount) {
      const app = random.pick(APPS);
      if (!apps.includes(app)) apps.push(app);
    }
    namespaces.push({ index, name: `${apps[0]}-${index}`, team, env: random.pick(ENVS), apps, tiers: new Map() });
  }
  for (const ns of namespaces) {
    const labels: Record<string, string> = { team: ns.team, env: ns.env };
    if (ns.index > 2 && random.chance(0.2)) labels['istio-injection'] = 'enabled';
    if (ns.index > 2 && random.chance(0.1)) labels.compliance = random.pick(['pci', 'hipaa']);
    documents.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns.name, labels } });
  }

  // ---------------------------------------------------------------- workloads
  const addWorkload = (ns: Namespace, name: string, kind: string, labels: Record<string, string>, ports: ContainerPortYaml[]): void => {
    const podSpec = { containers: [{ name: 'main', image: `registry.example/${name}:1.0`, ports }] };
    const declared = ports.map((p) => ({ port: p.containerPort, protocol: p.protocol ?? 'TCP' }));
    if (kind === 'Pod') {
      const n = workloads.length;
      // One /24 per namespace, so that ipBlocks naming a namespace's range match its bare pods.
      const ip = `10.${100 + Math.floor(ns.index / 250)}.${ns.index % 250}.${1 + (n % 250)}`;
      documents.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns.name, labels }, spec: podSpec, status: { podIP: ip } });
      workloads.push({ id: `${ns.name}/${name}`, ports: declared, ip });
      return;
    }
    const template = { metadata: { labels }, spec: podSpec };
    const spec = kind === 'CronJob'
      ? { schedule: '0 * * * *', jobTemplate: { spec: { template } } }
      : { selector: { matchLabels: labels }, template };
    documents.push({ apiVersion: kind === 'CronJob' ? 'batch/v1' : 'apps/v1', kind, metadata: { name, namespace: ns.name }, spec });
    workloads.push({ id: `${ns.name}/${name}`, ports: declared });
  };

  const [kubeSystem, monitoring, ingress] = namespaces;
  addWorkload(kubeSystem, 'coredns', 'Deployment', { 'k8s-app': 'kube-dns' },
    [{ containerPort: 53, name: 'dns', protocol: 'UDP' }, { containerPort: 53, name: 'dns-tcp' }, { containerPort: 9153, name: 'metrics' }]);
  addWorkload(kubeSystem, 'metrics-server', 'Deployment', { 'k8s-app': 'metrics-server' }, [{ containerPort: 4443, name: 'https' }]);
  addWorkload(kubeSystem, 'kube-proxy', 'DaemonSet', { 'k8s-app': 'kube-proxy' }, []);
  addWorkload(monitoring, 'prometheus', 'StatefulSet', { 'app': 'prometheus', 'app.kubernetes.io/name': 'prometheus' }, [{ containerPort: 9090, name: 'web' }]);
  addWorkload(monitoring, 'grafana', 'Deployment', { 'app': 'grafana', 'app.kubernetes.io/name': 'grafana' }, [{ containerPort: 3000, name: 'http' }]);
  addWorkload(monitoring, 'alertmanager', 'StatefulSet', { app: 'alertmanager' }, [{ containerPort: 9093, name: 'web' }]);
  addWorkload(ingress, 'controller', 'Deployment', { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
    [{ containerPort: 80, name: 'http' }, { containerPort: 443, name: 'https' }]);

  // Every team namespace gets a few workloads; the rest go preferably to the first ones (a few big namespaces).
  const teams = namespaces.slice(3);
  const perNamespace = teams.map(() => 3);
  let remaining = size.workloads - workloads.length - perNamespace.length * 3;
  while (remaining-- > 0) perNamespace[Math.floor(teams.length * random.next() ** 1.5)]++;
  teams.forEach((ns, t) => {
    for (let k = 0; k < perNamespace[t]; k++) {
      const app = ns.apps[k % ns.apps.length];
      const tier = k < ns.apps.length ? 'web' : random.pick(TIERS);
      if (!ns.tiers.has(app)) ns.tiers.set(app, new Set());
      ns.tiers.get(app)!.add(tier);
      const labels: Record<string, string> = { app, tier };
      if (random.chance(0.5)) labels.version = random.pick(['v1', 'v2']);
      if (random.chance(0.1)) labels.canary = 'true';
      const kind = tier === 'db' && random.chance(0.7) ? 'StatefulSet'
        : random.chance(0.15) ? 'Pod'
          : random.chance(0.03) ? 'CronJob'
            : random.chance(0.02) ? 'DaemonSet' : 'Deployment';
      addWorkload(ns, `${app}-${tier}-${k}`, kind, labels, tierPorts(tier, random));
    }
  });

  // ---------------------------------------------------------------- policies
  const policy = (ns: Namespace, name: string, spec: any): void => {
    documents.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `${name}-${policyCount}`, namespace: ns.name }, spec });
    policyCount++;
  };
  const pods = (labels: Record<string, string>) => ({ matchLabels: labels });
  const namespaceNamed = (name: string) => ({ matchLabels: { [NAME_LABEL]: name } });
  const dnsPeer = { namespaceSelector: namespaceNamed(KUBE_SYSTEM), podSelector: pods({ 'k8s-app': 'kube-dns' }) };
  const subnetOf = (ns: Namespace) => `10.${100 + Math.floor(ns.index / 250)}.${ns.index % 250}.0/24`;
  const appWith = (ns: Namespace, tier: Tier): string | undefined => ns.apps.find((a) => ns.tiers.get(a)?.has(tier));
  // Now and then a selector names an app the namespace no longer runs: a stale policy that selects nothing.
  const someApp = (ns: Namespace) => (random.chance(0.05) ? random.pick(APPS) : random.pick(ns.apps));

  policy(monitoring, 'default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] });
  policy(monitoring, 'grafana-from-cluster', {
    podSelector: pods({ app: 'grafana' }),
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 'http' }] }],
  });
  policy(ingress, 'controller-from-anywhere', {
    podSelector: pods({ 'app.kubernetes.io/name': 'ingress-nginx' }),
    policyTypes: ['Ingress'],
    ingress: [{ ports: [{ port: 80 }, { port: 443 }] }],
  });

  const templates: Array<(ns: Namespace) => void> = [
    // A database accepting its own app's API tier, by named port or number.
    (ns) => policy(ns, 'db-from-api', {
      podSelector: pods({ app: appWith(ns, 'db') ?? someApp(ns), tier: 'db' }),
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: pods({ tier: 'api' }) }], ports: [random.chance(0.5) ? { port: 'postgres' } : { port: 5432, protocol: 'TCP' }] }],
    }),
    // Web tier from the ingress controller (namespace AND pod selector) and from the internet minus private ranges.
    (ns) => policy(ns, 'web-from-ingress', {
      podSelector: pods({ app: appWith(ns, 'web') ?? someApp(ns), tier: 'web' }),
      policyTypes: ['Ingress'],
      ingress: [
        { from: [{ namespaceSelector: namespaceNamed(INGRESS), podSelector: pods({ 'app.kubernetes.io/name': 'ingress-nginx' }) }], ports: [{ port: 'http' }] },
        { from: [{ ipBlock: { cidr: '0.0.0.0/0', except: PRIVATE_EXCEPTS } }], ports: [{ port: 8443 }, { port: 443 }] },
      ],
    }),
    // Scraping by Prometheus on the metrics port, for tiers chosen by expression.
    (ns) => policy(ns, 'metrics-from-prometheus', {
      podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api', 'worker'] }] },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: namespaceNamed(MONITORING), podSelector: pods({ app: 'prometheus' }) }], ports: [{ port: 'metrics' }, { port: 9090 }] }],
    }),
    // API from another team's namespaces: namespaces OR pods (two peers), a common mistake kept for realism.
    (ns) => policy(ns, 'api-from-team', {
      podSelector: pods({ app: someApp(ns), tier: 'api' }),
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{ namespaceSelector: { matchLabels: { team: `team-${random.int(TEAMS)}` } } }, { podSelector: pods({ tier: 'web' }) }],
        ports: [{ port: 'https' }, { port: 8080 }],
      }],
    }),
    // Egress to the internet on 443, and to the node-port range of a private network.
    (ns) => policy(ns, 'egress-external', {
      podSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db', 'cache'] }] },
      policyTypes: ['Egress'],
      egress: [
        { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: PRIVATE_EXCEPTS } }], ports: [{ port: 443 }] },
        { to: [{ ipBlock: { cidr: '10.200.0.0/16', except: ['10.200.13.0/24'] } }], ports: [{ port: 30000, endPort: 32767 }] },
      ],
    }),
    // Egress to the namespace's own pod range (bare pods), on a port range.
    (ns) => policy(ns, 'egress-subnet-range', {
      podSelector: pods({ app: someApp(ns) }),
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: subnetOf(ns), except: [subnetOf(ns).replace(/\.0\/24$/, '.0/28')] } }], ports: [{ port: 5000, endPort: 5100 }, { port: 8080 }] }],
    }),
    // Everything within the namespace.
    (ns) => policy(ns, 'allow-same-namespace', {
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: {} }] }],
      egress: [{ to: [{ podSelector: {} }] }],
    }),
    // From prod and staging namespaces, pods that have a tier, on a port range.
    (ns) => policy(ns, 'from-env', {
      podSelector: pods({ app: someApp(ns) }),
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{ namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'staging'] }] }, podSelector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] } }],
        ports: [{ port: 8000, endPort: 8999 }],
      }],
    }),
    // Egress to caches of the same team, and to canaries nowhere (DoesNotExist).
    (ns) => policy(ns, 'egress-team-cache', {
      podSelector: { matchLabels: { tier: random.pick(['api', 'worker']) }, matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }] },
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { team: ns.team } }, podSelector: pods({ tier: 'cache' }) }], ports: [{ port: 'redis' }, { port: 6379 }] }],
    }),
    // An allow-all ingress on one app (rare, but clusters have them).
    (ns) => policy(ns, 'allow-all-ingress', { podSelector: pods({ app: someApp(ns), tier: 'web' }), ingress: [{}] }),
    // Egress to another team's API tier on its named port.
    (ns) => policy(ns, 'egress-to-api', {
      podSelector: pods({ tier: 'web' }),
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { team: `team-${random.int(TEAMS)}`, env: ns.env } }, podSelector: pods({ tier: 'api' }) }], ports: [{ port: 'https' }, { port: 8443 }] }],
    }),
  ];

  // Each team namespace: a default deny (both directions, ingress only, or none), then DNS where egress is denied.
  for (const ns of teams) {
    if (policyCount >= size.policies) break;
    const deny = random.next();
    if (deny < 0.75) {
      policy(ns, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
      const udpOnly = random.chance(0.2);
      policy(ns, 'allow-dns', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [dnsPeer], ports: udpOnly ? [{ port: 53, protocol: 'UDP' }] : [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] }],
      });
    } else if (deny < 0.85) {
      policy(ns, 'default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] });
    }
  }
  for (let k = 0; policyCount < size.policies; k++) {
    random.pick(templates)(teams[k % teams.length]);
  }

  const yaml = documents.map((d) => YAML.stringify(d)).join('---\n');
  const externalIps = [
    '8.8.8.8', '1.1.1.1', '203.0.113.10', '198.51.100.7', '10.200.5.9', '10.200.13.40', '172.16.3.4', '192.168.1.20',
    '10.150.0.9', '2001:db8::1',
  ];
  return {
    yaml,
    documents: documents.length,
    objects: documents,
    namespaces: namespaces.map((ns) => ns.name),
    workloads,
    policies: policyCount,
    externalIps,
  };
}
