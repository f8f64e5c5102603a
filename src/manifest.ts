/**
 * The plain `networking.k8s.io/v1` NetworkPolicy manifest shape.
 *
 * This is the meeting point of the library: constructs render it, and the validator, the evaluator,
 * the linter and the renderers consume it, whoever wrote it. These types are internal (not exported
 * from the package entry point) because they use TypeScript unions that jsii cannot express; the public
 * API passes manifests as plain JSON objects.
 *
 * @module
 */

/** A `LabelSelectorRequirement`. */
export interface LabelSelectorRequirementManifest {
  key: string;
  operator: string;
  values?: string[];
}

/** A `LabelSelector`. `{}` selects everything. */
export interface LabelSelectorManifest {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirementManifest[];
}

/** An `IPBlock`. */
export interface IpBlockManifest {
  cidr: string;
  except?: string[];
}

/** A `NetworkPolicyPeer`: exactly one of ipBlock or (namespaceSelector and/or podSelector). */
export interface PeerManifest {
  podSelector?: LabelSelectorManifest;
  namespaceSelector?: LabelSelectorManifest;
  ipBlock?: IpBlockManifest;
}

/** A `NetworkPolicyPort`. `port` is a number or an IANA service name (named container port). */
export interface PortManifest {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

/** A `NetworkPolicyIngressRule`. Absent or empty `from`/`ports` mean "all". */
export interface IngressRuleManifest {
  from?: PeerManifest[];
  ports?: PortManifest[];
}

/** A `NetworkPolicyEgressRule`. Absent or empty `to`/`ports` mean "all". */
export interface EgressRuleManifest {
  to?: PeerManifest[];
  ports?: PortManifest[];
}

/** A `NetworkPolicySpec`. */
export interface NetworkPolicySpecManifest {
  podSelector: LabelSelectorManifest;
  policyTypes?: string[];
  ingress?: IngressRuleManifest[];
  egress?: EgressRuleManifest[];
}

/** The parts of `ObjectMeta` the library reads or writes. */
export interface ObjectMetaManifest {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** A whole NetworkPolicy object. */
export interface NetworkPolicyManifest {
  apiVersion: string;
  kind: string;
  metadata: ObjectMetaManifest;
  spec: NetworkPolicySpecManifest;
}

/** The API version and kind every NetworkPolicy manifest carries. */
export const NETWORK_POLICY_API_VERSION = 'networking.k8s.io/v1';
export const NETWORK_POLICY_KIND = 'NetworkPolicy';

/** The annotation under which the library writes why a policy exists. */
export const DESCRIPTION_ANNOTATION = 'cdk8s-netpol/description';

/** The annotation naming the ServiceGraph workload a policy is for; analysis names that workload's pods by it. */
export const WORKLOAD_ANNOTATION = 'cdk8s-netpol/workload';

/**
 * The annotation under which the library writes why rule `index` of a direction exists, e.g.
 * `cdk8s-netpol/ingress.0`. The constructs write it; explain quotes it; lint reads it as "deliberate".
 */
export function ruleAnnotation(direction: 'Ingress' | 'Egress', index: number): string {
  return `cdk8s-netpol/${direction === 'Ingress' ? 'ingress' : 'egress'}.${index}`;
}

/** The label the API server sets on every namespace, holding the namespace's name (immutable). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Whether a parsed YAML/JSON value is an object (not null, not an array): the shape every manifest part has. */
export function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether an object is a NetworkPolicy for the validator, the linter and the CLI: kind NetworkPolicy in the
 * `networking.k8s.io` group, or with no usable apiVersion or the core group (`v1`, a common slip that the
 * validator then reports). Other groups' NetworkPolicy kinds (Calico, Cilium) are not ours.
 */
export function isNetworkPolicy(value: Record<string, any>): boolean {
  if (value.kind !== NETWORK_POLICY_KIND) return false;
  const apiVersion = value.apiVersion;
  if (typeof apiVersion !== 'string') return true;
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return group === NETWORK_POLICY_API_VERSION.split('/')[0] || group === '';
}
