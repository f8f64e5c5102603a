/**
 * Renderers for a connectivity matrix: aligned text, JSON, CSV and Markdown, each a small formatter
 * over the same view.
 *
 * Each renderer yields its output in chunks (a line or a row at a time): a 5,000 x 5,000 matrix
 * renders to hundreds of megabytes, beyond what one JavaScript string may hold, so the CLI writes the
 * chunks as they come. Internal; reached through `ConnectivityMatrix`.
 *
 * @module
 */

/** What the renderers read. Rows are sources, columns destinations, both in `ids` order. */
export interface MatrixView {
  readonly ids: readonly string[];
  /** Every port checked somewhere in the matrix, e.g. `5432/TCP`. */
  readonly portLabels: readonly string[];
  /** True when each destination is checked on its own declared ports rather than on given ports. */
  readonly perDestination: boolean;
  /** The ports checked towards column `j`. */
  checkedPorts(j: number): readonly string[];
  /** One word for the cell from row `i` to column `j`: allow, deny, n/a, or the allowed ports when only some are. */
  cellText(i: number, j: number): string;
  /** Allowed and denied ports from row `i` to column `j`. */
  cell(i: number, j: number): { readonly allowed: readonly string[]; readonly denied: readonly string[] };
}

/** The output formats. */
export type MatrixFormat = 'text' | 'json' | 'csv' | 'markdown';

export const CELL_ALLOW = 'allow';
export const CELL_DENY = 'deny';
export const CELL_NOTHING = 'n/a';

function describePorts(view: MatrixView): string {
  if (view.perDestination) {
    return view.portLabels.length === 0
      ? 'each destination\'s declared container ports (none declared)'
      : 'each destination\'s declared container ports';
  }
  return view.portLabels.join(', ');
}

const LEGEND = `${CELL_ALLOW}: every checked port allowed; ${CELL_DENY}: none; a port list: only those ports allowed; ${CELL_NOTHING}: no port to check`;

function* textChunks(view: MatrixView): Generator<string> {
  const corner = 'from \\ to';
  const n = view.ids.length;
  const firstWidth = Math.max(corner.length, ...view.ids.map((id) => id.length));
  // Column widths need every cell: one pass to measure, one to write, rather than holding the grid.
  const widths = view.ids.map((id) => id.length);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) widths[j] = Math.max(widths[j], view.cellText(i, j).length);
  }
  const line = (first: string, cell: (j: number) => string) => {
    const parts = [first.padEnd(firstWidth)];
    for (let j = 0; j < n; j++) parts.push(cell(j).padEnd(widths[j]));
    return `${parts.join('  ').trimEnd()}\n`;
  };
  yield `Connectivity matrix (rows: from, columns: to) on ${describePorts(view)}\n${LEGEND}\n\n`;
  yield line(corner, (j) => view.ids[j]);
  for (let i = 0; i < n; i++) yield line(view.ids[i], (j) => view.cellText(i, j));
}

function* markdownChunks(view: MatrixView): Generator<string> {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  const row = (first: string, cell: (j: number) => string) => {
    const parts = [escape(first)];
    for (let j = 0; j < view.ids.length; j++) parts.push(escape(cell(j)));
    return `| ${parts.join(' | ')} |\n`;
  };
  yield `Connectivity on ${describePorts(view)} (rows: from, columns: to). ${LEGEND}.\n\n`;
  yield row('from / to', (j) => view.ids[j]);
  yield row('---', () => '---');
  for (let i = 0; i < view.ids.length; i++) yield row(view.ids[i], (j) => view.cellText(i, j));
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function* csvChunks(view: MatrixView): Generator<string> {
  const row = (first: string, cell: (j: number) => string) => {
    const parts = [csvField(first)];
    for (let j = 0; j < view.ids.length; j++) parts.push(csvField(cell(j)));
    return `${parts.join(',')}\n`;
  };
  yield row('from', (j) => view.ids[j]);
  for (let i = 0; i < view.ids.length; i++) yield row(view.ids[i], (j) => view.cellText(i, j));
}

function jsonCell(view: MatrixView, i: number, j: number): any {
  const { allowed, denied } = view.cell(i, j);
  return { from: view.ids[i], to: view.ids[j], allowed: [...allowed], denied: [...denied] };
}

/** The JSON object; `jsonChunks` writes the same object as text, the cells of one source per chunk. */
export function matrixJson(view: MatrixView): any {
  const cells: any[] = [];
  view.ids.forEach((_, i) => view.ids.forEach((__, j) => cells.push(jsonCell(view, i, j))));
  return { ports: [...view.portLabels], portsPerDestination: view.perDestination, workloads: [...view.ids], cells };
}

function* jsonChunks(view: MatrixView): Generator<string> {
  const n = view.ids.length;
  const s = JSON.stringify;
  yield `{"ports":${s(view.portLabels)},"portsPerDestination":${s(view.perDestination)},"workloads":${s(view.ids)},"cells":[`;
  for (let i = 0; i < n; i++) {
    const cells: string[] = [];
    for (let j = 0; j < n; j++) cells.push(s(jsonCell(view, i, j)));
    yield `${i === 0 ? '' : ','}\n${cells.join(',\n')}`;
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

/** The whole output as one string (fine for matrices of a few hundred workloads). */
export function renderString(view: MatrixView, format: MatrixFormat): string {
  let out = '';
  for (const chunk of renderChunks(view, format)) out += chunk;
  return out;
}
