/**
 * Strict IP address and CIDR parsing, shared by the validator and the evaluator.
 *
 * Strict on purpose, so that what we accept means the same thing to every consumer of the manifest:
 * - IPv4 is dotted decimal with exactly four parts, each 0-255, without leading zeros (`010.0.0.1` is
 *   read as octal by some parsers and as decimal by others; the API server only accepts it in legacy mode);
 * - IPv6 is any RFC 4291 text form (upper or lower case, `::` compression, trailing dotted IPv4),
 *   without zone ids (`fe80::1%eth0`);
 * - IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`) are rejected: plugins disagree on whether they match
 *   IPv4 traffic, and strict API servers reject them too;
 * - a CIDR needs its `/prefix`, a decimal without leading zeros within the family's range.
 *
 * Internal: not re-exported from the barrel (bigint cannot cross jsii).
 *
 * @module
 */

// Addresses are integers and prefixes are masks: bit operations are the point of this file.
/* eslint-disable no-bitwise */

/** An IP address as an unsigned integer (32 bits for IPv4, 128 bits for IPv6). */
export interface ParsedIp {
  readonly family: 4 | 6;
  readonly value: bigint;
}

/** A parsed CIDR, reduced to its masked network. */
export interface ParsedCidr {
  readonly family: 4 | 6;
  /** Prefix length. */
  readonly prefix: number;
  /** Masked network address. */
  readonly network: bigint;
  /** The text had bits set beyond the prefix (non-canonical, e.g. `10.0.0.1/24`). */
  readonly hostBitsSet: boolean;
  /** Canonical text of the masked network, e.g. `10.0.0.0/24`, `2001:db8::/32`. */
  readonly canonical: string;
}

const BITS: Record<4 | 6, number> = { 4: 32, 6: 128 };

// Masks precomputed per family and prefix length, so containment checks are a single AND.
function buildMasks(bits: number): bigint[] {
  const all = (1n << BigInt(bits)) - 1n;
  const masks: bigint[] = [];
  for (let prefix = 0; prefix <= bits; prefix++) {
    masks.push(all ^ ((1n << BigInt(bits - prefix)) - 1n));
  }
  return masks;
}
const MASKS: Record<4 | 6, bigint[]> = { 4: buildMasks(32), 6: buildMasks(128) };

const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;
const PREFIX_TEXT = /^(0|[1-9][0-9]{0,2})$/;

/** Parse an IPv4 address into a 32-bit number; a string is the reason it is invalid. */
function readIpv4Number(text: string): number | string {
  // A character loop rather than split and regexes: this runs for every ipBlock of every policy at synth.
  let value = 0;
  let parts = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text.charCodeAt(i) !== 0x2e /* . */) continue;
    const length = i - start;
    let octet = 0;
    let digits = length > 0 && length <= 3;
    for (let j = start; digits && j < i; j++) {
      const code = text.charCodeAt(j);
      digits = code >= 0x30 && code <= 0x39;
      octet = octet * 10 + code - 0x30;
    }
    parts++;
    if (parts > 4) break;
    const part = text.slice(start, i);
    if (!digits || octet > 255) {
      return `'${text}' is not a valid IPv4 address: '${part}' must be a number from 0 to 255`;
    }
    if (length > 1 && text.charCodeAt(start) === 0x30) {
      return `'${text}' is not a valid IPv4 address: '${part}' has a leading zero, which some parsers read as octal; write it without`;
    }
    value = value * 256 + octet;
    start = i + 1;
  }
  if (parts !== 4) {
    return `'${text}' is not an IPv4 address: it must have four dot-separated numbers (e.g. 10.0.0.1)`;
  }
  return value;
}

function readIpv4(text: string): bigint | string {
  const value = readIpv4Number(text);
  return typeof value === 'string' ? value : BigInt(value);
}

/** Parse hex groups (and a trailing dotted IPv4) into 16-bit words; a string is the reason. */
function readIpv6Groups(text: string, groups: string[], allowIpv4Tail: boolean, words: number[]): string | undefined {
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i];
    if (allowIpv4Tail && i === groups.length - 1 && group.includes('.')) {
      const v4 = readIpv4(group);
      if (typeof v4 === 'string') {
        return `'${text}' is not a valid IPv6 address: its embedded ${v4}`;
      }
      words.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      continue;
    }
    if (!HEX_GROUP.test(group)) {
      return `'${text}' is not a valid IPv6 address: '${group}' must be 1 to 4 hexadecimal digits`;
    }
    words.push(parseInt(group, 16));
  }
  return undefined;
}

function readIpv6(text: string): bigint | string {
  if (text.includes('%')) {
    return `'${text}' is not allowed: zone ids ('%...') have no meaning in a NetworkPolicy`;
  }
  const gap = text.indexOf('::');
  const head: number[] = [];
  const tail: number[] = [];
  if (gap < 0) {
    const reason = readIpv6Groups(text, text.split(':'), true, head);
    if (reason !== undefined) return reason;
    if (head.length !== 8) {
      return `'${text}' is not a valid IPv6 address: it must have 8 groups of hexadecimal digits, or use '::' for runs of zeros`;
    }
  } else {
    if (text.indexOf('::', gap + 1) >= 0) {
      return `'${text}' is not a valid IPv6 address: '::' may appear only once`;
    }
    const before = text.slice(0, gap);
    const after = text.slice(gap + 2);
    const headReason = before === '' ? undefined : readIpv6Groups(text, before.split(':'), false, head);
    if (headReason !== undefined) return headReason;
    const tailReason = after === '' ? undefined : readIpv6Groups(text, after.split(':'), true, tail);
    if (tailReason !== undefined) return tailReason;
    if (head.length + tail.length > 7) {
      return `'${text}' is not a valid IPv6 address: '::' must stand for at least one group of zeros`;
    }
  }
  const words = gap < 0 ? head : [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  let value = 0n;
  for (const word of words) {
    value = (value << 16n) | BigInt(word);
  }
  if (value >> 32n === 0xffffn) {
    return `'${text}' is an IPv4-mapped IPv6 address, which plugins treat inconsistently: write the IPv4 address itself`;
  }
  return value;
}

function readIp(text: string): ParsedIp | string {
  if (text.includes(':')) {
    const value = readIpv6(text);
    return typeof value === 'string' ? value : { family: 6, value };
  }
  if (text.includes('.')) {
    const value = readIpv4(text);
    return typeof value === 'string' ? value : { family: 4, value };
  }
  return `'${text}' is not an IP address (e.g. 10.0.0.1 or 2001:db8::1)`;
}

/** Parse an IPv4 or IPv6 address; `undefined` when it is not one (see the module notes for what is strict). */
export function parseIp(text: string): ParsedIp | undefined {
  if (typeof text !== 'string') return undefined;
  const ip = readIp(text);
  return typeof ip === 'string' ? undefined : ip;
}

// The same few CIDRs recur across thousands of policies: remember recent answers (results are frozen, so sharing is safe).
const CIDR_CACHE_LIMIT = 4096;
const cidrCache = new Map<string, ParsedCidr | string>();

/** Parse a CIDR such as `10.0.0.0/16` or `2001:db8::/32`; a string is the reason it is invalid. */
export function parseCidr(text: string): ParsedCidr | string {
  if (typeof text !== 'string') {
    return 'must be a string CIDR such as 10.0.0.0/16 or 2001:db8::/32';
  }
  let result = cidrCache.get(text);
  if (result === undefined) {
    result = readCidr(text);
    if (cidrCache.size >= CIDR_CACHE_LIMIT) cidrCache.clear();
    cidrCache.set(text, result);
  }
  return result;
}

function readCidr(text: string): ParsedCidr | string {
  const slash = text.indexOf('/');
  if (slash < 0) {
    return `'${text}' has no prefix length: a CIDR looks like 10.0.0.0/16 or 2001:db8::/32 (use /32 or /128 for one address)`;
  }
  const ip = readIp(text.slice(0, slash));
  if (typeof ip === 'string') {
    return ip;
  }
  const bits = BITS[ip.family];
  const prefixText = text.slice(slash + 1);
  if (!PREFIX_TEXT.test(prefixText) || Number(prefixText) > bits) {
    return `'${text}' has an invalid prefix length '/${prefixText}': it must be a number from 0 to ${bits} for IPv${ip.family}`;
  }
  const prefix = Number(prefixText);
  const network = ip.value & MASKS[ip.family][prefix];
  return Object.freeze({
    family: ip.family,
    prefix,
    network,
    hostBitsSet: network !== ip.value,
    canonical: `${formatIp(ip.family, network)}/${prefix}`,
  });
}

/** Whether the address lies within the CIDR (always false across families). */
export function cidrContainsIp(cidr: ParsedCidr, ip: ParsedIp): boolean {
  return cidr.family === ip.family && (ip.value & MASKS[cidr.family][cidr.prefix]) === cidr.network;
}

/** Whether `inner` lies within `outer` (equal counts as within; always false across families). */
export function cidrContainsCidr(outer: ParsedCidr, inner: ParsedCidr): boolean {
  return outer.family === inner.family
    && inner.prefix >= outer.prefix
    && (inner.network & MASKS[outer.family][outer.prefix]) === outer.network;
}

/** Canonical text of an address: dotted decimal, or RFC 5952 IPv6 (lower case, longest zero run as '::'). */
export function formatIp(family: 4 | 6, value: bigint): string {
  if (family === 4) {
    const n = Number(value);
    return `${n >>> 24}.${(n >>> 16) & 0xff}.${(n >>> 8) & 0xff}.${n & 0xff}`;
  }
  const words: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) {
    words.push(Number((value >> shift) & 0xffffn));
  }
  // RFC 5952: compress the longest run of two or more zero groups, the first one on a tie.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = words.map((word) => word.toString(16));
  if (bestStart < 0) {
    return hex.join(':');
  }
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/**
 * CIDRs indexed by range: the CIDRs containing an address are found with one map lookup per prefix
 * length in use (at most 33 for IPv4, 129 for IPv6), however many CIDRs there are.
 */
export class CidrIndex<T> {
  /** Per family, per prefix length in use: the values by masked network (no text keys: this runs per address). */
  private readonly byPrefix: Record<4 | 6, Map<number, Map<bigint, T[]>>> = { 4: new Map(), 6: new Map() };

  /** Files a value under a CIDR. */
  public add(cidr: ParsedCidr, value: T): void {
    const prefixes = this.byPrefix[cidr.family];
    let networks = prefixes.get(cidr.prefix);
    if (networks === undefined) prefixes.set(cidr.prefix, (networks = new Map()));
    const values = networks.get(cidr.network);
    if (values) values.push(value); else networks.set(cidr.network, [value]);
  }

  /** The values filed under CIDRs that contain the address. */
  public containing(ip: ParsedIp): T[] {
    const found: T[] = [];
    const masks = MASKS[ip.family];
    for (const [prefix, networks] of this.byPrefix[ip.family]) {
      const values = networks.get(ip.value & masks[prefix]);
      if (values) for (const value of values) found.push(value);
    }
    return found;
  }
}
