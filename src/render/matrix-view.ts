/**
 * What the connectivity matrix renderers read, and what more than one of them shares: the view of a
 * matrix, the output formats, and the list form the text and Markdown renderings switch to beyond
 * `GRID_LIMIT` endpoints. Internal; reached through `ConnectivityMatrix`.
 *
 * @module
 */

/** What the renderers read. Rows are sources, columns destinations, both in `ids` order. */
export interface MatrixView {
  readonly ids: readonly string[];
  /** Per row: `Deployment`, `Pod`, `Representative`, `AddressBlock`, `Addresses`, ... */
  readonly kinds: readonly string[];
  /** Per row: the endpoint's namespace (undefined for address blocks). */
  readonly namespaces: ReadonlyArray<string | undefined>;
  /** The ports checked, when given (`TCP 8080`); undefined: every port of every protocol. */
  readonly ports?: readonly string[];
  /** Only this protocol's ports are shown. */
  readonly protocol?: string;
  /** The allowed ports from row `i` to column `j`, in words; '' for none. */
  cellText(i: number, j: number): string;
  /**
   * The allowed cells of column `j` (a destination): its sources grouped by the ports they may use,
   * rows in order within a group, groups by their first row; no self cell.
   */
  columnGroups(j: number): readonly ColumnGroup[];
}

/** Sources of one destination allowed on the same ports. */
export interface ColumnGroup {
  /** The ports in words: `TCP 8080`, `TCP 53, UDP 53`, `all ports`. */
  readonly ports: string;
  /** The source rows, in order. */
  readonly rows: Int32Array;
}

/**
 * The source sets of the JSON and CSV renderings, numbered in the order they are first used: the
 * destinations the policies treat alike share one list of sources (by identity; see `ColumnGroup`), so
 * each list is written once, after the entries that refer to it, however many destinations it serves.
 */
export class SourceSets {
  /** Numbers by identity (most groups are shared objects), then by content (equal lists made apart). */
  private readonly numbers = new Map<Int32Array, number>();
  private readonly byHash = new Map<number, number[]>();
  private readonly lists: Int32Array[] = [];

  /** The number of a column group's rows, given at the first use of that list of sources. */
  public numberOf(rows: Int32Array): number {
    let k = this.numbers.get(rows);
    if (k === undefined) {
      k = this.numberByContent(rows);
      this.numbers.set(rows, k);
    }
    return k;
  }

  private numberByContent(rows: Int32Array): number {
    /* eslint-disable no-bitwise */
    let hash = rows.length;
    for (let i = 0; i < rows.length; i++) hash = Math.imul(hash ^ rows[i], 0x9e3779b1) >>> 0;
    /* eslint-enable no-bitwise */
    const bucket = this.byHash.get(hash);
    for (const k of bucket ?? []) if (sameRows(this.lists[k], rows)) return k;
    const k = this.lists.length;
    this.lists.push(rows);
    if (bucket) bucket.push(k); else this.byHash.set(hash, [k]);
    return k;
  }

  /** The sets in number order, each given up once read (so that they can be freed as they are written). */
  public *drain(): Generator<Int32Array> {
    this.numbers.clear();
    this.byHash.clear();
    for (let k = 0; k < this.lists.length; k++) {
      const rows = this.lists[k];
      this.lists[k] = EMPTY_ROWS;
      yield rows;
    }
    this.lists.length = 0;
  }
}

const EMPTY_ROWS = new Int32Array(0);

function sameRows(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Beyond this many endpoints a grid is unreadable (and its size the square of theirs): a list is written. */
export const GRID_LIMIT = 40;

/** In the list form, the sources named per destination and ports before the rest are counted. */
export const LIST_LIMIT = 20;

/** The output formats. */
export type MatrixFormat = 'text' | 'json' | 'csv' | 'markdown';

/** A cell with nothing allowed. */
export const NOTHING = '-';
/** The cell of a pod to itself: always allowed, never judged; not listed in JSON and CSV. */
export const SELF = 'self';

/** `on TCP 8080, UDP 53`, `on every TCP port`, `on every port of every protocol`: what was judged. */
export function describePorts(view: MatrixView): string {
  if (view.ports) return `on ${view.ports.join(', ')}`;
  return view.protocol ? `on every ${view.protocol} port` : 'on every port of every protocol';
}

/** What the cells of a grid mean. */
export const LEGEND = `${NOTHING}: nothing allowed; self: a pod's traffic to itself (always allowed); all TCP / all ports: every port (of that protocol)`;

/**
 * Per destination, its sources grouped by the ports they may use: `ns/db  <-  TCP 5432: ns/api, ns/worker`.
 * Every endpoint of a namespace is written `namespace/*`, so that a whole cluster's list stays readable.
 */
export function* listChunks(view: MatrixView, markdown: boolean): Generator<string> {
  const escape = (text: string) => (markdown ? text.replace(/\|/g, '\\|') : text);
  // Namespaces by number, and per-namespace counters reset after each list: this runs over every allowed
  // pair of a cluster, and only the first LIST_LIMIT names are written.
  const nsNumber = new Map<string, number>();
  const nsOfRow = Int32Array.from(view.namespaces, (ns) => {
    if (ns === undefined) return -1;
    let k = nsNumber.get(ns);
    if (k === undefined) nsNumber.set(ns, (k = nsNumber.size));
    return k;
  });
  const nsSize = new Int32Array(nsNumber.size);
  for (const k of nsOfRow) if (k >= 0) nsSize[k]++;
  const count = new Int32Array(nsNumber.size);
  const written = new Uint8Array(nsNumber.size);
  // Destinations alike share their groups' rows (and a pod's own row aside, most do): named once per rows.
  const named = new WeakMap<Int32Array, string>();
  const names = (rows: Int32Array): string => {
    let text = named.get(rows);
    if (text === undefined) named.set(rows, (text = namesOf(rows)));
    return text;
  };
  const namesOf = (rows: Int32Array): string => {
    const touched: number[] = [];
    for (const i of rows) {
      const k = nsOfRow[i];
      if (k < 0) continue;
      if (count[k]++ === 0) touched.push(k);
    }
    const out: string[] = [];
    let items = 0;
    for (const i of rows) {
      const k = nsOfRow[i];
      if (k >= 0 && nsSize[k] > 1 && count[k] === nsSize[k]) {
        if (written[k] === 1) continue;
        written[k] = 1;
        if (items++ < LIST_LIMIT) out.push(`${view.namespaces[i]}/*`);
      } else if (items++ < LIST_LIMIT) {
        out.push(view.ids[i]);
      }
    }
    for (const k of touched) {
      count[k] = 0;
      written[k] = 0;
    }
    if (items <= LIST_LIMIT) return out.join(', ');
    return `${out.join(', ')} and ${items - LIST_LIMIT} more`;
  };
  yield `Connectivity (each destination, and who may open connections to it), judged ${describePorts(view)}; `
    + `nothing else is allowed. namespace/*: every endpoint of the namespace; lists longer than ${LIST_LIMIT} are cut short `
    + `(JSON and CSV give them whole).\n\n${markdown ? '| to | from |\n| --- | --- |\n' : ''}`;
  for (let j = 0; j < view.ids.length; j++) {
    const sources = view.columnGroups(j).map(({ ports, rows }) => `${ports}: ${names(rows)}`).join('; ');
    if (markdown) yield `| ${escape(view.ids[j])} | ${escape(sources || NOTHING)} |\n`;
    else yield `${view.ids[j]}  <-  ${sources || 'nothing'}\n`;
  }
}
