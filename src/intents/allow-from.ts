import { ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { NetworkPolicy } from '../network-policy';
import { Peer } from '../peers';
import { Port } from '../ports';
import { childPath } from '../runtime-checks';
import { LabelSelector } from '../selectors';
import { checkOneWayProps } from './one-way-props';

/**
 * Properties of an `AllowFrom` policy.
 */
export interface AllowFromProps {
  /**
   * Metadata: name, namespace, labels, annotations.
   *
   * @default - name generated from the construct path; namespace of the chart
   */
  readonly metadata?: ApiObjectMetadata;

  /**
   * The pods that receive the traffic. `LabelSelector.all()` for every pod of the namespace.
   */
  readonly podSelector: LabelSelector;

  /**
   * Who may connect (OR-ed). At least one; `Peer.anyone()` for every source.
   */
  readonly peers: Peer[];

  /**
   * On which ports of the receiving pods.
   *
   * @default - every port of every protocol
   */
  readonly ports?: Port[];

  /**
   * Why this policy exists.
   *
   * @default - no description
   */
  readonly description?: string;
}

/**
 * Allows ingress to the selected pods from the given peers on the given ports
 * (and, being a policy of type Ingress, isolates those pods for ingress).
 */
export class AllowFrom extends NetworkPolicy {
  /**
   * Adds the policy to `scope`.
   *
   * @param scope the chart or construct to add the policy to
   * @param id the construct id, unique in `scope`
   * @param props the pods, the callers allowed in, the ports, and why
   */
  public constructor(scope: Construct, id: string, props: AllowFromProps) {
    checkOneWayProps(props, `[${childPath(scope, id)}]`, 'every source');
    super(scope, id, {
      metadata: props.metadata,
      podSelector: props.podSelector,
      description: props.description,
      ingress: [{ peers: props.peers, ports: props.ports }],
    });
  }
}
