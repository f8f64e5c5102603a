/**
 * `ClusterPeer`: a source or destination in a ClusterNetworkPolicy rule (`from[]` / `to[]`). Public.
 *
 * @module
 */
import { describeNetworks, describePods } from './cnp-describe';
import { ClusterNetworkPolicyEgressPeerManifest } from '../cluster-manifest';
import { parseCidr } from '../net/cidr';
import { checkInstance, checkStrings, show } from '../runtime-checks';
import { LabelSelector } from '../selectors';
import { CNP_MAX_CIDR_LENGTH, CNP_MAX_ITEMS } from '../validation/cluster-network-policy';

const NAMESPACES_HINT = "LabelSelector.labels({ 'kubernetes.io/metadata.name': 'monitoring' }), or LabelSelector.all()";
const PODS_HINT = "LabelSelector.labels({ app: 'prometheus' }), or LabelSelector.all()";

/** What a peer selects. */
type PeerState =
  | { readonly kind: 'namespaces'; readonly namespaces: LabelSelector }
  | { readonly kind: 'pods'; readonly namespaces: LabelSelector; readonly pods: LabelSelector }
  | { readonly kind: 'networks'; readonly cidrs: readonly string[] };

/**
 * Who a ClusterNetworkPolicy rule is about: the sources of an ingress rule, or the destinations of an
 * egress rule. Several peers in one rule are OR-ed.
 *
 * Namespace and pod peers match pods only (never host-networked pods or addresses outside the cluster);
 * `ClusterPeer.networks()` matches IP addresses and is allowed in egress rules only. Values are immutable
 * and can be shared between rules and policies.
 */
export class ClusterPeer {
  /**
   * Every pod of the namespaces matching `selector` (`namespaces`).
   *
   * @param selector the labels of the namespaces; `LabelSelector.all()` for every pod of the cluster
   */
  public static namespaces(selector: LabelSelector): ClusterPeer {
    checkInstance(selector, LabelSelector, 'ClusterPeer.namespaces()', 'selector', NAMESPACES_HINT);
    return new ClusterPeer({ kind: 'namespaces', namespaces: selector });
  }

  /**
   * The pods matching `pods` in the namespaces matching `namespaces` (`pods`): a pod must match both.
   *
   * @param namespaces the labels of the namespaces; `LabelSelector.all()` for every namespace
   * @param pods the labels of the pods; `LabelSelector.all()` for every pod of those namespaces
   */
  public static pods(namespaces: LabelSelector, pods: LabelSelector): ClusterPeer {
    checkInstance(namespaces, LabelSelector, 'ClusterPeer.pods()', 'namespaces', NAMESPACES_HINT);
    checkInstance(pods, LabelSelector, 'ClusterPeer.pods()', 'pods', PODS_HINT);
    return new ClusterPeer({ kind: 'pods', namespaces, pods });
  }

  /**
   * IP ranges in CIDR notation, IPv4 or IPv6 (`networks`); egress rules only.
   *
   * The ranges match any address in them, pod IPs included: a rule on `0.0.0.0/0` also affects traffic
   * between pods. Put a rule for pod traffic first (e.g. `Pass` to `ClusterPeer.namespaces(LabelSelector.all())`)
   * when only traffic leaving the cluster is meant. The same range written twice is kept once.
   *
   * @param cidrs 1 to 25 ranges, canonical (no host bits set: `10.0.0.0/8`, not `10.0.0.1/8`); `['0.0.0.0/0', '::/0']` for every address
   */
  public static networks(cidrs: string[]): ClusterPeer {
    const where = 'ClusterPeer.networks()';
    checkStrings(cidrs, where, 'cidrs');
    if (cidrs.length === 0) {
      throw new Error(`${where}: cidrs is empty; name at least one range, or ['0.0.0.0/0', '::/0'] for every address.`);
    }
    const kept: string[] = [];
    const seen = new Set<string>();
    cidrs.forEach((cidr, i) => {
      const parsed = parseCidr(cidr);
      if (typeof parsed === 'string') {
        throw new Error(`${where}: cidrs[${i}] ${show(cidr)} is invalid: ${parsed}.`);
      }
      if (parsed.hostBitsSet) {
        throw new Error(`${where}: cidrs[${i}] ${show(cidr)} has bits set beyond its /${parsed.prefix} prefix, so it means `
          + `'${parsed.canonical}'; write '${parsed.canonical}' (or /${parsed.family === 4 ? 32 : 128} for a single address).`);
      }
      // The CRD's maxLength: only long spellings of IPv6 ranges (leading zeros, an embedded IPv4 address) exceed it.
      if (cidr.length > CNP_MAX_CIDR_LENGTH) {
        throw new Error(`${where}: cidrs[${i}] ${show(cidr)} is longer than ${CNP_MAX_CIDR_LENGTH} characters; write '${parsed.canonical}'.`);
      }
      // One range, one entry: the CRD's list is a set, and '2001:DB8::/32' and '2001:db8::/32' are the same range.
      if (seen.has(parsed.canonical)) return;
      seen.add(parsed.canonical);
      kept.push(cidr);
    });
    if (kept.length > CNP_MAX_ITEMS) {
      throw new Error(`${where}: ${kept.length} ranges given; a networks peer holds at most ${CNP_MAX_ITEMS}: `
        + 'split them over several ClusterPeer.networks() peers, or use wider ranges.');
    }
    return new ClusterPeer({ kind: 'networks', cidrs: Object.freeze(kept) });
  }

  /** The namespaces matched: every pod of them, or the pods of them `podSelector` matches. Undefined for a networks peer. */
  public get namespaceSelector(): LabelSelector | undefined {
    return this.state.kind === 'networks' ? undefined : this.state.namespaces;
  }

  /** The pods matched within the namespaces, for a `ClusterPeer.pods()` peer. */
  public get podSelector(): LabelSelector | undefined {
    return this.state.kind === 'pods' ? this.state.pods : undefined;
  }

  /** The IP ranges, for a `ClusterPeer.networks()` peer; read-only. */
  public get cidrs(): string[] | undefined {
    return this.state.kind === 'networks' ? this.state.cidrs as string[] : undefined;
  }

  // Peers are shared between rules and policies: the properties above are getters over this frozen state.
  private readonly state: PeerState;
  private readonly manifest: ClusterNetworkPolicyEgressPeerManifest;
  private readonly key: string;

  private constructor(state: PeerState) {
    this.state = Object.freeze(state);
    let manifest: ClusterNetworkPolicyEgressPeerManifest;
    switch (state.kind) {
      case 'namespaces':
        manifest = { namespaces: state.namespaces._toManifest() };
        break;
      case 'pods':
        manifest = { pods: Object.freeze({ namespaceSelector: state.namespaces._toManifest(), podSelector: state.pods._toManifest() }) };
        break;
      default:
        manifest = { networks: state.cidrs as string[] };
    }
    this.manifest = Object.freeze(manifest);
    // Selectors sort their labels and values when created, so equal peers have equal JSON.
    this.key = JSON.stringify(manifest);
  }

  /**
   * Whether this peer may only be a destination (`networks`): ingress peers are namespaces and pods only.
   * @internal
   */
  public get _egressOnly(): boolean {
    return this.state.kind === 'networks';
  }

  /**
   * A canonical key: equal peers have equal keys.
   * @internal
   */
  public get _key(): string {
    return this.key;
  }

  /** A readable form, e.g. `every pod in namespace monitoring`, `pods app=web in every namespace` or `addresses in 10.0.0.0/8`. */
  public toString(): string {
    const state = this.state;
    switch (state.kind) {
      case 'namespaces': return describePods(state.namespaces, undefined);
      case 'pods': return describePods(state.namespaces, state.pods);
      default: return describeNetworks(state.cidrs);
    }
  }

  /**
   * The peer manifest (an egress peer; namespace and pod peers are also valid ingress peers): built once, frozen.
   * @internal
   */
  public _toManifest(): ClusterNetworkPolicyEgressPeerManifest {
    return this.manifest;
  }
}
