/**
 * `AdminAllowMonitoring`: an Admin-tier ClusterNetworkPolicy that always lets the monitoring namespace
 * scrape the cluster's pods. Public.
 *
 * @module
 */
import { ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterNetworkPolicy, ClusterPolicyAction, ClusterPolicyTier } from './cluster-network-policy';
import { ClusterPeer } from './cluster-peer';
import { ClusterPolicySubject } from './cluster-subject';
import { describeCnpPorts } from './cnp-describe';
import { NAMESPACE_NAME_LABEL } from '../manifest';
import { Port } from '../ports';
import { checkInstances, checkOptionalInstance, checkProps, checkString, childPath, fail } from '../runtime-checks';
import { LabelSelector } from '../selectors';
import { checkDns1123Label } from '../validation/syntax';

/**
 * Properties of an `AdminAllowMonitoring` policy.
 */
export interface AdminAllowMonitoringProps {
  /**
   * Metadata: name, labels, annotations (no namespace: the policy is cluster-scoped).
   *
   * @default - name generated from the construct path
   */
  readonly metadata?: ApiObjectMetadata;

  /**
   * The namespace the monitoring system (Prometheus, an OpenTelemetry collector, ...) runs in, matched by
   * its `kubernetes.io/metadata.name` label.
   */
  readonly monitoringNamespace: string;

  /**
   * The monitoring pods within that namespace.
   *
   * @default - every pod of the monitoring namespace
   */
  readonly monitoringPods?: LabelSelector;

  /**
   * The ports the monitoring pods may reach, e.g. `[Port.named('metrics'), Port.tcp(9090)]`.
   *
   * @default - every port of every protocol
   */
  readonly ports?: Port[];

  /**
   * The pods that may be scraped.
   *
   * @default - every pod of every namespace (`ClusterPolicySubject.namespaces(LabelSelector.all())`)
   */
  readonly subject?: ClusterPolicySubject;

  /**
   * The policy's priority in the Admin tier (lower values are evaluated first). It takes precedence over
   * Admin policies with higher values, e.g. a Deny between namespaces.
   *
   * @default 20
   */
  readonly priority?: number;

  /**
   * Why this policy exists.
   *
   * @default - a description saying who may scrape what
   */
  readonly description?: string;
}

/**
 * Accepts ingress from the monitoring namespace into every pod (or the pods of `subject`), in the Admin tier:
 * it is decided before any NetworkPolicy, so a namespace's default deny cannot break scraping.
 *
 * Only the ingress side at the scraped pods is decided here: the monitoring pods' own egress must still be
 * allowed by their namespace's NetworkPolicies (if any isolate it) or by another ClusterNetworkPolicy.
 */
export class AdminAllowMonitoring extends ClusterNetworkPolicy {
  /**
   * Adds the policy to `scope`.
   *
   * @param scope the chart or construct to add the policy to
   * @param id the construct id, unique in `scope`
   * @param props the monitoring namespace and pods, the ports, the scraped pods, the priority, and why
   */
  public constructor(scope: Construct, id: string, props: AdminAllowMonitoringProps) {
    const where = `[${childPath(scope, id)}]`;
    checkProps(props, where, 'props', ['metadata', 'monitoringNamespace', 'monitoringPods', 'ports', 'subject', 'priority', 'description'], 'property');
    const given = props ?? ({} as AdminAllowMonitoringProps);
    if (given.monitoringNamespace === undefined) {
      fail(where, "monitoringNamespace is required: the namespace the monitoring system runs in, e.g. 'monitoring'");
    }
    const namespace = checkString(given.monitoringNamespace, where, 'monitoringNamespace');
    const reason = checkDns1123Label(namespace);
    if (reason !== undefined) fail(where, `monitoringNamespace '${namespace}' ${reason}.`);
    checkOptionalInstance(given.monitoringPods, LabelSelector, where, 'monitoringPods', "LabelSelector.labels({ app: 'prometheus' })");
    checkOptionalInstance(given.subject, ClusterPolicySubject, where, 'subject', 'ClusterPolicySubject.namespaces(...) or ClusterPolicySubject.pods(...)');
    if (given.ports !== undefined) {
      checkInstances(given.ports, Port, where, 'ports', "Port.tcp(9090), Port.named('metrics'), ...");
      if (given.ports.length === 0) fail(where, 'ports is empty; name the ports, or leave ports out to accept every port');
    }
    const namespaces = LabelSelector.labels({ [NAMESPACE_NAME_LABEL]: namespace });
    const peer = given.monitoringPods === undefined ? ClusterPeer.namespaces(namespaces) : ClusterPeer.pods(namespaces, given.monitoringPods);
    const subject = given.subject ?? ClusterPolicySubject.namespaces(LabelSelector.all());
    const on = describeCnpPorts(given.ports);
    super(scope, id, {
      metadata: given.metadata,
      tier: ClusterPolicyTier.ADMIN,
      priority: given.priority ?? 20,
      subject,
      description: given.description ?? `Admin: ${peer} may always reach ${subject} on ${on}, whatever their NetworkPolicies say.`,
      ingress: [{
        name: 'accept-monitoring',
        action: ClusterPolicyAction.ACCEPT,
        peers: [peer],
        ports: given.ports,
        description: `Monitoring (${peer}) is accepted before any NetworkPolicy, so a namespace's default deny cannot block scraping.`,
      }],
    });
  }
}
