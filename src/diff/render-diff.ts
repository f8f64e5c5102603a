/**
 * A connectivity diff as text, JSON and Markdown (for a pull request comment): small formatters over
 * the same result. Internal; reached through `ConnectivityDiff`.
 *
 * @module
 */
import { DiffResult } from './diff-compute';
import { FlowChange } from './flow-change';

/** `TCP 8080`, or `TCP *` for every port no manifest names. */
function portText(change: FlowChange): string {
  return `${change.protocol} ${change.port ?? '*'}`;
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

export function renderText(result: DiffResult): string {
  const lines = [`Connectivity diff: ${summary(result)}.`];
  const section = (title: string, sign: string, changes: readonly FlowChange[], because: string) => {
    if (changes.length === 0) return;
    lines.push('', `${title}:`);
    for (const c of changes) {
      lines.push(`  ${sign} ${c.from} -> ${c.to} on ${portText(c)}`, `      ${because}: ${c.reason}`);
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
    from: change.from,
    to: change.to,
    port: change.port ?? '*',
    protocol: change.protocol,
    allowedBy: change.allowedBy.map((r) => ({ policy: r.policy, direction: r.direction, ruleIndex: r.ruleIndex, description: r.description })),
    reason: change.reason,
  };
}

export function renderJson(result: DiffResult): any {
  return {
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
  const empty = result.added.length === 0 && result.removed.length === 0
    && result.addedWorkloads.length === 0 && result.removedWorkloads.length === 0;
  lines.push(empty ? 'No change: the policies allow the same connections.' : `**${summary(result)}.**`);
  const table = (title: string, rulesHeading: string, changes: readonly FlowChange[]) => {
    if (changes.length === 0) return;
    lines.push('', `### ${title}`, '', `| From | To | Port | ${rulesHeading} |`, '| --- | --- | --- | --- |');
    for (const c of changes) {
      const rules = c.allowedBy.length > 0
        ? c.allowedBy.map((r) => code(`${r.policy} ${r.direction.toLowerCase()}[${r.ruleIndex}]`)).join(', ')
        : 'no policy isolates either end';
      lines.push(`| ${[code(c.from), code(c.to), portText(c), rules].map(cell).join(' | ')} |`);
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
