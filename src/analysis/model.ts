/**
 * The cluster picture the evaluator works on: namespaces, endpoints (pods, and workloads standing for
 * their pods), Services and NetworkPolicies, each with its origin, built from what the one way in read.
 * Internal; the public face is `NetworkModel`.
 *
 * @module
 */
import { normalizeClusterNetworkPolicy, NormalizedClusterPolicy } from './cluster-policy-parse';
import { NormalizedPolicy, readNetworkPolicy } from './policy-parse';
import { failAt, formatOrigin, ManifestLoadError, Origin } from '../ingest/errors';
import { firstPolicyError, Ingested, PolicyRecord } from '../ingest/ingest';
import { ContainerPort, EndpointRecord, Labels, OwnerRecord, ServiceRecord } from '../ingest/records';
import { WorkloadKind } from '../ingest/workload-kind';
import { NAMESPACE_NAME_LABEL, NetworkPolicyManifest } from '../manifest';
import { ParsedIp } from '../net/cidr';

export { DEFAULT_NAMESPACE } from '../ingest/records';
export type { ContainerPort } from '../ingest/records';

export interface ModelNamespace {
  readonly name: string;
  /** Always includes `kubernetes.io/metadata.name`. */
  readonly labels: Labels;
  /** False when only referenced (by a pod, workload or policy), never declared. */
  readonly declared: boolean;
  /** A namespace standing for every namespace the input does not name (with some labels): `*`, `*[team=ops]`. */
  readonly synthetic?: boolean;
  readonly origin?: Origin;
}

/**
 * What an endpoint is: a pod or workload of the input, a representative the policies tell apart (it
 * stands for every pod with its labels' behaviour), or a hypothetical pod named by its labels in a query.
 */
export type EndpointKind = WorkloadKind | 'Representative' | 'Hypothetical';

export interface ModelEndpoint {
  readonly namespace: string;
  readonly name: string;
  readonly kind: EndpointKind;
  readonly labels: Labels;
  readonly ports: readonly ContainerPort[];
  /** Pod IPs, parsed; workloads have none. */
  readonly ips: readonly ParsedIp[];
  /** The IPs as written. */
  readonly ipTexts: readonly string[];
  /** The controller owning the object, from its owner references. */
  readonly owner?: OwnerRecord;
  /** The workload a pod belongs to (its controller, followed up: Pod -> ReplicaSet -> Deployment). */
  readonly group?: { readonly kind: string; readonly name: string };
  /** For a representative or a hypothetical pod: its display id and what it stands for. */
  readonly synthetic?: SyntheticInfo;
  readonly origin?: Origin;
}

export interface SyntheticInfo {
  /** How it is named in output and can be named in queries, e.g. `three-tier/[tier=frontend]`. */
  readonly id: string;
  /** What it stands for, in words: `pods tier=frontend of namespace three-tier`. */
  readonly standsFor: string;
  /** No policy of its namespace selects it by labels: only namespace-wide policies, if any, apply to it. */
  readonly catchAll?: boolean;
  /** The namespace is not one the input names: it stands for every other namespace of its labels. */
  readonly otherNamespace?: boolean;
  /** The namespace labels a hypothetical pod was given (else its namespace's in the model). */
  readonly namespaceLabels?: Labels;
}

export interface ModelPolicy {
  readonly namespace: string;
  readonly name: string;
  /** The manifest as loaded (namespace filled in); the naive evaluator reads it directly. */
  readonly manifest: NetworkPolicyManifest;
  readonly policy: NormalizedPolicy;
  readonly origin?: Origin;
}

export type ModelService = ServiceRecord;

/** A ClusterNetworkPolicy as loaded: its tier, priority, subject and rules, and the manifest as written. */
export interface ModelClusterPolicy {
  readonly name: string;
  readonly policy: NormalizedClusterPolicy;
  readonly manifest: Record<string, any>;
  readonly origin?: Origin;
}

/** An immutable view of a model, taken when an evaluator is built. */
export interface ModelSnapshot {
  readonly namespaces: readonly ModelNamespace[];
  readonly endpoints: readonly ModelEndpoint[];
  readonly policies: readonly ModelPolicy[];
  readonly services: readonly ModelService[];
  /** ClusterNetworkPolicies (cluster-scoped), in loading order. */
  readonly clusterPolicies: readonly ModelClusterPolicy[];
}

export function endpointKey(namespace: string, kind: string, name: string): string {
  return `${namespace}/${kind}/${name}`;
}

/** A mutable collection of namespaces, endpoints and policies. A later object of the same identity replaces an earlier one. */
export class ClusterModel {
  public readonly notes: string[] = [];
  /** Every NetworkPolicy read, as written and in reading order, replaced ones too: what the linter's document rules judge. */
  public readonly policyRecords: PolicyRecord[] = [];
  /** The sources read that are files (as shown), so that findings can name the file an object came from. */
  public readonly files = new Set<string>();
  private readonly namespaceMap = new Map<string, ModelNamespace>();
  private readonly endpointMap = new Map<string, ModelEndpoint>();
  private readonly policyMap = new Map<string, ModelPolicy>();
  private readonly serviceMap = new Map<string, ModelService>();
  private readonly clusterPolicyMap = new Map<string, ModelClusterPolicy>();
  private cachedSnapshot?: ModelSnapshot;

  /**
   * Adds what was read. Every NetworkPolicy must be valid (an invalid one is a `ManifestLoadError` with the
   * validator's first error), unless `skipInvalid`, which leaves invalid ones out (the linter reports them).
   */
  public addIngested(ingested: Ingested, options: { skipInvalid?: boolean } = {}): void {
    if (!options.skipInvalid) {
      const error = firstPolicyError(ingested);
      if (error) {
        const { origin } = error.policy;
        const inner = error.issue.field === '<root>' ? undefined : error.issue.field;
        const detail = inner && error.issue.message.startsWith(`${inner} `) ? error.issue.message.slice(inner.length + 1) : error.issue.message;
        throw new ManifestLoadError(detail, {
          file: origin.source,
          documentIndex: origin.documentIndex,
          field: origin.path && inner ? `${origin.path}.${inner}` : origin.path ?? inner,
        });
      }
    }
    this.policyRecords.push(...ingested.policies);
    for (const file of ingested.files) this.files.add(file);
    for (const ns of ingested.namespaces) this.addNamespace(ns.name, ns.labels, ns.origin);
    for (const endpoint of ingested.endpoints) this.addEndpoint(endpoint);
    for (const service of ingested.services) this.addService(service);
    for (const record of ingested.policies) {
      if (options.skipInvalid && record.issues.some((i) => i.severity === 'error')) continue;
      this.addPolicyRecord(record);
    }
    for (const record of ingested.clusterPolicies) {
      if (record.issues.some((i) => i.severity === 'error')) continue;
      this.addClusterPolicy({ name: String(record.value.metadata?.name ?? ''), policy: normalizeClusterNetworkPolicy(record.value), manifest: record.value, origin: record.origin });
    }
  }

  /** Adds a ClusterNetworkPolicy; a later one of the same name replaces an earlier one, with a note. */
  public addClusterPolicy(policy: ModelClusterPolicy): void {
    const existing = this.clusterPolicyMap.get(policy.name);
    if (existing) {
      this.notes.push(`${where(policy.origin)}: ClusterNetworkPolicy ${policy.name} is declared again; this one replaces the one from ${where(existing.origin)}`);
    }
    this.clusterPolicyMap.set(policy.name, policy);
    this.cachedSnapshot = undefined;
  }

  /** Adds one NetworkPolicy as read (structure the evaluator cannot interpret is a `ManifestLoadError`). */
  public addPolicyRecord(record: PolicyRecord): void {
    const { manifest, policy } = readNetworkPolicy(record.value, failAt(record.origin));
    this.addPolicy({ namespace: policy.namespace, name: policy.name, manifest, policy, origin: record.origin });
  }

  public addNamespace(name: string, labels: Labels, origin?: Origin): void {
    const existing = this.namespaceMap.get(name);
    if (existing?.declared) {
      this.notes.push(`${where(origin)}: namespace ${name} is declared again; this declaration replaces the one from ${where(existing.origin)}`);
    }
    // The API server always sets this label to the namespace's name, whatever the manifest says.
    this.namespaceMap.set(name, { name, labels: { ...labels, [NAMESPACE_NAME_LABEL]: name }, declared: true, origin });
    this.cachedSnapshot = undefined;
  }

  /** Makes a referenced namespace exist, with only the label the API server sets. */
  public ensureNamespace(name: string): void {
    if (!this.namespaceMap.has(name)) {
      this.namespaceMap.set(name, { name, labels: { [NAMESPACE_NAME_LABEL]: name }, declared: false });
      this.cachedSnapshot = undefined;
    }
  }

  public addEndpoint(endpoint: EndpointRecord | ModelEndpoint): void {
    this.ensureNamespace(endpoint.namespace);
    const key = endpointKey(endpoint.namespace, endpoint.kind, endpoint.name);
    const existing = this.endpointMap.get(key);
    if (existing) {
      this.notes.push(`${where(endpoint.origin)}: ${endpoint.kind} ${endpoint.namespace}/${endpoint.name} is defined again; this definition replaces the one from ${where(existing.origin)}`);
    }
    this.endpointMap.set(key, endpoint);
    this.cachedSnapshot = undefined;
  }

  public addService(service: ModelService): void {
    this.ensureNamespace(service.namespace);
    const key = `${service.namespace}/${service.name}`;
    const existing = this.serviceMap.get(key);
    if (existing) {
      this.notes.push(`${where(service.origin)}: Service ${key} is defined again; this definition replaces the one from ${where(existing.origin)}`);
    }
    this.serviceMap.set(key, service);
    this.cachedSnapshot = undefined;
  }

  public addPolicy(policy: ModelPolicy): void {
    this.ensureNamespace(policy.namespace);
    for (const rules of [policy.policy.ingress, policy.policy.egress]) {
      for (const rule of rules) {
        for (const peer of rule.peers ?? []) {
          // A namespace named by the well-known label is referenced, so it exists (with just that label).
          if (peer.kind === 'pods' && peer.namespaceSelector) {
            for (const [key, value] of peer.namespaceSelector.matchLabels) {
              if (key === NAMESPACE_NAME_LABEL) this.ensureNamespace(value);
            }
            for (const requirement of peer.namespaceSelector.expressions) {
              if (requirement.key === NAMESPACE_NAME_LABEL && requirement.operator === 'In') {
                requirement.values.forEach((value) => this.ensureNamespace(value));
              }
            }
          }
        }
      }
    }
    const key = `${policy.namespace}/${policy.name}`;
    const existing = this.policyMap.get(key);
    if (existing) {
      this.notes.push(`${where(policy.origin)}: NetworkPolicy ${key} is defined again; this definition replaces the one from ${where(existing.origin)}`);
    }
    this.policyMap.set(key, policy);
    this.cachedSnapshot = undefined;
  }

  /** The model as it is now; pods are grouped under their workloads (see `groupPods`). */
  public snapshot(): ModelSnapshot {
    if (!this.cachedSnapshot) {
      this.cachedSnapshot = {
        namespaces: [...this.namespaceMap.values()],
        endpoints: groupPods([...this.endpointMap.values()]),
        policies: [...this.policyMap.values()],
        services: [...this.serviceMap.values()],
        clusterPolicies: [...this.clusterPolicyMap.values()],
      };
    }
    return this.cachedSnapshot;
  }

  public namespace(name: string): ModelNamespace | undefined {
    return this.namespaceMap.get(name);
  }

  /** Whether the model has any pod or workload of its own (representatives and hypothetical pods aside). */
  public get hasWorkloads(): boolean {
    return this.endpointMap.size > 0;
  }
}

/**
 * Pods of a cluster snapshot grouped under their workload: each pod records the workload that controls it
 * (Pod -> ReplicaSet -> Deployment, Pod -> Job -> CronJob, Pod -> StatefulSet, ...), followed through the
 * owner references, and through the `pod-template-hash` label when the ReplicaSet is not in the input. A
 * workload whose pods are in the input is left out: its pods, with their real labels and IPs, stand for it.
 */
function groupPods(endpoints: readonly ModelEndpoint[]): ModelEndpoint[] {
  if (!endpoints.some((e) => e.kind === WorkloadKind.POD && e.owner !== undefined)) return [...endpoints];
  const byKey = new Map(endpoints.map((e) => [endpointKey(e.namespace, e.kind, e.name), e]));
  const top = (namespace: string, owner: { kind: string; name: string }, labels?: Labels): { kind: string; name: string } => {
    let current = owner;
    for (let steps = 0; steps < 8; steps++) {
      const record = byKey.get(endpointKey(namespace, current.kind, current.name));
      const next = record?.owner;
      if (next) {
        current = next;
        continue;
      }
      // A ReplicaSet of a Deployment is named `<deployment>-<pod-template-hash>`.
      const hash = labels?.['pod-template-hash'];
      if (!record && current.kind === WorkloadKind.REPLICA_SET && hash && current.name.endsWith(`-${hash}`)) {
        return { kind: WorkloadKind.DEPLOYMENT, name: current.name.slice(0, -hash.length - 1) };
      }
      break;
    }
    return current;
  };
  const withPods = new Set<string>();
  const grouped = endpoints.map((e) => {
    if (e.kind !== WorkloadKind.POD || !e.owner) return e;
    const group = top(e.namespace, e.owner, e.labels);
    withPods.add(endpointKey(e.namespace, group.kind, group.name));
    return { ...e, group };
  });
  return grouped.filter((e) => {
    if (e.kind === WorkloadKind.POD) return true;
    const owner = e.owner ? top(e.namespace, e.owner) : { kind: e.kind, name: e.name };
    return !withPods.has(endpointKey(e.namespace, owner.kind, owner.name)) && !withPods.has(endpointKey(e.namespace, e.kind, e.name));
  });
}

function where(origin: Origin | undefined): string {
  return origin ? formatOrigin(origin) : 'code';
}
