/**
 * Generates networkpolicy.schema.json, the strict JSON schema that tests check synthesized manifests
 * against, from the `kubernetes-types` NetworkPolicy (networking.k8s.io/v1).
 *
 * Run once, and again after upgrading kubernetes-types; commit the output:
 *   npx ts-node --project tsconfig.dev.json test/support/generate-schema.ts
 *
 * Strictness beyond the TypeScript types, applied after generation:
 * - every object rejects unknown fields (additionalProperties: false), except FieldsV1 (managedFields
 *   content, free-form by definition);
 * - numbers are integers: NetworkPolicy and ObjectMeta have no fractional fields (ports are int32);
 * - a manifest must carry apiVersion, kind, metadata and spec (kubernetes-types marks them optional
 *   because the API server fills some in; a manifest we synthesize always has them).
 */
import { writeFileSync } from 'fs';
import { join } from 'path';
import { createGenerator } from 'ts-json-schema-generator';

type Schema = Record<string, any>;

const OUTPUT = join(__dirname, 'networkpolicy.schema.json');

function generate(): Schema {
  const schema = createGenerator({
    path: require.resolve('kubernetes-types/networking/v1.d.ts'),
    type: 'NetworkPolicy',
    additionalProperties: false,
    skipTypeCheck: true,
    expose: 'export',
    topRef: true,
    jsDoc: 'basic',
  }).createSchema('NetworkPolicy') as Schema;

  const definitions: Schema = schema.definitions;
  const fields = definitions.FieldsV1;
  if (fields) {
    fields.additionalProperties = true;
  }
  const root = definitions.NetworkPolicy;
  root.required = ['apiVersion', 'kind', 'metadata', 'spec'];
  toIntegers(schema);
  return schema;
}

function toIntegers(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(toIntegers);
  } else if (node !== null && typeof node === 'object') {
    const object = node as Schema;
    if (object.type === 'number') object.type = 'integer';
    if (Array.isArray(object.type)) object.type = object.type.map((t: string) => (t === 'number' ? 'integer' : t));
    Object.values(object).forEach(toIntegers);
  }
}

writeFileSync(OUTPUT, JSON.stringify(generate(), undefined, 2) + '\n');
console.log(`wrote ${OUTPUT}`);
