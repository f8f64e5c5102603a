/**
 * A connectivity matrix as JSON: the ports judged, the endpoints, the allowed connections only (per
 * destination and ports, a set of sources by number), and the source sets (endpoint indices), each once.
 * Yielded in chunks. Internal.
 *
 * @module
 */
import { MatrixView, SourceSets } from './matrix-view';

export function* jsonChunks(view: MatrixView): Generator<string> {
  const n = view.ids.length;
  const s = JSON.stringify;
  const endpoints = view.ids.map((id, i) => s({ id, kind: view.kinds[i] })).join(',\n');
  yield `{"ports":${s(view.ports ? [...view.ports] : view.protocol ? `every ${view.protocol} port` : 'every port of every protocol')},\n"endpoints":[\n${endpoints}\n],\n"allowed":[`;
  const sets = new SourceSets();
  const portLists = new Map<string, string>();
  let first = true;
  for (let j = 0; j < n; j++) {
    // One entry per destination and ports: the set of sources allowed on exactly those ports.
    const groups = view.columnGroups(j);
    if (groups.length === 0) continue;
    const entries = groups.map(({ ports, rows }) => {
      let list = portLists.get(ports);
      if (list === undefined) portLists.set(ports, (list = s(ports.split(', '))));
      return `{"to":${j},"ports":${list},"sourceSet":${sets.numberOf(rows)}}`;
    });
    yield `${first ? '' : ','}\n${entries.join(',\n')}`;
    first = false;
  }
  yield '\n],\n"sourceSets":[';
  first = true;
  for (const rows of sets.drain()) {
    yield `${first ? '' : ','}\n[${rows.join(',')}]`;
    first = false;
  }
  yield '\n]}\n';
}
