/**
 * Plain scalars and keys as kubectl reads them (go-yaml v2's resolve, YAML 1.1), and as a YAML 1.2 tool
 * reads them, for the YAML reader's two paths (`yaml.ts`, `yaml-block.ts`). Internal.
 *
 * @module
 */

/** Sets a key as JSON.parse does: `__proto__` is a key like any other. */
export function setKey(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    object[key] = value;
  }
}

/** A map key as sigs.k8s.io/yaml makes it a JSON key: `on:` is the key "true", `8080:` the key "8080". */
export function keyString(value: unknown, fail: (detail: string) => never): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '.nan';
    if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
    return String(value);
  }
  return fail('a mapping key must not be null (kubectl refuses it): quote it');
}

// What go-yaml v2 looks at first: the first character of a plain scalar.
const SIGN = 1;
const DIGIT = 2;
const MAPPED = 3;
const DOT = 4;
const HINTS = new Uint8Array(65536);
HINTS[0x2b] = SIGN;
HINTS[0x2d] = SIGN;
for (let c = 0x30; c <= 0x39; c++) HINTS[c] = DIGIT;
for (const c of 'yYnNtTfFoO~') HINTS[c.charCodeAt(0)] = MAPPED;
HINTS[0x2e] = DOT;

/** The plain scalars go-yaml v2 reads by name. */
const NAMED = new Map<string, unknown>();
for (const word of ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE']) NAMED.set(word, true);
for (const word of ['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE']) NAMED.set(word, false);
for (const word of ['~', 'null', 'Null', 'NULL']) NAMED.set(word, null);
for (const word of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) NAMED.set(word, Infinity);
for (const word of ['-.inf', '-.Inf', '-.INF']) NAMED.set(word, -Infinity);
for (const word of ['.nan', '.NaN', '.NAN']) NAMED.set(word, NaN);

/** go-yaml's float syntax (checked after the integer forms, on the text without `_`). */
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** A plain scalar as kubectl reads it (go-yaml v2's resolve, read into an untyped value). */
export function resolvePlain(source: string): unknown {
  if (source === '') return null;
  if (isDecimal(source)) return Number(source);
  const hint = HINTS[source.charCodeAt(0)];
  if (hint === 0) return source;
  if (NAMED.has(source)) return NAMED.get(source);
  switch (hint) {
    case MAPPED:
      return source;
    case DOT:
      if (DOT_FLOAT.test(source)) {
        const value = Number(source);
        if (Number.isFinite(value)) return value;
      }
      return source;
    default: {
      // Timestamps (`2024-01-01`) stay strings in an untyped read, and no timestamp is a number.
      const plain = source.includes('_') ? source.replace(/_/g, '') : source;
      const integer = goParseInt(plain);
      if (integer !== undefined) return Number(integer);
      if (FLOAT.test(plain)) {
        const value = Number(plain);
        if (Number.isFinite(value)) return value;
      }
      return source;
    }
  }
}

/**
 * Go's `strconv.ParseInt(text, 0, 64)`, then `ParseUint`: a sign, then `0x`, `0o`, `0b` or a leading
 * `0` (octal), or decimal digits. Undefined when it is not one, or out of range.
 */
function goParseInt(text: string): bigint | undefined {
  const signed = text.charCodeAt(0) === 0x2b || text.charCodeAt(0) === 0x2d;
  const negative = text.charCodeAt(0) === 0x2d;
  const body = signed ? text.slice(1) : text;
  let magnitude: bigint;
  if (/^0[xX][0-9a-fA-F]+$/.test(body)) magnitude = BigInt(`0x${body.slice(2)}`);
  else if (/^0[oO][0-7]+$/.test(body)) magnitude = BigInt(`0o${body.slice(2)}`);
  else if (/^0[bB][01]+$/.test(body)) magnitude = BigInt(`0b${body.slice(2)}`);
  else if (/^0[0-7]+$/.test(body)) magnitude = BigInt(`0o${body.slice(1)}`);
  else if (body === '0' || /^[1-9][0-9]*$/.test(body)) magnitude = BigInt(body);
  else return undefined;
  const value = negative ? -magnitude : magnitude;
  if (value >= INT64_MIN && value <= INT64_MAX) return value;
  // ParseUint takes no sign.
  if (!signed && value <= UINT64_MAX) return value;
  return undefined;
}

/** A plain scalar as a YAML 1.2 (core schema) tool reads it. */
export function resolveCore(source: string): unknown {
  if (isDecimal(source)) return Number(source);
  switch (source) {
    case '': case '~': case 'null': case 'Null': case 'NULL': return null;
    case 'true': case 'True': case 'TRUE': return true;
    case 'false': case 'False': case 'FALSE': return false;
    case '.inf': case '.Inf': case '.INF': case '+.inf': case '+.Inf': case '+.INF': return Infinity;
    case '-.inf': case '-.Inf': case '-.INF': return -Infinity;
    case '.nan': case '.NaN': case '.NAN': return NaN;
  }
  if (/^[-+]?[0-9]+$/.test(source)) return Number(source);
  if (/^0o[0-7]+$/.test(source)) return Number(BigInt(source));
  if (/^0x[0-9a-fA-F]+$/.test(source)) return Number(BigInt(source));
  if (FLOAT.test(source)) return Number(source);
  return source;
}

function sameReading(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}

/**
 * What a YAML 1.2 tool reads for a plain scalar kubectl read as `kubectl`, when the two differ; undefined
 * when they agree. A scalar whose first character go-yaml reads no other way (a letter other than y, n,
 * t, f, o), or a word kubectl kept as text, is text to both.
 */
export function yaml12Reading(source: string, kubectl: unknown): { yaml12: unknown } | undefined {
  const hint = HINTS[source.charCodeAt(0)];
  if (hint === 0 || (hint === MAPPED && kubectl === source)) return undefined;
  const yaml12 = resolveCore(source);
  return sameReading(kubectl, yaml12) ? undefined : { yaml12 };
}

/** `0`, or 1 to 15 digits not starting with 0 (a port, a replica count): one integer to YAML 1.1 and 1.2. */
function isDecimal(source: string): boolean {
  const length = source.length;
  if (length === 0 || length > 15) return false;
  const first = source.charCodeAt(0);
  if (first === 0x30) return length === 1;
  for (let i = 0; i < length; i++) {
    const c = source.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}
