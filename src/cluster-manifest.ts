/**
 * The plain `policy.networking.k8s.io/v1alpha2` ClusterNetworkPolicy manifest shape, as written in YAML
 * or JSON (kubernetes-sigs/network-policy-api, `apis/v1alpha2`). Field names and optionality follow the
 * CRD schema, not the Go structs: where the two differ (e.g. `pods.namespaceSelector` is optional in the
 * CRD), the CRD wins, because it is what the API server checks.
 *
 * Internal: these types use TypeScript unions and optional shapes that jsii cannot express, so they are
 * not exported from the package entry point.
 *
 * @module
 */
import { LabelSelectorManifest } from './manifest';

/** The API version every ClusterNetworkPolicy manifest carries (the only version the CRD serves). */
export const CLUSTER_NETWORK_POLICY_API_VERSION = 'policy.networking.k8s.io/v1alpha2';

/** The kind every ClusterNetworkPolicy manifest carries. */
export const CLUSTER_NETWORK_POLICY_KIND = 'ClusterNetworkPolicy';

/** `spec.tier`: where the policy sits relative to namespaced NetworkPolicies (Admin before, Baseline after). */
export type ClusterNetworkPolicyTier = 'Admin' | 'Baseline';

/** The tiers, in evaluation order of the CNP tiers (NetworkPolicy sits between them). */
export const CLUSTER_NETWORK_POLICY_TIERS: readonly ClusterNetworkPolicyTier[] = ['Admin', 'Baseline'];

/** A rule's `action`. */
export type ClusterNetworkPolicyAction = 'Accept' | 'Deny' | 'Pass';

/** Every rule action, in the order the API documents them. */
export const CLUSTER_NETWORK_POLICY_ACTIONS: readonly ClusterNetworkPolicyAction[] = ['Accept', 'Deny', 'Pass'];

/** `NamespacedPod`: pods matching `podSelector` in namespaces matching `namespaceSelector` (absent: all namespaces). */
export interface NamespacedPodManifest {
  namespaceSelector?: LabelSelectorManifest;
  podSelector: LabelSelectorManifest;
}

/** `spec.subject`: exactly one of `namespaces` (every pod of the selected namespaces) or `pods`. */
export interface ClusterNetworkPolicySubjectManifest {
  namespaces?: LabelSelectorManifest;
  pods?: NamespacedPodManifest;
}

/** An ingress peer (`from[]`): exactly one of `namespaces` or `pods`. */
export interface ClusterNetworkPolicyIngressPeerManifest {
  namespaces?: LabelSelectorManifest;
  pods?: NamespacedPodManifest;
}

/**
 * An egress peer (`to[]`): exactly one field. `nodes` and `domainNames` exist only in the experimental
 * channel CRD.
 */
export interface ClusterNetworkPolicyEgressPeerManifest {
  namespaces?: LabelSelectorManifest;
  pods?: NamespacedPodManifest;
  /** CIDRs, 1 to 25, each at most 43 characters, no duplicates. */
  networks?: string[];
  /** Experimental channel only: the IPs of the selected nodes. */
  nodes?: LabelSelectorManifest;
  /** Experimental channel only: 1 to 25 domain names (`*.` prefix allowed), no duplicates. */
  domainNames?: string[];
}

/** `PortRange`: an inclusive range; the CRD requires `start < end`. */
export interface PortRangeManifest {
  start: number;
  end: number;
}

/** `Port`: exactly one of a single `number` or a `range`. */
export interface DestinationPortManifest {
  number?: number;
  range?: PortRangeManifest;
}

/** `tcp`, `udp` or `sctp`: the CRD requires `destinationPort` (minProperties 1). */
export interface ProtocolPortsManifest {
  destinationPort?: DestinationPortManifest;
}

/** One entry of `protocols`: exactly one field. */
export interface ClusterNetworkPolicyProtocolManifest {
  tcp?: ProtocolPortsManifest;
  udp?: ProtocolPortsManifest;
  sctp?: ProtocolPortsManifest;
  /** A container port name on the destination pod; its protocol is the container port's. */
  destinationNamedPort?: string;
}

/** An ingress rule. Rules take effect in the order written. */
export interface ClusterNetworkPolicyIngressRuleManifest {
  /** At most 100 characters; for observability only. */
  name?: string;
  action: ClusterNetworkPolicyAction;
  /** 1 to 25 peers; the rule applies when any of them matches the source. */
  from: ClusterNetworkPolicyIngressPeerManifest[];
  /** Absent: every protocol and port. When present, 1 to 25 entries. */
  protocols?: ClusterNetworkPolicyProtocolManifest[];
}

/** An egress rule. Rules take effect in the order written. */
export interface ClusterNetworkPolicyEgressRuleManifest {
  /** At most 100 characters; for observability only. */
  name?: string;
  action: ClusterNetworkPolicyAction;
  /** 1 to 25 peers; the rule applies when any of them matches the destination. */
  to: ClusterNetworkPolicyEgressPeerManifest[];
  /** Absent: every protocol and port. When present, 1 to 25 entries. */
  protocols?: ClusterNetworkPolicyProtocolManifest[];
}

/** `spec`. */
export interface ClusterNetworkPolicySpecManifest {
  tier: ClusterNetworkPolicyTier;
  /** 0 to 1000; lower values are evaluated first within the tier. */
  priority: number;
  subject: ClusterNetworkPolicySubjectManifest;
  /** At most 25 rules. */
  ingress?: ClusterNetworkPolicyIngressRuleManifest[];
  /** At most 25 rules. */
  egress?: ClusterNetworkPolicyEgressRuleManifest[];
}

/** The parts of `ObjectMeta` a ClusterNetworkPolicy uses. It is cluster-scoped: no namespace. */
export interface ClusterNetworkPolicyMetadataManifest {
  name?: string;
  generateName?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** A whole ClusterNetworkPolicy object. */
export interface ClusterNetworkPolicyManifest {
  apiVersion: string;
  kind: string;
  metadata: ClusterNetworkPolicyMetadataManifest;
  spec: ClusterNetworkPolicySpecManifest;
  /** Written by implementations through the status subresource; ignored when creating or updating. */
  status?: { conditions?: unknown[] };
}
