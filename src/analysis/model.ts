/**
 * The cluster picture the evaluator works on: namespaces, endpoints (pods, and workloads standing for
 * their pods) and NetworkPolicies, each with its origin. Internal; the public face is `NetworkModel`.
 *
 * @module
 */
import { NAMESPACE_NAME_LABEL, NetworkPolicyManifest } from '../manifest';
import { Protocol } from '../protocol';
import { formatOrigin, Origin } from './errors';
import { NormalizedPolicy } from './policy-parse';
import { Labels } from './selector-match';
import { WorkloadKind } from './workload-kind';
import { ParsedIp } from '../validation/cidr';

/** The namespace a namespaced object without `metadata.namespace` lives in. */
export const DEFAULT_NAMESPACE = 'default';

export interface ContainerPort {
  readonly port: number;
  readonly name?: string;
  readonly protocol: Protocol;
}

export interface ModelNamespace {
  readonly name: string;
  /** Always includes `kubernetes.io/metadata.name`. */
  readonly labels: Labels;
  /** False when only referenced (by a pod, workload or policy), never declared. */
  readonly declared: boolean;
  readonly origin?: Origin;
}

export interface ModelEndpoint {
  readonly namespace: string;
  readonly name: string;
  readonly kind: WorkloadKind;
  readonly labels: Labels;
  readonly ports: readonly ContainerPort[];
  /** Pod IPs, parsed; workloads have none. */
  readonly ips: readonly ParsedIp[];
  /** The IPs as written. */
  readonly ipTexts: readonly string[];
  readonly origin?: Origin;
}

export interface ModelPolicy {
  readonly namespace: string;
  readonly name: string;
  /** The manifest as loaded (namespace filled in); the naive evaluator reads it directly. */
  readonly manifest: NetworkPolicyManifest;
  readonly policy: NormalizedPolicy;
  readonly origin?: Origin;
}

/** An immutable view of a model, taken when an evaluator is built. */
export interface ModelSnapshot {
  readonly namespaces: readonly ModelNamespace[];
  readonly endpoints: readonly ModelEndpoint[];
  readonly policies: readonly ModelPolicy[];
}

export function endpointKey(namespace: string, kind: string, name: string): string {
  return `${namespace}/${kind}/${name}`;
}

/** A mutable collection of namespaces, endpoints and policies. A later object of the same identity replaces an earlier one. */
export class ClusterModel {
  public readonly notes: string[] = [];
  private readonly namespaceMap = new Map<string, ModelNamespace>();
  private readonly endpointMap = new Map<string, ModelEndpoint>();
  private readonly policyMap = new Map<string, ModelPolicy>();

  public addNamespace(name: string, labels: Labels, origin?: Origin): void {
    const existing = this.namespaceMap.get(name);
    if (existing?.declared) {
      this.notes.push(`${where(origin)}: namespace ${name} is declared again; this declaration replaces the one from ${where(existing.origin)}`);
    }
    // The API server always sets this label to the namespace's name, whatever the manifest says.
    this.namespaceMap.set(name, { name, labels: { ...labels, [NAMESPACE_NAME_LABEL]: name }, declared: true, origin });
  }

  /** Makes a referenced namespace exist, with only the label the API server sets. */
  public ensureNamespace(name: string): void {
    if (!this.namespaceMap.has(name)) {
      this.namespaceMap.set(name, { name, labels: { [NAMESPACE_NAME_LABEL]: name }, declared: false });
    }
  }

  public addEndpoint(endpoint: ModelEndpoint): void {
    this.ensureNamespace(endpoint.namespace);
    const key = endpointKey(endpoint.namespace, endpoint.kind, endpoint.name);
    const existing = this.endpointMap.get(key);
    if (existing) {
      this.notes.push(`${where(endpoint.origin)}: ${endpoint.kind} ${endpoint.namespace}/${endpoint.name} is defined again; this definition replaces the one from ${where(existing.origin)}`);
    }
    this.endpointMap.set(key, endpoint);
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
  }

  public snapshot(): ModelSnapshot {
    return {
      namespaces: [...this.namespaceMap.values()],
      endpoints: [...this.endpointMap.values()],
      policies: [...this.policyMap.values()],
    };
  }

  public namespace(name: string): ModelNamespace | undefined {
    return this.namespaceMap.get(name);
  }
}

function where(origin: Origin | undefined): string {
  return origin ? formatOrigin(origin) : 'code';
}
