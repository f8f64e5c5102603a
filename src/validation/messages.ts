/**
 * The words of the validators' messages, shared by the NetworkPolicy and ClusterNetworkPolicy validators: a
 * value as a message shows it (shortened, never throwing), a JSON type in words, a reason as a sentence, and
 * the known field a misspelt one was meant to be. Internal.
 *
 * @module
 */
import { editDistanceWithin } from '../edit-distance';

/** The longest value a message shows. */
const MAX_SHOWN = 200;

/** The known field closest to a misspelt one: same letters ignoring case, or at most two edits away. */
export function closest(key: string, known: Iterable<string>): string | undefined {
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
  // Two edits turn any two-letter word into another: demand a longer key for a guess that far off.
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
      text = `(${typeof value})`; // e.g. an object without a prototype
    }
  }
  return shorten(text);
}

function shorten(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}
