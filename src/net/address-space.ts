/**
 * The address space cut at every ipBlock edge: the external nodes of diagrams, matrices and diffs.
 *
 * CIDR ranges never partly overlap (two are disjoint or one holds the other), so the ranges named by
 * ipBlocks (their `cidr` and `except` entries) form a tree. Every address is in the same ipBlocks as every
 * other address of its range that is in none of the range's narrower ranges, so one address of that
 * remainder stands for all of it: the range's atom. The addresses in no named range form one more atom,
 * "internet / any address" (only rules without peers allow them, whatever their family). Internal.
 *
 * @module
 */
import { formatIp, ParsedCidr, ParsedIp } from './cidr';

/** The key and label of the atom standing for every address outside the named ranges. */
export const ANY_ADDRESS_KEY = 'any';
export const ANY_ADDRESS_LABEL = 'internet / any address';

export interface AddressAtom {
  /** Identity across models: `block:<cidr>` or `any`. */
  readonly key: string;
  readonly kind: 'block' | 'any';
  /** `10.0.0.0/24`, `10.0.0.0/8 except 10.1.0.0/16`, or `internet / any address`. */
  readonly label: string;
  /** An address of the atom (never one of the addresses to avoid), through which it is judged. */
  readonly representative: ParsedIp;
}

interface Range {
  readonly family: 4 | 6;
  readonly lo: bigint;
  readonly hi: bigint;
  readonly cidr?: ParsedCidr;
}

const BITS = { 4: 32n, 6: 128n } as const;

function cidrRange(cidr: ParsedCidr): Range {
  const size = 2n ** (BITS[cidr.family] - BigInt(cidr.prefix));
  return { family: cidr.family, lo: cidr.network, hi: cidr.network + size - 1n, cidr };
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The lowest value of [lo, hi] outside every interval given (sorted by `lo`, none partly overlapping
 * another) and unequal to every point given (sorted), if any.
 */
function lowestOutside(lo: bigint, hi: bigint, intervals: readonly Range[], points: readonly bigint[]): bigint | undefined {
  let candidate = lo;
  let i = 0;
  let p = lowerBound(points, lo);
  for (;;) {
    let moved = false;
    while (i < intervals.length && intervals[i].hi < candidate) i++;
    if (i < intervals.length && intervals[i].lo <= candidate) {
      candidate = intervals[i].hi + 1n;
      moved = true;
    }
    while (p < points.length && points[p] < candidate) p++;
    if (p < points.length && points[p] === candidate) {
      candidate++;
      moved = true;
    }
    if (candidate > hi) return undefined;
    if (!moved) return candidate;
  }
}

function lowerBound(sorted: readonly bigint[], value: bigint): number {
  let a = 0;
  let b = sorted.length;
  while (a < b) {
    const m = Math.floor((a + b) / 2);
    if (sorted[m] < value) a = m + 1; else b = m;
  }
  return a;
}

/**
 * The atoms of the address space cut by the given CIDRs. `avoid` lists addresses no representative may
 * be (pod IPs: a pod's address stands for the pod, not for an external address).
 */
export function addressAtoms(cidrs: readonly ParsedCidr[], avoid: readonly ParsedIp[] = []): AddressAtom[] {
  const unique = new Map<string, Range>();
  for (const cidr of cidrs) unique.set(`${cidr.family}|${cidr.canonical}`, cidrRange(cidr));
  // By family, then start, then widest first: a range's parent is the nearest open range holding it.
  const ranges = [...unique.values()].sort((a, b) => a.family - b.family || compareBig(a.lo, b.lo) || compareBig(b.hi, a.hi));
  const children = new Map<Range, Range[]>();
  const roots: Record<4 | 6, Range[]> = { 4: [], 6: [] };
  const stack: Range[] = [];
  for (const range of ranges) {
    while (stack.length > 0 && (stack[stack.length - 1].family !== range.family || stack[stack.length - 1].hi < range.lo)) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) {
      const list = children.get(parent) ?? [];
      list.push(range);
      children.set(parent, list);
    } else {
      roots[range.family].push(range);
    }
    stack.push(range);
  }
  const points: Record<4 | 6, bigint[]> = { 4: [], 6: [] };
  for (const ip of avoid) points[ip.family].push(ip.value);
  points[4].sort(compareBig);
  points[6].sort(compareBig);

  const atoms: AddressAtom[] = [];
  for (const family of [4, 6] as const) {
    const value = lowestOutside(0n, 2n ** BITS[family] - 1n, roots[family], points[family]);
    if (value !== undefined) {
      atoms.push({ key: ANY_ADDRESS_KEY, kind: 'any', label: ANY_ADDRESS_LABEL, representative: { family, value } });
      break;
    }
  }
  for (const range of ranges) {
    const inner = children.get(range) ?? [];
    const value = lowestOutside(range.lo, range.hi, inner, points[range.family]);
    if (value === undefined) continue;
    const shown = inner.slice(0, 3).map((c) => c.cidr!.canonical);
    const except = inner.length === 0 ? '' : ` except ${shown.join(', ')}${inner.length > 3 ? `, and ${inner.length - 3} more` : ''}`;
    atoms.push({
      key: `block:${range.cidr!.canonical}`,
      kind: 'block',
      label: `${range.cidr!.canonical}${except}`,
      representative: { family: range.family, value },
    });
  }
  return atoms;
}

/** The text of an atom's representative address. */
export function representativeText(atom: AddressAtom): string {
  return formatIp(atom.representative.family, atom.representative.value);
}
