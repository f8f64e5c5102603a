/**
 * ClusterNetworkPolicy tiers around the NetworkPolicy verdict of one side of a connection: the Admin tier
 * (by priority, then rule order: Accept and Deny end it, Pass skips to NetworkPolicies), the NetworkPolicy
 * tier (when a NetworkPolicy selects the pod for the direction, it decides), the Baseline tier the same
 * way, then allow. Internal: the evaluator calls it for every judged side when the model has CNPs.
 *
 * What cannot be judged offline is said, never guessed: `nodes` and `domainNames` peers are reported and
 * not counted as matching; a `networks` peer is matched against the pod IPs the input gives, and a pod
 * without a known IP is assumed to lie outside every range but `0.0.0.0/0` and `::/0`, which the note says.
 *
 * @module
 */
import { NormalizedCnpRule, subjectSelectors } from './cluster-policy-parse';
import { ModelClusterPolicy } from './model';
import { decideTier, DecidingTier, rulesInPrecedenceOrder, RankedRule, resolveDirection, TierOutcome } from './tiers';
import { ClusterNetworkPolicyTier } from '../cluster-manifest';
import { describePort } from '../describe';
import { matchesNormalizedSelector } from './selector-match';
import { ContainerPort, Labels } from '../ingest/records';
import { cidrContainsCidr, cidrContainsIp, parseCidr, ParsedCidr, ParsedIp } from '../net/cidr';
import { Protocol } from '../protocol';
import { NormalizedSelector } from '../selection/normalized';

/** One end of a connection, as the tiers see it. */
export type TierEnd =
  | {
    readonly kind: 'pod';
    readonly namespace: string;
    readonly namespaceLabels: Labels;
    readonly labels: Labels;
    readonly ips: readonly ParsedIp[];
    readonly ports: readonly ContainerPort[];
  }
  | { readonly kind: 'external'; readonly ip: ParsedIp };

/** What one CNP tier made of one side. */
export interface TierStep {
  readonly tier: ClusterNetworkPolicyTier;
  readonly outcome: TierOutcome;
  /** The rule that decided (Accept, Deny) or passed (Pass). */
  readonly rule?: RankedRule;
  /** Rules of the tier selecting the subject that could not be judged offline, in words. */
  readonly unjudged: readonly string[];
  /**
   * Another policy of the tier at the same priority whose subject selects the pod and whose rule matches with
   * another outcome: upstream leaves their order undefined, so either could decide.
   */
  readonly undefinedOrder?: string;
}

/** The tiers' verdict on one side. */
export interface TieredSide {
  readonly allowed: boolean;
  readonly decidedBy: DecidingTier;
  readonly admin: TierStep;
  /** Absent when an earlier tier decided. */
  readonly baseline?: TierStep;
  /** Assumptions made (pods without known IPs against `networks`). */
  readonly assumptions: readonly string[];
}

/** The question of one side: its direction, the pod whose policies decide, the other end, the port at the destination. */
export interface TierQuestion {
  readonly direction: 'Ingress' | 'Egress';
  readonly subject: TierEnd & { readonly kind: 'pod' };
  readonly peer: TierEnd;
  /** The destination (the subject for ingress, the peer for egress): named ports resolve there. */
  readonly destination: TierEnd;
  readonly protocol: Protocol;
  readonly port: number;
}

/** The ClusterNetworkPolicies of a model, ranked once per tier and direction. */
export class ClusterTiers {
  private readonly ranked: Record<'Admin' | 'Baseline', Record<'ingress' | 'egress', readonly RankedRule[]>>;
  private readonly bySubject: Record<'Admin' | 'Baseline', Record<'ingress' | 'egress', SubjectIndex>>;

  public constructor(public readonly policies: readonly ModelClusterPolicy[]) {
    const normalized = policies.map((p) => p.policy);
    const of = (tier: ClusterNetworkPolicyTier) => ({
      ingress: rulesInPrecedenceOrder(normalized, tier, 'ingress'),
      egress: rulesInPrecedenceOrder(normalized, tier, 'egress'),
    });
    this.ranked = { Admin: of('Admin'), Baseline: of('Baseline') };
    const index = (tier: 'Admin' | 'Baseline') => ({ ingress: new SubjectIndex(this.ranked[tier].ingress), egress: new SubjectIndex(this.ranked[tier].egress) });
    this.bySubject = { Admin: index('Admin'), Baseline: index('Baseline') };
  }

  /** The rules of one tier and direction, in precedence order. */
  public rules(tier: 'Admin' | 'Baseline', direction: 'ingress' | 'egress'): readonly RankedRule[] {
    return this.ranked[tier][direction];
  }

  /** Every `networks` range of the egress rules (classes tell their pods apart; address atoms are cut at them). */
  public networks(): ParsedCidr[] {
    return (['Admin', 'Baseline'] as const).flatMap((tier) => this.ranked[tier].egress
      .flatMap((r) => r.rule.peers.flatMap((p) => (p.kind === 'networks' ? p.cidrs : []))));
  }

  /**
   * The verdict of one side, given what the NetworkPolicies say of it: `not-selected` when no NetworkPolicy
   * selects the subject for the direction.
   */
  public judge(question: TierQuestion, networkPolicy: 'allowed' | 'denied' | 'not-selected'): TieredSide {
    const assumptions: string[] = [];
    const admin = this.step('Admin', question, assumptions);
    let baseline: TierStep | undefined;
    const verdict = resolveDirection(admin, networkPolicy, () => (baseline = this.step('Baseline', question, assumptions)));
    return { allowed: verdict.allowed, decidedBy: verdict.decidedBy, admin, baseline, assumptions };
  }

  /** One tier: its first matching rule in precedence order (`decideTier`), and an equal-priority rival, if any. */
  private step(tier: 'Admin' | 'Baseline', q: TierQuestion, assumptions: string[]): TierStep {
    const unjudged: string[] = [];
    const applicable = this.bySubject[tier][q.direction === 'Ingress' ? 'ingress' : 'egress'].candidates(q.subject.namespaceLabels)
      .filter((ranked) => subjectSelects(ranked.policy.subject, q.subject));
    const matches = (ranked: RankedRule) => this.ruleMatches(ranked, q, unjudged, assumptions);
    const { outcome, rule } = decideTier(applicable, matches);
    if (!rule) return { tier, outcome, unjudged };
    // Another policy at the same priority matching with another action: the order between them is undefined.
    const rival = applicable.find((r) => r.policy !== rule.policy && r.policy.priority === rule.policy.priority
      && r.action !== rule.action && applicable.indexOf(r) > applicable.indexOf(rule) && matches(r));
    const undefinedOrder = rival && `${ruleName(rival)} has the same priority (${rival.policy.priority}) and would ${rival.action.toLowerCase()}: `
      + 'upstream leaves the order of equal-priority policies undefined, so either may decide';
    return { tier, outcome, rule, unjudged, ...(undefinedOrder ? { undefinedOrder } : {}) };
  }

  private ruleMatches(ranked: RankedRule, q: TierQuestion, unjudged: string[], assumptions: string[]): boolean {
    const rule = ranked.rule;
    const destination = q.destination;
    const named = (name: string) => destination.kind === 'pod'
      && destination.ports.some((c) => c.name === name && c.protocol === q.protocol && c.port === q.port);
    if (!cnpPortsMatch(rule, q.protocol, q.port, named)) return false;
    const peer = q.peer;
    for (const p of rule.peers) {
      switch (p.kind) {
        case 'namespaces':
          if (peer.kind === 'pod' && matchesNormalizedSelector(p.selector, peer.namespaceLabels)) return true;
          break;
        case 'pods':
          if (peer.kind === 'pod' && matchesNormalizedSelector(p.namespaceSelector, peer.namespaceLabels)
            && matchesNormalizedSelector(p.podSelector, peer.labels)) return true;
          break;
        case 'networks':
          if (peer.kind === 'external') {
            if (p.cidrs.some((c) => cidrContainsIp(c, peer.ip))) return true;
          } else if (peer.ips.length > 0) {
            if (peer.ips.some((ip) => p.cidrs.some((c) => cidrContainsIp(c, ip)))) return true;
          } else if (!p.cidrs.every(neverPodAddresses)) {
            const everything = p.cidrs.filter((c) => c.prefix === 0);
            assumptions.push(`${ruleName(ranked)}: the pod IPs of the ${q.direction === 'Egress' ? 'destination' : 'source'} are not known; `
              + `it is judged as ${everything.length > 0 ? 'inside' : 'outside'} ${p.cidrs.map((c) => c.canonical).join(', ')} (give Pods with status.podIP to judge exactly)`);
            if (everything.length > 0) return true;
          }
          break;
        default:
          unjudged.push(`${ruleName(ranked)} names ${p.kind === 'nodes' ? 'nodes' : 'domain names'}, which cannot be judged offline; `
            + 'that peer is not counted as matching');
      }
    }
    return false;
  }
}

/**
 * The rules of one tier and direction by their subject's namespace selector: a subject that requires a
 * namespace label (`kubernetes.io/metadata.name: shop`, as a policy per namespace has) is filed under its
 * first required label, the others apply anywhere. A pod's candidates are the rules filed under its
 * namespace's labels and the others, in precedence order: a tier of a policy per namespace costs a pod its
 * namespace's rules, not the cluster's. Kept per namespace labels (shared per namespace).
 */
class SubjectIndex {
  private readonly anywhere: number[] = [];
  private readonly byLabel = new Map<string, number[]>();
  private readonly known = new WeakMap<Labels, readonly RankedRule[]>();

  constructor(private readonly rules: readonly RankedRule[]) {
    rules.forEach((ranked, i) => {
      const [selector] = subjectSelectors(ranked.policy.subject);
      if (selector.matchLabels.length === 0) {
        this.anywhere.push(i);
        return;
      }
      const [key, value] = selector.matchLabels[0];
      const label = `${key}\u0000${value}`;
      const list = this.byLabel.get(label);
      if (list) list.push(i); else this.byLabel.set(label, [i]);
    });
  }

  /** The rules whose subject may select a pod of a namespace with these labels, in precedence order. */
  public candidates(namespaceLabels: Labels): readonly RankedRule[] {
    if (this.byLabel.size === 0) return this.rules;
    let found = this.known.get(namespaceLabels);
    if (found === undefined) {
      const indices = [...this.anywhere];
      for (const key of Object.keys(namespaceLabels)) {
        const filed = this.byLabel.get(`${key}\u0000${namespaceLabels[key]}`);
        if (filed) for (const i of filed) indices.push(i);
      }
      indices.sort((a, b) => a - b);
      found = indices.map((i) => this.rules[i]);
      this.known.set(namespaceLabels, found);
    }
    return found;
  }
}

/** The rule that decided a side, when an Admin or Baseline rule did (not the NetworkPolicies, nor the default). */
export function decidingRule(side: TieredSide): RankedRule | undefined {
  return side.decidedBy === 'Admin' ? side.admin.rule : side.decidedBy === 'Baseline' ? side.baseline?.rule : undefined;
}

/**
 * Whether a CNP rule's ports match a protocol and port at the destination. A named port has no protocol of its
 * own: `named` says whether the destination declares a container port of that name on this protocol and port.
 */
export function cnpPortsMatch(rule: NormalizedCnpRule, protocol: Protocol, port: number, named: (name: string) => boolean): boolean {
  if (!rule.ports) return true;
  return rule.ports.some((p) => {
    switch (p.kind) {
      case 'port': return p.protocol === protocol && p.port === port;
      case 'range': return p.protocol === protocol && p.start <= port && port <= p.end;
      default: return named(p.name);
    }
  });
}

/** Link-local and loopback ranges: no pod IP lies there, so a pod without a known IP is outside them for sure. */
const NOT_POD_RANGES = ['169.254.0.0/16', '127.0.0.0/8', 'fe80::/10', '::1/128'].map((text) => parseCidr(text) as ParsedCidr);

function neverPodAddresses(cidr: ParsedCidr): boolean {
  return NOT_POD_RANGES.some((range) => cidrContainsCidr(range, cidr));
}

/** `Admin ClusterNetworkPolicy always-allow-monitoring (priority 20) ingress rule accept-monitoring`. */
export function ruleName(ranked: RankedRule): string {
  const rule = ranked.rule;
  const name = rule.name !== undefined ? ` '${rule.name}'` : '';
  return `${ranked.policy.tier} ClusterNetworkPolicy ${ranked.policy.name} (priority ${ranked.policy.priority}) ${rule.direction}[${rule.index}]${name}`;
}

/** One side's tiers in words, for explain. */
export function describeTiers(side: TieredSide, subjectId: string, port: { protocol: Protocol; port: number }): string[] {
  const lines: string[] = [];
  const step = (s: TierStep | undefined) => {
    if (!s) return;
    if (s.outcome === 'None') lines.push(`${s.tier} tier: no ClusterNetworkPolicy rule matches`);
    else lines.push(`${s.tier} tier: ${s.outcome} by ${ruleName(s.rule!)}${s.outcome === 'Pass' ? ' (on to the next tier)' : ''}`);
    if (s.undefinedOrder) lines.push(`  note: ${s.undefinedOrder}`);
    for (const u of s.unjudged) lines.push(`  note: ${u}`);
  };
  step(side.admin);
  if (side.decidedBy === 'NetworkPolicy') lines.push('NetworkPolicy tier: decides (a NetworkPolicy selects the pod)');
  else if (side.decidedBy !== 'Admin') lines.push(`NetworkPolicy tier: no NetworkPolicy selects ${subjectId}`);
  step(side.baseline);
  if (side.decidedBy === 'Default') lines.push(`no tier decides: ${describePort(port)} is allowed`);
  for (const a of side.assumptions) lines.push(`  assumed: ${a}`);
  return lines;
}

export function subjectSelects(subject: { kind: 'namespaces'; selector: NormalizedSelector } | { kind: 'pods'; namespaceSelector: NormalizedSelector; podSelector: NormalizedSelector },
  pod: { namespaceLabels: Labels; labels: Labels }): boolean {
  if (subject.kind === 'namespaces') return matchesNormalizedSelector(subject.selector, pod.namespaceLabels);
  return matchesNormalizedSelector(subject.namespaceSelector, pod.namespaceLabels) && matchesNormalizedSelector(subject.podSelector, pod.labels);
}
