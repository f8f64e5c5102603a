/**
 * Rules judged against the workloads' pods: NP011 (pods no policy isolates) and NP013 (named ports no
 * destination declares).
 */
import { COREDNS, allowDns, findings, lint, only } from './helpers';
import { Severity } from '../../src';
import { deployment, policy } from '../support/manifests';

describe('NP011 unprotected-pods', () => {
  const web = deployment('shop', 'web', { app: 'web' });

  test('reports, as information, each workload and the directions no policy isolates', () => {
    const report = lint([web, policy('shop', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] })]);
    expect(findings(report, 'NP011')).toEqual([{ severity: Severity.INFO, workload: 'shop/web' }]);
    expect(only(report, 'NP011').message).toBe('shop/web is not isolated for egress: no NetworkPolicy selects it for that, so all its outgoing traffic is allowed.');
  });

  test('names both directions when nothing selects the workload', () => {
    expect(only(lint([web]), 'NP011').message).toContain('not isolated for ingress or egress');
  });

  test('is silent for workloads isolated both ways', () => {
    const report = lint([web, COREDNS, policy('shop', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }), allowDns('shop')]);
    expect(report.findingsOf('NP011').map((f) => f.workload)).toEqual(['kube-system/coredns']);
  });
});

describe('NP013 unmatched-named-port', () => {
  const api = deployment('shop', 'api', { app: 'api' }, [[8080, 'http'], [9000, 'metrics', 'UDP']]);
  const ingressOn = (port: any) => policy('shop', 'api', {
    podSelector: { matchLabels: { app: 'api' } },
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ podSelector: {} }], ports: [port] }],
  });

  test('fires on a named port no selected pod declares', () => {
    const report = lint([api, ingressOn({ port: 'https' })]);
    expect(findings(report, 'NP013')).toEqual([{ severity: Severity.WARNING, policy: 'shop/api', field: 'spec.ingress[0].ports[0].port' }]);
    expect(only(report, 'NP013').message).toContain('no destination pod declares a container port of that name (destinations: shop/api)');
  });

  test('fires, saying so, when the port is declared only for another protocol', () => {
    const report = lint([api, ingressOn({ port: 'metrics' })]);
    expect(only(report, 'NP013').message).toContain("the destination pods declare 'metrics' only for UDP");
    expect(only(report, 'NP013').fix).toContain('Set the rule\'s protocol to UDP');
  });

  test('is silent on a declared named port, and when the destinations are unknown', () => {
    expect(lint([api, ingressOn({ port: 'http' })]).findingsOf('NP013')).toEqual([]);
    expect(lint([ingressOn({ port: 'https' })]).findingsOf('NP013')).toEqual([]);
  });

  test('judges egress named ports on the peers\' pods', () => {
    const web = deployment('shop', 'web', { app: 'web' });
    const egress = (port: string) => policy('shop', 'web', {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port }] }],
    });
    expect(findings(lint([api, web, egress('htp')]), 'NP013')).toEqual([{ severity: Severity.WARNING, policy: 'shop/web', field: 'spec.egress[0].ports[0].port' }]);
    expect(lint([api, web, egress('http')]).findingsOf('NP013')).toEqual([]);
  });

  test('fires on a named port whose only peers are ipBlocks (external addresses have no named ports), even without workloads', () => {
    const report = lint([policy('shop', 'web', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ port: 'https' }] }],
    })]);
    expect(findings(report, 'NP013')).toEqual([{ severity: Severity.WARNING, policy: 'shop/web', field: 'spec.egress[0].ports[0].port' }]);
  });
});
