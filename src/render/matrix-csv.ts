/**
 * A connectivity matrix as CSV, in the shape of its JSON: one table, `record,index,endpoint,kind,ports,sources`,
 * with three kinds of rows. First every endpoint once (`endpoint`, its index, its id and kind); then the
 * allowed connections (`allowed`): per destination (by index) and set of ports, the number of the set of
 * sources allowed on exactly those ports; then each set of sources once (`sources`, its number, and the
 * endpoint indices separated by spaces). Denied pairs are not listed (deny is the default), and destinations
 * alike share a set, so the size follows the allowed connections and each endpoint and set is written
 * once. Yielded in chunks, one destination's rows per chunk. Internal.
 *
 * @module
 */
import { MatrixView, SourceSets } from './matrix-view';

/** The header of the CSV rendering. */
const CSV_HEADER = 'record,index,endpoint,kind,ports,sources';

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function* csvChunks(view: MatrixView): Generator<string> {
  const n = view.ids.length;
  let endpoints = `${CSV_HEADER}\n`;
  for (let i = 0; i < n; i++) endpoints += `endpoint,${i},${csvField(view.ids[i])},${csvField(view.kinds[i])},,\n`;
  yield endpoints;
  const sets = new SourceSets();
  for (let j = 0; j < n; j++) {
    let out = '';
    for (const { ports, rows } of view.columnGroups(j)) out += `allowed,${j},,,${csvField(ports)},${sets.numberOf(rows)}\n`;
    if (out !== '') yield out;
  }
  let k = 0;
  for (const rows of sets.drain()) yield `sources,${k++},,,,${rows.join(' ')}\n`;
}
