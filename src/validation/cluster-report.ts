/**
 * Builds the `ValidationIssue`s of the ClusterNetworkPolicy validator, with the same message shapes as the
 * NetworkPolicy validator (`<field> <value> is invalid: it must ...`, `<field> is required: ...`,
 * `<field> must be <type>, not ...`, `<field> is not a field of <Type>: ...`). Internal.
 *
 * @module
 */
import { closest, describe, sentence, shown, valueText } from './messages';

import { Severity } from '../severity';
import { ValidationIssue } from './issues';


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
