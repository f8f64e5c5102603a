/**
 * A connectivity matrix as aligned text: a grid, or beyond `GRID_LIMIT` endpoints, a list of what each
 * destination accepts. Yielded in chunks (a line at a time). Internal.
 *
 * @module
 */
import { describePorts, GRID_LIMIT, LEGEND, listChunks, MatrixView, NOTHING } from './matrix-view';

export function* textChunks(view: MatrixView): Generator<string> {
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
