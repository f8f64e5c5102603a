/**
 * `AdminDenyMetadata`: an Admin-tier ClusterNetworkPolicy that keeps pods away from the cloud metadata
 * service. Public.
 *
 * @module
 */
import { ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterNetworkPolicy, ClusterPolicyAction, ClusterPolicyTier } from './cluster-network-policy';
import { ClusterPeer } from './cluster-peer';
import { ClusterPolicySubject } from './cluster-subject';
import { checkOptionalBoolean, checkOptionalInstance, checkProps, childPath } from '../runtime-checks';
import { LabelSelector } from '../selectors';

/** The link-local address of the metadata service of AWS, Azure, Google Cloud, OpenStack and others. */
const METADATA_IPV4 = '169.254.169.254/32';
/** The IPv6 address of the AWS instance metadata service (Nitro instances). */
const METADATA_IPV6 = 'fd00:ec2::254/128';

/**
 * Properties of an `AdminDenyMetadata` policy.
 */
export interface AdminDenyMetadataProps {
  /**
   * Metadata: name, labels, annotations (no namespace: the policy is cluster-scoped).
   *
   * @default - name generated from the construct path
   */
  readonly metadata?: ApiObjectMetadata;

  /**
   * Also deny the IPv6 address of the AWS instance metadata service, `fd00:ec2::254/128`.
   *
   * @default false - only `169.254.169.254/32` is denied
   */
  readonly includeIpv6?: boolean;

  /**
   * The pods that must not reach the metadata service.
   *
   * @default - every pod of every namespace (`ClusterPolicySubject.namespaces(LabelSelector.all())`)
   */
  readonly subject?: ClusterPolicySubject;

  /**
   * The policy's priority in the Admin tier (lower values are evaluated first). An Admin policy with a lower
   * value can still Accept metadata access for particular pods before this one denies it.
   *
   * @default 10
   */
  readonly priority?: number;

  /**
   * Why this policy exists.
   *
   * @default - a description saying what is denied to whom
   */
  readonly description?: string;
}

/**
 * Denies egress from every pod (or the pods of `subject`) to the cloud metadata service at
 * `169.254.169.254` (and, optionally, AWS's `fd00:ec2::254`), on every protocol and port. The service hands
 * out the node's cloud credentials, so a compromised pod must not reach it.
 *
 * The policy is in the Admin tier, so no NetworkPolicy of a namespace can allow what it denies. Host-networked
 * pods (node agents that need the service) are not ClusterNetworkPolicy subjects and keep their access;
 * other link-local addresses, such as NodeLocal DNSCache's `169.254.20.10`, are not affected.
 */
export class AdminDenyMetadata extends ClusterNetworkPolicy {
  /**
   * Adds the policy to `scope`.
   *
   * @param scope the chart or construct to add the policy to
   * @param id the construct id, unique in `scope`
   * @param props which pods, which addresses, the priority, and why
   */
  public constructor(scope: Construct, id: string, props: AdminDenyMetadataProps = {}) {
    const where = `[${childPath(scope, id)}]`;
    checkProps(props, where, 'props', ['metadata', 'includeIpv6', 'subject', 'priority', 'description'], 'property');
    checkOptionalBoolean(props.includeIpv6, where, 'includeIpv6');
    checkOptionalInstance(props.subject, ClusterPolicySubject, where, 'subject', 'ClusterPolicySubject.namespaces(...) or ClusterPolicySubject.pods(...)');
    const subject = props.subject ?? ClusterPolicySubject.namespaces(LabelSelector.all());
    const cidrs = props.includeIpv6 === true ? [METADATA_IPV4, METADATA_IPV6] : [METADATA_IPV4];
    const addresses = cidrs.join(' and ');
    super(scope, id, {
      metadata: props.metadata,
      tier: ClusterPolicyTier.ADMIN,
      priority: props.priority ?? 10,
      subject,
      description: props.description ?? `Admin guardrail: ${subject} may not reach the cloud metadata service (${addresses}), `
        + 'whatever their NetworkPolicies allow.',
      egress: [{
        name: 'deny-cloud-metadata',
        action: ClusterPolicyAction.DENY,
        peers: [ClusterPeer.networks(cidrs)],
        description: `The cloud metadata service (${addresses}) hands out the node's cloud credentials: pods must not reach it.`,
      }],
    });
  }
}
