/**
 * Renderers for a connectivity matrix: aligned text and Markdown grids, and JSON and CSV lists of the
 * allowed pairs only (deny is the default, so their size follows what is allowed, not the square of the
 * endpoints), each a small formatter over the same view.
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
  /** The ports checked, when given (`TCP 8080`); undefined: every port of every protocol. */
  readonly ports?: readonly string[];
  /** Only this protocol's ports are shown. */
  readonly protocol?: string;
  /** The allowed ports from row `i` to column `j`, in words; '' for none. */
  cellText(i: number, j: number): string;
}

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

function* textChunks(view: MatrixView): Generator<string> {
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
  for (let i = 0; i < n; i++) {
    let out = '';
    for (let j = 0; j < n; j++) {
      const text = view.cellText(i, j);
      if (text !== '' && text !== SELF) out += `${csvField(view.ids[i])},${csvField(view.ids[j])},${csvField(text)}\n`;
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
  for (let i = 0; i < n; i++) {
    const cells: string[] = [];
    for (let j = 0; j < n; j++) {
      const text = view.cellText(i, j);
      if (text !== '' && text !== SELF) cells.push(`{"from":${i},"to":${j},"ports":${s(text.split(', '))}}`);
    }
    if (cells.length === 0) continue;
    yield `${first ? '' : ','}\n${cells.join(',\n')}`;
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
