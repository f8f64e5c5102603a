/**
 * The naive evaluator: judges one connection against every policy, reading the manifests directly,
 * with no index, no classes and no shared matching code beyond CIDR arithmetic and the plain label
 * predicate. It is the benchmark baseline and the test oracle for the indexed evaluator. Internal.
 *
 * @module
 */
import { ModelEndpoint, ModelNamespace, ModelSnapshot } from '../../src/analysis/model';
import { matchesSelector } from '../../src/analysis/selector-match';
import { WorkloadKind } from '../../src/ingest/workload-kind';
import {
  EgressRuleManifest, IngressRuleManifest, LabelSelectorManifest, NetworkPolicyManifest, PeerManifest, PortManifest,
} from '../../src/manifest';
import { cidrContainsIp, parseCidr, ParsedCidr, ParsedIp } from '../../src/net/cidr';

/** One end of a connection: a pod (or workload) of the model, or an external address. */
export type NaiveEnd = { readonly pod: ModelEndpoint } | { readonly ip: ParsedIp };

export class NaiveEvaluator {
  private readonly namespaces: Map<string, ModelNamespace>;
  private readonly policies: readonly NetworkPolicyManifest[];

  constructor(snapshot: ModelSnapshot) {
    this.namespaces = new Map(snapshot.namespaces.map((ns) => [ns.name, ns]));
    this.policies = snapshot.policies.map((p) => p.manifest);
  }

  public isAllowed(from: NaiveEnd, to: NaiveEnd, protocol: string, port: number): boolean {
    if ('pod' in from && 'pod' in to && from.pod === to.pod && from.pod.kind === WorkloadKind.POD) return true;
    return this.egressAllowed(from, to, protocol, port) && this.ingressAllowed(from, to, protocol, port);
  }

  private egressAllowed(from: NaiveEnd, to: NaiveEnd, protocol: string, port: number): boolean {
    if (!('pod' in from)) return true;
    let isolated = false;
    for (const policy of this.policies) {
      if (!this.selects(policy, from.pod) || !hasType(policy, 'Egress')) continue;
      isolated = true;
      for (const rule of list<EgressRuleManifest>(policy.spec.egress)) {
        if (this.peersMatch(list(rule?.to), policy, to) && portsMatch(list(rule?.ports), to, protocol, port)) return true;
      }
    }
    return !isolated;
  }

  private ingressAllowed(from: NaiveEnd, to: NaiveEnd, protocol: string, port: number): boolean {
    if (!('pod' in to)) return true;
    let isolated = false;
    for (const policy of this.policies) {
      if (!this.selects(policy, to.pod) || !hasType(policy, 'Ingress')) continue;
      isolated = true;
      for (const rule of list<IngressRuleManifest>(policy.spec.ingress)) {
        if (this.peersMatch(list(rule?.from), policy, from) && portsMatch(list(rule?.ports), to, protocol, port)) return true;
      }
    }
    return !isolated;
  }

  private selects(policy: NetworkPolicyManifest, pod: ModelEndpoint): boolean {
    return (policy.metadata.namespace ?? 'default') === pod.namespace && matchesSelector(policy.spec.podSelector, pod.labels);
  }

  private peersMatch(peers: PeerManifest[], policy: NetworkPolicyManifest, end: NaiveEnd): boolean {
    if (peers.length === 0) return true;
    return peers.some((peer) => this.peerMatches(peer, policy, end));
  }

  private peerMatches(peer: PeerManifest, policy: NetworkPolicyManifest, end: NaiveEnd): boolean {
    if (peer.ipBlock) {
      const ips = 'pod' in end ? end.pod.ips : [end.ip];
      const cidr = parseCidr(peer.ipBlock.cidr) as ParsedCidr;
      const excepts = list<string>(peer.ipBlock.except).map((e) => parseCidr(e) as ParsedCidr);
      return ips.some((ip) => cidrContainsIp(cidr, ip) && !excepts.some((e) => cidrContainsIp(e, ip)));
    }
    if (!('pod' in end)) return false;
    const namespaceSelector = present<LabelSelectorManifest>(peer.namespaceSelector);
    const podSelector = present<LabelSelectorManifest>(peer.podSelector);
    if (namespaceSelector) {
      const labels = this.namespaces.get(end.pod.namespace)?.labels ?? {};
      if (!matchesSelector(namespaceSelector, labels)) return false;
    } else if (end.pod.namespace !== (policy.metadata.namespace ?? 'default')) {
      return false;
    }
    return podSelector ? matchesSelector(podSelector, end.pod.labels) : true;
  }
}

function hasType(policy: NetworkPolicyManifest, type: 'Ingress' | 'Egress'): boolean {
  const types = list<string>(policy.spec.policyTypes);
  if (types.length > 0) return types.includes(type);
  return type === 'Ingress' || list(policy.spec.egress).length > 0;
}

function portsMatch(ports: PortManifest[], to: NaiveEnd, protocol: string, port: number): boolean {
  if (ports.length === 0) return true;
  return ports.some((raw) => {
    const p = raw ?? {};
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined || p.port === null) return true;
    if (typeof p.port === 'string') {
      const name = p.port;
      return 'pod' in to && to.pod.ports.some((c) => c.name === name && c.protocol === protocol && c.port === port);
    }
    const end = present<number>(p.endPort);
    return end === undefined ? port === p.port : port >= p.port && port <= end;
  });
}

function list<T>(value: T[] | undefined | null): T[] {
  return value ?? [];
}

function present<T>(value: T | undefined | null): T | undefined {
  return value === null ? undefined : value;
}
