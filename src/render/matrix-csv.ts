/**
 * A connectivity matrix as CSV, in the shape of its JSON: one table, `record,index,endpoint,kind,ports,from`,
 * with two kinds of rows. First every endpoint once (`endpoint`, its index, its id and kind), then the
 * allowed connections (`allowed`): per destination (by index) and set of ports, the sources allowed on
 * exactly those ports, as their indices separated by spaces. Denied pairs are not listed (deny is the
 * default), so the size follows the allowed connections and each endpoint is named once. Yielded in
 * chunks, one destination's rows per chunk. Internal.
 *
 * @module
 */
import type { MatrixView } from './matrix-view';

/** The header of the CSV rendering. */
const CSV_HEADER = 'record,index,endpoint,kind,ports,from';

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function* csvChunks(view: MatrixView): Generator<string> {
  const n = view.ids.length;
  let endpoints = `${CSV_HEADER}\n`;
  for (let i = 0; i < n; i++) endpoints += `endpoint,${i},${csvField(view.ids[i])},${csvField(view.kinds[i])},,\n`;
  yield endpoints;
  // Destinations alike share their groups' rows: each list of sources is written out once, then reused.
  const written = new WeakMap<Int32Array, string>();
  for (let j = 0; j < n; j++) {
    let out = '';
    for (const { ports, rows } of view.columnGroups(j)) {
      let from = written.get(rows);
      if (from === undefined) written.set(rows, (from = rows.join(' ')));
      out += `allowed,${j},,,${csvField(ports)},${from}\n`;
    }
    if (out !== '') yield out;
  }
}
