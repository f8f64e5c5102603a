/**
 * The regions of a set of label selectors: every combination of their truth values that some label set
 * produces, each with the simplest label set producing it. Per label key, the values that matter are
 * "absent", each value a selector mentions, and "any other value" (`*`); the combinations are enumerated
 * key by key, merging label choices that leave the same selectors satisfiable, so the work follows the
 * number of regions, not the number of label sets. The representatives of the analysis and the
 * constructs' selector-containment check both rest on it. Internal.
 *
 * @module
 */
import { NormalizedSelector } from './normalized';
import { Bitset } from '../bitset';

/** The value standing for "any value no selector mentions". It is not a valid label value, so no real label has it. */
export const OTHER_VALUE = '*';

/** More than this many regions means selectors that combine without bound. */
export const MAX_REGIONS = 20_000;

/** One combination of selector truth values, and the simplest labels producing it. */
export interface Region {
  readonly witness: Record<string, string>;
  /** Per selector, in the order given: whether the witness matches it. */
  readonly truth: readonly boolean[];
}

/** A label key's value class: absent, a value some selector mentions, or any other value. */
type ValueClass = { readonly absent: true } | { readonly value: string };

/**
 * Every combination of truth values the selectors can take on some label set, each with the simplest
 * label set producing it (fewest labels, mentioned values in sorted order before other values).
 *
 * @param fixed keys whose value is fixed (e.g. a namespace's name label); their class is `OTHER_VALUE`
 *              unless the fixed value is one a selector mentions
 */
export function enumerateRegions(selectors: readonly NormalizedSelector[], fixed: ReadonlyMap<string, string> = new Map()): Region[] {
  const n = selectors.length;
  // Per key: the selectors constraining it, and the values they mention.
  const keys = new Map<string, { values: Set<string>; constraints: Array<{ selector: number; accepts: (c: ValueClass) => boolean }> }>();
  const constrain = (key: string, selector: number, accepts: (c: ValueClass) => boolean, values: readonly string[]) => {
    let entry = keys.get(key);
    if (!entry) {
      entry = { values: new Set(), constraints: [] };
      keys.set(key, entry);
    }
    values.forEach((v) => entry!.values.add(v));
    entry.constraints.push({ selector, accepts });
  };
  const valueOf = (c: ValueClass) => ('value' in c ? c.value : undefined);
  selectors.forEach((selector, i) => {
    for (const [key, value] of selector.matchLabels) constrain(key, i, (c) => valueOf(c) === value, [value]);
    for (const r of selector.expressions) {
      switch (r.operator) {
        case 'In': constrain(r.key, i, (c) => valueOf(c) !== undefined && r.values.includes(valueOf(c)!), r.values); break;
        case 'NotIn': constrain(r.key, i, (c) => valueOf(c) === undefined || !r.values.includes(valueOf(c)!), r.values); break;
        case 'Exists': constrain(r.key, i, (c) => 'value' in c, []); break;
        case 'DoesNotExist': constrain(r.key, i, (c) => !('value' in c), []); break;
      }
    }
  });

  interface State { readonly alive: Bitset; readonly witness: Record<string, string> }
  let states: State[] = [{ alive: Bitset.full(n), witness: Object.create(null) }];
  for (const key of [...keys.keys()].sort(compareText)) {
    const entry = keys.get(key)!;
    const fixedValue = fixed.get(key);
    // The classes, simplest first.
    const classes: ValueClass[] = fixedValue !== undefined
      ? [{ value: fixedValue }]
      : [{ absent: true }, ...[...entry.values].sort(compareText).map((value) => ({ value })), { value: OTHER_VALUE }];
    // Classes that every constraint on this key treats alike are one choice.
    const choices: Array<{ cls: ValueClass; kills: Bitset }> = [];
    const seen = new Set<string>();
    for (const cls of classes) {
      const kills = new Bitset(n);
      for (const { selector, accepts } of entry.constraints) if (!accepts(cls)) kills.add(selector);
      const signature = kills.key();
      if (seen.has(signature)) continue;
      seen.add(signature);
      choices.push({ cls, kills });
    }
    const next = new Map<string, State>();
    for (const state of states) {
      for (const { cls, kills } of choices) {
        const alive = state.alive.clone().andNot(kills);
        const signature = alive.key();
        if (next.has(signature)) continue;
        const witness: Record<string, string> = Object.assign(Object.create(null), state.witness);
        if ('value' in cls && fixedValue === undefined) witness[key] = cls.value;
        next.set(signature, { alive, witness });
      }
    }
    states = [...next.values()];
    if (states.length > MAX_REGIONS) {
      throw new Error(`the policies tell apart more than ${MAX_REGIONS} kinds of pods; analyse them with the workloads instead`);
    }
  }
  return states.map(({ alive, witness }) => ({
    witness: Object.assign({}, witness),
    truth: selectors.map((_, i) => alive.has(i)),
  }));
}


function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
