/**
 * The connectivity matrix: every endpoint against every endpoint, with the ports allowed.
 *
 * @module
 */
import { PodEnd } from './endpoints';
import { Bitset } from '../bitset';
import { IdentityNumbers } from '../identity-numbers';
import { Evaluator } from './evaluator';
import { compareText, FlowGraph, FlowNode, FlowPart, flowsOf, readPorts } from './flows';
import { atomFor, PortAtom, portsLabel } from './port-space';
import { Progress, ProgressStream } from './progress';
import { Port } from '../ports';
import { Protocol } from '../protocol';
import { renderChunks, renderString } from '../render/matrix-render';
import type { ColumnGroup, MatrixFormat, MatrixView } from '../render/matrix-view';
import { checkInstance, checkProps, checkStrings } from '../runtime-checks';

const NO_ROW = -1;
const MANY_ROWS = -2;
/** Unions of rows kept for destinations alike; beyond, they are made anew (each is a list of sources). */
const MAX_KEPT_UNIONS = 4096;

/** Options for `Connectivity.matrix()`. */
export interface MatrixOptions {
  /**
   * Ports to check between every pair: numbered ports (`Port.tcp(8080)`, `Port.udp(53)`), or every port of
   * one protocol (`Port.allUdp()`, alone).
   *
   * @default - every port of every protocol: each destination is judged on the ports the rules that can
   * apply to it name, its declared container ports, and every other port of each protocol
   */
  readonly ports?: Port[];

  /**
   * Only include the pods, workloads and representatives of these namespaces (as sources and destinations).
   *
   * @default - every namespace
   */
  readonly namespaces?: string[];
}

/** The connectivity from one endpoint of a matrix to another. */
export interface MatrixCell {
  /** The source (`namespace/name`, a representative's id, or an address block). */
  readonly source: string;
  /** The destination. */
  readonly destination: string;
  /** Whether any port is allowed. */
  readonly allowed: boolean;
  /** The allowed ports in words: `TCP 8080`, `TCP 53, UDP 53`, `all TCP`, `all ports`; empty when none. */
  readonly ports: string;
}

/**
 * Endpoint-by-endpoint connectivity, computed for every pair at once.
 *
 * Rows are sources and columns destinations, in `endpoints` order: the pods and workloads (a snapshot's
 * pods grouped under their workload), the representatives, then the address blocks the policies name and
 * "internet / any address" when something reaches them or comes from them. Each cell gives the ports
 * allowed. A pod's traffic to itself is always allowed and shown as `self`; a workload's traffic to itself
 * is judged as traffic between two of its pods.
 */
export class ConnectivityMatrix {
  /** @internal */
  public static _compute(evaluator: Evaluator, options: MatrixOptions = {}, stream?: ProgressStream): ConnectivityMatrix {
    const where = 'Connectivity.matrix()';
    const given = checkProps(options as Record<string, unknown>, where, 'options', ['ports', 'namespaces'], 'option');
    // Every port of one protocol (Port.allUdp(), alone) narrows the default to that protocol.
    const list = given.ports as Port[] | undefined;
    const whole = list !== undefined && Array.isArray(list) && list.length === 1 && list[0] instanceof Port
      && list[0]._key === `${list[0].protocol}/*` ? list[0].protocol : undefined;
    const ports = whole === undefined ? readPorts(list, where) : undefined;
    const namespaces = given.namespaces === undefined ? undefined : checkStrings(given.namespaces, where, 'namespaces');
    const progress = new Progress('connectivity matrix', 1, stream);
    const graph = flowsOf(evaluator, namespaces, ports);
    progress.finish();
    return new ConnectivityMatrix(graph, whole);
  }

  private readonly rows: readonly FlowNode[];
  private readonly rowOf: ReadonlyMap<string, number>;
  private readonly rowByLabel: ReadonlyMap<string, number>;
  private readonly view: MatrixView;
  private readonly classRows: Array<readonly number[] | undefined> = [];
  /** The rows of the graph's parts (shared by destinations alike), and by their sets. */
  private readonly partRows = new WeakMap<FlowPart, Int32Array>();
  private readonly rowsByClasses = new WeakMap<Bitset, Map<string, Int32Array>>();
  /** Unions of parts' rows, by the numbers of the lists joined. */
  private readonly unions = new Map<string, Int32Array>();
  private readonly rowsIds = new IdentityNumbers<Int32Array>();
  /** A column's groups, per shared parts and atoms (see `groupsOf`). */
  private readonly partGroups = new WeakMap<readonly FlowPart[], Map<readonly PortAtom[], ColumnGroup[]>>();
  /** Per pod class: its one row, `NO_ROW`, or `MANY_ROWS` (then `rowsOfClass` gives them). */
  private readonly rowOfClass: Int32Array;

  private constructor(private readonly graph: FlowGraph, private readonly onlyProtocol?: Protocol) {
    // Named namespaces first, then the representatives of every other namespace.
    const other = (n: FlowNode) => (n.end.kind === 'pod' && n.end.endpoint.synthetic?.otherNamespace ? 1 : 0);
    const endpoints = [...graph.nodes.values()].filter((n) => n.end.kind === 'pod')
      .sort((a, b) => other(a) - other(b) || compareText(a.label, b.label));
    // Judging every destination now (the graph keeps it, compactly) also tells which address blocks
    // take part; and the matrix is complete before anything is written.
    const used = new Set<string>();
    // Address atoms allowed somewhere: one union over the distinct sets (inflows share them).
    const sources = new Bitset(graph.externalNodes.length);
    const seen = new Set<Bitset>();
    for (const to of graph.nodes.values()) {
      for (const inflow of graph.inflows(to)) {
        if (!this.relevant(inflow.atom)) continue;
        if (to.end.kind === 'external' && inflow.classes.intersects(graph.classesWithNodes)) used.add(to.key);
        if (!seen.has(inflow.externalSet)) {
          seen.add(inflow.externalSet);
          sources.or(inflow.externalSet);
        }
      }
    }
    for (const x of sources.members()) used.add(graph.externalNodes[x].key);
    const externals = [...graph.nodes.values()].filter((n) => n.end.kind === 'external' && used.has(n.key));
    this.rows = [...endpoints, ...externals];
    this.rowOf = new Map(this.rows.map((n, i) => [n.key, i]));
    this.rowByLabel = new Map(this.rows.map((n, i) => [n.label, i]));
    this.rowOfClass = Int32Array.from(graph.side.evaluator.classes, (_, cls) => {
      const rows = this.rowsOfClass(cls);
      return rows.length === 1 ? rows[0] : rows.length === 0 ? NO_ROW : MANY_ROWS;
    });
    this.view = {
      ids: this.rows.map((n) => n.label),
      kinds: this.rows.map((n) => n.workloadKind ?? (n.kind === 'any' ? 'Addresses' : 'AddressBlock')),
      namespaces: this.rows.map((n) => (n.end.kind === 'pod' ? n.namespace : undefined)),
      ports: graph.portsGiven ? [...new Set([...graph.nodes.keys()].flatMap((k) => graph.atomsOf(k).map((a) => `${a.protocol} ${a.lo}`)))] : undefined,
      protocol: this.onlyProtocol,
      cellText: (i, j) => this.text(i, j),
      columnGroups: (j) => this.column(j),
    };
  }

  /** The rows (and columns) in order: endpoint ids, then address blocks. */
  public get endpoints(): string[] {
    return [...this.view.ids];
  }

  /**
   * The cell from one endpoint to another.
   *
   * @param source the source: an endpoint of the matrix (`namespace/name`, a representative's id, an address block's label)
   * @param destination the destination, likewise
   */
  public cell(source: string, destination: string): MatrixCell {
    const i = this.row(source);
    const j = this.row(destination);
    const ports = this.text(i, j);
    return { source: this.view.ids[i], destination: this.view.ids[j], allowed: ports !== '', ports };
  }

  /**
   * Whether the matrix allows the source to reach the destination on a port.
   *
   * @param source an endpoint of the matrix
   * @param destination an endpoint of the matrix
   * @param port one numbered port (with `ports` given, one of them), e.g. `Port.tcp(8080)`
   */
  public isAllowed(source: string, destination: string, port: Port): boolean {
    const where = 'ConnectivityMatrix.isAllowed()';
    checkInstance(port, Port, where, 'port', 'Port.tcp(8080), Port.udp(53), ...');
    const [atom0] = readPorts([port], where)!;
    const p = atom0.protocol;
    const portNumber = atom0.lo;
    const from = this.rows[this.row(source)];
    const to = this.rows[this.row(destination)];
    if (from === to && from.end.kind === 'pod' && !from.end.multiple) return true;
    const atom = atomFor(this.graph.atomsOf(to.key), p, portNumber);
    if (!atom) throw new Error(`the matrix did not check ${p} ${portNumber} to ${to.label}`);
    return this.graph.allowedOn(from, to, atom);
  }

  /**
   * An aligned text table, with a title line and a legend. Each cell gives the ports allowed
   * (`TCP 8080`, `TCP 53, UDP 53`, `all TCP`, `all ports`), or `-` for none. Beyond 40 endpoints, a list
   * instead: each destination and who may connect to it, by ports (`namespace/*` for every endpoint of a
   * namespace, long lists cut short).
   */
  public toText(): string {
    return renderString(this.view, 'text');
  }

  /**
   * A JSON object: `ports` (what was checked), `endpoints` (each `id` and `kind`, once), `allowed`: per
   * destination, one entry per set of ports — `to` (an index into `endpoints`), `ports`, and `sourceSet`
   * (an index into `sourceSets`: the sources allowed on exactly those ports) — and `sourceSets`, each a list
   * of indices into `endpoints`, in the order of their first use. Destinations the policies treat alike share
   * a set, so each set is written once however many destinations it serves. Denied pairs are not listed:
   * deny is the default.
   */
  public toJson(): any {
    return JSON.parse(renderString(this.view, 'json'));
  }

  /**
   * CSV in the shape of `toJson()`: a header `record,index,endpoint,kind,ports,sources`, then one `endpoint`
   * row per endpoint (its index, id and kind), then, destination by destination, one `allowed` row per
   * set of ports (the destination's index, the ports, and the number of the set of sources allowed on
   * exactly those ports), then one `sources` row per set (its number, and its sources' indices separated
   * by spaces). Each endpoint and each set is written once, and denied pairs are not listed (deny is the
   * default), so the size follows the allowed connections. One row per pair: join `allowed` to `sources`.
   */
  public toCsv(): string {
    return renderString(this.view, 'csv');
  }

  /** A Markdown table with a one-line legend; beyond 40 endpoints, the list of `toText()` as a table. */
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
    let key: string | undefined;
    const direct = this.rowByLabel.get(text);
    if (direct !== undefined) return direct;
    try {
      const end = this.graph.side.evaluator.tryResolve(text);
      if (end?.kind === 'pod') {
        const node = this.rows.find((n) => n.end.kind === 'pod' && (n.members.includes((end as PodEnd).index) || n.label === end.id));
        key = node?.key;
      }
    } catch {
      key = undefined;
    }
    const row = key === undefined ? undefined : this.rowOf.get(key);
    if (row === undefined) {
      throw new Error(`'${text}' is not an endpoint of this matrix (it has ${this.rows.length}${this.rows.length > 0 ? `, e.g. ${this.rows[0].label}` : ''})`);
    }
    return row;
  }

  /** Whether an atom is shown (with `protocol` given and no ports, only that protocol's). */
  private relevant(atom: PortAtom): boolean {
    return this.onlyProtocol === undefined || atom.protocol === this.onlyProtocol;
  }

  /**
   * The allowed cells of a column (a destination): its sources grouped by the ports they may reach it
   * on, each group's rows in order, groups by their first row. One pass over the destination's inflows,
   * at the level of pod classes; sources allowed on the same atoms share one label.
   */
  private column(j: number): ColumnGroup[] {
    const to = this.rows[j];
    const single = to.end.kind === 'pod' && !to.end.multiple;
    const groups = this.groupsOf(to, this.graph.parts(to, (atom) => this.relevant(atom)));
    if (!single) return groups;
    const out: ColumnGroup[] = [];
    for (const group of groups) {
      const at = sortedIndexOf(group.rows, j);
      if (at < 0) {
        out.push(group);
      } else if (group.rows.length > 1) {
        const rows = new Int32Array(group.rows.length - 1);
        rows.set(group.rows.subarray(0, at));
        rows.set(group.rows.subarray(at + 1), at);
        out.push({ ports: group.ports, rows });
      }
    }
    // Groups go by their first row, which may have been this one.
    return out.sort((a, b) => a.rows[0] - b.rows[0]);
  }

  /**
   * The column of a destination's parts, every source's row included. Destinations alike share their parts
   * (see `FlowGraph.parts`), so a part's rows are listed once and shared by every column it is in.
   */
  private groupsOf(to: FlowNode, parts: readonly FlowPart[]): ColumnGroup[] {
    // Destinations alike share their parts and their atoms, and so their groups: made once.
    const atoms = this.graph.atomsOf(to.key);
    let byAtoms = this.partGroups.get(parts);
    if (byAtoms === undefined) this.partGroups.set(parts, (byAtoms = new Map()));
    let groups = byAtoms.get(atoms);
    if (groups === undefined) byAtoms.set(atoms, (groups = this.makeGroups(atoms, parts)));
    return groups;
  }

  private makeGroups(atoms: readonly PortAtom[], parts: readonly FlowPart[]): ColumnGroup[] {
    const all = this.graph.portsGiven ? undefined : atoms.filter((a) => this.relevant(a));
    // Sources (pods and addresses) allowed on the same atoms share a group, and groups with one label merge.
    const byLabel = new Map<string, FlowPart[]>();
    for (const part of parts) {
      const label = portsLabel(part.atoms, all);
      const list = byLabel.get(label);
      if (list) list.push(part); else byLabel.set(label, [part]);
    }
    const out: ColumnGroup[] = [];
    for (const [ports, list] of byLabel) {
      const rows = list.length === 1 ? this.rowsOfPart(list[0]) : this.unionOf(list.map((part) => this.rowsOfPart(part)));
      if (rows.length > 0) out.push({ ports, rows });
    }
    return out.sort((a, b) => a.rows[0] - b.rows[0]);
  }

  /**
   * The rows of a part's sources, in order: listed once per set of classes and address atoms (parts of
   * destinations judged on different ports often hold the same kept set), so that equal lists are one.
   */
  private rowsOfPart(part: FlowPart): Int32Array {
    let rows = this.partRows.get(part);
    if (!rows) {
      const externals: number[] = [];
      for (const x of part.externals) {
        const row = this.rowOf.get(x.key);
        if (row !== undefined) externals.push(row);
      }
      let byExternals = this.rowsByClasses.get(part.classes);
      if (byExternals === undefined) this.rowsByClasses.set(part.classes, (byExternals = new Map()));
      const key = externals.join(',');
      rows = byExternals.get(key);
      if (rows === undefined) {
        const list: number[] = [];
        this.addRows(part.classes, list);
        for (const row of externals) list.push(row);
        rows = Int32Array.from(list).sort();
        byExternals.set(key, rows);
      }
      this.partRows.set(part, rows);
    }
    return rows;
  }

  /** The sorted union of several parts' rows, one list per combination of lists (bounded, see `MAX_KEPT_UNIONS`). */
  private unionOf(lists: readonly Int32Array[]): Int32Array {
    let key = '';
    for (const list of lists) key += `${this.rowsIds.numberOf(list)},`;
    let union = this.unions.get(key);
    if (union === undefined) {
      if (this.unions.size >= MAX_KEPT_UNIONS) this.unions.clear();
      this.unions.set(key, (union = concatSorted(lists)));
    }
    return union;
  }

  /**
   * Adds the rows of the classes in a set. Word by word: this runs for every allowed pair of
   * a whole cluster's matrix.
   */
  private addRows(classes: Bitset, rows: number[]): void {
    /* eslint-disable no-bitwise */
    const words = classes.words;
    const first = classes.firstWord;
    for (let w = 0; w < words.length; w++) {
      let bits = words[w];
      while (bits !== 0) {
        const low = bits & -bits;
        const cls = (first + w) * 32 + 31 - Math.clz32(low);
        bits ^= low;
        const row = this.rowOfClass[cls];
        if (row >= 0) rows.push(row);
        else if (row === MANY_ROWS) rows.push(...this.rowsOfClass(cls));
      }
    }
    /* eslint-enable no-bitwise */
  }

  /** The rows of a pod class's nodes (none outside the matrix). */
  private rowsOfClass(cls: number): readonly number[] {
    let rows = this.classRows[cls];
    if (!rows) {
      rows = this.graph.nodesOf(cls).map((n) => this.rowOf.get(n.key)).filter((r): r is number => r !== undefined);
      this.classRows[cls] = rows;
    }
    return rows;
  }

  private atoms(from: FlowNode, to: FlowNode): PortAtom[] {
    const atoms = this.graph.allowed(from, to);
    return this.onlyProtocol === undefined ? atoms : atoms.filter((a) => a.protocol === this.onlyProtocol);
  }

  private text(i: number, j: number): string {
    const from = this.rows[i];
    const to = this.rows[j];
    if (i === j && from.end.kind === 'pod' && !from.end.multiple) return 'self';
    const all = this.graph.portsGiven
      ? undefined
      : this.graph.atomsOf(to.key).filter((a) => this.onlyProtocol === undefined || a.protocol === this.onlyProtocol);
    return portsLabel(this.atoms(from, to), all);
  }
}

/** Where a value is in a sorted array, or -1. */
function sortedIndexOf(rows: Int32Array, value: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    // eslint-disable-next-line no-bitwise
    const mid = (lo + hi) >>> 1;
    if (rows[mid] === value) return mid;
    if (rows[mid] < value) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

/** The rows of several parts (disjoint), in order. */
function concatSorted(lists: readonly Int32Array[]): Int32Array {
  let length = 0;
  for (const list of lists) length += list.length;
  const out = new Int32Array(length);
  let at = 0;
  for (const list of lists) {
    out.set(list, at);
    at += list.length;
  }
  return out.sort();
}
