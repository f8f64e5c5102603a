/**
 * A connectivity diff as Markdown, for a pull request comment: the summary, a table of added and of
 * removed flows per pair of endpoints with the rules, and the added and removed workloads. Internal;
 * reached through `ConnectivityDiff`.
 *
 * @module
 */
import { byPair, EQUIVALENT, EVERY_OTHER_PORT, isEmpty, pairPorts, summary, usesEveryOtherPort } from './diff-view';
import type { DiffResult } from '../diff/diff-compute';
import type { FlowChange } from '../diff/flow-change';

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
