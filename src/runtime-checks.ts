/**
 * Run-time checks of what the public API is given, and helpers that make its values deeply immutable.
 *
 * TypeScript checks its callers, but plain JavaScript and the other jsii languages pass what they pass: a
 * string where an enum member is expected, `null` in a list, a props object with a typo. Each entry point
 * checks its arguments with these helpers, so that a mistake is an error naming where it happened, the
 * argument, the bad value and what would be valid, never a manifest that means something else.
 *
 * Values (selectors, peers, ports, ...) are shared, and some are cached process-wide: their plain data is
 * frozen and their public properties are made read-only. Class instances themselves are never frozen: the
 * jsii kernel attaches a property to every object that crosses the language boundary.
 *
 * Internal: not exported from the package entry point.
 *
 * @module
 */
import { Construct } from 'constructs';
import { editDistanceWithin } from './edit-distance';
import { checkPortNumber } from './validation/syntax';

/** Where a check runs (a call or a construct path), or a function building it: messages are built only on failure. */
export type Where = string | (() => string);

/** A class, whatever its constructor's visibility (value classes have private constructors). */
export interface Class<T> {
  readonly prototype: T;
  readonly name: string;
}

/** Whether `value` is an instance of `type`. */
function isInstance<T>(value: unknown, type: Class<T>): value is T {
  return value instanceof (type as unknown as new () => T);
}

/** The longest a value is shown in a message. */
const SHOWN_MAX = 60;

/**
 * Throws an error `<where>: <message>`, or `[<construct path>] <message>` in the style of the construct
 * errors (`where` is then the path in brackets).
 */
export function fail(where: Where, message: string): never {
  const at = typeof where === 'string' ? where : where();
  throw new Error(at.endsWith(']') ? `${at} ${message}` : `${at}: ${message}`);
}

/**
 * A value as a message shows it: strings in single quotes, class instances by their class (and readable
 * form), anything else as JSON; cut to about 60 characters.
 */
export function show(value: unknown): string {
  const text = showFull(value);
  return text.length > SHOWN_MAX ? `${text.slice(0, SHOWN_MAX - 3)}...` : text;
}

function showFull(value: unknown): string {
  switch (typeof value) {
    case 'string': return `'${JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"')}'`;
    case 'undefined': return 'undefined';
    case 'number': return String(value);
    case 'boolean': return String(value);
    case 'bigint': return `${value}n`;
    case 'symbol': return String(value);
    case 'function': return value.name ? `a function (${value.name})` : 'a function';
    default:
  }
  if (value !== null && !Array.isArray(value) && !isPlainObject(value)) {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    const kind = typeof name === 'string' && name !== '' ? name : 'object';
    const readable = (value as { toString?: unknown }).toString;
    if (typeof readable === 'function' && readable !== Object.prototype.toString) {
      try {
        return `a ${kind} (${String(readable.call(value))})`;
      } catch {
        // Shown by its class alone.
      }
    }
    return `a ${kind}`;
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Array.isArray(value) ? 'a list that cannot be shown as JSON' : 'an object that cannot be shown as JSON';
  }
}

/** Whether a value is a plain object (`{...}` or `Object.create(null)`): not null, not a list, not a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Joins names as prose: `a`, `a or b`, `a, b or c`. */
export function orList(names: readonly string[], word = 'or'): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} ${word} ${names[names.length - 1]}`;
}

/** A string, else an error. */
export function checkString(value: unknown, where: Where, what: string): string {
  if (typeof value !== 'string') fail(where, `${what} must be a string, got ${show(value)}`);
  return value;
}

/** A string or undefined (null is refused: it is never what a typed caller passes). */
export function checkOptionalString(value: unknown, where: Where, what: string): string | undefined {
  return value === undefined ? undefined : checkString(value, where, what);
}

/** A boolean or undefined. */
export function checkOptionalBoolean(value: unknown, where: Where, what: string): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') fail(where, `${what} must be true or false, got ${show(value)}`);
  return value;
}

/** A port number: a whole number from 1 to 65535. */
function checkPort(value: unknown, where: Where, what: string): number {
  if (typeof value !== 'number' || checkPortNumber(value) !== undefined) {
    fail(where, `${what} ${show(value)} must be a whole number from 1 to 65535`);
  }
  return value;
}

/**
 * A member of a string enum, e.g. `checkEnum(p, Protocol, 'Protocol', where, 'protocol')`:
 * `protocol 'tcp' is not a Protocol: use Protocol.TCP, Protocol.UDP or Protocol.SCTP`.
 */
export function checkEnum<T extends string>(value: unknown, members: Record<string, T>, enumName: string, where: Where, what: string): T {
  if (!(Object.values(members) as unknown[]).includes(value)) {
    fail(where, `${what} ${show(value)} is not a${/^[AEIOU]/.test(enumName) ? 'n' : ''} ${enumName}: use ${orList(Object.keys(members).map((name) => `${enumName}.${name}`))}`);
  }
  return value as T;
}

/** A plain object (not null, not a list), else an error describing what it should hold. */
export function checkObject(value: unknown, where: Where, what: string, shape: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(where, `${what} must be an object ${shape}, got ${show(value)}`);
  }
  return value as Record<string, unknown>;
}

/**
 * A props or options object (undefined gives `{}`) with no key other than `known`: a misspelt optional
 * property would otherwise be dropped without a word.
 *
 * @param noun `property` for construct props, `option` for options
 */
export function checkProps<T>(value: T | undefined, where: Where, what: string, known: readonly string[], noun: 'property' | 'option'): T {
  if (value === undefined) return {} as T;
  const object = checkObject(value, where, what, `{ ${known.map((k) => `${k}?`).join(', ')} }`);
  checkKnownKeys(object, where, known, noun, ['props', 'options', 'properties'].includes(what) ? undefined : what);
  return value;
}

/**
 * Throws for the first own key of `object` that is not `known`, naming the known ones (and the closest).
 *
 * @param owner the field holding the object, when it is not the argument itself (e.g. `frontend`)
 */
function checkKnownKeys(object: object, where: Where, known: readonly string[], noun: 'property' | 'option', owner?: string): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) {
      const closest = known.find((k) => k.toLowerCase() === key.toLowerCase()) ?? known.find((k) => editDistanceWithin(k, key, 2) <= 2);
      const hint = closest === undefined ? '' : `; did you mean '${closest}'?`;
      const of = owner === undefined ? '' : ` of ${owner}`;
      fail(where, `unknown ${noun}${of} ${show(key)}${hint} (the ${noun === 'property' ? 'properties' : 'options'} are ${orList(known, 'and')})`);
    }
  }
}

/** A list, else an error. */
export function checkArray(value: unknown, where: Where, what: string, of: string): unknown[] {
  if (!Array.isArray(value)) fail(where, `${what} must be a list of ${of}, got ${show(value)}`);
  return value;
}

/**
 * An instance of `type` (never null), e.g. `peer must be a Peer (Peer.pods(...), Peer.ipv4(...), ...), got null`.
 *
 * @param hint how to make one
 */
export function checkInstance<T>(value: unknown, type: Class<T>, where: Where, what: string, hint: string, typeName = type.name): T {
  if (!isInstance(value, type)) fail(where, `${what} must be ${article(typeName)} ${typeName} (${hint}), got ${show(value)}`);
  return value;
}

/** `a` or `an`, for a class name. */
function article(name: string): string {
  return /^[AEIOU]/.test(name) ? 'an' : 'a';
}

/** An instance of `type`, or undefined. */
export function checkOptionalInstance<T>(
  value: unknown, type: Class<T>, where: Where, what: string, hint: string,
): T | undefined {
  return value === undefined ? undefined : checkInstance(value, type, where, what, hint);
}

/** A list of instances of `type` (no null elements); the elements are named `<what>[i]`. */
export function checkInstances<T>(value: unknown, type: Class<T>, where: Where, what: string, hint: string): T[] {
  const list = checkArray(value, where, what, `${type.name} values`);
  for (let i = 0; i < list.length; i++) {
    if (!isInstance(list[i], type)) fail(where, `${what}[${i}] must be ${article(type.name)} ${type.name} (${hint}), got ${show(list[i])}`);
  }
  return list as T[];
}

/** A list of strings. */
export function checkStrings(value: unknown, where: Where, what: string): string[] {
  const list = checkArray(value, where, what, 'strings');
  for (let i = 0; i < list.length; i++) {
    if (typeof list[i] !== 'string') fail(where, `${what}[${i}] must be a string, got ${show(list[i])}`);
  }
  return list as string[];
}

/**
 * A label map: a plain object of label keys to string values (the values are checked here; the keys'
 * syntax is left to the caller, which knows the message to give).
 */
export function checkLabelMap(value: unknown, where: Where, what: string): Record<string, string> {
  if (!isPlainObject(value)) {
    fail(where, `${what} must be an object of label keys to values, e.g. { app: 'web' }, got ${show(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (typeof value[key] !== 'string') {
      fail(where, `${what}: label ${show(key)} has value ${show(value[key])}; label values are strings`);
    }
  }
  return value as Record<string, string>;
}

/**
 * A fresh object holding `entries` as own, enumerable keys: `__proto__` included, which plain assignment
 * would take as the object's prototype.
 */
export function objectOf<V>(entries: Iterable<readonly [string, V]>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [key, value] of entries) {
    if (key === '__proto__') {
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    } else {
      out[key] = value;
    }
  }
  return out;
}

/**
 * Freezes plain data deeply: plain objects and lists, and what they hold. Class instances inside are left
 * alone (they make their own properties read-only), as are objects already frozen.
 */
export function freezeDeep<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  if (!Array.isArray(value) && !isPlainObject(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) {
    freezeDeep((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * Makes public properties of a class instance read-only and not removable, keeping their current values.
 * Used instead of `Object.freeze(this)`, which would stop the jsii kernel from tagging the instance.
 */
export function lockProperties<T extends object>(target: T, keys: ReadonlyArray<keyof T & string>): void {
  for (const key of keys) {
    Object.defineProperty(target, key, { value: target[key], writable: false, enumerable: true, configurable: false });
  }
}

/** The path a construct `id` will have under `scope`, for messages given before the construct exists. */
export function childPath(scope: unknown, id: unknown): string {
  const name = String(id);
  if (!(scope instanceof Construct)) return name;
  const parent = scope.node.path;
  return parent === '' ? name : `${parent}/${name}`;
}

/** The fields of `LintOptions`. */
const LINT_OPTION_KEYS: readonly string[] = ['disabledRules', 'dnsNamespace', 'dnsPodLabels', 'dnsPort', 'strictCidr'];

/**
 * Checks lint options (`LintOptions`, or the plugin's properties with `extraKeys`): no unknown key (a
 * misspelt `disabledRule` would silently run every rule) and values of the right types. Rule names and
 * the DNS namespace's syntax are checked by the linter itself.
 */
export function checkLintOptions(options: unknown, where: Where, noun: 'property' | 'option', extraKeys: readonly string[] = []): void {
  if (options === undefined) return;
  const known = [...LINT_OPTION_KEYS, ...extraKeys];
  const checked = checkProps(options as Record<string, unknown>, where, noun === 'property' ? 'properties' : 'options', known, noun);
  if (checked.disabledRules !== undefined) checkStrings(checked.disabledRules, where, 'disabledRules');
  checkOptionalString(checked.dnsNamespace, where, 'dnsNamespace');
  if (checked.dnsPodLabels !== undefined) checkLabelMap(checked.dnsPodLabels, where, 'dnsPodLabels');
  if (checked.dnsPort !== undefined) checkPort(checked.dnsPort, where, 'dnsPort');
  checkOptionalBoolean(checked.strictCidr, where, 'strictCidr');
}
