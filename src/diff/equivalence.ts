/**
 * Whether two models allow exactly the same connections: for migrations ("these constructs allow what
 * that YAML allowed"), with a counterexample when they do not.
 *
 * @module
 */
import { ConnectivityDiff, DiffOptions } from './connectivity-diff';
import { FlowChange } from './flow-change';
import { NetworkModel } from '../analysis/network-model';

/** The outcome of `Equivalence.check()`. */
export interface EquivalenceResult {
  /** Whether both models allow exactly the same connections. */
  readonly equivalent: boolean;

  /**
   * A connection that one model allows and the other does not (the first found, in sorted order).
   *
   * @default - none: the models are equivalent
   */
  readonly counterexample?: FlowChange;

  /**
   * Which model allows the counterexample: `first` or `second`.
   *
   * @default - none: the models are equivalent
   */
  readonly allowedBy?: string;

  /** The verdict in words, naming the counterexample and the rules that allow it. */
  readonly summary: string;
}

/**
 * Equivalence of the connectivity of two models: judged like `ConnectivityDiff` (every endpoint,
 * representative and address range of either side, every port of every protocol), so "equivalent" means
 * no connection differs.
 *
 * @example
 * import { Equivalence, NetworkModel } from 'cdk8s-netpol';
 *
 * const yaml = NetworkModel.fromFiles(['legacy/policies.yaml']);
 * const constructs = NetworkModel.fromChart(chart);
 * Equivalence.assertEquivalent(yaml, constructs);
 */
export class Equivalence {
  /**
   * Compares two models.
   *
   * @param first one model (e.g. the manifests before a migration)
   * @param second the other (e.g. what the constructs synthesize)
   * @param options the ports and the namespaces to compare
   */
  public static check(first: NetworkModel, second: NetworkModel, options?: DiffOptions): EquivalenceResult {
    const diff = ConnectivityDiff.between(first, second, options);
    const removed = diff.removed[0];
    const added = diff.added[0];
    if (removed === undefined && added === undefined) {
      const workloads = [...diff.addedWorkloads, ...diff.removedWorkloads];
      if (workloads.length > 0) {
        return {
          equivalent: false,
          summary: `not equivalent: the models have different workloads (${workloads.slice(0, 5).join(', ')}), though no connection differs`,
        };
      }
      return { equivalent: true, summary: `equivalent: both allow exactly the same connections (${diff.compared} endpoints and address ranges compared on every port)` };
    }
    const counterexample = removed ?? added!;
    const allowedBy = removed !== undefined ? 'first' : 'second';
    const other = allowedBy === 'first' ? 'second' : 'first';
    const port = counterexample.port === undefined
      ? `every ${counterexample.protocol} port no rule names`
      : counterexample.endPort !== undefined ? `${counterexample.protocol} ${counterexample.port}-${counterexample.endPort}` : `${counterexample.protocol} ${counterexample.port}`;
    const more = diff.added.length + diff.removed.length - 1;
    return {
      equivalent: false,
      counterexample,
      allowedBy,
      summary: `not equivalent: ${counterexample.source} -> ${counterexample.destination} on ${port} is allowed by the ${allowedBy} model and not by the ${other} `
        + `(${counterexample.reason})${more > 0 ? `; ${more} more connection${more === 1 ? '' : 's'} differ` : ''}`,
    };
  }

  /**
  * Throws an Error naming a counterexample unless both models allow exactly the same connections.
  *
  * @param first one model (e.g. the manifests before a migration)
  * @param second the other (e.g. what the constructs synthesize)
  * @param options the ports and the namespaces to compare
  */
  public static assertEquivalent(first: NetworkModel, second: NetworkModel, options?: DiffOptions): void {
    const result = Equivalence.check(first, second, options);
    if (!result.equivalent) throw new Error(result.summary);
  }

  private constructor() {}
}
