/**
 * A connectivity diff as text: the summary, then the added and removed flows per pair of endpoints with
 * the reasons, and the added and removed workloads. Internal; reached through `ConnectivityDiff`.
 *
 * @module
 */
import { byPair, EQUIVALENT, EVERY_OTHER_PORT, isEmpty, pairPorts, pairReasons, summary, usesEveryOtherPort } from './diff-view';
import type { DiffResult } from '../diff/diff-compute';
import type { FlowChange } from '../diff/flow-change';

export function renderText(result: DiffResult): string {
  if (isEmpty(result)) return `Connectivity diff: ${EQUIVALENT} (${result.nodes} endpoints and address ranges compared on every port).\n`;
  const lines = [`Connectivity diff: ${summary(result)}.`];
  const section = (title: string, sign: string, changes: readonly FlowChange[], because: string) => {
    if (changes.length === 0) return;
    lines.push('', `${title}:`);
    for (const pair of byPair(changes)) {
      lines.push(`  ${sign} ${pair.from} -> ${pair.to} on ${pairPorts(pair)}`, ...pairReasons(pair).map((r) => `      ${because}: ${r}`));
    }
  };
  section('Added flows', '+', result.added, 'now');
  section('Removed flows', '-', result.removed, 'before');
  if (result.addedWorkloads.length > 0) lines.push('', `Added workloads: ${result.addedWorkloads.join(', ')}`);
  if (result.removedWorkloads.length > 0) lines.push('', `Removed workloads: ${result.removedWorkloads.join(', ')}`);
  if (usesEveryOtherPort(result)) lines.push('', EVERY_OTHER_PORT.replace(/`/g, ''));
  return `${lines.join('\n')}\n`;
}
