/**
 * `BaselineNamespaceIsolation`: Baseline-tier ClusterNetworkPolicies that keep namespaces apart by default,
 * leaving each namespace's owners free to open them with NetworkPolicies. Public.
 *
 * @module
 */
import { Construct } from 'constructs';
import { checkPriority, ClusterNetworkPolicy, ClusterPolicyAction, ClusterPolicyTier } from './cluster-network-policy';
import { ClusterPeer } from './cluster-peer';
import { ClusterPolicySubject } from './cluster-subject';
import { describePods } from './cnp-describe';
import { NAMESPACE_NAME_LABEL } from '../manifest';
import { Port } from '../ports';
import {
  checkOptionalInstance, checkOptionalString, checkProps, checkStrings, childPath, fail, show,
} from '../runtime-checks';
import { LabelSelector } from '../selectors';
import { sortedUnique } from '../sorted-unique';
import { CNP_MAX_PRIORITY } from '../validation/cluster-network-policy';
import { checkDns1123Label, checkPortNumber } from '../validation/syntax';

/**
 * Properties of a `BaselineNamespaceIsolation`.
 */
export interface BaselineNamespaceIsolationProps {
  /**
   * The namespaces to isolate, by name. Each gets a policy of its own (see the class documentation for why).
   */
  readonly namespaces: string[];

  /**
   * The priority of the isolation policies in the Baseline tier (lower values are evaluated first). The
   * default, the highest value, lets every other Baseline policy come first.
   *
   * @default 1000
   */
  readonly priority?: number;

  /**
   * The namespace of the cluster DNS pods. When it is one of `namespaces`, a policy accepting DNS queries
   * from every namespace is added for the DNS pods, one priority value before the isolation, so isolating it
   * does not cut name resolution for the cluster.
   *
   * @default 'kube-system'
   */
  readonly dnsNamespace?: string;

  /**
   * The cluster DNS pods within `dnsNamespace`.
   *
   * @default - pods labelled `k8s-app: kube-dns` (CoreDNS keeps this label for compatibility)
   */
  readonly dnsPods?: LabelSelector;

  /**
   * The port the DNS pods listen on (accepted on UDP and TCP).
   *
   * @default 53
   */
  readonly dnsPort?: number;

  /**
   * Why these policies exist; written to each of them.
   *
   * @default - a description per namespace saying what is accepted and denied
   */
  readonly description?: string;
}

/**
 * Keeps namespaces apart by default: for each namespace listed, a Baseline-tier ClusterNetworkPolicy accepts
 * ingress from pods of the same namespace and denies ingress from pods of every other namespace.
 *
 * Being Baseline, it decides only for pods no NetworkPolicy selects for ingress: a namespace's owners open
 * their namespace (to an ingress controller, another team's namespace) with NetworkPolicies, and once a
 * NetworkPolicy selects a pod, it alone decides that pod's ingress.
 *
 * Why one policy per namespace: ClusterNetworkPolicy v1alpha2 has no "same namespace as the subject" peer
 * (v1alpha1's `sameLabels` is gone), and a rule's peers are the same for every pod a policy selects. So "accept
 * from the own namespace" must name the namespace, and each namespace needs its own subject and rules. The
 * subjects are disjoint, so the policies can share one priority without ambiguity.
 *
 * Only ingress is isolated: egress, DNS lookups included, is unchanged. Isolating the DNS namespace
 * (`kube-system`) would cut every namespace's DNS queries at the DNS pods, so then a policy accepting UDP and
 * TCP 53 (or `dnsPort`) from every namespace into the DNS pods is added, one priority value before the
 * isolation. Traffic from host-networked pods and nodes (kubelet probes) is never matched by namespace peers,
 * so it is not denied.
 */
export class BaselineNamespaceIsolation extends Construct {
  private readonly all: readonly ClusterNetworkPolicy[];

  /**
   * Adds the policies to `scope`.
   *
   * @param scope the chart or construct to add the policies to
   * @param id the construct id, unique in `scope`
   * @param props the namespaces, the priority, the cluster DNS, and why
   */
  public constructor(scope: Construct, id: string, props: BaselineNamespaceIsolationProps) {
    const where = `[${childPath(scope, id)}]`;
    checkProps(props, where, 'props', ['namespaces', 'priority', 'dnsNamespace', 'dnsPods', 'dnsPort', 'description'], 'property');
    const given = props ?? ({} as BaselineNamespaceIsolationProps);
    if (given.namespaces === undefined) fail(where, "namespaces is required: the names of the namespaces to isolate, e.g. ['shop', 'billing']");
    checkStrings(given.namespaces, where, 'namespaces');
    if (given.namespaces.length === 0) fail(where, 'namespaces is empty; name at least one namespace to isolate');
    given.namespaces.forEach((name, i) => {
      const reason = checkDns1123Label(name);
      if (reason !== undefined) fail(where, `namespaces[${i}] '${name}' ${reason}.`);
    });
    const priority = given.priority === undefined ? CNP_MAX_PRIORITY : checkPriority(given.priority, where, 'priority');
    const dnsNamespace = checkOptionalString(given.dnsNamespace, where, 'dnsNamespace') ?? 'kube-system';
    const dnsReason = checkDns1123Label(dnsNamespace);
    if (dnsReason !== undefined) fail(where, `dnsNamespace '${dnsNamespace}' ${dnsReason}.`);
    checkOptionalInstance(given.dnsPods, LabelSelector, where, 'dnsPods', "LabelSelector.labels({ 'k8s-app': 'kube-dns' })");
    const dnsPort = given.dnsPort ?? 53;
    if (typeof dnsPort !== 'number' || checkPortNumber(dnsPort) !== undefined) {
      fail(where, `dnsPort ${show(dnsPort)} must be a whole number from 1 to 65535`);
    }
    checkOptionalString(given.description, where, 'description');
    const namespaces = sortedUnique(given.namespaces);
    const isolatesDns = namespaces.includes(dnsNamespace);
    if (isolatesDns && priority === 0) {
      fail(where, `priority 0 leaves no room for the DNS policy of namespace ${dnsNamespace}, which must be evaluated before `
        + 'the isolation (at priority - 1): give a priority from 1 to 1000');
    }

    super(scope, id);
    const policies: ClusterNetworkPolicy[] = [];
    const everyNamespace = LabelSelector.all();
    for (const namespace of namespaces) {
      const own = LabelSelector.labels({ [NAMESPACE_NAME_LABEL]: namespace });
      // Namespace names are DNS labels (lower case): ids of these policies cannot clash with 'DnsExemption'.
      policies.push(new ClusterNetworkPolicy(this, namespace, {
        tier: ClusterPolicyTier.BASELINE,
        priority,
        subject: ClusterPolicySubject.namespaces(own),
        description: given.description ?? `Baseline isolation of namespace ${namespace}: pods of other namespaces may not `
          + `connect to its pods unless a NetworkPolicy in ${namespace} allows it.`,
        ingress: [
          {
            name: 'accept-same-namespace',
            action: ClusterPolicyAction.ACCEPT,
            peers: [ClusterPeer.namespaces(own)],
            description: `Pods of namespace ${namespace} may connect to each other.`,
          },
          {
            name: 'deny-other-namespaces',
            action: ClusterPolicyAction.DENY,
            peers: [ClusterPeer.namespaces(everyNamespace)],
            description: `Pods of other namespaces may not connect to namespace ${namespace} (a NetworkPolicy in ${namespace} can allow them).`,
          },
        ],
      }));
    }
    if (isolatesDns) {
      const dnsPods = given.dnsPods ?? LabelSelector.labels({ 'k8s-app': 'kube-dns' });
      const nsSelector = LabelSelector.labels({ [NAMESPACE_NAME_LABEL]: dnsNamespace });
      const dns = describePods(nsSelector, dnsPods);
      policies.push(new ClusterNetworkPolicy(this, 'DnsExemption', {
        tier: ClusterPolicyTier.BASELINE,
        priority: priority - 1,
        subject: ClusterPolicySubject.pods(nsSelector, dnsPods),
        description: given.description ?? `Baseline: the cluster DNS (${dns}) stays reachable from every namespace while `
          + `namespace ${dnsNamespace} is isolated.`,
        ingress: [{
          name: 'accept-dns',
          action: ClusterPolicyAction.ACCEPT,
          peers: [ClusterPeer.namespaces(everyNamespace)],
          ports: [Port.udp(dnsPort), Port.tcp(dnsPort)],
          description: `DNS queries from every namespace (UDP for queries, TCP for large answers), evaluated before the isolation of ${dnsNamespace}.`,
        }],
      }));
    }
    this.all = Object.freeze(policies);
  }

  /** The policies, one per namespace in name order, then the DNS policy when the DNS namespace is isolated; read-only. */
  public get policies(): ClusterNetworkPolicy[] {
    return this.all as ClusterNetworkPolicy[];
  }
}
