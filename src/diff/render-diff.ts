/**
 * A connectivity diff as text, JSON and Markdown (for a pull request comment): small formatters over
 * the same result. Internal; reached through `ConnectivityDiff`.
 *
 * @module
 */
import { DiffResult } from './diff-compute';
import { FlowChange } from './flow-change';

/** `TCP 8080`, `TCP 8000-8100`, `TCP *` for every port no manifest names, or `all TCP` for every port. */
function portText(change: FlowChange): string {
  if (change.port === undefined) return `${change.protocol} *`;
  if (change.port === 1 && change.endPort === 65535) return `all ${change.protocol}`;
  return change.endPort === undefined ? `${change.protocol} ${change.port}` : `${change.protocol} ${change.port}-${change.endPort}`;
}

const EVERY_OTHER_PORT = '`*`: every port of the protocol that no manifest names (the named ones are listed on their own).';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `2 flows added, 1 removed; 1 workload added` (workloads only when some changed). */
function summary(result: DiffResult): string {
  const flows = `${plural(result.added.length, 'flow')} added, ${result.removed.length} removed`;
  const workloads: string[] = [];
  if (result.addedWorkloads.length > 0) workloads.push(`${plural(result.addedWorkloads.length, 'workload')} added`);
  if (result.removedWorkloads.length > 0) workloads.push(`${plural(result.removedWorkloads.length, 'workload')} removed`);
  return workloads.length > 0 ? `${flows}; ${workloads.join(', ')}` : flows;
}

function usesEveryOtherPort(result: DiffResult): boolean {
  return [...result.added, ...result.removed].some((c) => c.port === undefined);
}

function isEmpty(result: DiffResult): boolean {
  return result.added.length === 0 && result.removed.length === 0 && result.addedWorkloads.length === 0 && result.removedWorkloads.length === 0;
}

const EQUIVALENT = 'equivalent: both sides allow exactly the same connections';

/** The changes of one pair of endpoints, in the order given (sorted by source, destination, port). */
interface PairChanges {
  readonly from: string;
  readonly to: string;
  readonly changes: FlowChange[];
}

function byPair(changes: readonly FlowChange[]): PairChanges[] {
  const pairs: PairChanges[] = [];
  for (const c of changes) {
    const last = pairs[pairs.length - 1];
    if (last && last.from === c.source && last.to === c.destination) last.changes.push(c);
    else pairs.push({ from: c.source, to: c.destination, changes: [c] });
  }
  return pairs;
}

/** `TCP 80, TCP *, all UDP`: the ports of one pair's changes; `all ports` for every port of every protocol. */
function pairPorts(pair: PairChanges): string {
  const texts = pair.changes.map(portText);
  return texts.join(', ') === 'all TCP, all UDP, all SCTP' ? 'all ports' : texts.join(', ');
}

/** Each distinct reason once (the ports of one pair are usually allowed by the same rules). */
function pairReasons(pair: PairChanges): string[] {
  return [...new Set(pair.changes.map((c) => c.reason))];
}

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

function jsonChange(change: FlowChange): any {
  return {
    from: change.source,
    to: change.destination,
    port: change.port ?? '*',
    ...(change.endPort === undefined ? {} : { endPort: change.endPort }),
    protocol: change.protocol,
    allowedBy: change.allowedBy.map((r) => ({ policy: r.policy, direction: r.direction, ruleIndex: r.ruleIndex, description: r.description })),
    reason: change.reason,
  };
}

export function renderJson(result: DiffResult): any {
  return {
    equivalent: isEmpty(result),
    compared: result.nodes,
    added: result.added.map(jsonChange),
    removed: result.removed.map(jsonChange),
    addedWorkloads: [...result.addedWorkloads],
    removedWorkloads: [...result.removedWorkloads],
  };
}

function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, '\'')}\``;
}

export function renderMarkdown(result: DiffResult): string {
  const lines = ['## NetworkPolicy connectivity changes', ''];
  lines.push(isEmpty(result) ? `No change: ${EQUIVALENT}.` : `**${summary(result)}.**`);
  const table = (title: string, rulesHeading: string, changes: readonly FlowChange[]) => {
    if (changes.length === 0) return;
    lines.push('', `### ${title}`, '', `| From | To | Ports | ${rulesHeading} |`, '| --- | --- | --- | --- |');
    for (const pair of byPair(changes)) {
      const references = [...new Set(pair.changes.flatMap((c) => c.allowedBy.map((r) => `${r.policy} ${r.direction.toLowerCase()}[${r.ruleIndex}]`)))];
      const rules = references.length > 0 ? references.map(code).join(', ') : 'no policy isolates either end';
      lines.push(`| ${[code(pair.from), code(pair.to), pairPorts(pair), rules].map(cell).join(' | ')} |`);
    }
  };
  table('Added flows', 'Allowed by', result.added);
  table('Removed flows', 'Was allowed by', result.removed);
  const workloads = (title: string, names: readonly string[]) => {
    if (names.length > 0) lines.push('', `### ${title}`, '', ...names.map((n) => `- ${code(n)}`));
  };
  workloads('Added workloads', result.addedWorkloads);
  workloads('Removed workloads', result.removedWorkloads);
  if (usesEveryOtherPort(result)) lines.push('', EVERY_OTHER_PORT);
  return `${lines.join('\n')}\n`;
}
