/**
 * Builds the `ValidationIssue`s of the ClusterNetworkPolicy validator, with the same message shapes as the
 * NetworkPolicy validator (`<field> <value> is invalid: it must ...`, `<field> is required: ...`,
 * `<field> must be <type>, not ...`, `<field> is not a field of <Type>: ...`). Internal.
 *
 * @module
 */
import { editDistanceWithin } from '../edit-distance';
import { Severity } from '../severity';
import { ValidationIssue } from './issues';

const MAX_SHOWN = 200;

/** Collects issues in document order. */
export class IssueReport {
  /** The issues so far. */
  public readonly issues: ValidationIssue[] = [];

  /** Report a field the API server requires but the manifest leaves out (or sets to null). */
  public required(field: string, hint: string): void {
    this.issues.push({ severity: Severity.ERROR, field, message: `${field} is required: ${hint}.` });
  }

  /** Report a value that has the right type but breaks a rule; `reason` says what would be valid. */
  public invalid(field: string, value: unknown, reason: string, severity: Severity = Severity.ERROR): void {
    this.issues.push({ severity, field, value: valueText(value), message: `${field} ${shown(value)} is invalid: ${sentence(reason)}` });
  }

  /** Report a value the API server accepts but that is probably not what was meant. */
  public warn(field: string, value: unknown, message: string): void {
    this.issues.push({ severity: Severity.WARNING, field, value: value === undefined ? undefined : valueText(value), message });
  }

  /** Report a value of the wrong JSON type. */
  public wrongType(field: string, value: unknown, expected: string): void {
    // YAML reads `version: 1.0` or `enabled: true` as a number or boolean: quoting it makes it a string.
    const quoteHint = expected.includes('string') && (typeof value === 'number' || typeof value === 'boolean')
      ? ` (in YAML, quote it: "${String(value)}")`
      : '';
    this.issues.push({
      severity: Severity.ERROR,
      field,
      value: valueText(value),
      message: `${field} must be ${expected}, not ${value == null ? describe(value) : `${describe(value)} ${shown(value)}`}${quoteHint}.`,
    });
  }

  /**
   * Report every key of `object` that `known` does not list: the CRD schema is structural without
   * `x-kubernetes-preserve-unknown-fields`, so the API server rejects unknown fields (kubectl's default strict
   * field validation) or, with validation off, prunes them silently. `explain` can replace the message of a
   * particular key. Returns whether any key was reported.
   */
  public unknownFields(
    object: Record<string, unknown>, path: string, known: ReadonlySet<string>, typeName: string,
    explain?: (key: string, field: string) => string | undefined,
  ): boolean {
    let found = false;
    for (const key in object) {
      if (known.has(key)) continue;
      found = true;
      const field = path === '' ? key : `${path}.${key}`;
      const special = explain?.(key, field);
      if (special !== undefined) {
        this.issues.push({ severity: Severity.ERROR, field, message: special });
        continue;
      }
      const guess = closest(key, known);
      const hint = guess === undefined ? '' : ` Did you mean '${guess}'?`;
      this.issues.push({
        severity: Severity.ERROR,
        field,
        message: `${field} is not a field of ${typeName}: the API server rejects unknown fields `
          + `(or, with validation off, drops them silently).${hint} Valid fields: ${[...known].join(', ')}.`,
      });
    }
    return found;
  }
}

/** The known field closest to a misspelt one: same letters ignoring case, or at most two edits away. */
function closest(key: string, known: ReadonlySet<string>): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = candidate.toLowerCase() === lower ? 0 : editDistanceWithin(lower, candidate.toLowerCase(), 2);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // Two edits turn any short word into another: demand a longer key for a guess that far off.
  return bestDistance <= 1 || (best !== undefined && key.length > 3) ? best : undefined;
}

/** A field-level reason ('must be ...') as the end of a sentence about the value ('it must be ...'). */
export function sentence(reason: string): string {
  const text = reason.startsWith('must ') ? `it ${reason}` : reason;
  return text.endsWith('.') ? text : `${text}.`;
}

/** A JSON type in words: 'a string', 'a list', 'null'. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'object': return 'an object';
    case 'string': return 'a string';
    case 'number': return 'a number';
    case 'boolean': return 'a boolean';
    case 'undefined': return 'undefined';
    default: return `a ${typeof value}`;
  }
}

/** The value as text for `ValidationIssue.value`: strings as they are, anything else as JSON. */
export function valueText(value: unknown): string {
  return typeof value === 'string' ? shorten(value) : json(value);
}

/** The value as it appears in a message: strings quoted, anything else as JSON. */
export function shown(value: unknown): string {
  return typeof value === 'string' ? quote(value) : json(value);
}

/** A string as a quoted JSON literal, shortened when long. */
export function quote(text: string): string {
  return shorten(JSON.stringify(text));
}

function json(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    // BigInt and circular structures cannot be serialised; never let a bad input throw.
    text = undefined;
  }
  if (text === undefined) {
    try {
      text = String(value);
    } catch {
      text = `(${typeof value})`;
    }
  }
  return shorten(text);
}

function shorten(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}
