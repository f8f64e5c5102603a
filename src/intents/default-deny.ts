import { ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { NetworkPolicy } from '../network-policy';
import { PolicyType } from '../policy-type';
import { checkArray, checkEnum, checkOptionalInstance, checkProps, childPath } from '../runtime-checks';
import { LabelSelector } from '../selectors';

/**
 * Properties of a `DefaultDeny` policy.
 */
export interface DefaultDenyProps {
  /**
   * Metadata: name, namespace, labels, annotations.
   *
   * @default - name generated from the construct path; namespace of the chart
   */
  readonly metadata?: ApiObjectMetadata;

  /**
   * Which pods to isolate.
   *
   * @default - every pod in the namespace (`podSelector: {}`)
   */
  readonly podSelector?: LabelSelector;

  /**
   * Which directions to deny.
   *
   * Denying egress also blocks DNS lookups: add an `AllowDns` policy for the same pods.
   *
   * @default - both ingress and egress
   */
  readonly directions?: PolicyType[];

  /**
   * Why this policy exists.
   *
   * @default - a description saying what is denied
   */
  readonly description?: string;
}

/**
 * Denies all traffic in the chosen directions for the selected pods, so that only what other policies
 * allow gets through: the starting point of a namespace's segmentation.
 *
 * Kubernetes policies only add allowances, so this policy never blocks what another policy allows.
 */
export class DefaultDeny extends NetworkPolicy {
  /**
   * Adds the policy to `scope`.
   *
   * @param scope the chart or construct to add the policy to
   * @param id the construct id, unique in `scope`
   * @param props the namespace, the directions denied, and why
   */
  public constructor(scope: Construct, id: string, props: DefaultDenyProps = {}) {
    const where = `[${childPath(scope, id)}]`;
    checkProps(props, where, 'props', ['metadata', 'podSelector', 'directions', 'description'], 'property');
    checkOptionalInstance(props.podSelector, LabelSelector, where, 'podSelector', "LabelSelector.labels({ app: 'web' }), or LabelSelector.all()");
    if (props.directions !== undefined) {
      checkArray(props.directions, where, 'directions', 'PolicyType values').forEach((direction, i) => {
        checkEnum(direction, PolicyType, 'PolicyType', where, `directions[${i}]`);
      });
    }
    const directions = props.directions ?? [PolicyType.INGRESS, PolicyType.EGRESS];
    if (directions.length === 0) {
      throw new Error(`DefaultDeny '${id}': directions is empty; list PolicyType.INGRESS and/or PolicyType.EGRESS.`);
    }
    // By the distinct directions: [INGRESS, INGRESS] denies ingress only.
    const distinct = [...new Set(directions)];
    const what = distinct.length === 2 ? 'all ingress and egress' : `all ${distinct[0].toLowerCase()}`;
    const whom = props.podSelector === undefined || props.podSelector.isAll ? 'every pod in the namespace' : `pods ${props.podSelector}`;
    super(scope, id, {
      metadata: props.metadata,
      podSelector: props.podSelector,
      policyTypes: directions,
      description: props.description ?? `Default deny: ${what} of ${whom}, unless another policy allows it.`,
    });
  }
}
