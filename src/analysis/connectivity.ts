/**
 * The public question-and-answer API: can A reach B on port P, and why.
 *
 * @module
 */
import { App, Chart } from 'cdk8s';
import { Protocol } from '../protocol';
import { ResolvedEndpoint } from './endpoints';
import { checkProtocolAndPort, Evaluator, SideVerdict } from './evaluator';
import { describeRule, explainVerdict, ruleReason, ruleReference } from './explain';
import { ConnectivityMatrix, MatrixOptions } from './matrix';
import { NetworkModel } from './network-model';

/** A connection to judge. */
export interface ConnectionQuery {
  /**
   * The source: `namespace/name` of a pod or workload (a pod of that name first, else a workload of any
   * kind), `namespace/Kind/name` when a name is shared, or an IP address (a pod's IP names that pod;
   * any other address is external).
   */
  readonly from: string;

  /** The destination, written like `from`. */
  readonly to: string;

  /**
   * The destination port number. Give exactly one of `port` and `portName`.
   *
   * @default - none; `portName` must be given
   */
  readonly port?: number;

  /**
   * The name of one of the destination pod's container ports (resolved with `protocol`). Give exactly
   * one of `port` and `portName`.
   *
   * @default - none; `port` must be given
   */
  readonly portName?: string;

  /**
   * The transport protocol.
   *
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
}

/** Which side of a connection a policy rule applies to. */
export enum PolicyDirection {
  /** Traffic into the selected pods (`spec.ingress`). */
  INGRESS = 'Ingress',
  /** Traffic out of the selected pods (`spec.egress`). */
  EGRESS = 'Egress',
}

/** One rule of a NetworkPolicy. */
export interface RuleReference {
  /** The policy, as `namespace/name`. */
  readonly policy: string;
  /** Whether it is an ingress or an egress rule. */
  readonly direction: PolicyDirection;
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
  readonly direction: PolicyDirection;
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
  /** The rules that allow the connection (empty when denied, or when not isolated). */
  readonly allowingRules: RuleReference[];
  /** This side's explanation, in words. */
  readonly summary: string;
}

/** The verdict on a connection, and why. */
export interface ConnectionExplanation {
  /** Whether the connection is allowed. */
  readonly allowed: boolean;
  /** The source, as resolved (`namespace/name` or an IP address). */
  readonly from: string;
  /** The destination, as resolved. */
  readonly to: string;
  /** The protocol judged. */
  readonly protocol: Protocol;
  /** The destination port judged (a named port resolved on the destination). */
  readonly port: number;
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
  /** Connectivity of a model, indexed for fast queries. */
  public static of(model: NetworkModel): Connectivity {
    return new Connectivity(Evaluator.fromModel(model._cluster));
  }

  /** Connectivity of what the chart synthesizes. */
  public static fromChart(chart: Chart): Connectivity {
    return Connectivity.of(NetworkModel.fromChart(chart));
  }

  /** Connectivity of what every chart of the app synthesizes. */
  public static fromApp(app: App): Connectivity {
    return Connectivity.of(NetworkModel.fromApp(app));
  }

  /** Connectivity of plain manifest objects. */
  public static fromManifests(manifests: any[]): Connectivity {
    return Connectivity.of(NetworkModel.fromManifests(manifests));
  }

  /** @internal */
  public readonly _evaluator: Evaluator;

  private constructor(evaluator: Evaluator) {
    this._evaluator = evaluator;
  }

  /** Whether the policies allow the connection. */
  public isAllowed(query: ConnectionQuery): boolean {
    const { from, to, protocol, port } = this.read(query);
    return this._evaluator.isAllowed(from, to, protocol, port);
  }

  /** The verdict on the connection, which policies isolate each side, and which rule allowed it or why none did. */
  public explain(query: ConnectionQuery): ConnectionExplanation {
    const { from, to, protocol, port, portName } = this.read(query);
    const verdict = this._evaluator.judge(from, to, protocol, port, portName);
    const text = explainVerdict(verdict, this._evaluator);
    return {
      allowed: verdict.allowed,
      from: from.id,
      to: to.id,
      protocol,
      port,
      reason: text.text,
      egress: toDirection(verdict.egress, text.egress),
      ingress: toDirection(verdict.ingress, text.ingress),
    };
  }

  /** Throws an Error whose message is the explanation, unless the connection is allowed. */
  public assertAllowed(query: ConnectionQuery): void {
    const explanation = this.explain(query);
    if (!explanation.allowed) throw new Error(`expected the connection to be allowed, but it is not.\n${explanation.reason}`);
  }

  /** Throws an Error whose message is the explanation, unless the connection is denied. */
  public assertDenied(query: ConnectionQuery): void {
    const explanation = this.explain(query);
    if (explanation.allowed) throw new Error(`expected the connection to be denied, but it is allowed.\n${explanation.reason}`);
  }

  /**
   * Workload-by-workload connectivity for the given ports, or for every port the destinations declare.
   *
   * When stderr is a terminal and the work takes more than a moment, progress is shown there.
   */
  public matrix(options?: MatrixOptions): ConnectivityMatrix {
    return ConnectivityMatrix._compute(this._evaluator, options ?? {});
  }

  private read(query: ConnectionQuery): { from: ResolvedEndpoint; to: ResolvedEndpoint; protocol: Protocol; port: number; portName?: string } {
    if (query === undefined || query === null || typeof query !== 'object') throw new Error('a connection query needs from, to and port (or portName)');
    const protocol = query.protocol ?? Protocol.TCP;
    const from = this._evaluator.resolve(query.from);
    const to = this._evaluator.resolve(query.to);
    const hasPort = query.port !== undefined && query.port !== null;
    const hasName = query.portName !== undefined && query.portName !== null;
    if (hasPort === hasName) {
      throw new Error(`a connection query needs exactly one of port and portName (${query.from} -> ${query.to} has ${hasPort ? 'both' : 'neither'})`);
    }
    checkProtocolAndPort(protocol, hasPort ? query.port! : 1);
    if (hasPort) return { from, to, protocol, port: query.port! };
    return { from, to, protocol, port: this._evaluator.resolveNamedPort(to, query.portName!, protocol), portName: query.portName };
  }
}

function toDirection(side: SideVerdict, summary: string): DirectionExplanation {
  const direction = side.direction === 'Ingress' ? PolicyDirection.INGRESS : PolicyDirection.EGRESS;
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
  };
}
