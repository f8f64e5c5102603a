/**
 * The port space of a destination cut at every edge the rules name: the ports flows are judged on.
 *
 * For one destination and protocol, every port in the same elementary interval between the edges of the
 * rule ports that can apply to connections to it (numbers, `port`-`endPort` ranges, named ports resolved
 * on it, its declared container ports) is allowed by exactly the same rules, so the interval's first port
 * stands for it. The ports no rule names are one more atom, "every other port": only rules without ports
 * (or with just a protocol) allow them, so they are all judged alike. The atoms of a destination cover
 * every port of every protocol, which is what makes a diff (and an equivalence check) exact. Internal.
 *
 * @module
 */
import { Protocol } from '../protocol';
import { sortedShort, sortedUnique } from '../sorted-unique';

export const PROTOCOL_ORDER: readonly Protocol[] = [Protocol.TCP, Protocol.UDP, Protocol.SCTP];

/** An elementary interval of one protocol's ports, or every port of it that no rule names (`other`). */
export interface PortAtom {
  readonly protocol: Protocol;
  /** The first port: the one judged. For `other`, the lowest port no rule names. */
  readonly lo: number;
  readonly hi: number;
  /** The ports no rule names (not an interval: `lo` and `hi` are its lowest and highest). */
  readonly other: boolean;
}

/** Identity of an atom: `TCP/8080`, `TCP/8000-8100`, `TCP/*`. */
export function atomKey(atom: PortAtom): string {
  return `${atom.protocol}/${atom.other ? '*' : atom.lo === atom.hi ? atom.lo : `${atom.lo}-${atom.hi}`}`;
}

/** `TCP 8080`, `TCP 8000-8100`, or `TCP *` (every other TCP port). */
export function atomLabel(atom: PortAtom): string {
  return `${atom.protocol} ${atom.other ? '*' : atom.lo === atom.hi ? atom.lo : `${atom.lo}-${atom.hi}`}`;
}

/** A single port as an atom (ports given explicitly). */
export function portAtom(protocol: Protocol, port: number): PortAtom {
  return { protocol, lo: port, hi: port, other: false };
}

/** Protocol order, then port; every other port last. */
export function compareAtoms(a: PortAtom, b: PortAtom): number {
  return PROTOCOL_ORDER.indexOf(a.protocol) - PROTOCOL_ORDER.indexOf(b.protocol)
    || Number(a.other) - Number(b.other) || a.lo - b.lo;
}

/** Port number first (every other port last), then protocol: the order of edge labels. */
export function compareAtomsByPort(a: PortAtom, b: PortAtom): number {
  return Number(a.other) - Number(b.other) || a.lo - b.lo || PROTOCOL_ORDER.indexOf(a.protocol) - PROTOCOL_ORDER.indexOf(b.protocol);
}

/** The atom a port belongs to among a destination's atoms: its interval, else every other port of its protocol. */
export function atomFor(atoms: readonly PortAtom[], protocol: Protocol, port: number): PortAtom | undefined {
  return atoms.find((a) => !a.other && a.protocol === protocol && a.lo <= port && port <= a.hi)
    ?? atoms.find((a) => a.other && a.protocol === protocol);
}

const MAX_PORT = 65535;

/** The edges of one destination's port space, collected from the rules; `atoms()` cuts it. */
export class PortCuts {
  /** Per protocol (in `PROTOCOL_ORDER`), each named range as one number: `lo * 65536 + hi`. */
  private readonly ranges: number[][] = [[], [], []];

  /** Ports `lo` to `hi` (inclusive) of the protocol are named by some rule (or declared). */
  public add(protocol: Protocol, lo: number, hi: number = lo): void {
    this.ranges[protocolIndex(protocol)].push(lo * RANGE + hi);
  }

  /**
   * The ranges named, as text: equal for two destinations whose ports were named alike (so that their
   * atoms are the same), without cutting them.
   */
  public key(): string {
    let key = '';
    for (const ranges of this.ranges) key += `${ranges.length > 1 ? sortedUnique(ranges).join(',') : ranges.join(',')}|`;
    return key;
  }

  /** Every atom of every protocol: the elementary intervals of the named ports, then every other port. */
  public atoms(): PortAtom[] {
    const atoms: PortAtom[] = [];
    PROTOCOL_ORDER.forEach((protocol, p) => {
      const packed = this.ranges[p];
      if (packed.length === 0) {
        atoms.push({ protocol, lo: 1, hi: MAX_PORT, other: true });
        return;
      }
      const ranges = packed.map((r): readonly [number, number] => [Math.floor(r / RANGE), r % RANGE]);
      // Cut points: each range starts one interval and ends one. (This runs per destination: small lists
      // are sorted without Array.prototype.sort's work area.)
      const cuts: number[] = [];
      for (const [lo, hi] of ranges) {
        cuts.push(lo);
        if (hi < MAX_PORT) cuts.push(hi + 1);
      }
      const points = sortedUnique(cuts);
      const covered = mergeRanges(ranges);
      let otherLo: number | undefined;
      let otherHi: number | undefined;
      const noteOther = (lo: number, hi: number) => {
        if (otherLo === undefined) otherLo = lo;
        otherHi = hi;
      };
      // The gap before the first cut, then each interval between cuts.
      let start = 1;
      for (let i = 0; i <= points.length; i++) {
        const end = i < points.length ? points[i] - 1 : MAX_PORT;
        if (end >= start) {
          if (isCovered(covered, start)) atoms.push({ protocol, lo: start, hi: end, other: false });
          else noteOther(start, end);
        }
        if (i < points.length) start = points[i];
      }
      if (otherLo !== undefined) atoms.push({ protocol, lo: otherLo, hi: otherHi!, other: true });
    });
    return atoms;
  }
}

/** A range packed in one number (`PortCuts`): ports are below 65,536. */
const RANGE = 65536;

function protocolIndex(protocol: Protocol): number {
  return protocol === Protocol.TCP ? 0 : protocol === Protocol.UDP ? 1 : 2;
}

function mergeRanges(ranges: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const sorted = sortedShort(ranges, (a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [lo, hi] of sorted) {
    const last = merged[merged.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi); else merged.push([lo, hi]);
  }
  return merged;
}

function isCovered(merged: ReadonlyArray<readonly [number, number]>, port: number): boolean {
  let a = 0;
  let b = merged.length;
  while (a < b) {
    const m = Math.floor((a + b) / 2);
    if (merged[m][1] < port) a = m + 1; else b = m;
  }
  return a < merged.length && merged[a][0] <= port;
}

/**
 * The allowed atoms of a connection in words: `TCP 53, UDP 53`; `all TCP` when every atom of a
 * protocol is allowed; `all ports` when every atom is. Adjacent intervals are merged (`TCP 8000-8100`).
 *
 * @param allowed the allowed atoms
 * @param all every atom of the destination, or undefined when the ports were given (then never `all`)
 */
export function portsLabel(allowed: readonly PortAtom[], all?: readonly PortAtom[]): string {
  if (allowed.length === 0) return '';
  const parts: string[] = [];
  const whole = new Set<Protocol>();
  if (all) {
    for (const protocol of PROTOCOL_ORDER) {
      const mine = all.filter((a) => a.protocol === protocol);
      const isAllowed = (a: PortAtom) => allowed.some((b) => b.protocol === protocol && b.lo === a.lo && b.other === a.other);
      if (mine.length > 0 && mine.every(isAllowed)) whole.add(protocol);
    }
    if (PROTOCOL_ORDER.every((p) => whole.has(p))) return 'all ports';
  }
  const numbered: Array<{ protocol: Protocol; lo: number; hi: number }> = [];
  for (const atom of [...allowed].sort(compareAtoms)) {
    if (whole.has(atom.protocol)) continue;
    if (atom.other) {
      numbered.push({ protocol: atom.protocol, lo: -1, hi: -1 });
      continue;
    }
    const last = numbered[numbered.length - 1];
    if (last && last.protocol === atom.protocol && last.hi >= 0 && last.hi + 1 === atom.lo) last.hi = atom.hi;
    else numbered.push({ protocol: atom.protocol, lo: atom.lo, hi: atom.hi });
  }
  const first = (n: { lo: number }) => (n.lo < 0 ? 65536 : n.lo);
  numbered.sort((a, b) => first(a) - first(b) || PROTOCOL_ORDER.indexOf(a.protocol) - PROTOCOL_ORDER.indexOf(b.protocol));
  for (const n of numbered) parts.push(n.lo < 0 ? `other ${n.protocol} ports` : n.lo === n.hi ? `${n.protocol} ${n.lo}` : `${n.protocol} ${n.lo}-${n.hi}`);
  for (const protocol of PROTOCOL_ORDER) if (whole.has(protocol)) parts.push(`all ${protocol}`);
  return parts.join(', ');
}
