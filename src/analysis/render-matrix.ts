/**
 * Renderers for a connectivity matrix: aligned text, JSON, CSV and Markdown, each a small formatter
 * over the same view. Internal; reached through `ConnectivityMatrix`.
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
  /** Allowed and denied ports from row `i` to column `j`. */
  cell(i: number, j: number): { readonly allowed: readonly string[]; readonly denied: readonly string[] };
}

export const CELL_ALLOW = 'allow';
export const CELL_DENY = 'deny';
export const CELL_NOTHING = 'n/a';

/** One word per cell: allow, deny, n/a, or the allowed ports when only some are. */
export function cellText(cell: { readonly allowed: readonly string[]; readonly denied: readonly string[] }): string {
  if (cell.allowed.length === 0 && cell.denied.length === 0) return CELL_NOTHING;
  if (cell.denied.length === 0) return CELL_ALLOW;
  if (cell.allowed.length === 0) return CELL_DENY;
  return cell.allowed.join(' ');
}

function describePorts(view: MatrixView): string {
  if (view.perDestination) {
    return view.portLabels.length === 0
      ? 'each destination\'s declared container ports (none declared)'
      : 'each destination\'s declared container ports';
  }
  return view.portLabels.join(', ');
}

const LEGEND = `${CELL_ALLOW}: every checked port allowed; ${CELL_DENY}: none; a port list: only those ports allowed; ${CELL_NOTHING}: no port to check`;

function grid(view: MatrixView): string[][] {
  return view.ids.map((_, i) => view.ids.map((__, j) => cellText(view.cell(i, j))));
}

export function renderText(view: MatrixView): string {
  const corner = 'from \\ to';
  const cells = grid(view);
  const firstWidth = Math.max(corner.length, ...view.ids.map((id) => id.length));
  const widths = view.ids.map((id, j) => Math.max(id.length, ...cells.map((row) => row[j].length)));
  const line = (first: string, rest: readonly string[]) =>
    [first.padEnd(firstWidth), ...rest.map((text, j) => text.padEnd(widths[j]))].join('  ').trimEnd();
  const lines = [
    `Connectivity matrix (rows: from, columns: to) on ${describePorts(view)}`,
    LEGEND,
    '',
    line(corner, view.ids),
    ...cells.map((row, i) => line(view.ids[i], row)),
  ];
  return `${lines.join('\n')}\n`;
}

export function renderMarkdown(view: MatrixView): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  const row = (cells: readonly string[]) => `| ${cells.map(escape).join(' | ')} |`;
  const cells = grid(view);
  const lines = [
    `Connectivity on ${describePorts(view)} (rows: from, columns: to). ${LEGEND}.`,
    '',
    row(['from / to', ...view.ids]),
    row(['---', ...view.ids.map(() => '---')]),
    ...cells.map((r, i) => row([view.ids[i], ...r])),
  ];
  return `${lines.join('\n')}\n`;
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(view: MatrixView): string {
  const cells = grid(view);
  const lines = [
    ['from', ...view.ids].map(csvField).join(','),
    ...cells.map((r, i) => [view.ids[i], ...r].map(csvField).join(',')),
  ];
  return `${lines.join('\n')}\n`;
}

export function renderJson(view: MatrixView): any {
  const cells: any[] = [];
  view.ids.forEach((from, i) => view.ids.forEach((to, j) => {
    const cell = view.cell(i, j);
    cells.push({ from, to, allowed: [...cell.allowed], denied: [...cell.denied] });
  }));
  return {
    ports: [...view.portLabels],
    portsPerDestination: view.perDestination,
    workloads: [...view.ids],
    cells,
  };
}
