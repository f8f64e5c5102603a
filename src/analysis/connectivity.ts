/**
 * The public question-and-answer API: can A reach B on port P, and why.
 *
 * @module
 */
import { describePort } from '../describe';
import { PolicyType } from '../policy-type';
import { Port } from '../ports';
import { Protocol } from '../protocol';
import { checkInstance, checkObject, checkString, fail } from '../runtime-checks';
import { decidingRule, ruleName, TieredSide } from './cluster-tiers';
import { Evaluator, SideVerdict, Verdict } from './evaluator';
import { describeRule, explainVerdict, ruleReason, ruleReference } from './explain';
import { ConnectivityMatrix, MatrixOptions } from './matrix';
import { NetworkModel } from './network-model';
import { QueryInput, resolveQuery } from './query';

/** A connection to judge. */
export interface ConnectionQuery {
  /**
   * The source: `namespace/name` of a pod or workload (a pod of that name first, else a workload of any
   * kind), `namespace/Kind/name` when a name is shared, `namespace/key=value[,key=value...]` for a pod
   * with exactly those labels (a known one, or a hypothetical one when none has them; `namespace/*` has
   * no labels), a representative's id such as `three-tier/[tier=frontend]`, or an IP address (a pod's IP
   * names that pod; any other address is external).
   */
  readonly source: string;

  /**
   * The destination, written like `source`, or a Service: `namespace/Service/name`, `namespace/name` when no
   * pod or workload has that name, or its ClusterIP. A Service is judged on the pods it selects, at the
   * target port of the Service port given.
   */
  readonly destination: string;

  /**
   * The destination port and its protocol: one port (`Port.tcp(8080)`, `Port.udp(53)`, `Port.DNS_UDP`) or
   * a named container port of the destination (`Port.named('http')`, resolved on the destination pod by
   * name and protocol). A range or every port of a protocol is not one connection: ask the matrix.
   */
  readonly port: Port;
}

/** One rule of a NetworkPolicy. */
export interface RuleReference {
  /** The policy, as `namespace/name`, or the name of a ClusterNetworkPolicy (they are cluster-scoped). */
  readonly policy: string;
  /** Whether it is an ingress or an egress rule. */
  readonly direction: PolicyType;
  /** 0-based index of the rule in the policy's `ingress` or `egress` list. */
  readonly ruleIndex: number;
  /** What the rule allows, in words. */
  readonly description: string;
  /**
   * Why the rule exists, as its author wrote it: the `cdk8s-netpol/<direction>.<index>` annotation the
   * constructs write from a rule's `description`.
   *
   * @default - the policy does not say
   */
  readonly reason?: string;
}

/** How one side (egress at the source, or ingress at the destination) of a connection was judged. */
export interface DirectionExplanation {
  /** Egress (judged at the source) or ingress (judged at the destination). */
  readonly direction: PolicyType;
  /** The end whose policies are judged: the source for egress, the destination for ingress. */
  readonly endpoint: string;
  /** False when this side is not judged: the end is an external address, or a pod talks to itself. */
  readonly judged: boolean;
  /** Whether any policy selects the end for this direction. */
  readonly isolated: boolean;
  /** Whether this side allows the connection. */
  readonly allowed: boolean;
  /** The policies selecting the end for this direction, as `namespace/name`. */
  readonly isolatingPolicies: string[];
  /** The NetworkPolicy rules that allow the connection (empty when denied, or when not isolated). */
  readonly allowingRules: RuleReference[];
  /**
   * Which tier decided this side, when the model has ClusterNetworkPolicies: `Admin`, `NetworkPolicy`,
   * `Baseline`, or `Default` (no tier decided: allowed).
   *
   * @default - the model has no ClusterNetworkPolicies: the NetworkPolicies decide
   */
  readonly decidingTier?: string;
  /**
   * The ClusterNetworkPolicy rule that decided this side, in words (tier, policy, priority, rule), when a
   * ClusterNetworkPolicy tier decided.
   *
   * @default - no ClusterNetworkPolicy rule decided
   */
  readonly decidingRule?: string;
  /** This side's explanation, in words. */
  readonly summary: string;
}

/** An endpoint connectivity is judged for: a pod or workload of the model, or a representative. */
export interface EndpointInfo {
  /** How queries and matrices name it: `namespace/name`, or a representative's `namespace/[labels]`. */
  readonly id: string;
  /** Its namespace (`*` or `*[labels]` for a representative of every namespace the input does not name). */
  readonly namespace: string;
  /** `Pod`, a workload kind (`Deployment`, ...), or `Representative`. */
  readonly kind: string;
  /** Its pod labels (a representative's: the simplest labels of the pods it stands for). */
  readonly labels: { [key: string]: string };
  /**
   * What a representative stands for, in words.
   *
   * @default - a pod or workload of the model: it stands for itself
   */
  readonly standsFor?: string;
}

/** The verdict on a connection, and why. */
export interface ConnectionExplanation {
  /** Whether the connection is allowed. */
  readonly allowed: boolean;
  /** The source, as resolved (`namespace/name` or an IP address). */
  readonly source: string;
  /** The destination, as resolved. */
  readonly destination: string;
  /** The protocol judged. */
  readonly protocol: Protocol;
  /** The destination port judged (a named port resolved on the destination; a Service port translated to its target port). */
  readonly port: number;
  /**
   * How a Service destination was resolved, e.g. `Service shop/email port 5000/TCP -> pods app=email, targetPort 8080`.
   *
   * @default - the destination is not a Service
   */
  readonly service?: string;
  /** The whole explanation, in words: the verdict, then each side. */
  readonly reason: string;
  /** Egress at the source. */
  readonly egress: DirectionExplanation;
  /** Ingress at the destination. */
  readonly ingress: DirectionExplanation;
}

/**
 * What the NetworkPolicies of a model allow, with exact Kubernetes semantics.
 *
 * A connection needs egress allowed at the source and ingress allowed at the destination. A pod is
 * isolated for a direction when any policy selects it for that direction; then only what some rule of
 * those policies allows gets through. External addresses are never isolated. A pod's traffic to itself
 * is always allowed; a workload's traffic to itself is judged as traffic between two of its pods.
 *
 * The index is built once, from the model as it is when `of` is called; later changes to the model
 * are not seen.
 */
export class Connectivity {
  /**
   * Connectivity of a model, indexed for fast queries.
   *
   * @param model what to judge: `NetworkModel.fromChart(chart)`, `NetworkModel.fromApp(app)`,
   * `NetworkModel.fromFiles([...])`, ...
   */
  public static of(model: NetworkModel): Connectivity {
    checkInstance(model, NetworkModel, 'Connectivity.of()', 'model', 'NetworkModel.fromChart(chart), NetworkModel.fromFiles([...]), ...');
    return new Connectivity(new Evaluator(model._snapshot()));
  }

  /** @internal */
  public readonly _evaluator: Evaluator;

  private constructor(evaluator: Evaluator) {
    this._evaluator = evaluator;
  }

  /**
   * The endpoints judged: the model's pods and workloads, then the representatives it derives (for
   * namespaces without workloads, or with `ModelOptions.exposure`).
   */
  public get endpoints(): EndpointInfo[] {
    return this._evaluator.endpoints.map((e, i) => ({
      id: this._evaluator.resolver.ids[i],
      namespace: e.namespace,
      kind: e.kind,
      labels: { ...e.labels },
      standsFor: e.synthetic?.standsFor,
    }));
  }

  /**
   * Whether the policies allow the connection (to a Service: to every pod it selects).
   *
   * @param query the source, the destination and the port
   */
  public isAllowed(query: ConnectionQuery): boolean {
    const { from, destinations, protocol } = resolveQuery(this._evaluator, queryInput(query, 'isAllowed'));
    return destinations.every((d) => this._evaluator.isAllowed(from, d.to, protocol, d.port));
  }

  /**
   * The verdict on the connection, which policies isolate each side, and which rule allowed it or why none did.
   *
   * @param query the source, the destination and the port
   */
  public explain(query: ConnectionQuery): ConnectionExplanation {
    return this._explain(queryInput(query, 'explain'));
  }

  /** @internal */
  public _explain(query: QueryInput): ConnectionExplanation {
    const resolved = resolveQuery(this._evaluator, query);
    const verdicts: Verdict[] = resolved.destinations.map((d) => this._evaluator.judge(resolved.from, d.to, resolved.protocol, d.port, d.portName));
    const texts = verdicts.map((v) => explainVerdict(v, this._evaluator));
    const allowed = verdicts.every((v) => v.allowed);
    // One verdict decides the details: the first denied one, else the first.
    const decisive = Math.max(0, verdicts.findIndex((v) => !v.allowed));
    const verdict = verdicts[decisive];
    let reason = texts[decisive].text;
    if (resolved.service !== undefined) {
      const title = `${allowed ? 'ALLOWED' : 'DENIED'}: ${resolved.from.id} -> ${resolved.toId} on ${describePort({ protocol: resolved.protocol, port: query.port, name: query.portName })}`;
      const each = verdicts.length > 1 && !allowed ? ` (denied to ${verdicts.filter((v) => !v.allowed).length} of the ${verdicts.length} pods it selects)` : '';
      reason = [`${title}${each}`, `  via ${resolved.service}`, ...texts.map((t) => t.text.split('\n').map((line) => `  ${line}`).join('\n'))].join('\n');
    }
    return {
      allowed,
      source: resolved.from.id,
      destination: resolved.service !== undefined ? resolved.toId : verdict.to.id,
      protocol: resolved.protocol,
      port: verdict.port,
      service: resolved.service,
      reason,
      egress: toDirection(verdict.egress, texts[decisive].egress),
      ingress: toDirection(verdict.ingress, texts[decisive].ingress),
    };
  }

  /**
   * Throws an Error whose message is the explanation, unless the connection is allowed.
   *
   * @param query the source, the destination and the port
   */
  public assertAllowed(query: ConnectionQuery): void {
    const explanation = this.explain(query);
    if (!explanation.allowed) throw new Error(`expected the connection to be allowed, but it is not.\n${explanation.reason}`);
  }

  /**
   * Throws an Error whose message is the explanation, unless the connection is denied.
   *
   * @param query the source, the destination and the port
   */
  public assertDenied(query: ConnectionQuery): void {
    const explanation = this.explain(query);
    if (explanation.allowed) throw new Error(`expected the connection to be denied, but it is allowed.\n${explanation.reason}`);
  }

  /**
   * Workload-by-workload connectivity for the given ports, or for every port the destinations declare.
   *
   * When stderr is a terminal and the work takes more than a moment, progress is shown there.
   *
   * @param options the ports to judge and the namespaces to show
   */
  public matrix(options?: MatrixOptions): ConnectivityMatrix {
    return ConnectivityMatrix._compute(this._evaluator, options ?? {});
  }

}

/**
 * The evaluator's question for a public query, checked at run time (jsii languages and plain JavaScript
 * pass what they pass): a source, a destination and one port or a named port.
 */
function queryInput(query: ConnectionQuery, method: string): QueryInput {
  const where = `Connectivity.${method}()`;
  const given = checkObject(query, where, 'query', "{ source: 'shop/web', destination: 'shop/api', port: Port.tcp(8080) }");
  const source = checkString(given.source, where, 'source');
  const destination = checkString(given.destination, where, 'destination');
  const port = checkInstance(given.port, Port, where, 'port', "Port.tcp(8080), Port.udp(53) or Port.named('http')");
  if (port.name === undefined && (port.portNumber === undefined || port.endPort !== undefined)) {
    fail(where, `port ${port} is not one port: a connection is judged on one port (Port.tcp(8080)) or one named port (Port.named('http')); `
      + 'for a range or every port, use matrix()');
  }
  return { from: source, to: destination, port: port.portNumber, portName: port.name, protocol: port.protocol };
}

function toDirection(side: SideVerdict, summary: string): DirectionExplanation {
  const direction = side.direction === 'Ingress' ? PolicyType.INGRESS : PolicyType.EGRESS;
  return {
    direction,
    endpoint: side.subject.id,
    judged: side.judged,
    isolated: side.isolatingPolicies.length > 0,
    allowed: side.allowed,
    isolatingPolicies: side.isolatingPolicies.map((p) => p.id),
    allowingRules: side.checks.filter((c) => c.peerMatches && c.portMatches).map((c) => ({
      policy: c.policy.id,
      direction,
      ruleIndex: c.rule.index,
      description: `${ruleReference(c)}: ${describeRule(c.rule, c.policy.model.namespace)}`,
      reason: ruleReason(c),
    })),
    summary,
    decidingTier: side.tiers?.decidedBy,
    decidingRule: side.tiers ? decidingRuleName(side.tiers) : undefined,
  };
}

function decidingRuleName(tiers: TieredSide): string | undefined {
  const rule = decidingRule(tiers);
  return rule ? ruleName(rule) : undefined;
}
