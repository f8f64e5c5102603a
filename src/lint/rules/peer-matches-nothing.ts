import { matchesSelector } from '../../analysis/selector-match';
import { Severity } from '../../severity';
import { listSome } from '../lint-context';
import { LintRule } from '../rule';
import { rawPeers, rawSelector } from '../rule-helpers';
import { usesUnsetNamespaceLabel } from './namespace-name-label';

/** NP009: a pod or namespace peer that matches nothing (mistake 13). Only when workloads are known. */
export const peerMatchesNothing: LintRule = {
  id: 'NP009',
  name: 'peer-matches-nothing',
  severity: Severity.WARNING,
  summary: 'A peer selector matches no pod (or no namespace) of the model, so the rule allows nothing through it.',
  help: 'Judged only when the model has pods or workloads, and only for namespaces that have some: a peer aimed at a '
    + 'namespace the model knows nothing about is not reported. The cluster DNS pods count as present (a stand-in is used '
    + 'when the model has none). A namespaceSelector that matches no namespace is reported when the model declares Namespace '
    + 'objects. Check the labels against the pod templates and the namespace labels.',
  checkModel(context, report) {
    if (!context.workloadsKnown) return;
    const evaluator = context.evaluator;
    const namespaces = [...evaluator.namespaces.values()];
    // The cluster DNS pods count as present, whether or not the model has them.
    const dns = context.dnsSettings;
    for (const rule of context.effectiveRules()) {
      const raw = rawPeers(rule);
      const peers = rule.normalized.peers;
      if (!raw || !peers) continue;
      peers.forEach((peer, j) => {
        if (peer.kind !== 'pods') return;
        const field = `${rule.field}.${rule.peersKey}[${j}]`;
        const nsSelector = rawSelector(raw[j], 'namespaceSelector');
        const podSelector = rawSelector(raw[j], 'podSelector') ?? {};
        // The evaluator's sets: each distinct selector is matched once, however many rules use it.
        const selected = peer.namespaceSelector ? evaluator.namespacesSelectedBy(peer.namespaceSelector) : [rule.policy.namespace];
        if (selected.length === 0) {
          if (!context.namespacesDeclared || !nsSelector || usesUnsetNamespaceLabel(nsSelector)) return;
          report({
            ...context.at(rule.policy, `${field}.namespaceSelector`),
            message: `${field}.namespaceSelector matches no namespace of the model, so this peer allows nothing `
              + `(namespaces: ${listSome(namespaces.map((ns) => ns.name), 8)}).`,
            fix: 'Select namespaces by labels they carry; to name a namespace, use kubernetes.io/metadata.name.',
          });
          return;
        }
        const dnsSelected = selected.includes(dns.namespace);
        // Nothing is known about namespaces without workloads in the model: no verdict.
        if (!dnsSelected && !selected.some((ns) => evaluator.hasPodsIn(ns))) return;
        if (!evaluator.podPeerClasses(peer, rule.policy.namespace).isEmpty()) return;
        if (dnsSelected && matchesSelector(podSelector, dns.podLabels)) return;
        report({
          ...context.at(rule.policy, field),
          message: `${field} matches no pod: no pod in ${selected.length === 1 ? `namespace ${selected[0]}` : `namespaces ${listSome(selected)}`} `
            + `has the labels it selects, so ${rule.field} allows nothing through this peer.`
            + (nsSelector ? '' : ' A podSelector without namespaceSelector only looks in the policy\'s own namespace.'),
          fix: 'Match the selector to the pod template labels of the workloads meant (and add a namespaceSelector for pods of other namespaces).',
        });
      });
    }
  },
};
