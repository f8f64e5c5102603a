import { ApiObject, ApiObjectMetadata, ApiObjectMetadataDefinition, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import {
  DESCRIPTION_ANNOTATION,
  ruleAnnotation,
  NETWORK_POLICY_API_VERSION,
  NETWORK_POLICY_KIND,
  NetworkPolicyManifest,
  NetworkPolicySpecManifest,
} from './manifest';
import { Peer } from './peers';
import { PolicyType } from './policy-type';
import { Port } from './ports';
import { LazyText, RuleSet } from './rule-set';
import {
  checkArray, checkEnum, checkInstances, checkObject, checkOptionalInstance, checkOptionalString, checkProps, childPath,
  fail, isPlainObject, lockProperties, show, Where,
} from './runtime-checks';
import { decodeUnsafeKeys, encodeUnsafeKeys, hasUnsafeKey, UNSAFE_KEYS, unsafeLabelKeysPossible } from './selection/unsafe-keys';
import { LabelSelector } from './selectors';
import { Severity } from './severity';
import { checkDns1123Label, checkDns1123Subdomain } from './validation/syntax';
import { validateNetworkPolicy } from './validation/validate';

/**
 * The annotation keys under which the library writes why a policy and each of its rules exist.
 */
export class Annotations {
  /** The policy's description. */
  public static readonly DESCRIPTION = DESCRIPTION_ANNOTATION;

  /**
   * The annotation key holding the description of rule `index` of a direction, e.g. `cdk8s-netpol/ingress.0`.
   *
   * @param policyType the direction of the rule
   * @param index the rule's 0-based index in the policy's `ingress` or `egress` list
   */
  public static rule(policyType: PolicyType, index: number): string {
    const type = policyType;
    checkEnum(type, PolicyType, 'PolicyType', 'Annotations.rule()', 'policyType');
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
      fail('Annotations.rule()', `index ${show(index)} must be a whole number, 0 or more`);
    }
    return ruleAnnotation(type, index);
  }

  private constructor() {}
}

lockProperties(Annotations, ['DESCRIPTION']);

const POLICY_PROPS: readonly string[] = ['metadata', 'podSelector', 'policyTypes', 'ingress', 'egress', 'description'];
const RULE_FIELDS: readonly string[] = ['peers', 'ports', 'description'];
const PEER_HINT = 'Peer.pods(...), Peer.ipv4(...), ...; Peer.anyone() for everyone';
const PORT_HINT = 'Port.tcp(8080), ...';

/**
 * One rule: traffic with these peers on these ports is allowed.
 */
export interface NetworkPolicyRule {
  /**
   * The peers (sources for ingress, destinations for egress); OR-ed. At least one.
   *
   * An empty list is refused: in Kubernetes it means "everyone". Say `Peer.anyone()` to mean that.
   */
  readonly peers: Peer[];

  /**
   * The ports (on the destination pod); OR-ed.
   *
   * An empty list is refused, because in Kubernetes it means every port.
   *
   * @default - every port of every protocol
   */
  readonly ports?: Port[];

  /**
   * Why this rule exists, written to the manifest as the annotation `cdk8s-netpol/<direction>.<index>`.
   *
   * @default - no description
   */
  readonly description?: string;
}

/**
 * Properties of a `NetworkPolicy`.
 */
export interface NetworkPolicyProps {
  /**
   * Metadata: name, namespace, labels, annotations.
   *
   * The namespace is required, here or on the chart: a policy without one would land in whatever
   * namespace `kubectl` points at and select the wrong pods, so synthesis fails without it.
   *
   * @default - name generated from the construct path; namespace of the chart
   */
  readonly metadata?: ApiObjectMetadata;

  /**
   * Which pods of the namespace the policy applies to.
   *
   * @default - every pod in the namespace (`podSelector: {}`)
   */
  readonly podSelector?: LabelSelector;

  /**
   * Which directions the policy isolates. A direction listed here without rules denies all traffic in
   * that direction for the selected pods (unless another policy allows it).
   *
   * @default - the directions that have rules when the manifest is synthesized; a policy with neither rules
   *            nor policy types is a synthesis error
   */
  readonly policyTypes?: PolicyType[];

  /**
   * Ingress rules. More can be added with `addIngress()`.
   *
   * @default - none
   */
  readonly ingress?: NetworkPolicyRule[];

  /**
   * Egress rules. More can be added with `addEgress()`.
   *
   * @default - none
   */
  readonly egress?: NetworkPolicyRule[];

  /**
   * Why this policy exists, written to the manifest as the annotation `cdk8s-netpol/description`.
   *
   * @default - no description
   */
  readonly description?: string;
}

/**
 * A Kubernetes NetworkPolicy (`networking.k8s.io/v1`).
 *
 * Rules can be added after construction; the manifest is rendered when the chart is synthesized, and
 * is validated then against the rules the API server applies. `policyTypes` is always written out, so
 * that what the policy isolates never depends on Kubernetes' inference.
 */
export class NetworkPolicy extends ApiObject {
  /**
  * The pods the policy applies to.
  *
  * @param scope the chart or construct to add the policy to
  * @param id the construct id, unique in `scope`
  * @param props the pods selected, the directions isolated, the rules, and why
  */
  public get podSelector(): LabelSelector {
    return this.selector;
  }

  private readonly selector: LabelSelector;

  private readonly explicitTypes?: PolicyType[];
  private readonly ingressRules = new RuleSet();
  private readonly egressRules = new RuleSet();
  // The last rendering, reused by validation and synthesis until a rule is added.
  private rendered?: NetworkPolicySpecManifest;
  // Whether the spec given to cdk8s in the current toJson() has label keys renamed.
  private encodedKeys = false;

  /**
   * Adds the policy to `scope`.
   *
   * @param scope the chart or construct to add the policy to
   * @param id the construct id, unique in `scope`
   * @param props the pods selected, the directions isolated, the rules, and why
   */
  public constructor(scope: Construct, id: string, props: NetworkPolicyProps = {}) {
    // Untyped callers (plain JavaScript, other jsii languages) pass what they pass: check it before anything is built.
    const where = () => `[${childPath(scope, id)}]`;
    checkProps(props, where, 'props', POLICY_PROPS, 'property');
    if (props.metadata !== undefined) checkObject(props.metadata, where, 'metadata', '(ApiObjectMetadata: { name?, namespace?, labels?, ... })');
    checkOptionalInstance(props.podSelector, LabelSelector, where, 'podSelector', "LabelSelector.labels({ app: 'web' }), or LabelSelector.all()");
    checkOptionalString(props.description, where, 'description');
    if (props.policyTypes !== undefined) {
      checkArray(props.policyTypes, where, 'policyTypes', 'PolicyType values').forEach((type, i) => {
        checkEnum(type, PolicyType, 'PolicyType', where, `policyTypes[${i}]`);
      });
    }
    if (props.ingress !== undefined) checkArray(props.ingress, where, 'ingress', 'rules { peers, ports?, description? }');
    if (props.egress !== undefined) checkArray(props.egress, where, 'egress', 'rules { peers, ports?, description? }');
    // The spec is rendered at synthesis, so rules added after construction appear in it.
    const producer = new SpecProducer();
    super(scope, id, {
      apiVersion: NETWORK_POLICY_API_VERSION,
      kind: NETWORK_POLICY_KIND,
      metadata: props.metadata,
      spec: Lazy.any(producer),
    });
    producer.policy = this;
    const nameReason = checkDns1123Subdomain(this.name);
    if (nameReason !== undefined) {
      throw new Error(`[${this.node.path}] metadata.name '${this.name}' ${nameReason}.`);
    }
    const namespace = this.metadata.namespace;
    if (namespace !== undefined) {
      const reason = checkDns1123Label(namespace);
      if (reason !== undefined) {
        throw new Error(`[${this.node.path}] metadata.namespace '${namespace}' ${reason}.`);
      }
    }
    this.selector = props.podSelector ?? LabelSelector.all();
    if (props.policyTypes !== undefined) {
      if (props.policyTypes.length === 0) {
        throw new Error(
          `[${this.node.path}] spec.policyTypes is empty. Kubernetes would then infer the types; ` +
          'list PolicyType.INGRESS and/or PolicyType.EGRESS, or omit policyTypes to use the directions that have rules.',
        );
      }
      this.explicitTypes = [...new Set(props.policyTypes)];
    }
    if (props.description !== undefined) {
      this.annotate(Annotations.DESCRIPTION, props.description);
    }
    (props.ingress ?? []).forEach((rule, i) => this.addRule(PolicyType.INGRESS, this.ingressRules, rule, undefined, `ingress[${i}]`));
    (props.egress ?? []).forEach((rule, i) => this.addRule(PolicyType.EGRESS, this.egressRules, rule, undefined, `egress[${i}]`));
    this.node.addValidation(producer);
  }

  /** The namespace of the policy, when one is set (on the policy or its chart). */
  public get namespace(): string | undefined {
    return this.metadata.namespace;
  }

  /**
   * Allows traffic into the selected pods from `rule.peers` on `rule.ports`.
   *
   * A rule with the same peers as an existing rule is merged into it (ports added), as is a rule with the
   * same ports (peers added); the meaning is unchanged and the manifest stays short.
   *
   * @param rule the peers, the ports, and why the rule exists
   */
  public addIngress(rule: NetworkPolicyRule): void {
    this.addRule(PolicyType.INGRESS, this.ingressRules, rule);
  }

  /**
   * Allows traffic out of the selected pods to `rule.peers` on `rule.ports`.
   *
   * @param rule the peers, the ports, and why the rule exists
   */
  public addEgress(rule: NetworkPolicyRule): void {
    this.addRule(PolicyType.EGRESS, this.egressRules, rule);
  }

  /**
   * The policy types the manifest will carry: the explicit ones, or the directions that have rules.
   */
  public get policyTypes(): PolicyType[] {
    return this.orderedTypes();
  }

  /**
   * The plain manifest of the spec, as it will be synthesized.
   * @internal
   */
  public _renderSpec(): NetworkPolicySpecManifest {
    if (this.rendered !== undefined) {
      return this.rendered;
    }
    const spec: NetworkPolicySpecManifest = {
      podSelector: this.podSelector._toManifest(),
      policyTypes: this.orderedTypes(),
    };
    if (this.ingressRules.length > 0) {
      spec.ingress = this.ingressRules.render('from', this.metadata.namespace);
    }
    if (this.egressRules.length > 0) {
      spec.egress = this.egressRules.render('to', this.metadata.namespace);
    }
    this.rendered = spec;
    return spec;
  }

  /**
   * Renders the object to Kubernetes JSON, as `ApiObject.toJson()` does; label keys of the spec's selectors
   * such as `constructor`, which cdk8s alone cannot render in a plain object, are written as given.
   */
  public toJson(): any {
    this.encodedKeys = false;
    const json = super.toJson();
    if (this.encodedKeys && isPlainObject(json)) {
      json.spec = decodeUnsafeKeys(json.spec);
    }
    return json;
  }

  /**
   * The spec for cdk8s: unsafe label keys renamed, to be restored by `toJson()`.
   * @internal
   */
  public _encodedSpec(): unknown {
    const spec = this._renderSpec();
    if (!unsafeLabelKeysPossible() || !hasUnsafeKey(spec)) return spec;
    this.encodedKeys = true;
    return encodeUnsafeKeys(spec);
  }

  /** The explicit types, or the directions that have rules, in the order Kubernetes documents: Ingress, Egress. */
  private orderedTypes(): PolicyType[] {
    const explicit = this.explicitTypes;
    const ingress = explicit === undefined ? this.ingressRules.length > 0 : explicit.includes(PolicyType.INGRESS);
    const egress = explicit === undefined ? this.egressRules.length > 0 : explicit.includes(PolicyType.EGRESS);
    if (ingress && egress) {
      return [PolicyType.INGRESS, PolicyType.EGRESS];
    }
    return ingress ? [PolicyType.INGRESS] : egress ? [PolicyType.EGRESS] : [];
  }

  /**
   * Adds a rule whose description is known only at synthesis (it names a workload's ports).
   * @internal
   */
  public _addRule(type: PolicyType, rule: NetworkPolicyRule, description: LazyText): void {
    this.addRule(type, type === PolicyType.INGRESS ? this.ingressRules : this.egressRules, rule, description);
  }

  private addRule(type: PolicyType, set: RuleSet, rule: NetworkPolicyRule, lazyDescription?: LazyText, name = 'rule'): void {
    // Untyped callers (plain JavaScript, other jsii languages) pass what they pass: check it here.
    const where = () => `[${this.node.path}]`;
    checkObject(rule, where, name, '{ peers, ports?, description? }');
    checkKnownKeysOf(rule, where, name);
    if (rule.peers === undefined) {
      fail(where, `${name}.peers is required: a list of Peer values (${PEER_HINT})`);
    }
    checkInstances(rule.peers, Peer, where, `${name}.peers`, PEER_HINT);
    if (rule.ports !== undefined) checkInstances(rule.ports, Port, where, `${name}.ports`, PORT_HINT);
    checkOptionalString(rule.description, where, `${name}.description`);
    const field = type === PolicyType.INGRESS ? 'spec.ingress' : 'spec.egress';
    const peerField = type === PolicyType.INGRESS ? 'from' : 'to';
    if (rule.peers.length === 0) {
      throw new Error(
        `[${this.node.path}] ${field}[${set.length}].${peerField}: the peer list is empty, which Kubernetes reads as ` +
        '"every source and destination". Name the peers, or say Peer.anyone() if everyone is meant.',
      );
    }
    if (rule.ports !== undefined && rule.ports.length === 0) {
      throw new Error(
        `[${this.node.path}] ${field}[${set.length}].ports: the port list is empty, which Kubernetes reads as ` +
        '"every port". Name the ports, or omit ports to allow every port on purpose.',
      );
    }
    this.rendered = undefined;
    const index = set.add(rule.peers, rule.ports, lazyDescription ?? rule.description);
    if (set.isLazy(index)) {
      // Rendered at synthesis, with the ports the workloads declare by then.
      this.annotate(Annotations.rule(type, index), Lazy.any({ produce: () => set.description(index) }));
    } else {
      const description = set.description(index);
      if (description !== undefined) {
        this.annotate(Annotations.rule(type, index), description);
      }
    }
  }

  private annotate(key: string, value: string): void {
    this.metadata.addAnnotation(key, value);
  }

  /**
   * The errors that stop synthesis.
   * @internal
   */
  public _validatePolicy(): string[] {
    const errors: string[] = [];
    if (this.metadata.namespace === undefined) {
      errors.push(
        'metadata.namespace is not set. A policy without a namespace lands wherever kubectl points and selects the ' +
        "wrong pods; set metadata.namespace or the chart's namespace.",
      );
    }
    const types = this.policyTypes;
    if (types.length === 0) {
      errors.push(
        'spec.policyTypes: the policy has no rules and no policy types, so it would do nothing (or, left to ' +
        'Kubernetes, deny all ingress). Add rules, or pass policyTypes to deny a direction on purpose.',
      );
    }
    if (this.explicitTypes !== undefined) {
      if (this.ingressRules.length > 0 && !types.includes(PolicyType.INGRESS)) {
        errors.push('spec.ingress: the policy has ingress rules but policyTypes does not list Ingress, so Kubernetes would ignore them; add PolicyType.INGRESS.');
      }
      if (this.egressRules.length > 0 && !types.includes(PolicyType.EGRESS)) {
        errors.push('spec.egress: the policy has egress rules but policyTypes does not list Egress, so Kubernetes would ignore them; add PolicyType.EGRESS.');
      }
    }
    let spec: NetworkPolicySpecManifest;
    let labels: unknown;
    let annotations: unknown;
    try {
      // Both read the workloads at synthesis (the spec their labels and ports, the rule descriptions their ports).
      spec = this._renderSpec();
      ({ labels, annotations } = finalLabelsAndAnnotations(this.metadata));
    } catch (e) {
      // A workload read at synthesis (its labels, its ports) can be unusable: say so, with the construct path.
      errors.push((e as Error).message);
      return errors;
    }
    // The spec's label keys are renamed for cdk8s and restored (see toJson); its metadata is cdk8s's own to
    // write, and cdk8s cannot write such a key there: say so, rather than fail in its serializer.
    for (const [field, map] of [['labels', labels], ['annotations', annotations]] as const) {
      for (const key of Object.keys(isPlainObject(map) ? map : {})) {
        if (UNSAFE_KEYS.includes(key)) {
          errors.push(`metadata.${field}[${key}]: cdk8s cannot synthesize a metadata key named '${key}' (it reads it as the object's ${key}); use another key.`);
        }
      }
    }
    const manifest: NetworkPolicyManifest = {
      apiVersion: NETWORK_POLICY_API_VERSION,
      kind: NETWORK_POLICY_KIND,
      metadata: {
        name: this.name,
        namespace: this.metadata.namespace,
        labels: labels as Record<string, string>,
        annotations: annotations as Record<string, string>,
      },
      spec,
    };
    // The whole manifest, as the API server would see it: values are checked when created, but untyped
    // callers and workloads read at synthesis can still bring what it rejects.
    for (const issue of validateNetworkPolicy(manifest, { strictCidr: true })) {
      if (issue.severity === Severity.ERROR) {
        errors.push(issue.message);
      }
    }
    return errors;
  }
}

/**
 * Produces the spec of a policy for cdk8s, and validates the policy: one small object per policy rather
 * than two closures (which would also keep the constructor's scope alive).
 */
class SpecProducer {
  public policy?: NetworkPolicy;

  public produce(): unknown {
    return this.policy!._encodedSpec();
  }

  public validate(): string[] {
    return this.policy!._validatePolicy();
  }
}

/**
 * The labels and annotations the manifest will carry: the chart's, the props', and any added later
 * with `metadata.addLabel()` / `addAnnotation()` (the library's rule descriptions among them).
 *
 * `ApiObjectMetadataDefinition` keeps them in plain objects; reading those directly avoids
 * `metadata.toJson()`, which resolves every value and costs more than the whole validation. Should a
 * cdk8s release store them differently, the exact but slower path is taken.
 */
function finalLabelsAndAnnotations(metadata: ApiObjectMetadataDefinition): { labels?: unknown; annotations?: unknown } {
  const internal = metadata as unknown as { labels?: unknown; annotations?: unknown };
  if (isPlainRecord(internal.labels) && isPlainRecord(internal.annotations)) {
    const annotations = internal.annotations;
    // The library's own lazy descriptions are produced here; any other token is resolved by the slow path.
    if (!Object.values(annotations).some((v) => typeof v !== 'string')) {
      return { labels: internal.labels, annotations };
    }
    if (Object.values(annotations).every((v) => typeof v === 'string' || v instanceof Lazy)) {
      const produced: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(annotations)) produced[key] = value instanceof Lazy ? value.produce() : value;
      return { labels: internal.labels, annotations: produced };
    }
  }
  const json = metadata.toJson();
  return { labels: json.labels, annotations: json.annotations };
}

/** Throws for a rule field other than peers, ports and description (a misspelt `port` would allow every port). */
function checkKnownKeysOf(rule: object, where: Where, name: string): void {
  for (const key of Object.keys(rule)) {
    if (!RULE_FIELDS.includes(key)) {
      fail(where, `${name}: unknown field ${show(key)} (the fields of a rule are peers, ports and description)`);
    }
  }
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
