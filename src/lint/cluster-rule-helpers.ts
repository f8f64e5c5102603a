/**
 * What the ClusterNetworkPolicy lint rules share: containment of subjects, peers and ports proved from the
 * selectors and numbers alone (never guessed: `false` means "not proved"), and the words for a rule's
 * subject, peers and ports. Internal.
 *
 * @module
 */
import {
  CnpDirection, NormalizedCnpPeer, NormalizedCnpPort, NormalizedCnpRule, NormalizedCnpSubject, subjectSelectors,
} from '../analysis/cluster-policy-parse';
import { describePeer, describePort, describeSelector } from '../describe';
import { ClusterPolicyView } from './lint-context';
import { cidrContainsCidr } from '../net/cidr';
import { Protocol } from '../protocol';
import { isEmptySelector, NormalizedSelector } from '../selection/normalized';
import { enumerateRegions } from '../selection/regions';


/**
 * Whether every label set `inner` matches, `outer` matches too. Exact: the regions of the two selectors are
 * every combination of their truth values some label set gives, so a label set matching `inner` and not
 * `outer` exists exactly when such a region does.
 */
export function selectorCovers(outer: NormalizedSelector, inner: NormalizedSelector): boolean {
  if (isEmptySelector(outer)) return true;
  return !enumerateRegions([outer, inner]).some((region) => !region.truth[0] && region.truth[1]);
}

/** Whether every pod `inner` selects, `outer` selects (namespace and pod labels being independent, per selector). */
export function subjectCovers(outer: NormalizedCnpSubject, inner: NormalizedCnpSubject): boolean {
  const [outerNamespaces, outerPods] = subjectSelectors(outer);
  const [innerNamespaces, innerPods] = subjectSelectors(inner);
  return selectorCovers(outerNamespaces, innerNamespaces) && selectorCovers(outerPods, innerPods);
}

/** Whether peer `outer` matches every connection end peer `inner` matches, as far as the peers alone prove it. */
export function peerCovers(outer: NormalizedCnpPeer, inner: NormalizedCnpPeer): boolean {
  switch (outer.kind) {
    case 'namespaces':
    case 'pods':
      return (inner.kind === 'namespaces' || inner.kind === 'pods') && subjectCovers(outer, inner);
    case 'networks':
      return inner.kind === 'networks' && inner.cidrs.every((c) => outer.cidrs.some((o) => cidrContainsCidr(o, c)));
    case 'nodes':
      return inner.kind === 'nodes' && selectorCovers(outer.selector, inner.selector);
    case 'domainNames':
      return inner.kind === 'domainNames' && inner.names.every((name) => outer.names.some((o) => domainCovers(o, name)));
  }
}

/** `*.example.com` matches one or more labels before `.example.com`, so it takes in `a.example.com` and `*.a.example.com`. */
function domainCovers(outer: string, inner: string): boolean {
  const a = outer.toLowerCase();
  const b = inner.toLowerCase();
  if (a === b) return true;
  return a.startsWith('*.') && b.endsWith(a.slice(1));
}

/** Whether every peer of `inner` is taken in by some peer of `outer`. */
export function peersCover(outer: readonly NormalizedCnpPeer[], inner: readonly NormalizedCnpPeer[]): boolean {
  return inner.every((peer) => outer.some((o) => peerCovers(o, peer)));
}

/**
 * Whether the ports `outer` matches take in every port `inner` matches (absent: every port). A named port is
 * only taken in by the same name (its number and protocol are the destination container's).
 */
export function portsCover(outer: readonly NormalizedCnpPort[] | undefined, inner: readonly NormalizedCnpPort[] | undefined): boolean {
  if (outer === undefined) return true;
  if (inner === undefined) return false;
  return inner.every((port) => {
    if (port.kind === 'named') return outer.some((o) => o.kind === 'named' && o.name === port.name);
    const [start, end] = port.kind === 'port' ? [port.port, port.port] : [port.start, port.end];
    return rangeCovered(outer, port.protocol, start, end);
  });
}

/** Whether the numbered entries of `ports` for `protocol` together cover `start`-`end`. */
function rangeCovered(ports: readonly NormalizedCnpPort[], protocol: Protocol, start: number, end: number): boolean {
  const ranges = ports
    .flatMap((p): Array<[number, number]> => (p.kind === 'named' || p.protocol !== protocol ? [] : [p.kind === 'port' ? [p.port, p.port] : [p.start, p.end]]))
    .sort((a, b) => a[0] - b[0]);
  let next = start;
  for (const [from, to] of ranges) {
    if (from > next) break;
    if (to >= next) next = to + 1;
    if (next > end) return true;
  }
  return next > end;
}

/** Whether a rule matches every connection `other` matches: peers and ports both taken in. */
export function ruleCovers(outer: NormalizedCnpRule, inner: NormalizedCnpRule): boolean {
  return peersCover(outer.peers, inner.peers) && portsCover(outer.ports, inner.ports);
}

/** `every pod in every namespace`, `pods app=web in namespace shop`. */
export function describeSubject(subject: NormalizedCnpSubject): string {
  const [namespaceSelector, podSelector] = subjectSelectors(subject);
  return describePeer({ kind: 'pods', namespaceSelector, podSelector });
}

/** A peer in words: pods as the NetworkPolicy describer says them, `addresses in ...`, `nodes ...`, `domain names ...`. */
export function describeClusterPeer(peer: NormalizedCnpPeer): string {
  switch (peer.kind) {
    case 'namespaces':
    case 'pods':
      return describeSubject(peer);
    case 'networks':
      return `addresses in ${peer.cidrs.map((c) => c.canonical).join(', ')}`;
    case 'nodes':
      return isEmptySelector(peer.selector) ? 'every node' : `nodes ${describeSelector(peer.selector)}`;
    case 'domainNames':
      return `domain names ${peer.names.join(', ')}`;
  }
}

/** `TCP 9090, UDP 53`, `port 'metrics'`, or `every port`. */
export function describeClusterPorts(ports: readonly NormalizedCnpPort[] | undefined): string {
  if (ports === undefined) return 'every port';
  return ports.map((p) => {
    switch (p.kind) {
      case 'named': return `port '${p.name}'`;
      case 'port': return describePort({ protocol: p.protocol, port: p.port });
      case 'range': return describePort({ protocol: p.protocol, port: p.start, endPort: p.end });
    }
  }).join(', ');
}

/** `spec.ingress[2]`. */
export function ruleField(rule: NormalizedCnpRule): string {
  return `spec.${rule.direction}[${rule.index}]`;
}

/** `ClusterNetworkPolicy monitoring spec.ingress[0] ('accept-monitoring')`. */
export function ruleLabel(policy: ClusterPolicyView, rule: NormalizedCnpRule): string {
  return `${policy.id} ${ruleField(rule)}${rule.name !== undefined ? ` ('${rule.name}')` : ''}`;
}

/** `ingress from` / `egress to`, for the peers of a rule. */
export function trafficWord(direction: CnpDirection): string {
  return direction === 'ingress' ? 'ingress from' : 'egress to';
}
