/**
 * A connectivity diff as a JSON object: whether both sides are equivalent, and every added and removed
 * flow with the rules that allow it. Internal; reached through `ConnectivityDiff`.
 *
 * @module
 */
import { isEmpty } from './diff-view';
import type { DiffResult } from '../diff/diff-compute';
import type { FlowChange } from '../diff/flow-change';

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
