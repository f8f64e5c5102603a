import { DescribedPeer, describeNamespaces, describePeer } from './describe';
import { LabelSelectorManifest, NAMESPACE_NAME_LABEL, PeerManifest } from './manifest';
import { cidrContainsCidr, ParsedCidr, parseCidr } from './net/cidr';
import {
  checkInstance, checkOptionalInstance, checkString, checkStrings, freezeDeep, show,
} from './runtime-checks';
import { normalizeSelector } from './selection/normalized';
import { LabelExpression, LabelSelector } from './selectors';
import { sortedUnique } from './sorted-unique';
import { markDeepFrozen } from './validation/frozen';
import { checkDns1123Label } from './validation/syntax';
import { Workload } from './workload';

const NAMED = new Map<string, Namespaces>();
/** `Peer.pods()` values by pod selector, then by namespace selector (or `NO_NAMESPACES`); held as long as the pod selector is. */
const PODS_CACHE = new WeakMap<LabelSelector, Map<object, Peer>>();
const NO_NAMESPACES = {};
const PODS_PER_SELECTOR_LIMIT = 1_000;
const NAMED_LIMIT = 10_000;

/**
 * A choice of namespaces, used by `Peer.namespaces()` and `Peer.pods()`.
 */
export class Namespaces {
  /**
   * The namespaces with these names, matched through the `kubernetes.io/metadata.name` label that the
   * API server sets on every namespace (it cannot be forged or forgotten, unlike a custom `name` label).
   *
   * @param names at least one namespace name
   */
  public static named(names: string[]): Namespaces {
    checkStrings(names, 'Namespaces.named()', 'names');
    if (names.length === 0) {
      throw new Error(
        'Namespaces.named([]): no namespace names given. An empty list would select nothing here but everything in ' +
        'other tools; name at least one namespace, or use Namespaces.all() to mean every namespace.',
      );
    }
    if (names.length === 1) {
      // Values are immutable, so one namespace's value is shared by every peer that names it.
      const cached = NAMED.get(names[0]);
      if (cached !== undefined) {
        return cached;
      }
    }
    for (const name of names) {
      const reason = checkDns1123Label(name);
      if (reason !== undefined) {
        throw new Error(`Namespaces.named(): namespace name '${name}' ${reason}.`);
      }
    }
    const unique = sortedUnique(names);
    const selector = unique.length === 1
      ? LabelSelector.labels({ [NAMESPACE_NAME_LABEL]: unique[0] })
      : LabelSelector.of({ expressions: [LabelExpression.isIn(NAMESPACE_NAME_LABEL, unique)] });
    const namespaces = new Namespaces(selector);
    if (unique.length === 1 && NAMED.size < NAMED_LIMIT) {
      NAMED.set(unique[0], namespaces);
    }
    return namespaces;
  }

  /**
   * The namespaces whose labels match a selector, e.g. `Namespaces.selectedBy(LabelSelector.labels({ purpose: 'monitoring' }))`.
   *
   * Prefer `Namespaces.named()` where you can: custom namespace labels are easy to forget to apply.
   *
   * @param selector the namespace labels to match
   */
  public static selectedBy(selector: LabelSelector): Namespaces {
    checkInstance(selector, LabelSelector, 'Namespaces.selectedBy()', 'selector', "LabelSelector.labels({ purpose: 'monitoring' })");
    if (selector.isAll) {
      return Namespaces.all();
    }
    return new Namespaces(selector);
  }

  /** Every namespace of the cluster (`namespaceSelector: {}`). This does not include addresses outside the cluster. */
  public static all(): Namespaces {
    return new Namespaces(LabelSelector.all());
  }

  /** The namespace selector. */
  public get selector(): LabelSelector {
    return this.namespaceSelector;
  }

  // Values are shared (Namespaces.named() caches them for the whole process): `selector` is a getter, so
  // nothing can replace it.
  private readonly namespaceSelector: LabelSelector;

  private constructor(selector: LabelSelector) {
    this.namespaceSelector = selector;
  }

  /** A readable form, e.g. `namespace kube-system`, `namespaces a, b`, `every namespace`. */
  public toString(): string {
    return describeNamespaces(normalizeSelector(this.selector._toManifest())).replace(/^in /, '');
  }
}

/**
 * Who may connect: a source of ingress traffic or a destination of egress traffic (a `NetworkPolicyPeer`).
 *
 * Peers are plain values: create them with the static methods and pass them to rules. Several peers
 * in one rule are OR-ed; to require a namespace AND a pod label, use one peer: `Peer.pods(selector, namespaces)`.
 */
export class Peer {
  /**
   * Pods matching `pods`, in the policy's own namespace, or in `namespaces` when given
   * (one peer with both selectors: the pod must match both).
   *
   * @param pods which pods; `LabelSelector.all()` for every pod
   * @param namespaces in which namespaces @default - the policy's own namespace
   */
  public static pods(pods: LabelSelector, namespaces?: Namespaces): Peer {
    checkInstance(pods, LabelSelector, 'Peer.pods()', 'pods', SELECTOR_HINT);
    checkOptionalInstance(namespaces, Namespaces, 'Peer.pods()', 'namespaces', NAMESPACES_HINT);
    // Peers are immutable: a peer of a shared selector (and shared namespaces) is shared too. A selector known
    // only at synthesis is rendered at each call, so its peers are not.
    const lazy = pods._isLazy;
    const byNamespaces = lazy ? undefined : PODS_CACHE.get(pods);
    // By the namespaces' selector, not the Namespaces value: Namespaces.all() and selectedBy() make new values of shared selectors.
    const cached = byNamespaces?.get(namespaces?.selector ?? NO_NAMESPACES);
    if (cached !== undefined) return cached;
    const manifest: PeerManifest = { podSelector: pods._toManifest() };
    if (namespaces !== undefined) {
      manifest.namespaceSelector = namespaces.selector._toManifest();
    }
    const peer = new Peer(manifest);
    if (!lazy && !namespaces?.selector._isLazy) {
      const map = byNamespaces ?? new Map<object, Peer>();
      if (byNamespaces === undefined) PODS_CACHE.set(pods, map);
      if (map.size < PODS_PER_SELECTOR_LIMIT) map.set(namespaces?.selector ?? NO_NAMESPACES, peer);
    }
    return peer;
  }

  /**
   * Every pod in the chosen namespaces (a peer with only a `namespaceSelector`).
   *
   * @param namespaces which namespaces: `Namespaces.named([...])`, `Namespaces.selectedBy(...)` or `Namespaces.all()`
   */
  public static namespaces(namespaces: Namespaces): Peer {
    checkInstance(namespaces, Namespaces, 'Peer.namespaces()', 'namespaces', NAMESPACES_HINT);
    return new Peer({ namespaceSelector: namespaces.selector._toManifest() });
  }

  /**
   * Every pod in every namespace of the cluster (`namespaceSelector: {}`). Not addresses outside the cluster.
   */
  public static allPods(): Peer {
    return Peer.namespaces(Namespaces.all());
  }

  /**
   * An IPv4 range in CIDR notation, e.g. `Peer.ipv4('10.0.0.0/24')`, minus optional ranges inside it
   * (an `ipBlock` with `except`).
   *
   * Use this for addresses outside the cluster: pod IPs change when pods restart.
   *
   * @param cidr the range, canonical (no host bits set: `10.0.0.0/24`, not `10.0.0.1/24`)
   * @param exceptCidrs ranges to leave out, each strictly inside `cidr` @default - the whole range
   */
  public static ipv4(cidr: string, exceptCidrs?: string[]): Peer {
    return Peer.ipBlockOf('ipv4', 4, cidr, exceptCidrs);
  }

  /**
   * An IPv6 range in CIDR notation, e.g. `Peer.ipv6('2001:db8::/32')`, minus optional ranges inside it.
   *
   * @param cidr the range, canonical (no host bits set)
   * @param exceptCidrs ranges to leave out, each strictly inside `cidr` @default - the whole range
   */
  public static ipv6(cidr: string, exceptCidrs?: string[]): Peer {
    return Peer.ipBlockOf('ipv6', 6, cidr, exceptCidrs);
  }

  /**
   * The pods of a workload (`Workload.select()` or `Workload.of()`), in the workload's namespace: one peer
   * with its pod selector, and its namespace by name when that is not the policy's own. Read at synthesis.
   *
   * @param workload the workload whose pods are the peer
   */
  public static workload(workload: Workload): Peer {
    checkInstance(workload, Workload, 'Peer.workload()', 'workload', 'Workload.select() or Workload.of()');
    return Peer._workloadIn(workload, workload.namespace);
  }

  /**
   * The pods of a workload in a given namespace (undefined: the policy's own).
   * @internal
   */
  public static _workloadIn(workload: Workload, namespace: string | undefined): Peer {
    return new Peer(undefined, Object.freeze({ workload, namespace }));
  }

  /**
   * Any source or destination at all: every pod of every namespace and every address outside the cluster.
   *
   * A rule with this peer has no `from`/`to` list. It is the only way to write such a rule: an empty peer
   * list is refused, so that "everyone" is always said on purpose.
   */
  public static anyone(): Peer {
    return new Peer(undefined);
  }

  private static ipBlockOf(factory: string, family: 4 | 6, cidr: string, except?: string[]): Peer {
    checkString(cidr, `Peer.${factory}()`, 'cidr');
    if (except !== undefined) checkStrings(except, () => `Peer.${factory}(${show(cidr)})`, 'exceptCidrs');
    const outer = parseCanonical(factory, cidr, 'cidr', cidr, family);
    const manifest: PeerManifest = { ipBlock: { cidr } };
    if (except !== undefined) {
      if (except.length === 0) {
        throw new Error(`Peer.${factory}('${cidr}', []): exceptCidrs is empty; omit it to allow the whole range.`);
      }
      const unique = sortedUnique(except);
      for (const e of unique) {
        const inner = parseCanonical(factory, cidr, 'exceptCidrs', e, family);
        if (!cidrContainsCidr(outer, inner) || inner.prefix <= outer.prefix) {
          throw new Error(
            `Peer.${factory}('${cidr}'): exceptCidrs '${e}' must lie strictly inside ${cidr} ` +
            '(a smaller range within it); the API server rejects it otherwise.',
          );
        }
      }
      manifest.ipBlock!.except = unique;
    }
    return new Peer(manifest);
  }
  /**
   * The manifest of this peer; undefined for `Peer.anyone()`.
   * @internal
   */
  public get _manifest(): PeerManifest | undefined {
    return this.manifest;
  }

  // Deeply frozen, and behind a getter: peers are shared, nothing may change them.
  private readonly manifest?: PeerManifest;
  private key?: string;
  private readonly workloadRef?: { readonly workload: Workload; readonly namespace?: string };

  private constructor(manifest: PeerManifest | undefined, workloadRef?: { readonly workload: Workload; readonly namespace?: string }) {
    this.manifest = markDeepFrozen(freezeDeep(manifest));
    this.workloadRef = workloadRef;
  }

  /**
   * A canonical key for de-duplication.
   * @internal
   */
  public get _key(): string {
    if (this.key === undefined) {
      if (this.workloadRef) {
        this.key = `workload:${this.workloadRef.workload._id}@${this.workloadRef.namespace ?? ''}`;
      } else {
        this.key = this._manifest === undefined ? '*' : peerKey(this._manifest);
      }
    }
    return this.key;
  }

  /** Whether this peer is `Peer.anyone()`. */
  public get isAnyone(): boolean {
    return this._manifest === undefined && this.workloadRef === undefined;
  }

  /**
   * The workload this peer stands for, if it is `Peer.workload()`.
   * @internal
   */
  public get _workload(): Workload | undefined {
    return this.workloadRef?.workload;
  }

  /** A readable form, e.g. `pods app=frontend in the policy's namespace` or `addresses in 10.0.0.0/24 except 10.0.0.5/32`. */
  public toString(): string {
    if (this.workloadRef) {
      const { workload, namespace } = this.workloadRef;
      return `pods of ${workload} ${namespace ? `in namespace ${namespace}` : "in the policy's namespace"}`;
    }
    return describePeer(describedPeer(this._manifest));
  }

  /**
   * The manifest of this peer in a policy of `policyNamespace`; undefined for `Peer.anyone()`.
   * @internal
   */
  public _render(policyNamespace: string | undefined): PeerManifest | undefined {
    if (!this.workloadRef) return this._manifest;
    const { workload, namespace } = this.workloadRef;
    const resolved = workload._resolve();
    const where = resolved.namespace ?? namespace;
    const manifest: PeerManifest = { podSelector: resolved.selector };
    if (where !== undefined && where !== policyNamespace) {
      manifest.namespaceSelector = { matchLabels: { [NAMESPACE_NAME_LABEL]: where } };
    }
    return manifest;
  }


}

/** Parses a CIDR of `Peer.<factory>('<cidr>')`; the message names that call, and is built only on failure. */
const SELECTOR_HINT = "LabelSelector.labels({ app: 'web' }), or LabelSelector.all() for every pod";
const NAMESPACES_HINT = "Namespaces.named(['kube-system']), Namespaces.selectedBy(...) or Namespaces.all()";

function parseCanonical(factory: string, cidr: string, field: string, text: string, family: 4 | 6): ParsedCidr {
  const parsed = parseCidr(text);
  const where = () => `Peer.${factory}('${cidr}')`;
  if (typeof parsed === 'string') {
    throw new Error(`${where()}: ${field} '${text}' is invalid: ${parsed}.`);
  }
  if (parsed.family !== family) {
    throw new Error(field === 'cidr'
      ? `${where()}: cidr '${text}' is an IPv${parsed.family} range; use Peer.ipv${parsed.family}() for it.`
      : `${where()}: exceptCidrs '${text}' is an IPv${parsed.family} range inside an IPv${family} block; exceptCidrs must be of the cidr's family.`);
  }
  if (parsed.hostBitsSet) {
    throw new Error(
      `${where()}: ${field} '${text}' has host bits set beyond its /${parsed.prefix} prefix; ` +
      `write the network address '${parsed.canonical}' (newer API servers reject the other form).`,
    );
  }
  return parsed;
}

// A key, not a rendering: labels are sorted at creation and label syntax has no ',', '=' or '|'.
function selectorKey(selector: LabelSelectorManifest | undefined): string {
  if (selector === undefined) {
    return '-';
  }
  let key = '';
  for (const label in selector.matchLabels) {
    key += `${label}=${selector.matchLabels[label]},`;
  }
  for (const e of selector.matchExpressions ?? []) {
    key += `${e.key} ${e.operator} ${(e.values ?? []).join('|')},`;
  }
  return key;
}

function peerKey(peer: PeerManifest): string {
  if (peer.ipBlock !== undefined) {
    return `ip:${peer.ipBlock.cidr}:${sortedUnique(peer.ipBlock.except ?? []).join(',')}`;
  }
  return `sel:${selectorKey(peer.namespaceSelector)}:${selectorKey(peer.podSelector)}`;
}

// Descriptions are derived from the manifest when asked for: synthesizing thousands of policies never
// needs them, so values keep nothing but their manifest.
function describedPeer(peer: PeerManifest | undefined): DescribedPeer | undefined {
  if (peer === undefined) return undefined;
  if (peer.ipBlock !== undefined) {
    return { kind: 'ipBlock', cidr: { canonical: peer.ipBlock.cidr }, except: (peer.ipBlock.except ?? []).map((canonical) => ({ canonical })) };
  }
  return {
    kind: 'pods',
    namespaceSelector: peer.namespaceSelector === undefined ? undefined : normalizeSelector(peer.namespaceSelector),
    podSelector: peer.podSelector === undefined ? undefined : normalizeSelector(peer.podSelector),
  };
}
