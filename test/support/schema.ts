/**
 * Schema checks for manifests in tests: what a cluster's OpenAPI validation would catch, independent of
 * the library's own validator (so a bug in one is caught by the other).
 *
 * - The strict JSON schema generated from kubernetes-types (see generate-schema.ts) rejects unknown
 *   fields and wrong types.
 * - kubernetes-models checks types, enums (e.g. protocol) and required fields, but accepts unknown fields.
 *
 * Neither checks what only the API server checks (names, labels, CIDRs, port ranges): that is
 * NetworkPolicyValidator's job.
 */
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import schema from './networkpolicy.schema.json';

let strictSchema: ValidateFunction | undefined;

function compiled(): ValidateFunction {
  // Compiled once per test file, on first use.
  strictSchema ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
  return strictSchema;
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  const extra = error.keyword === 'additionalProperties'
    ? ` '${(error.params as { additionalProperty: string }).additionalProperty}'`
    : '';
  return `${where} ${error.message ?? error.keyword}${extra}`;
}

/**
 * Throws an Error listing every problem when the manifest is not a schema-valid NetworkPolicy
 * (strict schema: unknown fields rejected; and kubernetes-models validation).
 */
export function expectSchemaValid(manifest: unknown): void {
  const problems: string[] = [];

  const validate = compiled();
  if (!validate(manifest)) {
    for (const error of validate.errors ?? []) {
      problems.push(`strict schema: ${describeError(error)}`);
    }
  }

  try {
    new NetworkPolicy(manifest as object).validate();
  } catch (error) {
    const errors = (error as { errors?: ErrorObject[] }).errors;
    if (Array.isArray(errors)) {
      for (const e of errors) problems.push(`kubernetes-models: ${describeError(e)}`);
    } else {
      problems.push(`kubernetes-models: ${(error as Error).message}`);
    }
  }

  if (problems.length > 0) {
    throw new Error(`The manifest is not a schema-valid NetworkPolicy:\n  ${problems.join('\n  ')}\n${JSON.stringify(manifest, undefined, 2)}`);
  }
}
