/**
 * What a change to the manifests does to connectivity: the flows it adds and removes.
 *
 * @module
 */
import { computeDiff, diffEvaluators, DiffResult } from './diff-compute';
import { FlowChange } from './flow-change';
import { Evaluator } from '../analysis/evaluator';
import { readPorts } from '../analysis/flows';
import { NetworkModel } from '../analysis/network-model';
import { Port } from '../ports';
import { renderJson } from '../render/diff-json';
import { renderMarkdown } from '../render/diff-markdown';
import { renderText } from '../render/diff-text';

/** Options for `ConnectivityDiff.between()`. */
export interface DiffOptions {
  /**
   * Compare flows on these ports only (for every destination).
   *
   * @default - every port of every protocol, judged through one port of each range of ports that the
   * rules of either side treat alike
   */
  readonly ports?: Port[];

  /**
   * Only compare the workloads of these namespaces (and the address blocks their policies name).
   *
   * @default - every namespace
   */
  readonly namespaces?: string[];
}

/**
 * The connections a change adds and removes, between two models: before and after a pull request.
 *
 * Both models are judged by the evaluator on the same nodes: the workloads of either side, the
 * representatives of both sides' policies together (so policies alone can be compared), the address
 * ranges named in either side's ipBlocks (each judged through an address no narrower range singles out),
 * and "internet / any address", on every port of every protocol: each destination's ports are cut at
 * every port either side's rules name, and each piece is judged through one port of it. A workload
 * present on one side only is an added or removed workload, and its flows are added or removed flows.
 * Every flow is compared, whether or not a policy isolates its ends, so that a new default-deny shows
 * every connection it cuts.
 */
export class ConnectivityDiff {
  /**
   * The flows `newModel` allows that `oldModel` does not (added), and the reverse (removed).
   *
   * @param oldModel the manifests before the change
   * @param newModel the manifests after the change
   * @param options the ports and the namespaces to compare
   */
  public static between(oldModel: NetworkModel, newModel: NetworkModel, options?: DiffOptions): ConnectivityDiff {
    if (!(oldModel instanceof NetworkModel) || !(newModel instanceof NetworkModel)) {
      throw new Error('ConnectivityDiff.between() needs two NetworkModels');
    }
    const mode = oldModel.exposure || newModel.exposure ? 'exposure' : 'auto';
    const [before, after] = diffEvaluators(oldModel._cluster.snapshot(), newModel._cluster.snapshot(), mode);
    return ConnectivityDiff._of(before, after, options);
  }

  /** @internal */
  public static _of(before: Evaluator, after: Evaluator, options?: DiffOptions): ConnectivityDiff {
    return new ConnectivityDiff(computeDiff(before, after, {
      namespaces: options?.namespaces,
      ports: readPorts(options?.ports, 'ConnectivityDiff'),
    }));
  }

  /** Connections allowed after the change and not before, sorted by source, destination and port. */
  public readonly added: FlowChange[];

  /** Connections allowed before the change and not after, sorted by source, destination and port. */
  public readonly removed: FlowChange[];

  /** Workloads only the new model has (`namespace/name`), sorted. */
  public readonly addedWorkloads: string[];

  /** Workloads only the old model has, sorted. */
  public readonly removedWorkloads: string[];

  private readonly result: DiffResult;

  private constructor(result: DiffResult) {
    this.result = result;
    this.added = result.added;
    this.removed = result.removed;
    this.addedWorkloads = result.addedWorkloads;
    this.removedWorkloads = result.removedWorkloads;
  }

  /** How many nodes (endpoints, representatives, address blocks) of either side were compared. */
  public get compared(): number {
    return this.result.nodes;
  }

  /** True when no flow and no workload was added or removed: both sides allow exactly the same connections. */
  public get isEmpty(): boolean {
    return this.added.length + this.removed.length + this.addedWorkloads.length + this.removedWorkloads.length === 0;
  }

  /** A summary line, then the added and removed flows, each with why it is (or was) allowed. */
  public toText(): string {
    return renderText(this.result);
  }

  /**
   * A JSON object: `added` and `removed` flows (`from`, `to`, `port` — a number, or `*` for every port
   * no manifest names —, `protocol`, `allowedBy` rules and `reason`), `addedWorkloads` and `removedWorkloads`.
   */
  public toJson(): any {
    return renderJson(this.result);
  }

  /** Markdown for a pull request comment: a heading, a summary line, and tables of added and removed flows. */
  public toMarkdown(): string {
    return renderMarkdown(this.result);
  }
}
