/**
 * Representative endpoints: the pods the policies themselves can tell apart, for analysis without the
 * workloads (what `cdk8s synth` writes holds policies only) or beside them (exposure analysis).
 *
 * A pod's verdicts depend on its namespace (name and labels) and on which of the selectors that can
 * apply to pods of that namespace match its labels (policy pod selectors, peer pod selectors), besides
 * its named container ports and IPs. Pods with the same namespace and the same truth values for all those
 * selectors are judged alike by every policy, so one pod with those labels stands for all of them: a
 * representative. The representatives of a namespace are every combination of truth values that some
 * labels can produce, each with the simplest labels producing it (its witness):
 *
 * - per label key, the values that matter are "absent", each value a selector mentions, and "any other
 *   value" (written `*`), so `In`, `NotIn`, `Exists`, `DoesNotExist` and values no selector mentions are all
 *   covered;
 * - the combinations are enumerated key by key, merging label choices that leave the same selectors
 *   satisfiable, so the work follows the number of representatives, not the number of label sets.
 *
 * ClusterNetworkPolicies count the same way: their subjects' and peers' namespace and pod selectors.
 *
 * Namespaces the input names (declared, where policies live, named by `kubernetes.io/metadata.name`) are
 * judged with their declared labels, or only that label when not declared. Every other namespace is one
 * of the combinations of the namespace selectors' truth values (`*`, `*[purpose=monitoring]`). Named
 * container ports and pod IPs are not known for representatives: a rule naming a port is judged on
 * real workloads only, and ipBlocks never match a representative (as for workloads without known IPs).
 * Internal.
 *
 * @module
 */
import { NormalizedClusterPolicy, NormalizedNamespacedPods, NormalizedNamespaces } from './cluster-policy-parse';
import { ModelEndpoint, ModelNamespace, ModelSnapshot } from './model';
import { NormalizedSelector, matchesNormalizedSelector, selectorKey } from './selector-match';
import { Labels } from '../ingest/records';
import { NAMESPACE_NAME_LABEL, WORKLOAD_ANNOTATION } from '../manifest';
import { enumerateRegions, OTHER_VALUE, Region } from '../selection/regions';

export { OTHER_VALUE };


/** Which representatives to derive. */
export type RepresentativeMode =
  /** For namespaces without any known pod or workload; for every namespace when the input has none at all. */
  | 'auto'
  /** Besides the known pods and workloads, every representative none of them covers. */
  | 'exposure'
  /** None: the known pods and workloads only. */
  | 'none';

/** The endpoints and namespaces to add to a model's snapshot. */
export interface Representatives {
  /** Namespaces the representatives live in that a snapshot may lack: "other" namespaces, and named ones. */
  readonly namespaces: readonly ModelNamespace[];
  readonly endpoints: readonly ModelEndpoint[];
}

/** More than this many representatives means selectors that combine without bound: give the workloads instead. */
const MAX_REPRESENTATIVES = 20_000;

/**
 * The representatives of one or more snapshots judged together (the two sides of a diff): the regions of
 * the selectors of all of them, so that each side's verdict for a representative holds for every pod it
 * stands for on that side.
 */
export function deriveRepresentatives(snapshots: readonly ModelSnapshot[], mode: RepresentativeMode): Representatives {
  if (mode === 'none') return { namespaces: [], endpoints: [] };
  const hasWorkloads = snapshots.some((s) => s.endpoints.some((e) => e.synthetic === undefined));
  const policies = snapshots.flatMap((s) => s.policies);

  // Named namespaces, with each snapshot's labels for them.
  const named = new Map<string, Labels[]>();
  const addNamed = (name: string, labels?: Labels) => {
    const list = named.get(name) ?? [];
    if (labels && !list.some((l) => sameLabels(l, labels))) list.push(labels);
    named.set(name, list);
  };
  for (const s of snapshots) {
    for (const ns of s.namespaces) if (!ns.synthetic) addNamed(ns.name, ns.labels);
  }
  const namespaceSelectors = new Map<string, NormalizedSelector>();
  const addNamespaceSelector = (selector: NormalizedSelector) => {
    namespaceSelectors.set(selectorKey(selector), selector);
    // Every namespace a selector names (In, NotIn or matchLabels on the name label) is a named namespace.
    for (const [key, value] of selector.matchLabels) if (key === NAMESPACE_NAME_LABEL) addNamed(value);
    for (const r of selector.expressions) {
      if (r.key === NAMESPACE_NAME_LABEL) r.values.forEach((value) => addNamed(value));
    }
  };
  const clusterSelections = snapshots.flatMap((s) => s.clusterPolicies.flatMap((p) => clusterPolicySelections(p.policy)));
  for (const selection of clusterSelections) addNamespaceSelector(selection.namespaceSelector);
  for (const p of policies) {
    for (const rule of [...p.policy.ingress, ...p.policy.egress]) {
      for (const peer of rule.peers ?? []) {
        if (peer.kind === 'pods' && peer.namespaceSelector) addNamespaceSelector(peer.namespaceSelector);
      }
    }
  }
  for (const [name, list] of named) if (list.length === 0) list.push({ [NAMESPACE_NAME_LABEL]: name });

  const covered = new Map<string, Set<string>>();
  const known = new Set<string>();
  for (const s of snapshots) {
    for (const e of s.endpoints) if (e.synthetic === undefined) known.add(e.namespace);
  }
  const wanted = (namespace: string): boolean => mode === 'exposure' || !hasWorkloads || !known.has(namespace);

  const endpoints: ModelEndpoint[] = [];
  const namespaces: ModelNamespace[] = [];
  const add = (endpoint: ModelEndpoint) => {
    endpoints.push(endpoint);
    if (endpoints.length > MAX_REPRESENTATIVES) {
      throw new Error(`the policies tell apart more than ${MAX_REPRESENTATIVES} kinds of pods; analyse them with the workloads instead`);
    }
  };

  for (const name of [...named.keys()].sort(compareText)) {
    if (!wanted(name)) continue;
    const labelSets = named.get(name)!;
    const selectors = relevantPodSelectors(policies, clusterSelections, name,
      (selector) => labelSets.some((labels) => matchesNormalizedSelector(selector, labels)));
    const regions = enumerateRegions(selectors);
    if (mode === 'exposure') {
      const seen = covered.get(name) ?? new Set<string>();
      for (const s of snapshots) {
        for (const e of s.endpoints) {
          if (e.synthetic === undefined && e.namespace === name) seen.add(truthKey(selectors.map((sel) => matchesNormalizedSelector(sel, e.labels))));
        }
      }
      covered.set(name, seen);
    }
    const isolating = new Set(policies.filter((p) => p.namespace === name).map((p) => selectorKey(p.policy.podSelector)));
    const workloads = workloadNames(policies.filter((p) => p.namespace === name));
    // Names the real endpoints answer to: their pods' names and their workloads' (a query names a Deployment by its name).
    const taken = new Set(snapshots.flatMap((s) => s.endpoints.filter((e) => e.namespace === name)
      .flatMap((e) => (e.group ? [e.name, e.group.name] : [e.name]))));
    for (const region of regions) {
      if (covered.get(name)?.has(truthKey(region.truth))) continue;
      const endpoint = representative(name, labelSetLabel(region.witness), region, selectors, isolating, false);
      // The pods of a ServiceGraph workload are named by the workload, when the name is free.
      const workload = workloads.get(labelSetLabel(region.witness));
      if (workload !== undefined && !taken.has(workload)) {
        taken.add(workload);
        add({ ...endpoint, name: workload, synthetic: { ...endpoint.synthetic!, id: `${name}/${workload}`, standsFor: `the pods of workload ${workload} (${endpoint.synthetic!.standsFor})` } });
      } else {
        add(endpoint);
      }
    }
    if (!snapshots.every((s) => s.namespaces.some((ns) => ns.name === name))) {
      namespaces.push({ name, labels: labelSets[0], declared: false });
    }
  }

  // Every other namespace: one representative namespace per combination of the namespace selectors.
  if (mode === 'exposure' || !hasWorkloads) {
    const selectors = [...namespaceSelectors.values()];
    const fixed = new Map([[NAMESPACE_NAME_LABEL, OTHER_VALUE]]);
    for (const region of enumerateRegions(selectors, fixed)) {
      const shown = { ...region.witness };
      delete shown[NAMESPACE_NAME_LABEL];
      const namespaceName = Object.keys(shown).length === 0 ? '*' : `*${labelSetLabel(shown)}`;
      const labels = { ...region.witness, [NAMESPACE_NAME_LABEL]: namespaceName };
      namespaces.push({ name: namespaceName, labels, declared: false, synthetic: true });
      const podSelectors = relevantPodSelectors(policies, clusterSelections, undefined, (selector) => matchesNormalizedSelector(selector, labels));
      for (const pods of enumerateRegions(podSelectors)) {
        add(representative(namespaceName, labelSetLabel(pods.witness), pods, podSelectors, new Set(), true));
      }
    }
  }
  return { namespaces, endpoints };
}

/** The snapshot with the representatives added (namespaces it lacks included). */
export function withRepresentatives(snapshot: ModelSnapshot, representatives: Representatives): ModelSnapshot {
  if (representatives.endpoints.length === 0) return snapshot;
  const have = new Set(snapshot.namespaces.map((ns) => ns.name));
  return {
    namespaces: [...snapshot.namespaces, ...representatives.namespaces.filter((ns) => !have.has(ns.name))],
    endpoints: [...snapshot.endpoints, ...representatives.endpoints],
    policies: snapshot.policies,
    services: snapshot.services,
    clusterPolicies: snapshot.clusterPolicies,
  };
}

/** A namespace selector of a ClusterNetworkPolicy's subject or peer, with the pod selector that goes with it, if any. */
interface ClusterSelection {
  readonly namespaceSelector: NormalizedSelector;
  readonly podSelector?: NormalizedSelector;
}

/** Where a ClusterNetworkPolicy selects pods: its subject and its `namespaces` and `pods` peers. */
function clusterPolicySelections(policy: NormalizedClusterPolicy): ClusterSelection[] {
  const out: ClusterSelection[] = [];
  const add = (s: NormalizedNamespaces | NormalizedNamespacedPods) => out.push(s.kind === 'namespaces'
    ? { namespaceSelector: s.selector }
    : { namespaceSelector: s.namespaceSelector, podSelector: s.podSelector });
  add(policy.subject);
  for (const rule of [...policy.ingress, ...policy.egress]) {
    for (const peer of rule.peers) if (peer.kind === 'namespaces' || peer.kind === 'pods') add(peer);
  }
  return out;
}

/**
 * The distinct pod selectors that can apply to pods of a namespace: the pod selectors of its policies
 * (`namespace` undefined for namespaces no policy lives in), the pod selectors of the peers whose
 * namespace part can select it (`namespaceMatches`) or that mean the policy's own namespace, and those of
 * the ClusterNetworkPolicies' subjects and peers whose namespace part can select it.
 */
function relevantPodSelectors(
  policies: ModelSnapshot['policies'], clusterSelections: readonly ClusterSelection[], namespace: string | undefined,
  namespaceMatches: (selector: NormalizedSelector) => boolean,
): NormalizedSelector[] {
  const selectors = new Map<string, NormalizedSelector>();
  const add = (selector: NormalizedSelector | undefined) => {
    if (!selector || (selector.matchLabels.length === 0 && selector.expressions.length === 0)) return;
    selectors.set(selectorKey(selector), selector);
  };
  for (const p of policies) {
    const own = namespace !== undefined && p.namespace === namespace;
    if (own) add(p.policy.podSelector);
    for (const rule of [...p.policy.ingress, ...p.policy.egress]) {
      for (const peer of rule.peers ?? []) {
        if (peer.kind !== 'pods') continue;
        if (peer.namespaceSelector ? namespaceMatches(peer.namespaceSelector) : own) add(peer.podSelector);
      }
    }
  }
  for (const selection of clusterSelections) if (namespaceMatches(selection.namespaceSelector)) add(selection.podSelector);
  return [...selectors.entries()].sort(([a], [b]) => compareText(a, b)).map(([, s]) => s);
}

function representative(
  namespace: string, labelsText: string, region: Region, selectors: readonly NormalizedSelector[],
  isolating: ReadonlySet<string>, otherNamespace: boolean,
): ModelEndpoint {
  // A catch-all: pods no policy of their namespace selects by labels (only namespace-wide policies apply to them).
  const catchAll = !region.truth.some((t, i) => t && isolating.has(selectorKey(selectors[i])));
  const id = `${namespace}/${labelsText === '' ? '*' : labelsText}`;
  const where = otherNamespace
    ? (namespace === '*' ? 'of every namespace the input does not name' : `of every other namespace with labels ${namespace.slice(1)}`)
    : `of namespace ${namespace}`;
  const standsFor = labelsText === ''
    ? `pods ${where} that no selector singles out`
    : `pods ${where} with labels ${labelsText} (and any other labels no selector mentions)`;
  return {
    namespace,
    name: labelsText === '' ? '*' : labelsText,
    kind: 'Representative',
    labels: region.witness,
    ports: [],
    ips: [],
    ipTexts: [],
    synthetic: { id, standsFor, catchAll, otherNamespace },
  };
}

/**
 * The workloads ServiceGraph policies are for (their `cdk8s-netpol/workload` annotation), by the simplest
 * labels their pod selector selects: the representative with exactly those labels is that workload's pods.
 */
function workloadNames(policies: ModelSnapshot['policies']): Map<string, string> {
  const names = new Map<string, string>();
  for (const p of policies) {
    const workload = p.manifest.metadata.annotations?.[WORKLOAD_ANNOTATION];
    if (typeof workload !== 'string' || workload === '') continue;
    const simplest = enumerateRegions([p.policy.podSelector]).find((r) => r.truth[0]);
    if (simplest) names.set(labelSetLabel(simplest.witness), workload);
  }
  return names;
}

/** `[app=web,env=*]`, or '' for no labels. */
function labelSetLabel(labels: Labels): string {
  const entries = Object.keys(labels).sort(compareText).map((k) => `${k}=${labels[k]}`);
  return entries.length === 0 ? '' : `[${entries.join(',')}]`;
}

function truthKey(truth: readonly boolean[]): string {
  return truth.map((t) => (t ? '1' : '0')).join('');
}

function sameLabels(a: Labels, b: Labels): boolean {
  const x = Object.keys(a);
  return x.length === Object.keys(b).length && x.every((k) => b[k] === a[k]);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
