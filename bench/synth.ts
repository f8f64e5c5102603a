/**
 * Synthesis cost of the library against raw cdk8s ApiObjects, measured in one process.
 *
 * For N policies, build a chart with our NetworkPolicy constructs and synthesize it (validation included),
 * then build a chart of raw ApiObjects with the same manifests written as object literals and synthesize that.
 * Rounds alternate between the two so that both see the same machine state; the ratio of medians is printed.
 *
 * Run: npx projen bench   (or: npx ts-node --project tsconfig.dev.json bench/synth.ts [N ...])
 */
import { ApiObject, App, Chart } from 'cdk8s';
import {
  LabelExpression,
  LabelSelector,
  Namespaces,
  NetworkPolicy,
  Peer,
  Port,
  PolicyType,
} from '../src';

const NAMESPACE = 'bench';

/** Builds policy i: a mix of the shapes real charts contain (selectors, namespaces, CIDRs, ranges, DNS). */
export function addPolicy(chart: Chart, i: number): void {
  const app = `app-${i % 97}`;
  const policy = new NetworkPolicy(chart, `p${i}`, {
    metadata: { name: `policy-${i}` },
    podSelector: LabelSelector.labels({ app, tier: i % 2 === 0 ? 'web' : 'api' }),
    policyTypes: [PolicyType.INGRESS, PolicyType.EGRESS],
    description: `policy ${i} of the benchmark`,
  });
  policy.addIngress({
    peers: [
      Peer.pods(LabelSelector.labels({ app: `client-${i % 13}` })),
      Peer.pods(LabelSelector.all(), Namespaces.named([`team-${i % 7}`])),
    ],
    ports: [Port.tcp(8000 + (i % 100)), Port.named('metrics')],
    description: 'clients and their team',
  });
  policy.addEgress({
    peers: [Peer.pods(LabelSelector.labels({ 'k8s-app': 'kube-dns' }), Namespaces.named(['kube-system']))],
    ports: [Port.DNS_UDP, Port.DNS_TCP],
  });
  if (i % 3 === 0) {
    policy.addEgress({
      peers: [Peer.ipv4(`10.${i % 256}.0.0/16`, [`10.${i % 256}.1.0/24`])],
      ports: [Port.tcpRange(5000, 5100)],
    });
  }
  if (i % 5 === 0) {
    policy.addIngress({
      peers: [Peer.namespaces(Namespaces.selectedBy(LabelSelector.of({ expressions: [LabelExpression.in('env', ['prod', 'staging'])] })))],
      ports: [Port.HTTPS],
    });
  }
}

function oursChart(n: number): Chart {
  const chart = new Chart(new App(), 'ours', { namespace: NAMESPACE });
  for (let i = 0; i < n; i++) {
    addPolicy(chart, i);
  }
  return chart;
}

/**
 * Policy i written as a raw ApiObject, the way a user without the library writes it: the same manifest as
 * `addPolicy(i)` synthesizes, as object literals (the run checks both synthesize identical output).
 */
export function addRawPolicy(chart: Chart, i: number): void {
  const teamAndClients = {
    from: [
      { podSelector: { matchLabels: { app: `client-${i % 13}` } } },
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': `team-${i % 7}` } }, podSelector: {} },
    ],
    ports: [{ protocol: 'TCP', port: 8000 + (i % 100) }, { protocol: 'TCP', port: 'metrics' }],
  };
  const dns = {
    to: [{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
      podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
    }],
    ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
  };
  const ingress: any[] = [teamAndClients];
  const egress: any[] = [dns];
  if (i % 3 === 0) {
    egress.push({
      to: [{ ipBlock: { cidr: `10.${i % 256}.0.0/16`, except: [`10.${i % 256}.1.0/24`] } }],
      ports: [{ protocol: 'TCP', port: 5000, endPort: 5100 }],
    });
  }
  if (i % 5 === 0) {
    ingress.push({
      from: [{ namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'staging'] }] } }],
      ports: [{ protocol: 'TCP', port: 443 }],
    });
  }
  new ApiObject(chart, `p${i}`, {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name: `policy-${i}`,
      annotations: { 'cdk8s-netpol/description': `policy ${i} of the benchmark`, 'cdk8s-netpol/ingress.0': 'clients and their team' },
    },
    spec: {
      podSelector: { matchLabels: { app: `app-${i % 97}`, tier: i % 2 === 0 ? 'web' : 'api' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress,
      egress,
    },
  });
}

function rawChart(n: number): Chart {
  const chart = new Chart(new App(), 'raw', { namespace: NAMESPACE });
  for (let i = 0; i < n; i++) {
    addRawPolicy(chart, i);
  }
  return chart;
}

/**
 * CPU time (user + system, all threads of this process) of `fn`, in ms. CPU time rather than wall time, so
 * that other work on the machine shifts both sides of the ratio less.
 */
function timeMs(fn: () => void): number {
  (globalThis as any).gc?.();
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function run(n: number, rounds: number): { n: number; ours: number; raw: number } {
  const reference = oursChart(n).toJson();
  const rawCheck = rawChart(n).toJson();
  if (JSON.stringify(rawCheck) !== JSON.stringify(reference)) {
    throw new Error('the raw chart does not synthesize the same manifests as ours; the comparison would be unfair');
  }
  const ours: number[] = [];
  const raw: number[] = [];
  // One warm-up round each, then alternate.
  timeMs(() => oursChart(n).toJson());
  timeMs(() => rawChart(n).toJson());
  for (let r = 0; r < rounds; r++) {
    ours.push(timeMs(() => oursChart(n).toJson()));
    raw.push(timeMs(() => rawChart(n).toJson()));
  }
  return { n, ours: median(ours), raw: median(raw) };
}

if (require.main === module) {
  main();
}

function main(): void {
  const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
  const plan = sizes.length > 0 ? sizes : [2000, 20000];
  console.log('bench/synth: build + synthesize N NetworkPolicies (validation included) vs raw cdk8s ApiObject with the same manifests');
  console.log('     N   ours (ms)    raw (ms)   ratio');
  for (const n of plan) {
    const { ours, raw } = run(n, n >= 10000 ? 3 : 7);
    console.log(`${String(n).padStart(6)} ${ours.toFixed(1).padStart(11)} ${raw.toFixed(1).padStart(11)} ${(ours / raw).toFixed(2).padStart(6)}x`);
  }
}
