/**
 * Synthesis cost of the library against raw cdk8s ApiObjects and cdk8s-plus-33's NetworkPolicy, measured
 * in one process.
 *
 * For N policies, build a chart with our NetworkPolicy constructs and synthesize it to YAML (`App.synthYaml`,
 * the full validator included), then the same with raw ApiObjects holding the same manifests as object
 * literals, then with cdk8s-plus-33 NetworkPolicies of the same shapes (cdk8s-plus has no named ports, and
 * writes one rule per peer, so its manifests differ; the work asked of it is the same). Rounds alternate
 * between the three so that all see the same machine state; the ratios of medians are printed.
 *
 * Run: npx projen bench   (or: node --expose-gc -r ts-node/register/transpile-only bench/synth.ts [N ...])
 */
import { ApiObject, App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import {
  LabelExpression,
  LabelSelector,
  Namespaces,
  NetworkPolicy,
  Peer,
  Port,
  PolicyType,
} from '../src';
import { cpuMs, median } from './measure';

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
      peers: [Peer.namespaces(Namespaces.selectedBy(LabelSelector.of({ expressions: [LabelExpression.isIn('env', ['prod', 'staging'])] })))],
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

/** Policy i with cdk8s-plus-33: the same selectors, peers, CIDRs, ranges and DNS, in its own API. */
export function addPlusPolicy(chart: Chart, i: number): void {
  const id = `p${i}`;
  const policy = new kplus.NetworkPolicy(chart, id, {
    metadata: { name: `policy-${i}`, annotations: { 'cdk8s-netpol/description': `policy ${i} of the benchmark` } },
    selector: kplus.Pods.select(chart, `${id}-pods`, { labels: { app: `app-${i % 97}`, tier: i % 2 === 0 ? 'web' : 'api' } }),
    ingress: { default: kplus.NetworkPolicyTrafficDefault.DENY },
    egress: { default: kplus.NetworkPolicyTrafficDefault.DENY },
  });
  const ports = [kplus.NetworkPolicyPort.tcp(8000 + (i % 100)), kplus.NetworkPolicyPort.tcp(9090)];
  policy.addIngressRule(kplus.Pods.select(chart, `${id}-clients`, { labels: { app: `client-${i % 13}` } }), ports);
  policy.addIngressRule(kplus.Pods.select(chart, `${id}-team`, {
    namespaces: kplus.Namespaces.select(chart, `${id}-team-ns`, { names: [`team-${i % 7}`] }),
  }), ports);
  policy.addEgressRule(kplus.Pods.select(chart, `${id}-dns`, {
    labels: { 'k8s-app': 'kube-dns' },
    namespaces: kplus.Namespaces.select(chart, `${id}-dns-ns`, { names: ['kube-system'] }),
  }), [kplus.NetworkPolicyPort.udp(53), kplus.NetworkPolicyPort.tcp(53)]);
  if (i % 3 === 0) {
    policy.addEgressRule(kplus.NetworkPolicyIpBlock.ipv4(chart, `${id}-block`, `10.${i % 256}.0.0/16`, [`10.${i % 256}.1.0/24`]),
      [kplus.NetworkPolicyPort.tcpRange(5000, 5100)]);
  }
  if (i % 5 === 0) {
    policy.addIngressRule(kplus.Namespaces.select(chart, `${id}-env`, { expressions: [kplus.LabelExpression.in('env', ['prod', 'staging'])] }),
      [kplus.NetworkPolicyPort.tcp(443)]);
  }
}

function plusChart(n: number): Chart {
  const chart = new Chart(new App(), 'plus', { namespace: NAMESPACE });
  for (let i = 0; i < n; i++) {
    addPlusPolicy(chart, i);
  }
  return chart;
}

/** Synthesizes the chart's app to YAML, as `cdk8s synth` does (without writing the file). */
function synthYaml(chart: Chart): string {
  return (chart.node.scope as App).synthYaml();
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

function run(n: number, rounds: number): { n: number; ours: number; raw: number; plus: number } {
  const reference = synthYaml(oursChart(n));
  if (synthYaml(rawChart(n)) !== reference) {
    throw new Error('the raw chart does not synthesize the same manifests as ours; the comparison would be unfair');
  }
  if (!synthYaml(plusChart(n)).includes('kind: NetworkPolicy')) throw new Error('cdk8s-plus synthesized no NetworkPolicy');
  const ours: number[] = [];
  const raw: number[] = [];
  const plus: number[] = [];
  // One warm-up round each, then alternate.
  cpuMs(() => synthYaml(oursChart(n)));
  cpuMs(() => synthYaml(rawChart(n)));
  cpuMs(() => synthYaml(plusChart(n)));
  // The order rotates from round to round, so that none of the three always runs after the same one.
  const runs: Array<[number[], (size: number) => Chart]> = [[ours, oursChart], [raw, rawChart], [plus, plusChart]];
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < runs.length; k++) {
      const [times, chartOf] = runs[(r + k) % runs.length];
      times.push(cpuMs(() => synthYaml(chartOf(n))));
    }
  }
  return { n, ours: median(ours), raw: median(raw), plus: median(plus) };
}

if (require.main === module) {
  main();
}

function main(): void {
  const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
  const plan = sizes.length > 0 ? sizes : [2000, 20000];
  console.log('bench/synth: build + synthesize to YAML N NetworkPolicies (our validation included), against raw cdk8s ApiObjects');
  console.log('with the same manifests and cdk8s-plus-33 NetworkPolicies of the same shapes (CPU, medians; targets: ours/raw <= 1.10,');
  console.log('cdk8s-plus/ours >= 1.5)');
  console.log('     N   ours (ms)    raw (ms)  plus (ms)  ours/raw  plus/ours');
  for (const n of plan) {
    const { ours, raw, plus } = run(n, n >= 10000 ? 5 : 9);
    const verdict = ours / raw <= 1.1 && plus / ours >= 1.5 ? 'PASS' : 'MISS';
    console.log(`${String(n).padStart(6)} ${ours.toFixed(1).padStart(11)} ${raw.toFixed(1).padStart(11)} ${plus.toFixed(1).padStart(10)} `
      + `${(ours / raw).toFixed(2).padStart(8)}x ${(plus / ours).toFixed(2).padStart(9)}x  ${verdict}`);
  }
}
