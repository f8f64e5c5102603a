/**
 * Renderers for a connectivity matrix: aligned text and Markdown grids (or, beyond `GRID_LIMIT`
 * endpoints, a list of what each destination accepts), and JSON and CSV lists of the allowed pairs only
 * (deny is the default, so their size follows what is allowed, not the square of the endpoints), each a
 * small formatter over the same view.
 *
 * Each renderer yields its output in chunks (a line or a row at a time): a whole cluster's matrix can
 * exceed what one JavaScript string may hold, so the CLI writes the chunks as they come. Internal;
 * reached through `ConnectivityMatrix`.
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

/** Beyond this many endpoints a grid is unreadable (and its size the square of theirs): a list is written. */
export const GRID_LIMIT = 40;

/** In the list form, the sources named per destination and ports before the rest are counted. */
const LIST_LIMIT = 20;

/** The output formats. */
export type MatrixFormat = 'text' | 'json' | 'csv' | 'markdown';

const NOTHING = '-';
/** The cell of a pod to itself: always allowed, never judged; not listed in JSON and CSV. */
export const SELF = 'self';

function describePorts(view: MatrixView): string {
  if (view.ports) return `on ${view.ports.join(', ')}`;
  return view.protocol ? `on every ${view.protocol} port` : 'on every port of every protocol';
}

const LEGEND = `${NOTHING}: nothing allowed; self: a pod's traffic to itself (always allowed); all TCP / all ports: every port (of that protocol)`;

/**
 * Per destination, its sources grouped by the ports they may use: `ns/db  <-  TCP 5432: ns/api, ns/worker`.
 * Every endpoint of a namespace is written `namespace/*`, so that a whole cluster's list stays readable.
 */
function* listChunks(view: MatrixView, markdown: boolean): Generator<string> {
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
  const names = (rows: Int32Array): string => {
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

function* textChunks(view: MatrixView): Generator<string> {
  if (view.ids.length > GRID_LIMIT) {
    yield* listChunks(view, false);
    return;
  }
  const corner = 'from \\ to';
  const n = view.ids.length;
  const firstWidth = Math.max(corner.length, ...view.ids.map((id) => id.length));
  // Column widths need every cell: one pass to measure, one to write, rather than holding the grid.
  const widths = view.ids.map((id) => id.length);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) widths[j] = Math.max(widths[j], (view.cellText(i, j) || NOTHING).length);
  }
  const line = (first: string, cell: (j: number) => string) => {
    const parts = [first.padEnd(firstWidth)];
    for (let j = 0; j < n; j++) parts.push(cell(j).padEnd(widths[j]));
    return `${parts.join('  ').trimEnd()}\n`;
  };
  yield `Connectivity matrix (rows: from, columns: to): the ports allowed, judged ${describePorts(view)}\n${LEGEND}\n\n`;
  yield line(corner, (j) => view.ids[j]);
  for (let i = 0; i < n; i++) yield line(view.ids[i], (j) => view.cellText(i, j) || NOTHING);
}

function* markdownChunks(view: MatrixView): Generator<string> {
  if (view.ids.length > GRID_LIMIT) {
    yield* listChunks(view, true);
    return;
  }
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  const row = (first: string, cell: (j: number) => string) => {
    const parts = [escape(first)];
    for (let j = 0; j < view.ids.length; j++) parts.push(escape(cell(j)));
    return `| ${parts.join(' | ')} |\n`;
  };
  yield `Connectivity (rows: from, columns: to), judged ${describePorts(view)}. ${LEGEND}.\n\n`;
  yield row('from / to', (j) => view.ids[j]);
  yield row('---', () => '---');
  for (let i = 0; i < view.ids.length; i++) yield row(view.ids[i], (j) => view.cellText(i, j) || NOTHING);
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function* csvChunks(view: MatrixView): Generator<string> {
  yield 'from,to,ports\n';
  const n = view.ids.length;
  const fields = view.ids.map(csvField);
  for (let j = 0; j < n; j++) {
    let out = '';
    for (const { ports, rows } of view.columnGroups(j)) {
      const tail = `,${fields[j]},${csvField(ports)}\n`;
      for (const i of rows) out += fields[i] + tail;
    }
    if (out !== '') yield out;
  }
}

function* jsonChunks(view: MatrixView): Generator<string> {
  const n = view.ids.length;
  const s = JSON.stringify;
  const endpoints = view.ids.map((id, i) => s({ id, kind: view.kinds[i] })).join(',\n');
  yield `{"ports":${s(view.ports ? [...view.ports] : view.protocol ? `every ${view.protocol} port` : 'every port of every protocol')},\n"endpoints":[\n${endpoints}\n],\n"allowed":[`;
  let first = true;
  for (let j = 0; j < n; j++) {
    // One entry per destination and ports: every source (by index) allowed on exactly those ports.
    const groups = view.columnGroups(j);
    if (groups.length === 0) continue;
    const entries = groups.map(({ ports, rows }) => `{"to":${j},"ports":${s(ports.split(', '))},"from":[${rows.join(',')}]}`);
    yield `${first ? '' : ','}\n${entries.join(',\n')}`;
    first = false;
  }
  yield '\n]}\n';
}

/** The output in chunks, to be written one after another. */
export function renderChunks(view: MatrixView, format: MatrixFormat): Iterable<string> {
  switch (format) {
    case 'text': return textChunks(view);
    case 'markdown': return markdownChunks(view);
    case 'csv': return csvChunks(view);
    case 'json': return jsonChunks(view);
  }
}

/** The whole output as one string (fine for matrices of a few hundred endpoints). */
export function renderString(view: MatrixView, format: MatrixFormat): string {
  let out = '';
  for (const chunk of renderChunks(view, format)) out += chunk;
  return out;
}
