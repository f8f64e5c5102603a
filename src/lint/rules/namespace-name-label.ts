import { LabelSelectorManifest } from '../../manifest';
import { Severity } from '../../severity';
import { LintRule } from '../rule';
import { rawPeers, rawSelector } from '../rule-helpers';

/** Label keys people expect on namespaces, which Kubernetes does not set. */
const UNSET_KEYS = ['name', 'namespace'];

export function usesUnsetNamespaceLabel(selector: LabelSelectorManifest): boolean {
  return Object.keys(selector.matchLabels ?? {}).some((k) => UNSET_KEYS.includes(k))
    || (selector.matchExpressions ?? []).some((e) => UNSET_KEYS.includes(e.key));
}

/** NP010: namespaces chosen by a `name:` or `namespace:` label, which does not exist by default (mistake 6). */
export const namespaceNameLabel: LintRule = {
  id: 'NP010',
  name: 'namespace-name-label',
  severity: Severity.WARNING,
  summary: 'A namespaceSelector uses the label `name` or `namespace`, which Kubernetes does not set on namespaces.',
  help: 'Unless someone labelled the namespaces by hand, such a selector matches no namespace and the rule allows nothing. '
    + 'Kubernetes sets the immutable label kubernetes.io/metadata.name to every namespace\'s name: select by that. '
    + 'Not reported when a Namespace in the model carries the label.',
  checkModel(context, report) {
    const namespaces = [...context.evaluator.namespaces.values()].filter((ns) => ns.declared);
    const labelled = (key: string, value?: string) => namespaces.some((ns) => key in ns.labels && (value === undefined || ns.labels[key] === value));
    for (const rule of context.effectiveRules()) {
      const raw = rawPeers(rule);
      if (!raw) continue;
      raw.forEach((peer, j) => {
        const selector = rawSelector(peer, 'namespaceSelector');
        if (!selector) return;
        const at = `${rule.field}.${rule.peersKey}[${j}].namespaceSelector`;
        const found: Array<{ field: string; key: string; value?: string }> = [];
        for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
          if (UNSET_KEYS.includes(key) && !labelled(key, value)) found.push({ field: `${at}.matchLabels[${key}]`, key, value });
        }
        (selector.matchExpressions ?? []).forEach((e, k) => {
          if (UNSET_KEYS.includes(e.key) && !labelled(e.key)) found.push({ field: `${at}.matchExpressions[${k}].key`, key: e.key, value: e.values?.[0] });
        });
        for (const f of found) {
          report({
            ...context.at(rule.policy, f.field),
            message: `${f.field} selects namespaces by the label '${f.key}', which Kubernetes does not set: unless the namespaces `
              + `were labelled by hand, this matches no namespace and ${rule.field} allows nothing through this peer.`,
            fix: `Select by the label Kubernetes sets on every namespace: kubernetes.io/metadata.name${f.value ? `: ${f.value}` : ''} `
              + '(Namespaces.named([...]) in this library).',
          });
        }
      });
    }
  },
};
