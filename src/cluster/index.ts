/**
 * The public ClusterNetworkPolicy API (`policy.networking.k8s.io/v1alpha2`): the construct, its subject and
 * peer values, its enums and props, and the intents built on it. The validator, the normalized form and the
 * tier decisions in this folder are internal and not exported here.
 *
 * @module
 */
export { ClusterNetworkPolicy, ClusterPolicyAction, ClusterPolicyTier } from './cluster-network-policy';
export type { ClusterNetworkPolicyProps, ClusterPolicyRule } from './cluster-network-policy';
export { ClusterPolicySubject } from './cluster-subject';
export { ClusterPeer } from './cluster-peer';
export { BaselineNamespaceIsolation } from './baseline-namespace-isolation';
export type { BaselineNamespaceIsolationProps } from './baseline-namespace-isolation';
export { AdminAllowMonitoring } from './admin-allow-monitoring';
export type { AdminAllowMonitoringProps } from './admin-allow-monitoring';
export { AdminDenyMetadata } from './admin-deny-metadata';
export type { AdminDenyMetadataProps } from './admin-deny-metadata';
