import { LabelSelector, Namespaces, Peer, Port, Severity } from '../../src';
import * as barrel from '../../src/validation';
import { NetworkPolicyValidator, ValidationIssue } from '../../src/validation';
import { validateNetworkPolicy } from '../../src/validation/validate';
import { expectSchemaValid } from '../support/schema';

type Manifest = Record<string, any>;

/** A valid policy exercising every field; each case below breaks (or varies) one thing in a copy. */
function base(): Manifest {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name: 'backend-policy',
      namespace: 'production',
      labels: { 'app.kubernetes.io/part-of': 'shop' },
      annotations: { 'example.com/owner': 'team-a' },
    },
    spec: {
      podSelector: { matchLabels: { tier: 'backend' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{
        from: [
          { podSelector: { matchLabels: { tier: 'frontend' } } },
          {
            namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['monitoring'] }] },
            podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] },
          },
        ],
        ports: [{ protocol: 'TCP', port: 8080 }, { port: 'metrics' }],
      }],
      egress: [{
        to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }],
        ports: [{ protocol: 'TCP', port: 5432, endPort: 5440 }],
      }],
    },
  };
}

function variant(change: (m: Manifest) => void): Manifest {
  const manifest = base();
  change(manifest);
  return manifest;
}

const errors = (issues: ValidationIssue[]) => issues.filter((i) => i.severity === Severity.ERROR);

describe('the seed article manifests are valid', () => {
  const meta = (name: string) => ({ name, namespace: 'production' });
  const np = (name: string, spec: Manifest): Manifest => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(name), spec });
  const seed: Manifest[] = [
    np('deny-all-ingress', { podSelector: {}, policyTypes: ['Ingress'] }),
    np('deny-all-egress', { podSelector: {}, policyTypes: ['Egress'] }),
    np('deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    np('allow-frontend', {
      podSelector: { matchLabels: { app: 'backend' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
    }),
    np('allow-from-monitoring', {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { purpose: 'monitoring' } } }] }],
    }),
    np('allow-external-db', {
      podSelector: { matchLabels: { app: 'backend' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5432 }] }],
    }),
    np('allow-dns', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }] }],
    }),
    np('frontend-policy', {
      podSelector: { matchLabels: { tier: 'frontend' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [], ports: [{ port: 80 }] }],
      egress: [
        { to: [{ podSelector: { matchLabels: { tier: 'backend' } } }], ports: [{ port: 8080 }] },
        { to: [{ namespaceSelector: {} }], ports: [{ port: 53, protocol: 'UDP' }] },
      ],
    }),
    np('backend-policy', {
      podSelector: { matchLabels: { tier: 'backend' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { tier: 'frontend' } } }], ports: [{ port: 8080 }] }],
      egress: [{ to: [{ podSelector: { matchLabels: { tier: 'database' } } }], ports: [{ port: 5432 }] }],
    }),
    np('database-policy', {
      podSelector: { matchLabels: { tier: 'database' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { tier: 'backend' } } }], ports: [{ port: 5432 }] }],
    }),
  ];
  test.each(seed.map((m) => [m.metadata.name, m]))('%s', (_name, manifest) => {
    expect(validateNetworkPolicy(manifest)).toEqual([]);
    expectSchemaValid(manifest); // the independent schema check agrees
  });
});

describe('valid variants produce no issues', () => {
  test.each<[string, (m: Manifest) => void]>([
    ['the base manifest', () => undefined],
    ['no namespace (not required by default)', (m) => { delete m.metadata.namespace; }],
    ['generateName instead of name', (m) => { delete m.metadata.name; m.metadata.generateName = 'backend-'; }],
    ['server-set metadata from kubectl get -o yaml', (m) => {
      Object.assign(m.metadata, { uid: 'abc', resourceVersion: '1', generation: 1, creationTimestamp: '2024-01-01T00:00:00Z', managedFields: [] });
    }],
    ['podSelector {} selects all pods', (m) => { m.spec.podSelector = {}; }],
    ['no policyTypes', (m) => { delete m.spec.policyTypes; }],
    ['empty policyTypes', (m) => { m.spec.policyTypes = []; }],
    ['ingress: [] (deny all)', (m) => { m.spec.ingress = []; }],
    ['ingress: [{}] (allow all)', (m) => { m.spec.ingress = [{}]; }],
    ['from: [] (all sources)', (m) => { m.spec.ingress[0].from = []; }],
    ['null optional fields are absent (YAML `from:` with nothing)', (m) => {
      m.spec.ingress[0].from = null; m.spec.ingress[0].ports = null; m.spec.egress = null; m.metadata.labels = null;
    }],
    ['empty label value', (m) => { m.spec.podSelector.matchLabels.tier = ''; }],
    ['NotIn with values', (m) => { m.spec.podSelector = { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev', ''] }] }; }],
    ['DoesNotExist with an empty values list', (m) => { m.spec.podSelector = { matchExpressions: [{ key: 'env', operator: 'DoesNotExist', values: [] }] }; }],
    ['UDP and SCTP', (m) => { m.spec.ingress[0].ports = [{ protocol: 'UDP', port: 53 }, { protocol: 'SCTP', port: 9 }]; }],
    ['port range of one port', (m) => { m.spec.egress[0].ports = [{ port: 5432, endPort: 5432 }]; }],
    ['port range to 65535', (m) => { m.spec.egress[0].ports = [{ port: 32768, endPort: 65535 }]; }],
    ['a port with only a protocol (all ports)', (m) => { m.spec.egress[0].ports = [{ protocol: 'UDP' }]; }],
    ['IPv6 CIDR, upper case', (m) => { m.spec.egress[0].to = [{ ipBlock: { cidr: '2001:DB8::/32', except: ['2001:db8:ffff::/48'] } }]; }],
    ['0.0.0.0/0 except private ranges', (m) => {
      m.spec.egress[0].to = [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }];
    }],
    ['annotation key with upper-case prefix (checked case-insensitively)', (m) => { m.metadata.annotations = { 'Example.com/Owner': 'x' }; }],
  ])('%s', (name, change) => {
    const manifest = variant(change);
    expect(validateNetworkPolicy(manifest)).toEqual([]);
    // The independent schema check agrees, except that it does not read null as "absent" like the API server does.
    if (!name.startsWith('null')) {
      expectSchemaValid(manifest);
    }
  });
});

/**
 * [description, change, field path, text the message must contain (the bad value or what is valid)].
 * Each change must produce exactly one issue, an ERROR on that field.
 */
const invalidCases: Array<[string, (m: Manifest) => void, string, string[]]> = [
  // apiVersion, kind
  ['apiVersion missing', (m) => { delete m.apiVersion; }, 'apiVersion', ["'networking.k8s.io/v1'"]],
  ['apiVersion v1beta1', (m) => { m.apiVersion = 'extensions/v1beta1'; }, 'apiVersion', ['"extensions/v1beta1"', "'networking.k8s.io/v1'"]],
  ['apiVersion a number', (m) => { m.apiVersion = 1; }, 'apiVersion', ['a number 1']],
  ['kind wrong', (m) => { m.kind = 'NetworkPolicies'; }, 'kind', ['"NetworkPolicies"', "'NetworkPolicy'"]],
  ['kind missing', (m) => { delete m.kind; }, 'kind', ['is required']],
  // metadata
  ['metadata missing', (m) => { delete m.metadata; }, 'metadata', ['is required']],
  ['metadata a list', (m) => { m.metadata = []; }, 'metadata', ['must be an object, not a list']],
  ['name missing', (m) => { delete m.metadata.name; }, 'metadata.name', ['is required']],
  ['name empty', (m) => { m.metadata.name = ''; }, 'metadata.name', ['is required']],
  ['name upper case', (m) => { m.metadata.name = 'Backend'; }, 'metadata.name', ['"Backend"', 'DNS-1123 subdomain']],
  ['name too long', (m) => { m.metadata.name = 'a'.repeat(254); }, 'metadata.name', ['no more than 253']],
  ['name a number', (m) => { m.metadata.name = 42; }, 'metadata.name', ['must be a string, not a number 42', 'quote it']],
  ['generateName invalid', (m) => { delete m.metadata.name; m.metadata.generateName = 'Web_'; }, 'metadata.generateName', ['"Web_"']],
  ['namespace with a dot', (m) => { m.metadata.namespace = 'team.a'; }, 'metadata.namespace', ['"team.a"', 'DNS-1123 label']],
  ['namespace too long', (m) => { m.metadata.namespace = 'n'.repeat(64); }, 'metadata.namespace', ['no more than 63']],
  ['namespace an object', (m) => { m.metadata.namespace = {}; }, 'metadata.namespace', ['must be a string, not an object']],
  ['label key invalid', (m) => { m.metadata.labels = { 'bad key': 'x' }; }, 'metadata.labels[bad key]', ['label key "bad key"']],
  ['label value invalid', (m) => { m.metadata.labels = { app: '-web' }; }, 'metadata.labels[app]', ['label value "-web"']],
  ['label value a number', (m) => { m.metadata.labels = { version: 1.5 }; }, 'metadata.labels[version]', ['a number 1.5', '"1.5"']],
  ['labels a list', (m) => { m.metadata.labels = ['app']; }, 'metadata.labels', ['must be an object']],
  ['annotation key invalid', (m) => { m.metadata.annotations = { '/x': 'y' }; }, 'metadata.annotations[/x]', ['annotation key "/x"', 'prefix']],
  ['annotation value a boolean', (m) => { m.metadata.annotations = { enabled: true }; }, 'metadata.annotations[enabled]', ['a boolean true', '"true"']],
  ['annotations too large', (m) => { m.metadata.annotations = { big: 'x'.repeat(256 * 1024) }; }, 'metadata.annotations', ['262147 bytes', '262144']],
  ['unknown metadata field', (m) => { m.metadata.nmae = 'x'; }, 'metadata.nmae', ["Did you mean 'name'"]],
  // spec
  ['spec missing', (m) => { delete m.spec; }, 'spec', ['is required', 'podSelector']],
  ['spec a string', (m) => { m.spec = 'deny'; }, 'spec', ['must be an object, not a string "deny"']],
  ['podSelector missing', (m) => { delete m.spec.podSelector; }, 'spec.podSelector', ['is required', '{}']],
  ['podSelector null', (m) => { m.spec.podSelector = null; }, 'spec.podSelector', ['is required']],
  ['podSelector a string', (m) => { m.spec.podSelector = 'app=web'; }, 'spec.podSelector', ['"app=web"', 'label selector object']],
  ['unknown top-level field', (m) => { m.sepc = {}; }, 'sepc', ["Did you mean 'spec'"]],
  ['status (alpha in Kubernetes 1.24-1.27 only)', (m) => { m.status = {}; }, 'status', ['not a field of a NetworkPolicy']],
  ['unknown spec field (typo that would widen the policy)', (m) => { m.spec.ingres = []; }, 'spec.ingres', ["Did you mean 'ingress'"]],
  // policyTypes
  ['policyTypes lower case', (m) => { m.spec.policyTypes = ['ingress']; }, 'spec.policyTypes[0]', ['"ingress"', "'Ingress'"]],
  ['policyTypes unknown', (m) => { m.spec.policyTypes = ['Ingress', 'Both']; }, 'spec.policyTypes[1]', ['"Both"', "'Ingress' or 'Egress'"]],
  ['policyTypes a string', (m) => { m.spec.policyTypes = 'Ingress'; }, 'spec.policyTypes', ['must be a list', '"Ingress"']],
  ['policyTypes a number entry', (m) => { m.spec.policyTypes = [1]; }, 'spec.policyTypes[0]', ['a number 1']],
  // rules
  ['ingress an object', (m) => { m.spec.ingress = { from: [] }; }, 'spec.ingress', ['must be a list of rules, not an object']],
  ['ingress rule null', (m) => { m.spec.ingress = [null]; }, 'spec.ingress[0]', ['not null']],
  ['egress rule a string', (m) => { m.spec.egress = ['all']; }, 'spec.egress[0]', ['"all"']],
  ['from an object', (m) => { m.spec.ingress[0].from = { podSelector: {} }; }, 'spec.ingress[0].from', ['must be a list of peers']],
  ['ports an object', (m) => { m.spec.egress[0].ports = { port: 53 }; }, 'spec.egress[0].ports', ['must be a list of ports']],
  ['typo "form" would allow all sources', (m) => { m.spec.ingress[0].form = m.spec.ingress[0].from; delete m.spec.ingress[0].from; }, 'spec.ingress[0].form', ["Did you mean 'from'"]],
  ['egress rule with "from"', (m) => { m.spec.egress[0].from = []; }, 'spec.egress[0].from', ['not a field of NetworkPolicyEgressRule', 'Valid fields: to, ports']],
  // peers
  ['empty peer {}', (m) => { m.spec.ingress[0].from = [{}]; }, 'spec.ingress[0].from[0]', ['{}', 'podSelector, namespaceSelector or ipBlock', "leave 'from' out"]],
  ['empty egress peer', (m) => { m.spec.egress[0].to = [{ podSelector: null }]; }, 'spec.egress[0].to[0]', ["leave 'to' out"]],
  ['ipBlock with podSelector', (m) => { m.spec.egress[0].to[0].podSelector = {}; }, 'spec.egress[0].to[0]', ['may not be combined', 'separate peers']],
  ['ipBlock with namespaceSelector', (m) => { m.spec.egress[0].to[0].namespaceSelector = {}; }, 'spec.egress[0].to[0]', ['may not be combined']],
  ['peer a list', (m) => { m.spec.ingress[0].from = [[]]; }, 'spec.ingress[0].from[0]', ['not a list']],
  ['unknown peer field', (m) => { m.spec.ingress[0].from[0].podSelectr = {}; }, 'spec.ingress[0].from[0].podSelectr', ["Did you mean 'podSelector'"]],
  // ipBlock
  ['cidr missing', (m) => { delete m.spec.egress[0].to[0].ipBlock.cidr; delete m.spec.egress[0].to[0].ipBlock.except; }, 'spec.egress[0].to[0].ipBlock.cidr', ['is required']],
  ['cidr a number', (m) => { m.spec.egress[0].to[0].ipBlock = { cidr: 10 }; }, 'spec.egress[0].to[0].ipBlock.cidr', ['a number 10']],
  ['cidr octet out of range', (m) => { m.spec.egress[0].to[0].ipBlock = { cidr: '300.1.1.1/8' }; }, 'spec.egress[0].to[0].ipBlock.cidr', ['"300.1.1.1/8"', '0 to 255']],
  ['cidr without prefix', (m) => { m.spec.egress[0].to[0].ipBlock = { cidr: '10.0.0.1' }; }, 'spec.egress[0].to[0].ipBlock.cidr', ['"10.0.0.1"', '/32']],
  ['cidr prefix too long', (m) => { m.spec.egress[0].to[0].ipBlock = { cidr: '10.0.0.0/33' }; }, 'spec.egress[0].to[0].ipBlock.cidr', ['"10.0.0.0/33"', '0 to 32']],
  ['ipBlock a string', (m) => { m.spec.egress[0].to[0].ipBlock = '10.0.0.0/8'; }, 'spec.egress[0].to[0].ipBlock', ['"10.0.0.0/8"', "'cidr'"]],
  ['except a string', (m) => { m.spec.egress[0].to[0].ipBlock.except = '10.1.0.0/16'; }, 'spec.egress[0].to[0].ipBlock.except', ['must be a list']],
  ['except invalid', (m) => { m.spec.egress[0].to[0].ipBlock.except = ['10.1.0.0/40']; }, 'spec.egress[0].to[0].ipBlock.except[0]', ['"10.1.0.0/40"']],
  ['except outside cidr', (m) => { m.spec.egress[0].to[0].ipBlock.except = ['192.168.0.0/16']; }, 'spec.egress[0].to[0].ipBlock.except[0]', ['"192.168.0.0/16"', 'strict subset of cidr "10.0.0.0/8"', 'not inside']],
  ['except equal to cidr', (m) => { m.spec.egress[0].to[0].ipBlock.except = ['10.0.0.0/8']; }, 'spec.egress[0].to[0].ipBlock.except[0]', ['strict subset', 'all of it']],
  ['except wider than cidr', (m) => { m.spec.egress[0].to[0].ipBlock.except = ['10.0.0.0/7']; }, 'spec.egress[0].to[0].ipBlock.except[0]', ['strict subset']],
  ['except other family', (m) => { m.spec.egress[0].to[0].ipBlock.except = ['2001:db8::/32']; }, 'spec.egress[0].to[0].ipBlock.except[0]', ['IPv4 CIDR', 'not IPv6']],
  ['except entry a number', (m) => { m.spec.egress[0].to[0].ipBlock.except = [10]; }, 'spec.egress[0].to[0].ipBlock.except[0]', ['a number 10']],
  // ports
  ['port 0 (what cdk8s-plus allTcp emits)', (m) => { m.spec.ingress[0].ports = [{ protocol: 'TCP', port: 0 }]; }, 'spec.ingress[0].ports[0].port', ['0 is invalid', 'from 1 to 65535']],
  ['port too large', (m) => { m.spec.ingress[0].ports = [{ port: 65536 }]; }, 'spec.ingress[0].ports[0].port', ['65536', 'from 1 to 65535']],
  ['port not whole', (m) => { m.spec.ingress[0].ports = [{ port: 80.5 }]; }, 'spec.ingress[0].ports[0].port', ['80.5', 'whole number']],
  ['port a numeric string', (m) => { m.spec.ingress[0].ports = [{ port: '80' }]; }, 'spec.ingress[0].ports[0].port', ['"80"', 'write it as a number']],
  ['named port too long', (m) => { m.spec.ingress[0].ports = [{ port: 'metrics-endpoint' }]; }, 'spec.ingress[0].ports[0].port', ['"metrics-endpoint"', 'no more than 15']],
  ['named port upper case', (m) => { m.spec.ingress[0].ports = [{ port: 'HTTP' }]; }, 'spec.ingress[0].ports[0].port', ['"HTTP"', 'lower-case']],
  ['port a boolean', (m) => { m.spec.ingress[0].ports = [{ port: true }]; }, 'spec.ingress[0].ports[0].port', ['a boolean true', 'port number']],
  ['protocol lower case', (m) => { m.spec.ingress[0].ports = [{ protocol: 'udp', port: 53 }]; }, 'spec.ingress[0].ports[0].protocol', ['"udp"', "'UDP'"]],
  ['protocol ICMP', (m) => { m.spec.ingress[0].ports = [{ protocol: 'ICMP' }]; }, 'spec.ingress[0].ports[0].protocol', ['"ICMP"', "'TCP', 'UDP' or 'SCTP'"]],
  ['protocol a number', (m) => { m.spec.ingress[0].ports = [{ protocol: 6 }]; }, 'spec.ingress[0].ports[0].protocol', ['a number 6']],
  ['endPort below port', (m) => { m.spec.egress[0].ports = [{ port: 5432, endPort: 5000 }]; }, 'spec.egress[0].ports[0].endPort', ['5000', 'greater than or equal to port (5432)']],
  ['endPort above 65535', (m) => { m.spec.egress[0].ports = [{ port: 5432, endPort: 70000 }]; }, 'spec.egress[0].ports[0].endPort', ['70000', 'from 1 to 65535']],
  ['endPort not whole', (m) => { m.spec.egress[0].ports = [{ port: 5432, endPort: 5440.5 }]; }, 'spec.egress[0].ports[0].endPort', ['5440.5', 'whole number']],
  ['endPort without port', (m) => { m.spec.egress[0].ports = [{ protocol: 'TCP', endPort: 5440 }]; }, 'spec.egress[0].ports[0].endPort', ['5440', 'numeric port']],
  ['endPort with a named port', (m) => { m.spec.egress[0].ports = [{ port: 'postgres', endPort: 5440 }]; }, 'spec.egress[0].ports[0].endPort', ['5440', 'named port "postgres"']],
  ['endPort a string', (m) => { m.spec.egress[0].ports = [{ port: 5432, endPort: '5440' }]; }, 'spec.egress[0].ports[0].endPort', ['a string "5440"']],
  ['port entry a number', (m) => { m.spec.egress[0].ports = [53]; }, 'spec.egress[0].ports[0]', ['not a number 53']],
  ['unknown port field', (m) => { m.spec.egress[0].ports[0].portRange = 10; }, 'spec.egress[0].ports[0].portRange', ['Valid fields: protocol, port, endPort']],
  // label selectors
  ['matchLabels key invalid', (m) => { m.spec.podSelector.matchLabels = { 'a/b/c': 'x' }; }, 'spec.podSelector.matchLabels[a/b/c]', ['label key "a/b/c"']],
  ['matchLabels value too long', (m) => { m.spec.podSelector.matchLabels = { app: 'v'.repeat(64) }; }, 'spec.podSelector.matchLabels[app]', ['no more than 63']],
  ['matchLabels value a boolean', (m) => { m.spec.podSelector.matchLabels = { enabled: true }; }, 'spec.podSelector.matchLabels[enabled]', ['a boolean true', 'quote it']],
  ['matchLabels a list', (m) => { m.spec.podSelector.matchLabels = [{ app: 'x' }]; }, 'spec.podSelector.matchLabels', ['must be an object']],
  ['peer namespaceSelector label value invalid', (m) => { m.spec.ingress[0].from[1].namespaceSelector = { matchLabels: { team: 'a b' } }; },
    'spec.ingress[0].from[1].namespaceSelector.matchLabels[team]', ['"a b"']],
  ['matchExpressions an object', (m) => { m.spec.podSelector = { matchExpressions: { key: 'app' } }; }, 'spec.podSelector.matchExpressions', ['must be a list']],
  ['requirement a string', (m) => { m.spec.podSelector = { matchExpressions: ['app in (web)'] }; }, 'spec.podSelector.matchExpressions[0]', ['"app in (web)"']],
  ['In without values', (m) => { m.spec.podSelector = { matchExpressions: [{ key: 'app', operator: 'In' }] }; }, 'spec.podSelector.matchExpressions[0].values', ["at least one value when operator is 'In'"]],
  ['NotIn with empty values', (m) => { m.spec.podSelector = { matchExpressions: [{ key: 'app', operator: 'NotIn', values: [] }] }; }, 'spec.podSelector.matchExpressions[0].values', ["'NotIn'"]],
  ['Exists with values', (m) => { m.spec.podSelector = { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['web'] }] }; }, 'spec.podSelector.matchExpressions[0].values', ['["web"]', "must be empty when operator is 'Exists'"]],
  ['DoesNotExist with values', (m) => { m.spec.podSelector = { matchExpressions: [{ key: 'app', operator: 'DoesNotExist', values: ['x'] }] }; }, 'spec.podSelector.matchExpressions[0].values', ["'DoesNotExist'"]],
  ['operator lower case', (m) => { m.spec.podSelector = { matchExpressions: [{ key: 'app', operator: 'in', values: ['web'] }] }; }, 'spec.podSelector.matchExpressions[0].operator', ['"in"', "'In', 'NotIn', 'Exists' or 'DoesNotExist'"]],
  ['operator missing', (m) => { m.spec.podSelector = { matchExpressions: [{ key: 'app' }] }; }, 'spec.podSelector.matchExpressions[0].operator', ['is required']],
  ['operator a number', (m) => { m.spec.podSelector = { matchExpressions: [{ key: 'app', operator: 1 }] }; }, 'spec.podSelector.matchExpressions[0].operator', ['a number 1']],
  ['requirement key missing', (m) => { m.spec.podSelector = { matchExpressions: [{ operator: 'Exists' }] }; }, 'spec.podSelector.matchExpressions[0].key', ['is required']],
  ['requirement key invalid', (m) => { m.spec.podSelector = { matchExpressions: [{ key: 'app!', operator: 'Exists' }] }; }, 'spec.podSelector.matchExpressions[0].key', ['"app!"']],
  ['requirement key a number', (m) => { m.spec.podSelector = { matchExpressions: [{ key: 7, operator: 'Exists' }] }; }, 'spec.podSelector.matchExpressions[0].key', ['a number 7']],
  ['requirement value invalid', (m) => { m.spec.podSelector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'no/slash'] }] }; },
    'spec.podSelector.matchExpressions[0].values[1]', ['"no/slash"']],
  ['requirement value a number', (m) => { m.spec.podSelector = { matchExpressions: [{ key: 'v', operator: 'In', values: [1] }] }; }, 'spec.podSelector.matchExpressions[0].values[0]', ['a number 1']],
  ['requirement values a string', (m) => { m.spec.podSelector = { matchExpressions: [{ key: 'v', operator: 'In', values: 'web' }] }; }, 'spec.podSelector.matchExpressions[0].values', ['must be a list', '"web"']],
  ['unknown requirement field', (m) => { m.spec.podSelector = { matchExpressions: [{ key: 'v', operator: 'Exists', value: 'x' }] }; }, 'spec.podSelector.matchExpressions[0].value', ["Did you mean 'values'"]],
  ['unknown selector field', (m) => { m.spec.podSelector = { matchLabel: { app: 'x' } }; }, 'spec.podSelector.matchLabel', ["Did you mean 'matchLabels'"]],
];

describe('invalid manifests: exactly one error, on the right field, naming the value and what is valid', () => {
  test.each(invalidCases)('%s', (_name, change, field, fragments) => {
    const issues = validateNetworkPolicy(variant(change));
    expect(issues).toHaveLength(1);
    const [issue] = issues;
    expect(issue.severity).toBe(Severity.ERROR);
    expect(issue.field).toBe(field);
    // The message is self-contained: it starts with the field path.
    expect(issue.message.startsWith(field)).toBe(true);
    for (const fragment of fragments) {
      expect(issue.message).toContain(fragment);
    }
  });
});

describe('issue values', () => {
  test('strings are given as they are, other values as JSON', () => {
    const issues = validateNetworkPolicy(variant((m) => {
      m.metadata.name = 'Bad';
      m.spec.ingress[0].ports = [{ port: 70000 }];
      m.spec.ingress[0].from = [{}];
    }));
    expect(issues.map((i) => [i.field, i.value])).toEqual([
      ['metadata.name', 'Bad'],
      ['spec.ingress[0].from[0]', '{}'],
      ['spec.ingress[0].ports[0].port', '70000'],
    ]);
  });

  test('a missing field has no value', () => {
    const [issue] = validateNetworkPolicy(variant((m) => { delete m.metadata.name; }));
    expect(issue.value).toBeUndefined();
  });

  test('long values are shortened in the message and the value', () => {
    const [issue] = validateNetworkPolicy(variant((m) => { m.metadata.name = 'X'.repeat(1000); }));
    expect(issue.value!.length).toBeLessThanOrEqual(200);
    expect(issue.message.length).toBeLessThan(500);
  });
});

describe('policyTypes', () => {
  test('a repeated type is only a warning: the API server accepts it', () => {
    const issues = validateNetworkPolicy(variant((m) => { m.spec.policyTypes = ['Egress', 'Egress']; }));
    expect(issues).toEqual([expect.objectContaining({ severity: Severity.WARNING, field: 'spec.policyTypes[1]', value: 'Egress' })]);
  });

  test('more than two types is an error, besides the repeat', () => {
    const issues = validateNetworkPolicy(variant((m) => { m.spec.policyTypes = ['Ingress', 'Egress', 'Ingress']; }));
    expect(errors(issues)).toEqual([expect.objectContaining({ field: 'spec.policyTypes', message: expect.stringContaining('at most two') })]);
    expect(issues).toHaveLength(2);
  });
});

describe('CIDR host bits', () => {
  const hostBits = (m: Manifest) => { m.spec.egress[0].to[0].ipBlock = { cidr: '10.0.0.1/8', except: ['10.1.0.1/16'] }; };

  test('are a warning by default, naming the canonical network', () => {
    const issues = validateNetworkPolicy(variant(hostBits));
    expect(issues.map((i) => [i.severity, i.field])).toEqual([
      [Severity.WARNING, 'spec.egress[0].to[0].ipBlock.cidr'],
      [Severity.WARNING, 'spec.egress[0].to[0].ipBlock.except[0]'],
    ]);
    expect(issues[0].message).toContain('"10.0.0.1/8"');
    expect(issues[0].message).toContain('write "10.0.0.0/8"');
    expect(issues[1].message).toContain('"10.1.0.0/16"');
  });

  test('are an error with strictCidr', () => {
    const issues = validateNetworkPolicy(variant(hostBits), { strictCidr: true });
    expect(issues.map((i) => i.severity)).toEqual([Severity.ERROR, Severity.ERROR]);
  });

  test('an except with host bits is still checked against the cidr', () => {
    const issues = validateNetworkPolicy(variant((m) => { m.spec.egress[0].to[0].ipBlock = { cidr: '10.0.0.0/8', except: ['11.0.0.1/16'] }; }));
    expect(issues.map((i) => i.severity)).toEqual([Severity.WARNING, Severity.ERROR]);
    expect(issues[1].message).toContain('strict subset');
  });
});

describe('requireNamespace', () => {
  test('a missing namespace is an error only when required', () => {
    const manifest = variant((m) => { delete m.metadata.namespace; });
    expect(validateNetworkPolicy(manifest)).toEqual([]);
    expect(validateNetworkPolicy(manifest, { requireNamespace: true })).toEqual([
      expect.objectContaining({ severity: Severity.ERROR, field: 'metadata.namespace' }),
    ]);
    expect(validateNetworkPolicy(base(), { requireNamespace: true })).toEqual([]);
  });
});

describe('never throws on bad shapes', () => {
  const circular: Manifest = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'x' } };
  circular.spec = { podSelector: { matchLabels: circular } };
  test.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['a string', 'kind: NetworkPolicy'],
    ['a list', [base()]],
    ['an empty object', {}],
    ['a bigint', 10n],
    ['everything the wrong type', {
      apiVersion: [],
      kind: {},
      metadata: { name: [], namespace: 1, labels: 'x', annotations: [] },
      spec: { podSelector: [], policyTypes: {}, ingress: 'all', egress: [1, null, 'x', { to: 'x', ports: 'y' }] },
    }],
    ['nested wrong types', {
      spec: {
        podSelector: { matchLabels: 'x', matchExpressions: [null, { key: {}, operator: [], values: {} }] },
        ingress: [{ from: [null, 1, { ipBlock: [], podSelector: 'x' }, { ipBlock: { cidr: {}, except: [null, 10n] } }], ports: [null, { port: {}, endPort: [] }] }],
      },
    }],
    ['bigint and circular values', circular],
    ['a prototype-less object', Object.assign(Object.create(null), { spec: { podSelector: Object.create(null) } })],
  ])('%s', (_name, input) => {
    let issues: ValidationIssue[] = [];
    expect(() => { issues = validateNetworkPolicy(input); }).not.toThrow();
    expect(errors(issues).length).toBeGreaterThan(0);
    for (const issue of issues) {
      expect(typeof issue.field).toBe('string');
      expect(typeof issue.message).toBe('string');
    }
  });

  test('a non-object manifest is one issue at <root>', () => {
    expect(validateNetworkPolicy(null)).toEqual([{
      severity: Severity.ERROR, field: '<root>', value: 'null', message: 'The manifest must be a NetworkPolicy object, not null.',
    }]);
  });

  test('the messages for a thoroughly broken manifest', () => {
    const issues = validateNetworkPolicy({
      apiVersion: 'networking.k8s.io/v1beta1',
      kind: 'NetworkPolicy',
      metadata: { name: 'Web_Policy', namespace: 'prod', labels: { version: 2 } },
      spec: {
        podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: [] }] },
        policyTypes: ['ingress'],
        ingress: [{ form: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: '8080', protocol: 'tcp' }] }],
        egress: [{ to: [{}, { ipBlock: { cidr: '10.0.0.1/33' } }], ports: [{ port: 443, endPort: 80 }] }],
      },
    });
    expect(issues).toMatchSnapshot();
  });
});

describe('NetworkPolicyValidator (public API)', () => {
  test('delegates to the validator', () => {
    const broken = variant((m) => { m.spec.ingress[0].ports = [{ port: 0 }]; });
    expect(NetworkPolicyValidator.validate(broken, { strictCidr: true })).toEqual(validateNetworkPolicy(broken, { strictCidr: true }));
    expect(NetworkPolicyValidator.validate(base())).toEqual([]);
  });

  test('the barrel exports only the public symbols', () => {
    expect(Object.keys(barrel).sort()).toEqual(['NetworkPolicyValidator']);
  });
});

describe("the library's own frozen manifests are judged once, nothing else is", () => {
  const policy = (peer: unknown, port: unknown) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'p', namespace: 'shop' },
    spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [peer], ports: [port] }] },
  });

  test('a shared peer and port of the constructs, clean once, stay clean in every policy', () => {
    const peer = Peer.pods(LabelSelector.labels({ app: 'web' }), Namespaces.named(['shop']))._manifest;
    const port = Port.tcp(8443)._toManifest();
    expect(Object.isFrozen(peer)).toBe(true);
    expect(validateNetworkPolicy(policy(peer, port))).toEqual([]);
    expect(validateNetworkPolicy(policy(peer, port), { strictCidr: true })).toEqual([]);
    expect(validateNetworkPolicy(policy(peer, port))).toEqual([]);
  });

  test("a caller's frozen object is judged every time: its insides may change", () => {
    const labels: Record<string, string> = { app: 'web' };
    const peer = Object.freeze({ podSelector: Object.freeze({ matchLabels: labels }) });
    const port = Object.freeze({ protocol: 'TCP', port: 80 });
    expect(validateNetworkPolicy(policy(peer, port))).toEqual([]);
    labels.app = 'not valid!';
    expect(validateNetworkPolicy(policy(peer, port)).map((i) => i.field)).toEqual(['spec.ingress[0].from[0].podSelector.matchLabels[app]']);
  });
});
