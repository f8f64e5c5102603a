import { NormalizedClusterPolicy, NormalizedCnpRule, NormalizedCnpSubject } from '../../src/analysis/cluster-policy-parse';
import {
  comparePolicies,
  decideTier,
  findPriorityTies,
  resolveDirection,
  rulesInPrecedenceOrder,
  selectorsMayOverlap,
  subjectsMayOverlap,
  TierDecision,
} from '../../src/analysis/tiers';
import { ClusterNetworkPolicyAction, ClusterNetworkPolicyTier } from '../../src/cluster-manifest';
import { LabelSelectorManifest } from '../../src/manifest';
import { normalizeSelector } from '../../src/selection/normalized';

const everyone = normalizeSelector({});

function rule(index: number, action: ClusterNetworkPolicyAction, direction: 'ingress' | 'egress' = 'ingress'): NormalizedCnpRule {
  return { index, direction, action, name: `r${index}`, peers: [{ kind: 'namespaces', selector: everyone }] };
}

function policy(
  name: string, tier: ClusterNetworkPolicyTier, priority: number,
  options: { ingress?: ClusterNetworkPolicyAction[]; egress?: ClusterNetworkPolicyAction[]; subject?: NormalizedCnpSubject } = {},
): NormalizedClusterPolicy {
  return {
    name,
    tier,
    priority,
    subject: options.subject ?? { kind: 'namespaces', selector: everyone },
    ingress: (options.ingress ?? []).map((a, i) => rule(i, a)),
    egress: (options.egress ?? []).map((a, i) => rule(i, a, 'egress')),
  };
}

function sel(selector: LabelSelectorManifest) {
  return normalizeSelector(selector);
}

describe('decideTier', () => {
  const rules = [rule(0, 'Pass'), rule(1, 'Deny'), rule(2, 'Accept')];

  test('the first matching rule decides', () => {
    expect(decideTier(rules, (r) => r.index >= 1)).toEqual({ outcome: 'Deny', rule: rules[1] });
    expect(decideTier(rules, (r) => r.index === 2)).toEqual({ outcome: 'Accept', rule: rules[2] });
  });

  test('Pass is an outcome of its own: the rest of the tier is skipped', () => {
    expect(decideTier(rules, () => true)).toEqual({ outcome: 'Pass', rule: rules[0] });
  });

  test('no matching rule is None', () => {
    expect(decideTier(rules, () => false)).toEqual({ outcome: 'None' });
    expect(decideTier([], () => true)).toEqual({ outcome: 'None' });
  });
});

describe('precedence order', () => {
  test('lower priority first, then rules in written order; ties broken by name', () => {
    const policies = [
      policy('z', 'Admin', 5, { ingress: ['Deny', 'Accept'] }),
      policy('b', 'Admin', 1, { ingress: ['Pass'] }),
      policy('a', 'Admin', 5, { ingress: ['Accept'] }),
      policy('base', 'Baseline', 0, { ingress: ['Deny'] }),
    ];
    const ranked = rulesInPrecedenceOrder(policies, 'Admin', 'ingress');
    expect(ranked.map((r) => `${r.policy.name}#${r.rule.index}:${r.action}`)).toEqual(['b#0:Pass', 'a#0:Accept', 'z#0:Deny', 'z#1:Accept']);
    expect(rulesInPrecedenceOrder(policies, 'Baseline', 'ingress').map((r) => r.policy.name)).toEqual(['base']);
    expect(rulesInPrecedenceOrder(policies, 'Admin', 'egress')).toEqual([]);
    expect(comparePolicies(policies[1], policies[0])).toBeLessThan(0);
  });

  test('ranked rules feed decideTier', () => {
    const ranked = rulesInPrecedenceOrder([policy('p', 'Admin', 3, { egress: ['Deny'] })], 'Admin', 'egress');
    expect(decideTier(ranked, () => true).outcome).toBe('Deny');
  });
});

describe('resolveDirection', () => {
  const none: TierDecision<string> = { outcome: 'None' };
  const never = () => {
    throw new Error('baseline must not be evaluated');
  };

  test('an Admin Accept or Deny is final, whatever NetworkPolicies say', () => {
    expect(resolveDirection({ outcome: 'Accept', rule: 'a' }, 'denied', never)).toEqual({ allowed: true, decidedBy: 'Admin', rule: 'a' });
    expect(resolveDirection({ outcome: 'Deny', rule: 'd' }, 'allowed', never)).toEqual({ allowed: false, decidedBy: 'Admin', rule: 'd' });
  });

  test('Admin Pass or no match goes to NetworkPolicies when they select the pod', () => {
    expect(resolveDirection({ outcome: 'Pass', rule: 'p' }, 'denied', never)).toEqual({ allowed: false, decidedBy: 'NetworkPolicy', passedBy: 'p' });
    expect(resolveDirection(none, 'allowed', never)).toEqual({ allowed: true, decidedBy: 'NetworkPolicy' });
  });

  test('then the Baseline tier, then the default (allow)', () => {
    expect(resolveDirection({ outcome: 'Pass', rule: 'p' }, 'not-selected', () => ({ outcome: 'Deny', rule: 'b' })))
      .toEqual({ allowed: false, decidedBy: 'Baseline', rule: 'b', passedBy: 'p' });
    expect(resolveDirection(none, 'not-selected', () => ({ outcome: 'Accept', rule: 'b' }))).toEqual({ allowed: true, decidedBy: 'Baseline', rule: 'b' });
    expect(resolveDirection(none, 'not-selected', () => ({ outcome: 'Pass', rule: 'b' }))).toEqual({ allowed: true, decidedBy: 'Default' });
    expect(resolveDirection(none, 'not-selected', () => none)).toEqual({ allowed: true, decidedBy: 'Default' });
  });
});

describe('selectorsMayOverlap', () => {
  test.each([
    [{}, {}, true],
    [{ matchLabels: { app: 'a' } }, { matchLabels: { app: 'b' } }, false],
    [{ matchLabels: { app: 'a' } }, { matchLabels: { tier: 'b' } }, true],
    [{ matchLabels: { app: 'a' } }, { matchExpressions: [{ key: 'app', operator: 'In', values: ['a', 'b'] }] }, true],
    [{ matchLabels: { app: 'a' } }, { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['a'] }] }, false],
    [{ matchLabels: { app: 'a' } }, { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
    [{ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
    [{ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['a'] }] }, { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'In', values: ['a', 'b'] }] }, { matchExpressions: [{ key: 'app', operator: 'In', values: ['c'] }] }, false],
    [{ matchExpressions: [{ key: 'app', operator: 'In', values: ['a', 'b'] }] }, { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['a'] }] }, true],
  ] as Array<[LabelSelectorManifest, LabelSelectorManifest, boolean]>)('%j and %j: %s', (a, b, expected) => {
    expect(selectorsMayOverlap(sel(a), sel(b))).toBe(expected);
    expect(selectorsMayOverlap(sel(b), sel(a))).toBe(expected);
  });
});

describe('findPriorityTies', () => {
  const prod: NormalizedCnpSubject = { kind: 'namespaces', selector: sel({ matchLabels: { env: 'prod' } }) };
  const dev: NormalizedCnpSubject = { kind: 'namespaces', selector: sel({ matchLabels: { env: 'dev' } }) };
  const prodDb: NormalizedCnpSubject = { kind: 'pods', namespaceSelector: sel({ matchLabels: { env: 'prod' } }), podSelector: sel({ matchLabels: { app: 'db' } }) };

  test('equal priority, same tier, a common direction and overlapping subjects is a tie', () => {
    const ties = findPriorityTies([
      policy('b', 'Admin', 10, { ingress: ['Deny'], subject: prod }),
      policy('a', 'Admin', 10, { ingress: ['Accept'], egress: ['Deny'], subject: prodDb }),
    ]);
    expect(ties).toEqual([{ tier: 'Admin', priority: 10, policies: ['a', 'b'], directions: ['ingress'] }]);
  });

  test('disjoint subjects, different priorities, tiers or directions are not', () => {
    expect(findPriorityTies([policy('a', 'Admin', 10, { ingress: ['Deny'], subject: prod }), policy('b', 'Admin', 10, { ingress: ['Deny'], subject: dev })])).toEqual([]);
    expect(findPriorityTies([policy('a', 'Admin', 10, { ingress: ['Deny'] }), policy('b', 'Admin', 11, { ingress: ['Deny'] })])).toEqual([]);
    expect(findPriorityTies([policy('a', 'Admin', 10, { ingress: ['Deny'] }), policy('b', 'Baseline', 10, { ingress: ['Deny'] })])).toEqual([]);
    expect(findPriorityTies([policy('a', 'Admin', 10, { ingress: ['Deny'] }), policy('b', 'Admin', 10, { egress: ['Deny'] })])).toEqual([]);
  });

  test('every pair among three tied policies is reported, and the overlap check can be replaced', () => {
    const three = [policy('c', 'Baseline', 0, { egress: ['Deny'] }), policy('a', 'Baseline', 0, { egress: ['Deny'] }), policy('b', 'Baseline', 0, { egress: ['Deny'] })];
    expect(findPriorityTies(three).map((t) => t.policies)).toEqual([['a', 'b'], ['a', 'c'], ['b', 'c']]);
    expect(findPriorityTies(three, () => false)).toEqual([]);
  });

  test('subjectsMayOverlap compares namespace and pod selectors', () => {
    expect(subjectsMayOverlap(prod, prodDb)).toBe(true);
    expect(subjectsMayOverlap(dev, prodDb)).toBe(false);
    const prodWeb: NormalizedCnpSubject = { kind: 'pods', namespaceSelector: sel({ matchLabels: { env: 'prod' } }), podSelector: sel({ matchLabels: { app: 'web' } }) };
    expect(subjectsMayOverlap(prodWeb, prodDb)).toBe(false);
  });
});
