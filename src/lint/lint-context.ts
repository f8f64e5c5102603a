/**
 * What model rules are handed: the loaded policies with their raw manifests and field paths, the loaded
 * ClusterNetworkPolicies, the indexed evaluator, whether workloads and namespaces are known, and (computed
 * once, on demand) DNS reachability. Internal.
 *
 * @module
 */
import { DESCRIPTION_ANNOTATION, isObject, ruleAnnotation } from '../manifest';
import { ClusterDnsPods, DnsReachability } from './dns-reachability';
import { DnsSettings } from './dns-settings';
import { CnpDirection, NormalizedClusterPolicy, NormalizedCnpSubject } from '../analysis/cluster-policy-parse';
import { Direction, Evaluator, IndexedPolicy, IndexedRule } from '../analysis/evaluator';
import { ClusterModel } from '../analysis/model';
import { NormalizedPolicy, NormalizedRule } from '../analysis/policy-parse';
import { Origin } from '../ingest/errors';

/** One rule of a loaded policy. */
export interface RuleView {
  readonly policy: PolicyView;
  readonly direction: Direction;
  /** 0-based index in `spec.ingress` or `spec.egress`. */
  readonly index: number;
  /** `spec.ingress[0]`. */
  readonly field: string;
  /** `from` or `to`. */
  readonly peersKey: 'from' | 'to';
  /** The rule as written (`{}` for a bare `-`). */
  readonly raw: Record<string, any>;
  readonly normalized: NormalizedRule;
  readonly indexed: IndexedRule;
  /** Whether the policy isolates this direction, so that the rule takes effect. */
  readonly effective: boolean;
  /**
   * Whether the rule's reason is written down, so that its breadth is deliberate: it carries a
   * `cdk8s-netpol/<direction>.<index>` annotation, or it is the only rule of a policy that carries a
   * `cdk8s-netpol/description` (the one rule of `AllowFrom` and `AllowTo`, whose description is the policy's).
   */
  readonly described: boolean;
}

/** A loaded policy. */
export interface PolicyView {
  /** `namespace/name`. */
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  /** The manifest as loaded (namespace filled in). */
  readonly raw: Record<string, any>;
  readonly policy: NormalizedPolicy;
  readonly indexed: IndexedPolicy;
  readonly file?: string;
  readonly document?: number;
  readonly ingress: readonly RuleView[];
  readonly egress: readonly RuleView[];
}

/** A loaded ClusterNetworkPolicy. */
export interface ClusterPolicyView {
  /** `ClusterNetworkPolicy <name>`: how findings name it. */
  readonly id: string;
  readonly name: string;
  /** Tier, priority, subject and rules in precedence order. */
  readonly policy: NormalizedClusterPolicy;
  /** The manifest as written. */
  readonly raw: Record<string, any>;
  readonly file?: string;
  readonly document?: number;
}

export class LintContext {
  public readonly evaluator: Evaluator;
  public readonly policies: readonly PolicyView[];
  /** The ClusterNetworkPolicies the model holds (valid ones, the last of each name), in loading order. */
  public readonly clusterPolicies: readonly ClusterPolicyView[];
  /** The model has pods or workloads, so rules about what selectors match can judge. */
  public readonly workloadsKnown: boolean;
  /** The model declares Namespace objects, so namespace labels are known. */
  public readonly namespacesDeclared: boolean;
  public readonly dnsSettings: DnsSettings;
  /** The file an object was read from, when it was read from one. */
  public readonly fileOf: (origin: Origin | undefined) => string | undefined;
  private dnsCache?: DnsReachability;
  private readonly subjectCache = new Map<NormalizedCnpSubject, readonly number[]>();

  constructor(private readonly cluster: ClusterModel, dns: DnsSettings, fileOf: (origin: Origin | undefined) => string | undefined) {
    this.evaluator = new Evaluator(cluster.snapshot());
    this.fileOf = fileOf;
    this.dnsSettings = dns;
    this.workloadsKnown = this.evaluator.endpoints.length > 0;
    this.namespacesDeclared = [...this.evaluator.namespaces.values()].some((ns) => ns.declared);
    this.policies = this.evaluator.policies.map((indexed) => {
      const model = indexed.model;
      const raw = model.manifest as unknown as Record<string, any>;
      const annotations = isObject(raw.metadata?.annotations) ? raw.metadata.annotations : {};
      const describedPolicy = typeof annotations[DESCRIPTION_ANNOTATION] === 'string' && indexed.ingress.length + indexed.egress.length === 1;
      const view: { -readonly [K in keyof PolicyView]: PolicyView[K] } = {
        id: indexed.id,
        namespace: model.namespace,
        name: model.name,
        raw,
        policy: model.policy,
        indexed,
        file: fileOf(model.origin),
        document: model.origin?.documentIndex,
        ingress: [],
        egress: [],
      };
      const rules = (direction: Direction): RuleView[] => {
        const ingress = direction === 'Ingress';
        const list = ingress ? raw.spec?.ingress : raw.spec?.egress;
        const indexedRules = ingress ? indexed.ingress : indexed.egress;
        return indexedRules.map((rule, index) => ({
          policy: view,
          direction,
          index,
          field: `spec.${ingress ? 'ingress' : 'egress'}[${index}]`,
          peersKey: ingress ? 'from' : 'to',
          raw: Array.isArray(list) && isObject(list[index]) ? list[index] : {},
          normalized: rule.rule,
          indexed: rule,
          effective: ingress ? model.policy.isolatesIngress : model.policy.isolatesEgress,
          described: describedPolicy || typeof annotations[ruleAnnotation(direction, index)] === 'string',
        }));
      };
      view.ingress = rules('Ingress');
      view.egress = rules('Egress');
      return view;
    });
    this.clusterPolicies = cluster.snapshot().clusterPolicies.map((model) => ({
      id: `ClusterNetworkPolicy ${model.policy.name}`,
      name: model.policy.name,
      policy: model.policy,
      raw: model.manifest,
      file: fileOf(model.origin),
      document: model.origin?.documentIndex,
    }));
  }

  /** Whether DNS works for each pod, judged once on first use. */
  public get dns(): DnsReachability {
    if (!this.dnsCache) this.dnsCache = new DnsReachability(this.cluster.snapshot(), this.evaluator, ClusterDnsPods.of(this.dnsSettings));
    return this.dnsCache;
  }

  /** Every rule that takes effect (its policy isolates its direction). */
  public effectiveRules(): RuleView[] {
    return this.policies.flatMap((p) => [...p.ingress, ...p.egress]).filter((r) => r.effective);
  }

  /** The display id of an endpoint (`namespace/name`). */
  public endpointId(index: number): string {
    return this.evaluator.resolver.ids[index];
  }

  /** Where a policy was read from, for a finding. */
  public at(policy: PolicyView | ClusterPolicyView, field?: string): { policy: string; field?: string; file?: string; document?: number } {
    return { policy: policy.id, field, file: policy.file, document: policy.document };
  }

  /** The endpoints (pods and workloads of the model) a ClusterNetworkPolicy subject selects, by index (shared: never modify). */
  public subjectEndpoints(subject: NormalizedCnpSubject): readonly number[] {
    const cached = this.subjectCache.get(subject);
    if (cached) return cached;
    const selected = this.evaluator.subjectEndpoints(subject);
    this.subjectCache.set(subject, selected);
    return selected;
  }

  /**
   * Whether a ClusterNetworkPolicy rule's reason is written down: a `cdk8s-netpol/<direction>.<index>`
   * annotation, as the library's constructs write it.
   */
  public describedClusterRule(policy: ClusterPolicyView, direction: CnpDirection, index: number): boolean {
    const annotations = isObject(policy.raw.metadata?.annotations) ? policy.raw.metadata.annotations : {};
    return typeof annotations[ruleAnnotation(direction === 'ingress' ? 'Ingress' : 'Egress', index)] === 'string';
  }
}


/** `a, b and 3 more`. */
export function listSome(items: readonly string[], max = 4): string {
  if (items.length <= max) return joinAnd(items);
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
