import { describePorts } from '../../describe';
import { Severity } from '../../severity';
import { LintRule } from '../rule';
import { everyone } from '../rule-helpers';

/** NP006: `from: []` / `to: []`, which means everyone (mistake 10). */
export const emptyPeerList: LintRule = {
  id: 'NP006',
  name: 'empty-peer-list',
  severity: Severity.WARNING,
  summary: 'A rule has an empty from/to list, which Kubernetes reads as every peer.',
  help: 'An empty (or missing) from/to means every source or destination, pods and external addresses alike. Written as an '
    + 'empty list it looks like "nobody", and it is what a generated list of peers turns into when it comes out empty. '
    + 'Leave the field out when everyone is meant, or list the peers.',
  checkModel(context, report) {
    for (const rule of context.effectiveRules()) {
      const peers = rule.raw[rule.peersKey];
      if (!Array.isArray(peers) || peers.length > 0) continue;
      const field = `${rule.field}.${rule.peersKey}`;
      report({
        ...context.at(rule.policy, field),
        message: `${field} is an empty list, which Kubernetes reads as ${everyone(rule)} (every pod and every address), `
          + `on ${describePorts(rule.normalized.ports)}; it does not mean "nobody".`,
        fix: `Leave '${rule.peersKey}' out if ${everyone(rule)} is meant (Peer.anyone() in this library), or list the peers. `
          + 'To allow nobody, remove the rule.',
      });
    }
  },
};
