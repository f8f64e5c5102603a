import { ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { NetworkPolicy, NetworkPolicyRule } from '../network-policy';
import { Namespaces, Peer } from '../peers';
import { Port } from '../ports';
import {
  checkInstance, checkInstances, checkLabelMap, checkOptionalBoolean, checkOptionalInstance, checkOptionalString, checkProps, childPath,
  lockProperties, show,
} from '../runtime-checks';
import { LabelSelector } from '../selectors';
import { checkPortNumber } from '../validation/syntax';

/**
 * Options for cluster DNS served by pods (CoreDNS or kube-dns).
 */
export interface ClusterDnsOptions {
  /**
   * The namespace of the DNS pods.
   *
   * @default 'kube-system'
   */
  readonly namespace?: string;

  /**
   * Match DNS pods with these labels in every namespace instead of one (the form
   * `namespaceSelector: {}` + `podSelector`). Looser than naming the namespace: any namespace could run
   * a pod with these labels. Cannot be combined with `namespace`.
   *
   * @default false
   */
  readonly anyNamespace?: boolean;

  /**
   * The labels of the DNS pods.
   *
   * @default { 'k8s-app': 'kube-dns' } (CoreDNS keeps this label for compatibility)
   */
  readonly podLabels?: { [key: string]: string };

  /**
   * The port the DNS pods listen on (a pod port, after the Service's translation).
   *
   * @default 53
   */
  readonly port?: number;
}

/**
 * Where pods send their DNS queries. Each target is allowed on UDP and TCP (DNS falls back to TCP
 * for large answers).
 */
export class DnsTarget {
  /**
   * Cluster DNS pods: by default pods labelled `k8s-app: kube-dns` in namespace `kube-system`, port 53,
   * as one peer that requires both the namespace and the labels.
   *
   * @param options where the cluster DNS pods run, their labels and port
   */
  public static clusterDns(options: ClusterDnsOptions = {}): DnsTarget {
    const where = 'DnsTarget.clusterDns()';
    checkProps(options, where, 'options', ['namespace', 'anyNamespace', 'podLabels', 'port'], 'option');
    checkOptionalString(options.namespace, where, 'namespace');
    checkOptionalBoolean(options.anyNamespace, where, 'anyNamespace');
    if (options.podLabels !== undefined) checkLabelMap(options.podLabels, where, 'podLabels');
    if (options.anyNamespace === true && options.namespace !== undefined) {
      // Honouring anyNamespace would silently widen the namespace that was asked for to every namespace.
      throw new Error(
        `DnsTarget.clusterDns(): namespace '${options.namespace}' and anyNamespace: true contradict each other; ` +
        'give the namespace to allow DNS pods of that namespace only, or anyNamespace: true (without namespace) for every namespace.',
      );
    }
    const pods = LabelSelector.labels(options.podLabels ?? { 'k8s-app': 'kube-dns' });
    const namespaces = options.anyNamespace === true
      ? Namespaces.all()
      : Namespaces.named([options.namespace ?? 'kube-system']);
    return new DnsTarget(where, Peer.pods(pods, namespaces), options.port ?? 53);
  }

  /**
   * OpenShift's DNS: pods labelled `dns.operator.openshift.io/daemonset-dns: default` in namespace
   * `openshift-dns`, listening on port 5353.
   */
  public static openShiftDns(): DnsTarget {
    return DnsTarget.clusterDns({
      namespace: 'openshift-dns',
      podLabels: { 'dns.operator.openshift.io/daemonset-dns': 'default' },
      port: 5353,
    });
  }

  /**
   * NodeLocal DNSCache: a host-network agent on every node answering on a link-local address, which
   * pod selectors cannot match.
   *
   * @param address the cache's address @default '169.254.20.10'
   */
  public static nodeLocalDnsCache(address?: string): DnsTarget {
    const where = 'DnsTarget.nodeLocalDnsCache()';
    const ip = checkOptionalString(address, where, 'address') ?? '169.254.20.10';
    return ip.includes(':') ? new DnsTarget(where, Peer.ipv6(`${ip}/128`), 53) : new DnsTarget(where, Peer.ipv4(`${ip}/32`), 53);
  }

  /**
   * Any peer on a given port, e.g. a resolver outside the cluster: `DnsTarget.custom(Peer.ipv4('10.0.0.2/32'))`.
   *
   * @param peer the DNS server: `Peer.ipv4(...)`, `Peer.pods(...)`, ...
   * @param port the DNS port @default 53
   */
  public static custom(peer: Peer, port?: number): DnsTarget {
    const where = 'DnsTarget.custom()';
    checkInstance(peer, Peer, where, 'peer', "Peer.ipv4('10.0.0.2/32'), Peer.pods(...), ...");
    return new DnsTarget(where, peer, port ?? 53);
  }

  /** The DNS server peer. */
  public readonly peer: Peer;
  /** The port, allowed on UDP and TCP. */
  public readonly port: number;

  private constructor(where: string, peer: Peer, port: number) {
    const reason = typeof port === 'number' ? checkPortNumber(port) : 'must be a whole number from 1 to 65535';
    if (reason !== undefined) {
      throw new Error(`${where}: port ${show(port)} ${reason}.`);
    }
    this.peer = peer;
    this.port = port;
    lockProperties(this, ['peer', 'port']);
  }

  /** A readable form, e.g. `pods k8s-app=kube-dns in namespace kube-system on port 53`. */
  public toString(): string {
    return `${this.peer} on port ${this.port}`;
  }

  /**
   * The egress rule allowing DNS to this target.
   * @internal
   */
  public _rule(): NetworkPolicyRule {
    return {
      peers: [this.peer],
      ports: [Port.udp(this.port), Port.tcp(this.port)],
      description: `DNS lookups to ${this} (UDP for queries, TCP for large answers)`,
    };
  }
}

/**
 * Properties of an `AllowDns` policy.
 */
export interface AllowDnsProps {
  /**
   * Metadata: name, namespace, labels, annotations.
   *
   * @default - name generated from the construct path; namespace of the chart
   */
  readonly metadata?: ApiObjectMetadata;

  /**
   * The pods that may resolve names.
   *
   * @default - every pod in the namespace
   */
  readonly podSelector?: LabelSelector;

  /**
   * The DNS servers.
   *
   * @default - [DnsTarget.clusterDns()]: kube-dns/CoreDNS pods in kube-system on UDP and TCP 53
   */
  readonly targets?: DnsTarget[];

  /**
   * Why this policy exists.
   *
   * @default - a description saying which pods may resolve names where
   */
  readonly description?: string;
}

/**
 * Allows the selected pods to resolve names: egress to the cluster DNS on UDP and TCP.
 *
 * Pair it with a `DefaultDeny` that denies egress: without it, name resolution fails and applications
 * report timeouts rather than DNS errors.
 */
export class AllowDns extends NetworkPolicy {
  /**
   * Adds the policy to `scope`.
   *
   * @param scope the chart or construct to add the policy to
   * @param id the construct id, unique in `scope`
   * @param props which pods, which DNS servers, and why
   */
  public constructor(scope: Construct, id: string, props: AllowDnsProps = {}) {
    const where = `[${childPath(scope, id)}]`;
    checkProps(props, where, 'props', ['metadata', 'podSelector', 'targets', 'description'], 'property');
    checkOptionalInstance(props.podSelector, LabelSelector, where, 'podSelector', "LabelSelector.labels({ app: 'web' }), or LabelSelector.all()");
    const targets = props.targets === undefined
      ? [DnsTarget.clusterDns()]
      : checkInstances(props.targets, DnsTarget, where, 'targets', 'DnsTarget.clusterDns(), DnsTarget.nodeLocalDnsCache(), ...');
    if (targets.length === 0) {
      throw new Error(`AllowDns '${id}': targets is empty; name at least one DnsTarget, or omit targets for cluster DNS.`);
    }
    const whom = props.podSelector === undefined || props.podSelector.isAll ? 'every pod in the namespace' : `pods ${props.podSelector}`;
    super(scope, id, {
      metadata: props.metadata,
      podSelector: props.podSelector,
      description: props.description ?? `Lets ${whom} resolve names through ${targets.join(' and ')}.`,
      egress: targets.map((t) => t._rule()),
    });
  }
}
