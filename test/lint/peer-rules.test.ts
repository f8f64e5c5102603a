/**
 * Rules about how peers are written and what they match: NP001 (OR instead of AND), NP005 (port-only
 * rules), NP006 (empty peer lists), NP009 (peers matching nothing), NP010 (namespace by a label Kubernetes
 * does not set) and NP012 (ipBlocks over pod IPs).
 */
import { COREDNS, allowDns, findings, lint, only } from './helpers';
import { Severity } from '../../src';
import { deployment, namespace, podWithIp, policy } from '../support/manifests';

const db = deployment('shop', 'db', { app: 'db' }, [[5432]]);
const ingressFrom = (from: any[] | undefined, extra: any = {}) => policy('shop', 'db', {
  podSelector: { matchLabels: { app: 'db' } },
  policyTypes: ['Ingress'],
  ingress: [{ ...(from !== undefined ? { from } : {}), ports: [{ port: 5432 }], ...extra }],
});

describe('NP001 or-instead-of-and', () => {
  const split = [{ namespaceSelector: { matchLabels: { team: 'ops' } } }, { podSelector: { matchLabels: { app: 'prometheus' } } }];

  test('fires on a lone namespaceSelector peer next to a lone podSelector peer, explaining both readings', () => {
    const report = lint([ingressFrom(split)]);
    expect(findings(report, 'NP001')).toEqual([{ severity: Severity.WARNING, policy: 'shop/db', field: 'spec.ingress[0].from[0]' }]);
    const { message, fix } = only(report, 'NP001');
    expect(message).toContain('every pod in namespaces team=ops OR pods app=prometheus in namespace shop');
    expect(message).toContain('If pods app=prometheus in namespaces team=ops were meant');
    expect(fix).toContain("remove the '-' before podSelector in from[1]");
  });

  test('is silent when both selectors are one peer (AND)', () => {
    const and = [{ namespaceSelector: { matchLabels: { team: 'ops' } }, podSelector: { matchLabels: { app: 'prometheus' } } }];
    expect(lint([ingressFrom(and)]).findingsOf('NP001')).toEqual([]);
  });

  test('is only information when the podSelector names real pods of the policy\'s own namespace (OR is plausible)', () => {
    const prometheus = deployment('shop', 'prometheus', { app: 'prometheus' });
    expect(findings(lint([db, prometheus, ingressFrom(split)]), 'NP001')).toEqual([{ severity: Severity.INFO, policy: 'shop/db', field: 'spec.ingress[0].from[0]' }]);
    // Workloads known, but no such pod here: the AND reading is the likely one, so it stays a warning.
    expect(findings(lint([db, ingressFrom(split)]), 'NP001')[0].severity).toBe(Severity.WARNING);
  });
});

describe('NP005 port-only-rule', () => {
  const egressTo = (rules: any[], annotations?: Record<string, string>) => policy('shop', 'web', {
    podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: rules,
  }, annotations);

  test('fires on an egress rule with ports but no peers', () => {
    const report = lint([egressTo([{ ports: [{ port: 443 }] }])]);
    expect(findings(report, 'NP005')).toEqual([{ severity: Severity.WARNING, policy: 'shop/web', field: 'spec.egress[0]' }]);
    expect(only(report, 'NP005').message).toContain('allows TCP 443 to every destination');
  });

  test('is only information for ingress (an internet-facing port)', () => {
    expect(findings(lint([ingressFrom(undefined)]), 'NP005')).toEqual([{ severity: Severity.INFO, policy: 'shop/db', field: 'spec.ingress[0]' }]);
  });

  test('is a warning with a join-them fix when a peers-only rule sits next to it (an extra "-")', () => {
    const report = lint([egressTo([{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }] }, { ports: [{ port: 5432 }] }])]);
    expect(findings(report, 'NP005')).toEqual([{ severity: Severity.WARNING, policy: 'shop/web', field: 'spec.egress[1]' }]);
    const { message, fix } = only(report, 'NP005');
    expect(message).toContain("spec.egress[0] names peers but no ports: if they were meant as one rule, an extra '-' split them");
    expect(fix).toContain('Join spec.egress[0] and spec.egress[1] into one rule');
  });

  test('is silent on a rule with peers, and on a described (deliberate) port-only rule', () => {
    expect(lint([egressTo([{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ port: 443 }] }])]).findingsOf('NP005')).toEqual([]);
    expect(lint([egressTo([{ ports: [{ port: 443 }] }], { 'cdk8s-netpol/egress.0': 'calls payment providers' })]).findingsOf('NP005')).toEqual([]);
  });
});

describe('NP006 empty-peer-list', () => {
  test('fires on from: [] (which means every source)', () => {
    const report = lint([ingressFrom([])]);
    expect(findings(report, 'NP006')).toEqual([{ severity: Severity.WARNING, policy: 'shop/db', field: 'spec.ingress[0].from' }]);
    expect(only(report, 'NP006').message).toContain('every source (every pod and every address), on TCP 5432');
    // The same rule is not also reported as port-only.
    expect(report.findingsOf('NP005')).toEqual([]);
  });

  test('is silent when from is left out or lists peers', () => {
    expect(lint([ingressFrom(undefined)]).findingsOf('NP006')).toEqual([]);
    expect(lint([ingressFrom([{ podSelector: {} }])]).findingsOf('NP006')).toEqual([]);
  });
});

describe('NP009 peer-matches-nothing', () => {
  const web = deployment('shop', 'web', { app: 'web' });

  test('fires on a podSelector peer no pod of its namespace matches', () => {
    const report = lint([db, web, ingressFrom([{ podSelector: { matchLabels: { app: 'wbe' } } }])]);
    expect(findings(report, 'NP009')).toEqual([{ severity: Severity.WARNING, policy: 'shop/db', field: 'spec.ingress[0].from[0]' }]);
    expect(only(report, 'NP009').message).toContain('no pod in namespace shop has the labels it selects');
  });

  test('fires on a namespaceSelector that matches no declared namespace', () => {
    const report = lint([namespace('shop'), namespace('ops', { team: 'ops' }), db, ingressFrom([{ namespaceSelector: { matchLabels: { team: 'opz' } } }])]);
    expect(findings(report, 'NP009')).toEqual([{ severity: Severity.WARNING, policy: 'shop/db', field: 'spec.ingress[0].from[0].namespaceSelector' }]);
  });

  test('is silent when the peer matches a pod', () => {
    expect(lint([db, web, ingressFrom([{ podSelector: { matchLabels: { app: 'web' } } }])]).findingsOf('NP009')).toEqual([]);
  });

  test('is silent about namespaces the model has no workloads in, and without workloads at all', () => {
    const elsewhere = [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: { matchLabels: { app: 'x' } } }];
    expect(lint([db, ingressFrom(elsewhere)]).findingsOf('NP009')).toEqual([]);
    expect(lint([ingressFrom([{ podSelector: { matchLabels: { app: 'wbe' } } }])]).findingsOf('NP009')).toEqual([]);
  });

  test('the cluster DNS pods count as present even when the model does not have them', () => {
    // kube-system has a known workload but no CoreDNS: the DNS peer is judged against the stand-in DNS pod.
    const metrics = deployment('kube-system', 'metrics-server', { 'k8s-app': 'metrics-server' });
    expect(lint([db, metrics, allowDns('shop')]).findingsOf('NP009')).toEqual([]);
    expect(lint([db, metrics, COREDNS, allowDns('shop')]).findingsOf('NP009')).toEqual([]);
    // A typo in the DNS labels matches neither.
    const typo = policy('shop', 'dns', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dsn' } } }] }],
    });
    expect(findings(lint([db, metrics, typo]), 'NP009')).toEqual([{ severity: Severity.WARNING, policy: 'shop/dns', field: 'spec.egress[0].to[0]' }]);
  });
});

describe('NP010 namespace-name-label', () => {
  test.each([
    ['matchLabels', { matchLabels: { name: 'kube-system' } }, 'spec.ingress[0].from[0].namespaceSelector.matchLabels[name]'],
    ['matchExpressions', { matchExpressions: [{ key: 'namespace', operator: 'In', values: ['kube-system'] }] }, 'spec.ingress[0].from[0].namespaceSelector.matchExpressions[0].key'],
  ])('fires on a namespaceSelector by a label Kubernetes does not set (%s)', (_, namespaceSelector, field) => {
    const report = lint([ingressFrom([{ namespaceSelector }])]);
    expect(findings(report, 'NP010')).toEqual([{ severity: Severity.WARNING, policy: 'shop/db', field }]);
    expect(only(report, 'NP010').fix).toContain('kubernetes.io/metadata.name: kube-system');
  });

  test('is silent on kubernetes.io/metadata.name, and when a Namespace in the model carries the label', () => {
    expect(lint([ingressFrom([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }])]).findingsOf('NP010')).toEqual([]);
    const labelled = namespace('kube-system', { name: 'kube-system' });
    expect(lint([labelled, ingressFrom([{ namespaceSelector: { matchLabels: { name: 'kube-system' } } }])]).findingsOf('NP010')).toEqual([]);
  });

  test('the peer it makes match nothing is not reported again by NP009', () => {
    const report = lint([namespace('shop'), db, ingressFrom([{ namespaceSelector: { matchLabels: { name: 'ops' } } }])]);
    expect(report.findingsOf('NP010')).toHaveLength(1);
    expect(report.findingsOf('NP009')).toEqual([]);
  });
});

describe('NP012 ipblock-overlaps-pods', () => {
  const client = podWithIp('shop', 'client', { app: 'client' }, '10.244.1.7');

  test('fires on an ipBlock that contains a pod IP, naming the pod', () => {
    const report = lint([client, ingressFrom([{ ipBlock: { cidr: '10.244.0.0/16' } }])]);
    expect(findings(report, 'NP012')).toEqual([{ severity: Severity.WARNING, policy: 'shop/db', field: 'spec.ingress[0].from[0].ipBlock' }]);
    expect(only(report, 'NP012').message).toContain('contains the IPs of the pod shop/client');
  });

  test('is silent when the pod IPs are outside the block or in its except list', () => {
    expect(lint([client, ingressFrom([{ ipBlock: { cidr: '192.168.0.0/16' } }])]).findingsOf('NP012')).toEqual([]);
    expect(lint([client, ingressFrom([{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.244.0.0/16'] } }])]).findingsOf('NP012')).toEqual([]);
  });
});
