/**
 * A connectivity matrix as CSV: the allowed pairs only (`from,to,ports`), one destination's rows per
 * chunk. Internal.
 *
 * @module
 */
import type { MatrixView } from './matrix-view';

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function* csvChunks(view: MatrixView): Generator<string> {
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
