/**
 * The one describer of selectors, peers and ports: the words `toString()`, explain, lint, diagrams and
 * diffs use for them, so that one thing reads the same wherever it is shown. Internal.
 *
 * - a selector as kubectl prints it: `app=db,tier in (a,b),env notin (dev),release,!canary`;
 * - a port as `TCP 8080`, `TCP 8000-8100`, `TCP port 'http'`, `all TCP ports`;
 * - a peer as `pods app=web in namespace shop`, `every pod in every namespace`,
 *   `addresses in 10.0.0.0/8 except 10.1.0.0/16`, `anyone`.
 *
 * @module
 */
import { isEmptySelector, NormalizedSelector } from './selection/normalized';

/** The label the API server sets on every namespace to its name. */
const NAME_LABEL = 'kubernetes.io/metadata.name';

/** A port as the describer needs it: a protocol, and a number, a range or a name (neither: every port). */
export interface DescribedPort {
  readonly protocol: string;
  readonly port?: number | string;
  readonly endPort?: number;
  readonly name?: string;
}

/** A peer as the describer needs it (the evaluator's normalized peers have this shape). */
export type DescribedPeer =
  | { readonly kind: 'ipBlock'; readonly cidr: { readonly canonical: string }; readonly except: ReadonlyArray<{ readonly canonical: string }> }
  | { readonly kind: 'pods'; readonly namespaceSelector?: NormalizedSelector; readonly podSelector?: NormalizedSelector };

/** kubectl's text for a selector: `app=db,tier in (a,b),env notin (dev),release,!canary`; `''` for the empty one. */
export function describeSelector(selector: NormalizedSelector): string {
  const parts = selector.matchLabels.map(([k, v]) => `${k}=${v}`);
  for (const r of selector.expressions) {
    switch (r.operator) {
      case 'In': parts.push(`${r.key} in (${r.values.join(',')})`); break;
      case 'NotIn': parts.push(`${r.key} notin (${r.values.join(',')})`); break;
      case 'Exists': parts.push(r.key); break;
      default: parts.push(`!${r.key}`);
    }
  }
  return parts.join(',');
}

/** `TCP 8080`, `TCP 8000-8100`, `TCP port 'http'`, or `all TCP ports`. */
export function describePort(port: DescribedPort): string {
  const name = port.name ?? (typeof port.port === 'string' ? port.port : undefined);
  if (name !== undefined) return `${port.protocol} port '${name}'`;
  if (port.port === undefined) return `all ${port.protocol} ports`;
  return port.endPort === undefined ? `${port.protocol} ${port.port}` : `${port.protocol} ${port.port}-${port.endPort}`;
}

/** The ports of a rule, or `every port` (a rule without ports). */
export function describePorts(ports: readonly DescribedPort[] | undefined): string {
  return ports === undefined || ports.length === 0 ? 'every port' : ports.map(describePort).join(', ');
}

/** Where a peer's pods are: `in namespace shop`, `in every namespace`, `in namespaces team=a`. */
export function describeNamespaces(selector: NormalizedSelector | undefined, policyNamespace?: string): string {
  if (selector === undefined) return policyNamespace === undefined ? "in the policy's namespace" : `in namespace ${policyNamespace}`;
  if (isEmptySelector(selector)) return 'in every namespace';
  const [first] = selector.matchLabels;
  if (selector.matchLabels.length === 1 && selector.expressions.length === 0 && first[0] === NAME_LABEL) return `in namespace ${first[1]}`;
  const [only] = selector.expressions;
  if (selector.matchLabels.length === 0 && selector.expressions.length === 1 && only.key === NAME_LABEL && only.operator === 'In') {
    return only.values.length === 1 ? `in namespace ${only.values[0]}` : `in namespaces ${only.values.join(', ')}`;
  }
  return `in namespaces ${describeSelector(selector)}`;
}

/**
 * A peer: `pods app=web in namespace shop`, `every pod in every namespace`,
 * `addresses in 10.0.0.0/8 except 10.1.0.0/16`; `anyone` for no peer (a rule without `from`/`to`).
 *
 * @param policyNamespace the namespace of the policy the peer is in, when known
 */
export function describePeer(peer: DescribedPeer | undefined, policyNamespace?: string): string {
  if (peer === undefined) return 'anyone';
  if (peer.kind === 'ipBlock') {
    const except = peer.except.map((e) => e.canonical);
    return `addresses in ${peer.cidr.canonical}${except.length > 0 ? ` except ${except.join(', ')}` : ''}`;
  }
  const pods = peer.podSelector === undefined || isEmptySelector(peer.podSelector) ? 'every pod' : `pods ${describeSelector(peer.podSelector)}`;
  return `${pods} ${describeNamespaces(peer.namespaceSelector, policyNamespace)}`;
}
