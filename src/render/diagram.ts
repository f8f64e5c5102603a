/**
 * Diagrams of what the NetworkPolicies allow, as Mermaid or Graphviz DOT text.
 *
 * @module
 */
import { renderDiagram } from './diagram-render';
import { Evaluator } from '../analysis/evaluator';
import { NetworkModel } from '../analysis/network-model';
import { Port } from '../ports';
import { checkInstance } from '../runtime-checks';

/** Options for `Diagram.mermaid()` and `Diagram.dot()`. */
export interface DiagramOptions {
  /**
   * Draw flows on these ports only (for every destination).
   *
   * @default - each destination is checked on the container ports it declares and the ports named by
   * the rules that can apply to connections to it (a port range by its first port); a rule that allows
   * every port of a protocol adds "all" of that protocol
   */
  readonly ports?: Port[];

  /**
   * Only draw the workloads of these namespaces (and the address blocks their policies name).
   *
   * @default - every namespace
   */
  readonly namespaces?: string[];

  /**
   * A title for the diagram.
   *
   * @default - no title
   */
  readonly title?: string;
}

/**
 * Diagrams of the connections a model's NetworkPolicies allow.
 *
 * Nodes are the workloads (pods, and workloads standing for their pods) grouped by namespace, the
 * address blocks named in ipBlock peers, and "internet / any address" (every other address). Edges
 * are allowed connections, one per pair with all its ports (`TCP 8080`, `TCP 53, UDP 53`, `all TCP`).
 *
 * Isolation is visible: each workload has the classes `isolated-ingress` or `open-ingress` and
 * `isolated-egress` or `open-egress` (ingress drawn on the border, solid when isolated and dashed when
 * open; egress on the fill), and its label says which. A workload no policy isolates accepts from
 * anyone (or sends anywhere): connections between an open sender and an open receiver are implied by
 * the styling and not drawn, so a namespace without policies is not N x N edges. Likewise an edge
 * to or from "internet / any address" comes from a rule without peers (anyone, pods included), and
 * the connections it implies are not drawn again.
 *
 * The output is deterministic (sorted) and node ids are safe identifiers derived from the names.
 */
export class Diagram {
  /**
   * A Mermaid flowchart (`flowchart LR`) with a `subgraph` per namespace.
   *
   * @param model what to draw: `NetworkModel.fromChart(chart)`, `NetworkModel.fromFiles([...])`, ...
   * @param options the ports, the namespaces and the title
   */
  public static mermaid(model: NetworkModel, options?: DiagramOptions): string {
    checkInstance(model, NetworkModel, 'Diagram.mermaid()', 'model', 'NetworkModel.fromChart(chart), ...');
    return renderDiagram(new Evaluator(model._snapshot()), 'mermaid', options ?? {});
  }

  /**
   * A Graphviz digraph with a `cluster_` subgraph per namespace.
   *
   * @param model what to draw: `NetworkModel.fromChart(chart)`, `NetworkModel.fromFiles([...])`, ...
   * @param options the ports, the namespaces and the title
   */
  public static dot(model: NetworkModel, options?: DiagramOptions): string {
    checkInstance(model, NetworkModel, 'Diagram.dot()', 'model', 'NetworkModel.fromChart(chart), ...');
    return renderDiagram(new Evaluator(model._snapshot()), 'dot', options ?? {});
  }

  private constructor() {}
}
