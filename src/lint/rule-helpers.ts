/**
 * Small readings of rules and peers shared by several lint rules. Internal.
 *
 * @module
 */
import { LabelSelectorManifest } from '../manifest';
import { RuleView } from './lint-context';
import { NormalizedPeer, NormalizedPort } from '../analysis/policy-parse';
import { isEmptySelector } from '../analysis/selector-match';
import { Protocol } from '../protocol';

/** The rule's ports that include `port` on UDP or TCP (named ports and whole-protocol ports excluded). */
export function portsIncluding(ports: readonly NormalizedPort[] | undefined, port: number): NormalizedPort[] {
  return (ports ?? []).filter((p) => (p.protocol === Protocol.UDP || p.protocol === Protocol.TCP)
    && p.name === undefined && p.port !== undefined
    && (p.endPort !== undefined ? p.port <= port && port <= p.endPort : p.port === port));
}

/** A peer that is every pod of every namespace: `namespaceSelector: {}` with no (or an empty) podSelector. */
export function isEveryPod(peer: NormalizedPeer): boolean {
  return peer.kind === 'pods' && peer.namespaceSelector !== undefined && isEmptySelector(peer.namespaceSelector)
    && (peer.podSelector === undefined || isEmptySelector(peer.podSelector));
}

/** A peer that is every address of a family: an ipBlock with prefix 0 and no exceptions. */
export function isEveryAddress(peer: NormalizedPeer): boolean {
  return peer.kind === 'ipBlock' && peer.cidr.prefix === 0 && peer.except.length === 0;
}

/** The peers as written: `spec.egress[1].to`. */
export function rawPeers(rule: RuleView): unknown[] | undefined {
  const peers = rule.raw[rule.peersKey];
  return Array.isArray(peers) ? peers : undefined;
}

/** A selector as written in a peer, or undefined. */
export function rawSelector(peer: unknown, key: 'podSelector' | 'namespaceSelector'): LabelSelectorManifest | undefined {
  if (typeof peer !== 'object' || peer === null) return undefined;
  const selector = (peer as Record<string, unknown>)[key];
  return typeof selector === 'object' && selector !== null ? selector as LabelSelectorManifest : undefined;
}

/** `every source` / `every destination`. */
export function everyone(rule: RuleView): string {
  return rule.direction === 'Ingress' ? 'every source' : 'every destination';
}
