import { ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { NetworkPolicy } from '../network-policy';
import { Peer } from '../peers';
import { Port } from '../ports';
import { childPath } from '../runtime-checks';
import { LabelSelector } from '../selectors';
import { checkOneWayProps } from './one-way-props';

/**
 * Properties of an `AllowTo` policy.
 */
export interface AllowToProps {
  /**
   * Metadata: name, namespace, labels, annotations.
   *
   * @default - name generated from the construct path; namespace of the chart
   */
  readonly metadata?: ApiObjectMetadata;

  /**
   * The pods that open the connections. `LabelSelector.all()` for every pod of the namespace.
   */
  readonly podSelector: LabelSelector;

  /**
   * Where they may connect (OR-ed). At least one; `Peer.anyone()` for every destination.
   */
  readonly peers: Peer[];

  /**
   * On which ports of the destinations.
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
 * Allows egress from the selected pods to the given peers on the given ports
 * (and, being a policy of type Egress, isolates those pods for egress: add `AllowDns` too).
 */
export class AllowTo extends NetworkPolicy {
  /**
   * Adds the policy to `scope`.
   *
   * @param scope the chart or construct to add the policy to
   * @param id the construct id, unique in `scope`
   * @param props the pods, the destinations allowed, the ports, and why
   */
  public constructor(scope: Construct, id: string, props: AllowToProps) {
    checkOneWayProps(props, `[${childPath(scope, id)}]`, 'every destination');
    super(scope, id, {
      metadata: props.metadata,
      podSelector: props.podSelector,
      description: props.description,
      egress: [{ peers: props.peers, ports: props.ports }],
    });
  }
}
