/**
 * The connectivity matrix: every workload against every workload for a set of ports.
 *
 * @module
 */
import { Protocol } from '../protocol';
import { Bitset } from './bitset';
import { checkProtocolAndPort, Evaluator } from './evaluator';
import { formatPort } from './explain';
import { Progress, ProgressStream } from './progress';
import { CELL_ALLOW, CELL_DENY, CELL_NOTHING, MatrixFormat, matrixJson, MatrixView, renderChunks, renderString } from './render-matrix';
import { WorkloadKind } from './workload-kind';

/** Options for `Connectivity.matrix()`. */
export interface MatrixOptions {
  /**
   * Ports to check between every pair.
   *
   * @default - each destination is checked on the container ports it declares (all protocols, or
   * only `protocol` when given)
   */
  readonly ports?: number[];

  /**
   * Protocol of `ports`; without `ports`, limits the declared ports checked to this protocol.
   *
   * @default - TCP with `ports`; every protocol without
   */
  readonly protocol?: Protocol;

  /**
   * Only include the pods and workloads of these namespaces (as sources and as destinations).
   *
   * @default - every namespace
   */
  readonly namespaces?: string[];
}

/** The connectivity between two workloads of a matrix. */
export interface MatrixCell {
  /** Source workload id (`namespace/name`). */
  readonly from: string;
  /** Destination workload id. */
  readonly to: string;
  /** Checked ports that are allowed, e.g. `5432/TCP`. */
  readonly allowed: string[];
  /** Checked ports that are denied. */
  readonly denied: string[];
}

interface CheckedPort {
  readonly protocol: Protocol;
  readonly port: number;
  readonly label: string;
}

interface MatrixData {
  readonly evaluator: Evaluator;
  /** Endpoint indices, in row and column order. */
  readonly rows: readonly number[];
  readonly ids: readonly string[];
  readonly ports: readonly CheckedPort[];
  readonly perDestination: boolean;
  /** Per row used as destination: indices into `ports` to check. */
  readonly checked: ReadonlyArray<readonly number[]>;
  /** Per port: destination class to the source classes allowed. */
  readonly columns: ReadonlyArray<ReadonlyMap<number, Bitset>>;
}

/**
 * Workload-by-workload connectivity for a set of ports, computed for every pair at once.
 *
 * Rows are sources and columns destinations, in `workloads` order. Each cell lists the checked ports
 * that are allowed and denied. A pod's traffic to itself is always allowed; a workload's traffic to
 * itself is judged as traffic between two of its pods.
 */
export class ConnectivityMatrix {
  /** @internal */
  public static _compute(evaluator: Evaluator, options: MatrixOptions = {}, stream?: ProgressStream): ConnectivityMatrix {
    const namespaces = options.namespaces ? new Set(options.namespaces) : undefined;
    const rows = evaluator.endpoints.map((_, i) => i)
      .filter((i) => !namespaces || namespaces.has(evaluator.endpoints[i].namespace))
      .sort((a, b) => compareText(evaluator.resolver.ids[a], evaluator.resolver.ids[b]));
    const ids = rows.map((i) => evaluator.resolver.ids[i]);

    let ports: CheckedPort[];
    let checked: number[][];
    const perDestination = options.ports === undefined;
    if (!perDestination) {
      const protocol = options.protocol ?? Protocol.TCP;
      const unique = [...new Set(options.ports)];
      unique.forEach((port) => checkProtocolAndPort(protocol, port));
      ports = unique.map((port) => ({ protocol, port, label: formatPort(port, protocol) }));
      const all = ports.map((_, k) => k);
      checked = rows.map(() => all);
    } else {
      const byLabel = new Map<string, CheckedPort>();
      for (const i of rows) {
        for (const p of evaluator.endpoints[i].ports) {
          if (options.protocol !== undefined && p.protocol !== options.protocol) continue;
          const label = formatPort(p.port, p.protocol);
          if (!byLabel.has(label)) byLabel.set(label, { protocol: p.protocol, port: p.port, label });
        }
      }
      ports = [...byLabel.values()].sort((a, b) => a.port - b.port || compareText(a.protocol, b.protocol));
      const indexOf = new Map(ports.map((p, k) => [p.label, k]));
      checked = rows.map((i) => [...new Set(evaluator.endpoints[i].ports
        .map((p) => indexOf.get(formatPort(p.port, p.protocol)))
        .filter((k): k is number => k !== undefined))].sort((a, b) => a - b));
    }

    const progress = new Progress('connectivity matrix, ports done', ports.length, stream);
    const columns = ports.map((p, k) => {
      const destinations = new Set<number>();
      rows.forEach((i, r) => {
        if (checked[r].includes(k)) destinations.add(evaluator.classOf[i]);
      });
      const result = evaluator.allowedSources(p.protocol, p.port, [...destinations]);
      progress.update(k + 1);
      return result;
    });
    progress.finish();
    return new ConnectivityMatrix({ evaluator, rows, ids, ports, perDestination, checked, columns });
  }

  private readonly rowOf: Map<number, number>;
  private readonly view: MatrixView;

  private constructor(private readonly data: MatrixData) {
    this.rowOf = new Map(data.rows.map((endpoint, row) => [endpoint, row]));
    this.view = {
      ids: data.ids,
      portLabels: data.ports.map((p) => p.label),
      perDestination: data.perDestination,
      checkedPorts: (j) => data.checked[j].map((k) => data.ports[k].label),
      cellText: (i, j) => this.cellTextAt(i, j),
      cell: (i, j) => this.cellAt(i, j),
    };
  }

  /** The workload ids (`namespace/name`, or `namespace/Kind/name` when a name is shared), in row and column order. */
  public get workloads(): string[] {
    return [...this.data.ids];
  }

  /** Every port checked somewhere in the matrix, e.g. `5432/TCP`. */
  public get ports(): string[] {
    return this.data.ports.map((p) => p.label);
  }

  /** True when each destination was checked on its own declared container ports (no `ports` option). */
  public get portsPerDestination(): boolean {
    return this.data.perDestination;
  }

  /**
   * The cell from one workload to another.
   *
   * @param source the source, a workload of the matrix (`namespace/name`, `namespace/Kind/name` or one of its pod IPs)
   * @param destination the destination, a workload of the matrix
   */
  public cell(source: string, destination: string): MatrixCell {
    return this.cellAt(this.row(source), this.row(destination));
  }

  /**
   * Whether the matrix allows the source to reach the destination on a port it checked.
   *
   * @param source a workload of the matrix
   * @param destination a workload of the matrix
   * @param port a port the matrix checked for the destination
   * @param protocol the port's protocol; TCP when absent
   */
  public isAllowed(source: string, destination: string, port: number, protocol?: Protocol): boolean {
    const label = formatPort(port, protocol ?? Protocol.TCP);
    const k = this.data.ports.findIndex((p) => p.label === label);
    const j = this.row(destination);
    if (k < 0 || !this.data.checked[j].includes(k)) {
      throw new Error(`the matrix did not check ${label} to ${this.data.ids[j]}`);
    }
    return this.allowedAt(this.row(source), j, k);
  }

  /**
   * An aligned text table, with a title line and a legend. Each cell is `allow` (every checked port
   * allowed), `deny` (none), the allowed ports when only some are, or `n/a` (no port to check).
   */
  public toText(): string {
    return renderString(this.view, 'text');
  }

  /**
   * A JSON object: `ports` (every port checked), `portsPerDestination`, `workloads`, and `cells`: for
   * every pair, `from`, `to`, and the checked ports `allowed` and `denied`.
   */
  public toJson(): any {
    return matrixJson(this.view);
  }

  /** CSV: a header row of destinations, then one row per source, with the cell words of `toText()`. */
  public toCsv(): string {
    return renderString(this.view, 'csv');
  }

  /** A Markdown table with a one-line legend. */
  public toMarkdown(): string {
    return renderString(this.view, 'markdown');
  }

  /**
   * The rendering in chunks, for writing large matrices without building one string.
   *
   * @internal
   */
  public _chunks(format: MatrixFormat): Iterable<string> {
    return renderChunks(this.view, format);
  }

  private row(text: string): number {
    const end = this.data.evaluator.resolve(text);
    const row = end.kind === 'pod' ? this.rowOf.get(end.index) : undefined;
    if (row === undefined) {
      throw new Error(`'${text}' is not a workload of this matrix (it has ${this.data.ids.length} workloads${this.data.ids.length > 0 ? `, e.g. ${this.data.ids[0]}` : ''})`);
    }
    return row;
  }

  private allowedAt(i: number, j: number, k: number): boolean {
    const { evaluator, rows } = this.data;
    const from = rows[i];
    const to = rows[j];
    if (from === to && evaluator.endpoints[from].kind === WorkloadKind.POD) return true;
    return this.data.columns[k].get(evaluator.classOf[to])!.has(evaluator.classOf[from]);
  }

  private cellTextAt(i: number, j: number): string {
    const checked = this.data.checked[j];
    if (checked.length === 0) return CELL_NOTHING;
    let allowed = 0;
    for (const k of checked) if (this.allowedAt(i, j, k)) allowed++;
    if (allowed === checked.length) return CELL_ALLOW;
    if (allowed === 0) return CELL_DENY;
    return checked.filter((k) => this.allowedAt(i, j, k)).map((k) => this.data.ports[k].label).join(' ');
  }

  private cellAt(i: number, j: number): MatrixCell {
    const allowed: string[] = [];
    const denied: string[] = [];
    for (const k of this.data.checked[j]) {
      (this.allowedAt(i, j, k) ? allowed : denied).push(this.data.ports[k].label);
    }
    return { from: this.data.ids[i], to: this.data.ids[j], allowed, denied };
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
