import { describePeer, describeSelector } from '../../describe';
import { Severity } from '../../severity';
import { LintRule } from '../rule';
import { rawPeers } from '../rule-helpers';

/** NP001: a lone namespaceSelector peer next to a lone podSelector peer (mistake 1). */
export const orInsteadOfAnd: LintRule = {
  id: 'NP001',
  name: 'or-instead-of-and',
  severity: Severity.WARNING,
  summary: 'A namespaceSelector and a podSelector are two peers (OR) where one peer with both (AND) was likely meant.',
  help: 'In YAML, a `-` before podSelector starts a second peer: the rule then allows every pod of the selected namespaces '
    + 'OR the selected pods of the policy\'s own namespace. To allow only the selected pods of the selected namespaces, write '
    + 'both selectors in one list item. When workloads are known and the podSelector names pods in the policy\'s own '
    + 'namespace, both readings are plausible and the finding is only informational.',
  checkModel(context, report) {
    for (const rule of context.effectiveRules()) {
      const peers = rule.normalized.peers;
      const raw = rawPeers(rule);
      if (!peers || !raw) continue;
      const nsOnly = peers.findIndex((p) => p.kind === 'pods' && p.namespaceSelector !== undefined && p.podSelector === undefined);
      const podOnly = peers.findIndex((p) => p.kind === 'pods' && p.podSelector !== undefined && p.namespaceSelector === undefined);
      if (nsOnly < 0 || podOnly < 0) continue;
      const policy = rule.policy;
      const nsPeer = peers[nsOnly];
      const podPeer = peers[podOnly];
      if (nsPeer.kind !== 'pods' || podPeer.kind !== 'pods') continue;

      // Pods the podSelector peer names in the policy's own namespace make the OR reading plausible.
      const plausible = context.workloadsKnown && !context.evaluator.podPeerClasses(podPeer, policy.namespace).isEmpty();

      const field = `${rule.field}.${rule.peersKey}[${nsOnly}]`;
      const other = `${rule.peersKey}[${podOnly}]`;
      const pods = describeSelector(podPeer.podSelector!) || 'every pod';
      const namespaces = describeSelector(nsPeer.namespaceSelector!) || 'every namespace';
      report({
        ...context.at(policy, field),
        severity: plausible ? Severity.INFO : undefined,
        message: `${field} and ${other} are two peers, so ${rule.field} allows ${describePeer(nsPeer, policy.namespace)} `
          + `OR ${describePeer(podPeer, policy.namespace)}. If pods ${pods} in namespaces ${namespaces} were meant, `
          + 'the two selectors must be one peer.'
          + (plausible ? ` (Pods ${pods} do exist in namespace ${policy.namespace}, so the OR reading may be intended.)` : ''),
        fix: `Write one peer with both selectors: remove the '-' before podSelector in ${other} and move it under the `
          + `namespaceSelector of ${rule.peersKey}[${nsOnly}] (Peer.pods(selector, namespaces) in this library). `
          + 'If both peers are meant, keep them and ignore this finding.',
      });
    }
  },
};
