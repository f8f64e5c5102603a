/**
 * A connectivity matrix as JSON: the ports judged, the endpoints, and the allowed pairs only (per
 * destination and ports, the sources by index). Yielded in chunks. Internal.
 *
 * @module
 */
import type { MatrixView } from './matrix-view';

export function* jsonChunks(view: MatrixView): Generator<string> {
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
