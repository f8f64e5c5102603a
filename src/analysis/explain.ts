/**
 * Verdicts in words: which policies isolate each side, which rule allowed it, or why none of the
 * rules of the isolating policies matched. Internal.
 *
 * @module
 */
import { describePeer, describePort, describePorts } from '../describe';
import { NAMESPACE_NAME_LABEL, ruleAnnotation } from '../manifest';
import { decidingRule, describeTiers, ruleName } from './cluster-tiers';
import { ResolvedEndpoint } from './endpoints';
import { Evaluator, IndexedRule, RuleCheck, SideVerdict, Verdict } from './evaluator';
import { ModelPolicy } from './model';
import { IpBlockPeer, PodsPeer } from './policy-parse';
import { describeLabels, matchesNormalizedSelector, NormalizedSelector } from './selector-match';
import { RankedRule } from './tiers';
import { Labels } from '../ingest/records';
import { cidrContainsIp, ParsedIp } from '../net/cidr';

export interface ExplainedVerdict {
  /** The whole explanation: a verdict line, then one paragraph per side. */
  readonly text: string;
  readonly egress: string;
  readonly ingress: string;
}

/** `5432/TCP`. */
export function ruleReference(check: { policy: { id: string }; rule: IndexedRule }): string {
  return `${check.policy.id} ${check.rule.direction.toLowerCase()}[${check.rule.index}]`;
}

/**
 * Why a rule exists, as its author wrote it: the `cdk8s-netpol/<direction>.<index>` annotation that the
 * constructs write from a rule's `description` (hand-written YAML can carry it too).
 */
export function ruleReason(check: { policy: { model: ModelPolicy }; rule: IndexedRule }): string | undefined {
  const annotations = check.policy.model.manifest.metadata.annotations;
  const reason = annotations?.[ruleAnnotation(check.rule.direction, check.rule.index)];
  return typeof reason === 'string' && reason.trim() !== '' ? reason : undefined;
}

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `pods app=db in namespace prod or addresses in 10.0.0.0/8, on 5432/TCP`. */
export function describeRule(rule: IndexedRule, policyNamespace: string): string {
  const peers = rule.rule.peers;
  const who = peers
    ? peers.map((p) => describePeer(p, policyNamespace)).join(' or ')
    : `${rule.direction === 'Ingress' ? 'any source' : 'any destination'} (pods anywhere and external addresses)`;
  const ports = rule.rule.ports;
  return `${who}, on ${describePorts(ports)}`;
}

function labelsText(labels: Labels): string {
  const text = describeLabels(labels);
  return text === 'no labels' ? 'no labels' : `labels ${text}`;
}

/** Why a rule's peers do not match the other end: the part that fails, with the facts to fix it. */
function peerMismatch(check: RuleCheck, peer: ResolvedEndpoint, evaluator: Evaluator): string {
  const peers = check.rule.rule.peers ?? [];
  if (peer.kind === 'external') {
    return check.rule.ipBlocks.length === 0
      ? `${peer.id} is an external address and the rule names only pods`
      : `${peer.id} ${blockMiss(check.rule.ipBlocks, [peer.ip])}`;
  }
  const ep = peer.endpoint;
  const reasons: string[] = [];
  const podPeers = peers.filter((p): p is PodsPeer => p.kind === 'pods');
  if (podPeers.length > 0) {
    const namespaceLabels = evaluator.namespaces.get(ep.namespace)?.labels ?? {};
    const policyNamespace = check.policy.model.namespace;
    const namespaceMatches = (p: PodsPeer) => (p.namespaceSelector
      ? matchesNormalizedSelector(p.namespaceSelector, namespaceLabels)
      : ep.namespace === policyNamespace);
    if (podPeers.some(namespaceMatches)) {
      reasons.push(`${peer.id} has ${labelsText(ep.labels)}`);
    } else {
      const byLabels = podPeers.some((p) => p.namespaceSelector && !isNameSelector(p.namespaceSelector));
      reasons.push(`${peer.id} is in namespace ${ep.namespace}${byLabels ? `, which has ${labelsText(omitNameLabel(namespaceLabels))}` : ''}`);
    }
  }
  if (check.rule.ipBlocks.length > 0) {
    reasons.push(ep.ipTexts.length === 0
      ? `${peer.id} has no known IP address, so no ipBlock matches it`
      : `its IPs (${ep.ipTexts.join(', ')}) ${blockMiss(check.rule.ipBlocks, ep.ips)}`);
  }
  return reasons.join(', and ');
}

/** Why addresses miss every block: excepted (naming the except), or outside. */
function blockMiss(blocks: readonly IpBlockPeer[], ips: readonly ParsedIp[]): string {
  const excepts = new Set<string>();
  for (const block of blocks) {
    for (const ip of ips) {
      if (!cidrContainsIp(block.cidr, ip)) continue;
      block.except.filter((e) => cidrContainsIp(e, ip)).forEach((e) => excepts.add(e.canonical));
    }
  }
  return excepts.size > 0 ? `${ips.length === 1 ? 'is' : 'are'} excepted (${[...excepts].join(', ')})` : `${ips.length === 1 ? 'is' : 'are'} outside those address blocks`;
}

function isNameSelector(selector: NormalizedSelector): boolean {
  return selector.matchLabels.length === 1 && selector.expressions.length === 0 && selector.matchLabels[0][0] === NAMESPACE_NAME_LABEL;
}

function omitNameLabel(labels: Labels): Labels {
  const { [NAMESPACE_NAME_LABEL]: _name, ...rest } = labels;
  return rest;
}

function portMismatch(check: RuleCheck, verdict: Verdict): string {
  const wanted = describePort({ protocol: verdict.protocol, port: verdict.port });
  const named = (check.rule.rule.ports ?? []).filter((p) => p.name !== undefined && p.protocol === verdict.protocol);
  if (named.length > 0) {
    if (verdict.to.kind !== 'pod') return `${wanted} is not among them (named ports never match an external address)`;
    const declared = named.map((p) => {
      const match = verdict.to.kind === 'pod' ? verdict.to.endpoint.ports.find((c) => c.name === p.name && c.protocol === p.protocol) : undefined;
      return match ? `'${p.name}' is ${describePort({ protocol: match.protocol, port: match.port })} on ${verdict.to.id}` : `${verdict.to.id} declares no ${p.protocol} port named '${p.name}'`;
    });
    return `${wanted} is not among them (${declared.join('; ')})`;
  }
  return `${wanted} is not among them`;
}

function explainSide(side: SideVerdict, verdict: Verdict, evaluator: Evaluator): string {
  const tiers = side.tiers;
  const policies = explainPolicies(side, verdict, evaluator);
  if (!tiers) return policies;
  const heading = side.direction === 'Ingress' ? `ingress to ${side.subject.id}` : `egress from ${side.subject.id}`;
  const lines = describeTiers(tiers, side.subject.id, { protocol: verdict.protocol, port: verdict.port }).map((l) => `  ${l}`);
  if (tiers.decidedBy === 'NetworkPolicy') return [policies, ...lines].join('\n');
  const rule = decidingRule(tiers);
  const why = rule ? clusterRuleReason(rule, evaluator) : undefined;
  const decided = tiers.decidedBy === 'Default'
    ? 'allowed: no ClusterNetworkPolicy tier decides and no NetworkPolicy selects it'
    : `${tiers.allowed ? 'allowed' : 'denied'} by the ${tiers.decidedBy} tier: ${ruleName(rule!)} (${rule!.action})${why === undefined ? '' : ` - why: "${why}"`}`;
  return [`${heading}: ${decided}`, ...lines].join('\n');
}

/** Why a ClusterNetworkPolicy rule exists, from the `cdk8s-netpol/<direction>.<index>` annotation the constructs write. */
function clusterRuleReason(ranked: RankedRule, evaluator: Evaluator): string | undefined {
  const policy = evaluator.tiers?.policies.find((p) => p.policy === ranked.policy);
  const reason = policy?.manifest.metadata?.annotations?.[`cdk8s-netpol/${ranked.rule.direction}.${ranked.rule.index}`];
  return typeof reason === 'string' && reason.trim() !== '' ? reason : undefined;
}

function explainPolicies(side: SideVerdict, verdict: Verdict, evaluator: Evaluator): string {
  const ingress = side.direction === 'Ingress';
  const heading = ingress ? `ingress to ${side.subject.id}` : `egress from ${side.subject.id}`;
  if (!side.judged) {
    return side.notJudgedBecause === 'self'
      ? `${heading}: not judged (a pod's traffic to itself is always allowed)`
      : `${heading}: not judged (an external address is never isolated; only the pod end is)`;
  }
  const word = ingress ? 'ingress' : 'egress';
  if (side.isolatingPolicies.length === 0) {
    return `${heading}: allowed, no policy selects ${side.subject.id} for ${word}`;
  }
  const allowing = side.checks.filter((c) => c.peerMatches && c.portMatches);
  const namespace = (c: RuleCheck) => c.policy.model.namespace;
  if (allowing.length > 0) {
    const rules = allowing.map((c) => {
      const reason = ruleReason(c);
      return `${ruleReference(c)} (${describeRule(c.rule, namespace(c))})${reason === undefined ? '' : ` - why: "${reason}"`}`;
    });
    return `${heading}: allowed by ${rules.join('; and by ')}`;
  }
  const policies = joinAnd(side.isolatingPolicies.map((p) => p.id));
  const their = side.isolatingPolicies.length === 1 ? 'its' : 'their';
  const what = `${describePort({ protocol: verdict.protocol, port: verdict.port })} ${ingress ? `from ${side.peer.id}` : `to ${side.peer.id}`}`;
  const lines = [
    `${heading}: denied. ${side.subject.id} is isolated for ${word} by ${policies}; none of ${their} ${word} rules allows ${what}:`,
  ];
  const misses: Array<{ parts: number; text: string }> = [];
  for (const policy of side.isolatingPolicies) {
    const checks = side.checks.filter((c) => c.policy === policy);
    if (checks.length === 0) {
      misses.push({ parts: 2, text: `${policy.id} has no ${word} rules (it allows no ${word} at all)` });
      continue;
    }
    for (const check of checks) {
      const reasons: string[] = [];
      if (!check.peerMatches) reasons.push(peerMismatch(check, side.peer, evaluator));
      if (!check.portMatches) reasons.push(portMismatch(check, verdict));
      misses.push({ parts: missedParts(check), text: `${ruleReference(check)} allows only ${describeRule(check.rule, namespace(check))}: ${reasons.join('; and ')}` });
    }
  }
  // Nearest misses first, the rest after, each group in the order of the policies and their rules (the sort is stable).
  for (const miss of [...misses].sort((a, b) => a.parts - b.parts)) {
    lines.push(`  - ${misses.length > 1 && miss.parts === 1 ? 'nearest miss: ' : ''}${miss.text}`);
  }
  return lines.join('\n');
}

/**
 * How far a rule is from allowing a connection it does not allow: the number of its two parts that do not
 * match the connection, of the peer (who may connect: the other end) and the port (with its protocol).
 *
 * A rule that misses one part only is a nearest miss: its peer matches but not its port (the connection
 * comes from the right pods, on a port the rule does not name), or its port matches but not its peer. A
 * rule that misses both, or a policy without rules for the direction (which has nothing to match), is
 * further off. A denied explanation lists the nearest misses first, marked `nearest miss:` when there are
 * other lines, then the rest; within each group the rules keep their order (policy, then rule index).
 */
function missedParts(check: RuleCheck): number {
  return (check.peerMatches ? 0 : 1) + (check.portMatches ? 0 : 1);
}

export function explainVerdict(verdict: Verdict, evaluator: Evaluator): ExplainedVerdict {
  const port = verdict.portName !== undefined
    ? `${describePort({ protocol: verdict.protocol, port: verdict.port })} (port '${verdict.portName}')`
    : describePort({ protocol: verdict.protocol, port: verdict.port });
  const title = `${verdict.allowed ? 'ALLOWED' : 'DENIED'}: ${verdict.from.id} -> ${verdict.to.id} on ${port}`;
  const egress = explainSide(verdict.egress, verdict, evaluator);
  const ingress = explainSide(verdict.ingress, verdict, evaluator);
  if (verdict.egress.notJudgedBecause === 'self') {
    return { text: `${title}: a pod's traffic to itself is always allowed`, egress, ingress };
  }
  // A workload stands for its pods: its traffic to itself is between two of them.
  const same = verdict.from.kind === 'pod' && verdict.to.kind === 'pod' && verdict.from.id === verdict.to.id && verdict.from.cls === verdict.to.cls;
  const replicas = same && verdict.from.kind === 'pod'
    ? ` (between two pods of ${verdict.from.endpoint.synthetic ? '' : `${verdict.from.endpoint.kind} `}${verdict.from.id})`
    : '';
  return { text: [`${title}${replicas}`, indent(egress), indent(ingress)].join('\n'), egress, ingress };
}

function indent(text: string): string {
  return text.split('\n').map((line) => `  ${line}`).join('\n');
}
