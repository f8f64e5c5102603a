/**
 * A connectivity matrix as a Markdown table, or beyond `GRID_LIMIT` endpoints, a list of what each
 * destination accepts. Yielded in chunks (a row at a time). Internal.
 *
 * @module
 */
import { describePorts, GRID_LIMIT, LEGEND, listChunks, MatrixView, NOTHING } from './matrix-view';

export function* markdownChunks(view: MatrixView): Generator<string> {
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
