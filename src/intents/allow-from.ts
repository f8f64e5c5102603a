import { ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { NetworkPolicy } from '../network-policy';
import { Peer } from '../peers';
import { Port } from '../ports';
import { checkInstance, checkInstances, checkProps, childPath, fail } from '../runtime-checks';
import { LabelSelector } from '../selectors';

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
  public constructor(scope: Construct, id: string, props: AllowFromProps) {
    checkAllowFromProps(props, `[${childPath(scope, id)}]`);
    super(scope, id, {
      metadata: props.metadata,
      podSelector: props.podSelector,
      description: props.description,
      ingress: [{ peers: props.peers, ports: props.ports }],
    });
  }
}

/** The props an untyped caller gave: the required ones present, none unknown (metadata and description are checked by NetworkPolicy). */
function checkAllowFromProps(props: AllowFromProps, where: string): void {
  if (props === undefined) {
    fail(where, 'props are required: { podSelector, peers, ports?, metadata?, description? }');
  }
  checkProps(props, where, 'props', ['metadata', 'podSelector', 'peers', 'ports', 'description'], 'property');
  if (props.podSelector === undefined) {
    fail(where, "podSelector is required: a LabelSelector (LabelSelector.labels({ app: 'web' }), or LabelSelector.all() for every pod)");
  }
  checkInstance(props.podSelector, LabelSelector, where, 'podSelector', "LabelSelector.labels({ app: 'web' }), or LabelSelector.all() for every pod");
  if (props.peers === undefined) {
    fail(where, 'peers is required: a list of Peer values (Peer.pods(...), Peer.ipv4(...), ...; Peer.anyone() for everyone)');
  }
  checkInstances(props.peers, Peer, where, 'peers', 'Peer.pods(...), Peer.ipv4(...), ...; Peer.anyone() for every source');
  if (props.ports !== undefined) checkInstances(props.ports, Port, where, 'ports', 'Port.tcp(8080), ...');
}
