/**
 * ClusterNetworkPolicy tiers over sets of pod classes: the whole-cluster form of `cluster-tiers.ts`, for the
 * matrix, the diagrams and the diff (`Evaluator.sourcesInto` and `sourcesToAddress`). For one destination and
 * port it gives the source classes the tiers let through, given what the NetworkPolicies allow, with the same
 * order as one connection is judged in (`resolveDirection`):
 *
 * - per direction, the Admin rules that apply, in precedence order, split the sources into those a rule
 *   accepts, those it denies, and the rest (passed on, or matched by no rule): each source is taken by the
 *   first rule that matches it;
 * - the rest go to the NetworkPolicies when one selects the pod whose side it is (the destination for
 *   ingress, the source for egress), and otherwise to the Baseline rules the same way, then allowed.
 *
 * The classes are those of the evaluator, which also tells them apart by the `networks` ranges of the CNPs
 * (and by whether their pods have known IPs): every pod of a class is judged alike by every tier. What the
 * single-connection path reports as not judgeable offline (`nodes`, `domainNames` peers) matches no class
 * here either, and a pod without a known IP is inside only `0.0.0.0/0` and `::/0`, as there. Internal.
 *
 * @module
 */
import { Bitset } from '../bitset';
import { NormalizedCnpPeer, NormalizedCnpRule, NormalizedCnpSubject } from './cluster-policy-parse';
import { ClusterTiers, cnpPortsMatch } from './cluster-tiers';
import { NormalizedSelector } from './selector-match';
import { RankedRule } from './tiers';
import { cidrContainsIp, ParsedCidr, ParsedIp } from '../net/cidr';
import { Protocol } from '../protocol';

/** What the tiers need of the evaluator's classes. Every set returned is shared: never modified here. */
export interface ClassSets {
  readonly classCount: number;
  /** Classes whose namespace's labels match. */
  namespacesMatching(selector: NormalizedSelector): Bitset;
  /** Classes whose pod labels match. */
  podsMatching(selector: NormalizedSelector): Bitset;
  /** Classes whose pods have a known IP inside the range. */
  classesInside(cidr: ParsedCidr): Bitset;
  /** Classes whose pods have no known IP. */
  classesWithoutIps(): Bitset;
  /** Whether the pods of a class declare a container port of that name, protocol and number. */
  hasNamedPort(cls: number, name: string, protocol: Protocol, port: number): boolean;
}

/** A CNP rule with the classes of its policy's subject and of its peers. */
export interface IndexedTierRule {
  readonly ranked: RankedRule;
  /** Classes the policy's subject selects. */
  readonly subject: Bitset;
  /** Classes the rule's peers match. */
  readonly peers: Bitset;
  /** The `networks` ranges of its peers, for addresses outside the cluster. */
  readonly networks: readonly ParsedCidr[];
}

/** What the NetworkPolicies allow into one destination on one port, as the evaluator computed it. */
export interface NetworkPolicySets {
  /** Whether a NetworkPolicy selects the destination for ingress (then it decides what reaches the Baseline tier). */
  readonly ingressIsolated: boolean;
  /** The sources its NetworkPolicy ingress rules allow: `'all'`, a set, or undefined for none. */
  readonly ingressAllowed: Bitset | 'all' | undefined;
  /** The sources whose egress the NetworkPolicies allow to it, the sources no NetworkPolicy isolates for egress included. */
  readonly egressAllowed: Bitset;
}

type Tier = 'Admin' | 'Baseline';
type Side = 'ingress' | 'egress';

/** The tiers of a model, indexed over its classes once. */
export class TierSets {
  private readonly rules: Record<Tier, Record<Side, readonly IndexedTierRule[]>>;
  private readonly all: Bitset;
  /**
   * Per tier, direction and class, in precedence order: the rules whose subject selects it (`subject`), or whose
   * peers hold it (`peers`). Built on first use, so that a destination is judged by the rules that can apply to
   * it, not by every rule of the cluster (one CNP per namespace is a common design).
   */
  private readonly byClass = new Map<string, ReadonlyArray<readonly IndexedTierRule[]>>();

  public constructor(tiers: ClusterTiers, private readonly sets: ClassSets, private readonly notEgressIsolated: Bitset) {
    this.all = Bitset.full(sets.classCount);
    const subjects = new Map<NormalizedCnpSubject, Bitset>();
    const index = (tier: Tier, side: Side): IndexedTierRule[] => tiers.rules(tier, side).map((ranked) => {
      let subject = subjects.get(ranked.policy.subject);
      if (!subject) subjects.set(ranked.policy.subject, (subject = this.subjectClasses(ranked.policy.subject)));
      const peers = new Bitset(sets.classCount);
      for (const peer of ranked.rule.peers) this.addPeerClasses(peers, peer);
      const networks = ranked.rule.peers.flatMap((p) => (p.kind === 'networks' ? p.cidrs : []));
      return { ranked, subject, peers, networks };
    });
    this.rules = {
      Admin: { ingress: index('Admin', 'ingress'), egress: index('Admin', 'egress') },
      Baseline: { ingress: index('Baseline', 'ingress'), egress: index('Baseline', 'egress') },
    };
  }

  /** The CNP rules of one direction whose policies' subjects select the class (ingress: the rules that judge its ingress). */
  public rulesFor(cls: number, side: Side): IndexedTierRule[] {
    return [...this.rulesOf('Admin', side, 'subject')[cls], ...this.rulesOf('Baseline', side, 'subject')[cls]];
  }

  /** The egress rules whose peers hold the class: their ports cut its port space. */
  public egressRulesInto(cls: number): IndexedTierRule[] {
    return [...this.rulesOf('Admin', 'egress', 'peers')[cls], ...this.rulesOf('Baseline', 'egress', 'peers')[cls]];
  }

  private rulesOf(tier: Tier, side: Side, by: 'subject' | 'peers'): ReadonlyArray<readonly IndexedTierRule[]> {
    const key = `${tier} ${side} ${by}`;
    let lists = this.byClass.get(key);
    if (!lists) {
      const built: IndexedTierRule[][] = Array.from({ length: this.sets.classCount }, () => []);
      for (const r of this.rules[tier][side]) for (const cls of r[by].members()) built[cls].push(r);
      this.byClass.set(key, (lists = built));
    }
    return lists;
  }

  /** The egress rules with a `networks` range holding the address. */
  public egressRulesToAddress(ip: ParsedIp): IndexedTierRule[] {
    return [...this.rules.Admin.egress, ...this.rules.Baseline.egress].filter((r) => r.networks.some((c) => cidrContainsIp(c, ip)));
  }

  /**
   * The source classes the tiers allow into one destination class on a port, given the NetworkPolicies' sets.
   * `np.egressAllowed` is handed over: it is narrowed in place.
   *
   * Per direction the sources a tier accepts or denies are taken out of the next tier's reach; the rest (passed
   * on, or matched by no rule) keep what the next tier says. So: (next tier's allowed − denied) ∪ accepted.
   */
  public sourcesInto(destination: number, protocol: Protocol, port: number, np: NetworkPolicySets): Bitset {
    const portHere = (r: IndexedTierRule) => portMatches(r.ranked.rule, protocol, port, destination, this.sets);
    // Ingress, at the destination: rules whose subject selects it, split by their peers.
    let ingress: Bitset;
    if (np.ingressIsolated) {
      ingress = np.ingressAllowed === undefined ? new Bitset(this.sets.classCount)
        : (np.ingressAllowed === 'all' ? this.all : np.ingressAllowed).clone();
    } else {
      ingress = this.all.clone();
      const baseline = this.walk(this.rulesOf('Baseline', 'ingress', 'subject')[destination], portHere, (r) => r.peers);
      if (baseline.deny) ingress.andNot(baseline.deny);
    }
    const admin = this.walk(this.rulesOf('Admin', 'ingress', 'subject')[destination], portHere, (r) => r.peers);
    if (admin.deny) ingress.andNot(admin.deny);
    if (admin.accept) ingress.or(admin.accept);
    if (ingress.isEmpty()) return ingress;
    // Egress, at each source: rules whose peers hold the destination, split by their subjects.
    const adminRules = this.rulesOf('Admin', 'egress', 'peers')[destination];
    const baselineRules = this.rulesOf('Baseline', 'egress', 'peers')[destination];
    return ingress.and(this.egress(adminRules, baselineRules, portHere, np.egressAllowed));
  }

  /**
   * The source classes the tiers allow to an address outside the cluster on a port (only egress is judged).
   * `egressAllowed` is handed over: it is narrowed in place and returned.
   */
  public sourcesToAddress(ip: ParsedIp, protocol: Protocol, port: number, egressAllowed: Bitset): Bitset {
    const applies = (r: IndexedTierRule) => r.networks.some((c) => cidrContainsIp(c, ip))
      && portMatches(r.ranked.rule, protocol, port, -1, this.sets);
    return this.egress(this.rules.Admin.egress, this.rules.Baseline.egress, applies, egressAllowed);
  }

  /** Egress through the tiers, narrowing `npAllowed` (the NetworkPolicies' verdict, in place). */
  private egress(
    adminRules: readonly IndexedTierRule[], baselineRules: readonly IndexedTierRule[], applies: (r: IndexedTierRule) => boolean, npAllowed: Bitset,
  ): Bitset {
    // Sources no NetworkPolicy isolates for egress go on to the Baseline tier; its Deny takes them out.
    const baseline = this.walk(baselineRules, applies, (r) => r.subject);
    if (baseline.deny) npAllowed.andNot(baseline.deny.and(this.notEgressIsolated));
    const admin = this.walk(adminRules, applies, (r) => r.subject);
    if (admin.deny) npAllowed.andNot(admin.deny);
    if (admin.accept) npAllowed.or(admin.accept);
    return npAllowed;
  }

  /**
   * One tier over the sources: each is taken by the first applying rule (in precedence order) whose set holds
   * it. The sets of those accepted and denied are new (the caller's to change); absent when empty.
   */
  private walk(
    rules: readonly IndexedTierRule[], applies: (r: IndexedTierRule) => boolean, setOf: (r: IndexedTierRule) => Bitset,
  ): { accept?: Bitset; deny?: Bitset } {
    let taken: Bitset | undefined;
    let accept: Bitset | undefined;
    let deny: Bitset | undefined;
    for (const r of rules) {
      if (!applies(r)) continue;
      const set = setOf(r);
      if (r.ranked.action === 'Accept') accept = take(set, taken, accept);
      else if (r.ranked.action === 'Deny') deny = take(set, taken, deny);
      // Taken by this rule whatever its action: a Pass takes its sources out of the rest of its tier.
      taken = taken ? taken.or(set) : (rules.length > 1 ? set.clone() : set);
    }
    return { accept, deny };
  }

  private subjectClasses(subject: NormalizedCnpSubject): Bitset {
    if (subject.kind === 'namespaces') return this.sets.namespacesMatching(subject.selector);
    return this.sets.namespacesMatching(subject.namespaceSelector).clone().and(this.sets.podsMatching(subject.podSelector));
  }

  private addPeerClasses(into: Bitset, peer: NormalizedCnpPeer): void {
    switch (peer.kind) {
      case 'namespaces': into.or(this.sets.namespacesMatching(peer.selector)); break;
      case 'pods': into.orAnd(this.sets.namespacesMatching(peer.namespaceSelector), this.sets.podsMatching(peer.podSelector)); break;
      case 'networks':
        for (const cidr of peer.cidrs) into.or(this.sets.classesInside(cidr));
        // A pod without a known IP is judged inside only a range holding every address (see cluster-tiers.ts).
        if (peer.cidrs.some((c) => c.prefix === 0)) into.or(this.sets.classesWithoutIps());
        break;
      default: // nodes, domainNames: not judged offline, matching no pod.
    }
  }
}

/** Whether a CNP rule's ports match at the pods of a class (`-1`: an address, which has no named ports). */
function portMatches(rule: NormalizedCnpRule, protocol: Protocol, port: number, destination: number, sets: ClassSets): boolean {
  return cnpPortsMatch(rule, protocol, port, (name) => destination >= 0 && sets.hasNamedPort(destination, name, protocol, port));
}

/** `into ∪ (set − taken)`, into a new set when `into` is absent. */
function take(set: Bitset, taken: Bitset | undefined, into: Bitset | undefined): Bitset {
  const out = into ?? new Bitset(set.size);
  return taken ? out.orAndNot(set, taken) : out.or(set);
}
