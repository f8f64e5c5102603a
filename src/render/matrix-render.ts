/**
 * Renderers for a connectivity matrix: aligned text and Markdown grids (or, beyond `GRID_LIMIT`
 * endpoints, a list of what each destination accepts), and JSON and CSV lists of the endpoints, once,
 * and of the allowed connections only, by index (deny is the default, so their size follows what is
 * allowed, not the square of the endpoints), each a small formatter over the same view
 * (`matrix-view.ts`), one file per format.
 *
 * Each renderer yields its output in chunks (a line or a row at a time): a whole cluster's matrix can
 * exceed what one JavaScript string may hold, so the CLI writes the chunks as they come. Internal;
 * reached through `ConnectivityMatrix`.
 *
 * @module
 */
import { csvChunks } from './matrix-csv';
import { jsonChunks } from './matrix-json';
import { markdownChunks } from './matrix-markdown';
import { textChunks } from './matrix-text';
import type { MatrixFormat, MatrixView } from './matrix-view';

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
