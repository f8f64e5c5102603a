/**
 * Readable forms of what a ClusterNetworkPolicy selects, in the words of the library's one describer
 * (`src/describe.ts`), so a selection of pods reads the same in a NetworkPolicy, a ClusterNetworkPolicy,
 * explain output and lint findings. Internal.
 *
 * @module
 */
import { describePeer } from '../describe';
import { Port } from '../ports';
import { normalizeSelector } from '../selection/normalized';
import { LabelSelector } from '../selectors';

/** `every pod in every namespace`, `pods app=web in namespace shop` (no pod selector: every pod). */
export function describePods(namespaces: LabelSelector, pods: LabelSelector | undefined): string {
  return describePeer({
    kind: 'pods',
    namespaceSelector: normalizeSelector(namespaces._toManifest()),
    podSelector: pods === undefined ? undefined : normalizeSelector(pods._toManifest()),
  });
}

/** `addresses in 10.0.0.0/8, fd00::/8`. */
export function describeNetworks(cidrs: readonly string[]): string {
  return `addresses in ${cidrs.join(', ')}`;
}

/**
 * The ports of a rule as ClusterNetworkPolicy matches them: `TCP 9090`, `all UDP ports`, and a named port as
 * `port 'metrics'` (it takes the protocol of the container port of that name); `every port` for none.
 */
export function describeCnpPorts(ports: readonly Port[] | undefined): string {
  if (ports === undefined || ports.length === 0) return 'every port';
  return ports.map((p) => (p.name === undefined ? p.toString() : `port '${p.name}'`)).join(', ');
}
