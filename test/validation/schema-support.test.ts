import schema from '../support/networkpolicy.schema.json';
import { expectSchemaValid } from '../support/schema';

function good(): Record<string, any> {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'allow-dns', namespace: 'production', labels: { app: 'web' } },
    spec: {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
        },
        { to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 'https' }, { port: 8000, endPort: 8080 }] },
      ],
    },
  };
}

test('a good manifest passes', () => {
  expect(() => expectSchemaValid(good())).not.toThrow();
});

test('a manifest exported with server-set metadata passes (managedFields content is free-form)', () => {
  const manifest = good();
  Object.assign(manifest.metadata, {
    uid: 'f00',
    resourceVersion: '12',
    generation: 1,
    creationTimestamp: '2024-01-01T00:00:00Z',
    managedFields: [{ manager: 'kubectl', operation: 'Apply', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:podSelector': {} } } }],
  });
  expect(() => expectSchemaValid(manifest)).not.toThrow();
});

describe('a bad manifest fails, naming the problem', () => {
  test.each<[string, (m: Record<string, any>) => void, RegExp]>([
    // kubernetes-models accepts unknown fields: only the strict schema catches these.
    ['unknown field in a rule', (m) => { m.spec.egress[0].form = []; }, /strict schema: \/spec\/egress\/0 must NOT have additional properties 'form'/],
    ['unknown field at the top', (m) => { m.extra = true; }, /strict schema: \(root\) must NOT have additional properties 'extra'/],
    ['unknown metadata field', (m) => { m.metadata.nmae = 'x'; }, /additional properties 'nmae'/],
    ['port of the wrong type', (m) => { m.spec.egress[0].ports[0].port = true; }, /\/spec\/egress\/0\/ports\/0\/port must be/],
    ['fractional port', (m) => { m.spec.egress[0].ports[0].port = 53.5; }, /\/spec\/egress\/0\/ports\/0\/port must be integer/],
    ['label value not a string', (m) => { m.metadata.labels.app = 1; }, /\/metadata\/labels\/app must be string/],
    ['missing podSelector', (m) => { delete m.spec.podSelector; }, /must have required property 'podSelector'/],
    ['missing spec', (m) => { delete m.spec; }, /strict schema: \(root\) must have required property 'spec'/],
    ['wrong kind', (m) => { m.kind = 'Pod'; }, /\/kind must be equal to constant/],
    // Enums come from kubernetes-models.
    ['unknown protocol', (m) => { m.spec.egress[0].ports[0].protocol = 'ICMP'; }, /kubernetes-models: \/spec\/egress\/0\/ports\/0\/protocol must be equal to one of the allowed values/],
  ])('%s', (_name, change, expected) => {
    const manifest = good();
    change(manifest);
    expect(() => expectSchemaValid(manifest)).toThrow(expected);
  });
});

test('the committed schema rejects unknown fields on every object type except free-form FieldsV1', () => {
  // Guards against regenerating the schema without additionalProperties: false.
  const definitions: Record<string, any> = schema.definitions;
  const open = Object.entries(definitions)
    .filter(([, definition]) => definition.type === 'object' && definition.properties !== undefined && definition.additionalProperties !== false)
    .map(([name]) => name);
  expect(open).toEqual([]);
  expect(definitions.FieldsV1.additionalProperties).toBe(true);
  expect(definitions.NetworkPolicyPort.properties.port.type).toEqual(['integer', 'string']);
});
