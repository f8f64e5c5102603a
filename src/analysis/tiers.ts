/**
 * How ClusterNetworkPolicy tiers decide a connection, as pure functions for an evaluator to call once per
 * direction (the egress side at the source pod, the ingress side at the destination pod; a connection
 * needs both). Independent of any evaluator: matching a rule is the caller's `matches` callback.
 *
 * The order, from the v1alpha2 API (`spec.tier`, `spec.priority`, rule `action`):
 * 1. Admin tier: policies by priority (lower value first), each policy's rules in written order. The first
 *    matching rule decides: Accept and Deny are final; Pass skips the rest of the Admin tier.
 * 2. NetworkPolicy tier: if the pod is selected by a NetworkPolicy for this direction, that decides
 *    (allowed if some NetworkPolicy rule allows it, otherwise denied). Otherwise evaluation continues.
 * 3. Baseline tier: as the Admin tier; Pass skips the rest of the Baseline tier.
 * 4. Default: allowed.
 *
 * Policies of one tier with equal priority have no defined order upstream ("the implementation can apply
 * any of the matching policies"); `rulesInPrecedenceOrder` breaks the tie by name so results are
 * reproducible, and `findPriorityTies` reports the pairs for which that choice could matter.
 *
 * Internal.
 *
 * @module
 */
import { ClusterNetworkPolicyAction, ClusterNetworkPolicyTier } from '../cluster-manifest';
import { CnpDirection, NormalizedClusterPolicy, NormalizedCnpRule, NormalizedCnpSubject, subjectSelectors } from './cluster-policy-parse';
import { NormalizedSelector } from '../selection/normalized';

/** What one tier made of a connection: a rule's action, or `None` when no rule of the tier matched. */
export type TierOutcome = ClusterNetworkPolicyAction | 'None';

/** The outcome of one tier, with the rule that decided it. */
export interface TierDecision<R> {
  readonly outcome: TierOutcome;
  /** The first matching rule; absent when the outcome is `None`. */
  readonly rule?: R;
}

/**
 * Decide one tier for one direction: the action of the first rule, in precedence order, that `matches`
 * (peer and protocol/port both match), or `None`. `Pass` and `None` both send the connection on to the next
 * tier; they differ only in what to explain.
 */
export function decideTier<R extends { readonly action: ClusterNetworkPolicyAction }>(
  rulesInPriorityOrder: readonly R[], matches: (rule: R) => boolean,
): TierDecision<R> {
  for (const rule of rulesInPriorityOrder) {
    if (matches(rule)) return { outcome: rule.action, rule };
  }
  return { outcome: 'None' };
}

/** Precedence of policies within a tier: lower priority first; equal priorities by name (upstream leaves them unordered). */
export function comparePolicies(a: NormalizedClusterPolicy, b: NormalizedClusterPolicy): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** A rule with the policy it belongs to. */
export interface RankedRule {
  readonly policy: NormalizedClusterPolicy;
  readonly rule: NormalizedCnpRule;
  /** The rule's action (copied from `rule`, so a `RankedRule` can be passed to `decideTier`). */
  readonly action: ClusterNetworkPolicyAction;
}

/**
 * Every rule of one tier and direction in precedence order: policies by `comparePolicies`, then each policy's
 * rules in written order. Callers filter by subject (the rules of policies whose subject does not select the
 * pod never apply to it) either before or inside `matches`.
 */
export function rulesInPrecedenceOrder(
  policies: readonly NormalizedClusterPolicy[], tier: ClusterNetworkPolicyTier, direction: CnpDirection,
): RankedRule[] {
  const ranked: RankedRule[] = [];
  for (const policy of policies.filter((p) => p.tier === tier).sort(comparePolicies)) {
    for (const rule of policy[direction]) ranked.push({ policy, rule, action: rule.action });
  }
  return ranked;
}

/** What the NetworkPolicy tier makes of a connection in one direction. */
export type NetworkPolicyTierOutcome = 'allowed' | 'denied' | 'not-selected';

/** The tier that decided a direction. */
export type DecidingTier = 'Admin' | 'NetworkPolicy' | 'Baseline' | 'Default';

/** The verdict for one direction of a connection. */
export interface DirectionVerdict<R> {
  readonly allowed: boolean;
  readonly decidedBy: DecidingTier;
  /** The CNP rule that decided, when a CNP tier decided (Accept or Deny). */
  readonly rule?: R;
  /** The Admin rule that passed the connection on, if one did. */
  readonly passedBy?: R;
}

/**
 * Combine the tiers for one direction. `baseline` is only called when the Admin and NetworkPolicy tiers leave
 * the decision open, so a caller can skip computing it.
 */
export function resolveDirection<R>(
  admin: TierDecision<R>, networkPolicy: NetworkPolicyTierOutcome, baseline: () => TierDecision<R>,
): DirectionVerdict<R> {
  if (admin.outcome === 'Accept' || admin.outcome === 'Deny') {
    return { allowed: admin.outcome === 'Accept', decidedBy: 'Admin', rule: admin.rule };
  }
  const passedBy = admin.outcome === 'Pass' ? { passedBy: admin.rule } : {};
  if (networkPolicy !== 'not-selected') {
    return { allowed: networkPolicy === 'allowed', decidedBy: 'NetworkPolicy', ...passedBy };
  }
  const base = baseline();
  if (base.outcome === 'Accept' || base.outcome === 'Deny') {
    return { allowed: base.outcome === 'Accept', decidedBy: 'Baseline', rule: base.rule, ...passedBy };
  }
  return { allowed: true, decidedBy: 'Default', ...passedBy };
}

/** Two policies of one tier with the same priority whose subjects could select the same pod. */
export interface PriorityTie {
  readonly tier: ClusterNetworkPolicyTier;
  readonly priority: number;
  /** The two policy names, in `comparePolicies` order. */
  readonly policies: readonly [string, string];
  /** The directions in which both have rules: only there can the order between them matter. */
  readonly directions: readonly CnpDirection[];
}

/**
 * Pairs of policies in one tier with equal priority, rules in a common direction and subjects that could
 * overlap: upstream leaves their relative order undefined, so a connection both match may get either's action.
 * `overlap` defaults to the static `subjectsMayOverlap`; an evaluator with cluster state can pass a check
 * against real pods instead.
 */
export function findPriorityTies(
  policies: readonly NormalizedClusterPolicy[],
  overlap: (a: NormalizedCnpSubject, b: NormalizedCnpSubject) => boolean = subjectsMayOverlap,
): PriorityTie[] {
  const ties: PriorityTie[] = [];
  const sorted = [...policies].sort((a, b) => (a.tier === b.tier ? comparePolicies(a, b) : a.tier === 'Admin' ? -1 : 1));
  for (let start = 0; start < sorted.length;) {
    // A group: the policies of one tier and priority (consecutive once sorted).
    let end = start + 1;
    while (end < sorted.length && sorted[end].tier === sorted[start].tier && sorted[end].priority === sorted[start].priority) end++;
    for (const [i, j] of candidatePairs(sorted, start, end)) {
      const a = sorted[i];
      const b = sorted[j];
      const directions = (['ingress', 'egress'] as const).filter((d) => a[d].length > 0 && b[d].length > 0);
      if (directions.length === 0 || !overlap(a.subject, b.subject)) continue;
      ties.push({ tier: a.tier, priority: a.priority, policies: [a.name, b.name], directions });
    }
    start = end;
  }
  return ties;
}

/**
 * The pairs of a group (indices `start` to `end`) whose subjects may overlap at all, in order. Subjects
 * requiring different values of one namespace label (a policy per namespace, by
 * `kubernetes.io/metadata.name`) never overlap: the subjects are filed by the value they require of the
 * group's most required label, and only subjects of one value, or either without one, are paired. So a
 * tier of a policy per namespace costs its policies, not their square.
 */
function candidatePairs(sorted: readonly NormalizedClusterPolicy[], start: number, end: number): Array<readonly [number, number]> {
  const namespaceLabels = (p: NormalizedClusterPolicy) => subjectSelectors(p.subject)[0].matchLabels;
  const counts = new Map<string, number>();
  for (let i = start; i < end; i++) for (const [key] of namespaceLabels(sorted[i])) counts.set(key, (counts.get(key) ?? 0) + 1);
  let key: string | undefined;
  for (const [k, n] of counts) if (key === undefined || n > counts.get(key)!) key = k;
  // Filed by the value they require of that label; without one (or with no label required at all), unfiled.
  const unfiled: number[] = [];
  const byValue = new Map<string, number[]>();
  for (let i = start; i < end; i++) {
    const required = namespaceLabels(sorted[i]).find(([k]) => k === key);
    if (required === undefined) {
      unfiled.push(i);
      continue;
    }
    const list = byValue.get(required[1]);
    if (list) list.push(i); else byValue.set(required[1], [i]);
  }
  const pairs: Array<readonly [number, number]> = [];
  for (const list of byValue.values()) for (let a = 0; a < list.length; a++) for (let b = a + 1; b < list.length; b++) pairs.push([list[a], list[b]]);
  const isUnfiled = new Set(unfiled);
  for (const i of unfiled) for (let j = start; j < end; j++) if (j !== i && (!isUnfiled.has(j) || j > i)) pairs.push(i < j ? [i, j] : [j, i]);
  return pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

/**
 * Whether two subjects could select a common pod in some cluster: their namespace selectors could match one
 * namespace and their pod selectors one pod. Exact for selectors, since labels on different keys are independent.
 */
export function subjectsMayOverlap(a: NormalizedCnpSubject, b: NormalizedCnpSubject): boolean {
  const [nsA, podA] = subjectSelectors(a);
  const [nsB, podB] = subjectSelectors(b);
  return selectorsMayOverlap(nsA, nsB) && selectorsMayOverlap(podA, podB);
}

interface KeyConstraint {
  /** Values the key must take one of (absent: any). */
  allowed?: Set<string>;
  readonly excluded: Set<string>;
  mustExist: boolean;
  mustNotExist: boolean;
}

/** Whether some label set matches both selectors (each key's requirements are checked for a common value). */
export function selectorsMayOverlap(a: NormalizedSelector, b: NormalizedSelector): boolean {
  const keys = new Map<string, KeyConstraint>();
  const at = (key: string): KeyConstraint => {
    let c = keys.get(key);
    if (c === undefined) {
      c = { excluded: new Set(), mustExist: false, mustNotExist: false };
      keys.set(key, c);
    }
    return c;
  };
  const allow = (c: KeyConstraint, values: readonly string[]) => {
    c.mustExist = true;
    c.allowed = c.allowed === undefined ? new Set(values) : new Set(values.filter((v) => c.allowed!.has(v)));
  };
  for (const selector of [a, b]) {
    for (const [key, value] of selector.matchLabels) allow(at(key), [value]);
    for (const r of selector.expressions) {
      const c = at(r.key);
      switch (r.operator) {
        case 'In': allow(c, r.values); break;
        case 'NotIn': r.values.forEach((v) => c.excluded.add(v)); break;
        case 'Exists': c.mustExist = true; break;
        case 'DoesNotExist': c.mustNotExist = true; break;
      }
    }
  }
  for (const c of keys.values()) {
    if (c.mustExist && c.mustNotExist) return false;
    if (c.allowed !== undefined && [...c.allowed].every((v) => c.excluded.has(v))) return false;
  }
  return true;
}
