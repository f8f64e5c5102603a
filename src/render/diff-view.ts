/**
 * What the connectivity diff renderers share: ports in words, the summary line, and the changes grouped
 * by pair of endpoints. Internal; reached through `ConnectivityDiff`.
 *
 * @module
 */
import type { DiffResult } from '../diff/diff-compute';
import type { FlowChange } from '../diff/flow-change';

/** `TCP 8080`, `TCP 8000-8100`, `TCP *` for every port no manifest names, or `all TCP` for every port. */
function portText(change: FlowChange): string {
  if (change.port === undefined) return `${change.protocol} *`;
  if (change.port === 1 && change.endPort === 65535) return `all ${change.protocol}`;
  return change.endPort === undefined ? `${change.protocol} ${change.port}` : `${change.protocol} ${change.port}-${change.endPort}`;
}

export const EVERY_OTHER_PORT = '`*`: every port of the protocol that no manifest names (the named ones are listed on their own).';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `2 flows added, 1 removed; 1 workload added` (workloads only when some changed). */
export function summary(result: DiffResult): string {
  const flows = `${plural(result.added.length, 'flow')} added, ${result.removed.length} removed`;
  const workloads: string[] = [];
  if (result.addedWorkloads.length > 0) workloads.push(`${plural(result.addedWorkloads.length, 'workload')} added`);
  if (result.removedWorkloads.length > 0) workloads.push(`${plural(result.removedWorkloads.length, 'workload')} removed`);
  return workloads.length > 0 ? `${flows}; ${workloads.join(', ')}` : flows;
}

export function usesEveryOtherPort(result: DiffResult): boolean {
  return [...result.added, ...result.removed].some((c) => c.port === undefined);
}

export function isEmpty(result: DiffResult): boolean {
  return result.added.length === 0 && result.removed.length === 0 && result.addedWorkloads.length === 0 && result.removedWorkloads.length === 0;
}

export const EQUIVALENT = 'equivalent: both sides allow exactly the same connections';

/** The changes of one pair of endpoints, in the order given (sorted by source, destination, port). */
export interface PairChanges {
  readonly from: string;
  readonly to: string;
  readonly changes: FlowChange[];
}

export function byPair(changes: readonly FlowChange[]): PairChanges[] {
  const pairs: PairChanges[] = [];
  for (const c of changes) {
    const last = pairs[pairs.length - 1];
    if (last && last.from === c.source && last.to === c.destination) last.changes.push(c);
    else pairs.push({ from: c.source, to: c.destination, changes: [c] });
  }
  return pairs;
}

/** `TCP 80, TCP *, all UDP`: the ports of one pair's changes; `all ports` for every port of every protocol. */
export function pairPorts(pair: PairChanges): string {
  const texts = pair.changes.map(portText);
  return texts.join(', ') === 'all TCP, all UDP, all SCTP' ? 'all ports' : texts.join(', ');
}

/** Each distinct reason once (the ports of one pair are usually allowed by the same rules). */
export function pairReasons(pair: PairChanges): string[] {
  return [...new Set(pair.changes.map((c) => c.reason))];
}
