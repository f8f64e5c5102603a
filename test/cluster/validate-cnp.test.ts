import { Severity } from '../../src/severity';
import { validateClusterNetworkPolicy, ClusterNetworkPolicyValidationOptions } from '../../src/validation/cluster-network-policy';
import { ValidationIssue } from '../../src/validation/issues';

type Manifest = Record<string, any>;

/** A valid standard-channel policy using every standard field; each case breaks (or varies) one thing in a copy. */
function base(): Manifest {
  return {
    apiVersion: 'policy.networking.k8s.io/v1alpha2',
    kind: 'ClusterNetworkPolicy',
    metadata: { name: 'cluster-guardrails', labels: { 'app.kubernetes.io/part-of': 'platform' } },
    spec: {
      tier: 'Admin',
      priority: 10,
      subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'sensitive' } } },
      ingress: [{
        name: 'allow-monitoring',
        action: 'Accept',
        from: [
          { namespaces: { matchExpressions: [{ key: 'team', operator: 'In', values: ['sre'] }] } },
          { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'prometheus' } } } },
        ],
        protocols: [{ tcp: { destinationPort: { number: 9090 } } }, { destinationNamedPort: 'metrics' }],
      }],
      egress: [
        {
          name: 'pass-in-cluster',
          action: 'Pass',
          to: [{ pods: { podSelector: {} } }],
        },
        {
          name: 'deny-internet',
          action: 'Deny',
          to: [{ networks: ['0.0.0.0/0', '::/0'] }],
          protocols: [
            { udp: { destinationPort: { range: { start: 1, end: 65535 } } } },
            { sctp: { destinationPort: { number: 9999 } } },
          ],
        },
      ],
    },
  };
}

/** A valid experimental-channel policy with nodes and domainNames peers. */
function experimental(): Manifest {
  const m = base();
  m.spec.tier = 'Baseline';
  m.spec.egress = [
    { name: 'allow-nodes', action: 'Accept', to: [{ nodes: { matchLabels: { 'kubernetes.io/os': 'linux' } } }], protocols: [{ tcp: { destinationPort: { number: 10250 } } }] },
    { name: 'allow-domains', action: 'Accept', to: [{ domainNames: ['kubernetes.io', '*.example.com', 'api.example.org.'] }] },
    { action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] },
  ];
  return m;
}

const EXPERIMENTAL: ClusterNetworkPolicyValidationOptions = { channel: 'experimental' };

function check(edit: (m: Manifest) => void, options?: ClusterNetworkPolicyValidationOptions, start: () => Manifest = base): ValidationIssue[] {
  const m = start();
  edit(m);
  return validateClusterNetworkPolicy(m, options);
}

/** Exactly one issue at `field`, of `severity`; its message names `value` (quoted when a string) and `value` is recorded. */
function expectIssue(issues: ValidationIssue[], field: string, value: unknown, severity: Severity = Severity.ERROR): ValidationIssue {
  const at = issues.filter((i) => i.field === field);
  expect(at.map((i) => i.message)).toHaveLength(1);
  const issue = at[0];
  expect(issue.severity).toBe(severity);
  if (value !== undefined) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    expect(issue.value).toBe(text);
    expect(issue.message).toContain(typeof value === 'string' ? JSON.stringify(value) : text);
  }
  expect(issue.message).toContain(field);
  return issue;
}

function errors(issues: ValidationIssue[]): ValidationIssue[] {
  return issues.filter((i) => i.severity === Severity.ERROR);
}

describe('valid manifests', () => {
  test('a standard-channel policy using every standard field has no issues', () => {
    expect(validateClusterNetworkPolicy(base())).toEqual([]);
  });

  test('an experimental-channel policy with nodes and domainNames peers has no issues with the experimental channel', () => {
    expect(validateClusterNetworkPolicy(experimental(), EXPERIMENTAL)).toEqual([]);
  });

  test('the standard channel is the default', () => {
    const issues = validateClusterNetworkPolicy(experimental());
    expectIssue(issues, 'spec.egress[0].to[0].nodes', undefined);
    expect(issues.find((i) => i.field === 'spec.egress[0].to[0].nodes')!.message).toContain('experimental');
    expectIssue(issues, 'spec.egress[1].to[0].domainNames', undefined);
  });

  test('a policy with only a Baseline tier, subject pods and ingress rules is valid', () => {
    expect(check((m) => {
      m.spec.tier = 'Baseline';
      m.spec.priority = 0;
      m.spec.subject = { pods: { podSelector: { matchLabels: { app: 'db' } } } };
      delete m.spec.egress;
    })).toEqual([]);
  });
});

describe('the manifest itself', () => {
  test.each([[null], ['text'], [[1]], [42]])('a non-object (%j) is one issue at <root>', (value) => {
    const issues = validateClusterNetworkPolicy(value);
    expect(issues).toHaveLength(1);
    expect(issues[0].field).toBe('<root>');
    expect(issues[0].message).toContain('ClusterNetworkPolicy object');
  });

  test('apiVersion must be policy.networking.k8s.io/v1alpha2', () => {
    const issue = expectIssue(check((m) => { m.apiVersion = 'policy.networking.k8s.io/v1alpha1'; }), 'apiVersion', 'policy.networking.k8s.io/v1alpha1');
    expect(issue.message).toContain("'policy.networking.k8s.io/v1alpha2'");
    expectIssue(check((m) => { delete m.apiVersion; }), 'apiVersion', undefined);
    expectIssue(check((m) => { m.apiVersion = 2; }), 'apiVersion', 2);
  });

  test('kind must be ClusterNetworkPolicy, with a hint for the v1alpha1 kinds', () => {
    const issue = expectIssue(check((m) => { m.kind = 'AdminNetworkPolicy'; }), 'kind', 'AdminNetworkPolicy');
    expect(issue.message).toContain("tier 'Admin'");
    expect(expectIssue(check((m) => { m.kind = 'BaselineAdminNetworkPolicy'; }), 'kind', 'BaselineAdminNetworkPolicy').message).toContain("tier 'Baseline'");
    expectIssue(check((m) => { m.kind = ''; }), 'kind', undefined);
  });

  test('unknown top-level fields are errors; status is a known field and ignored', () => {
    const issue = expectIssue(check((m) => { m.specs = {}; }), 'specs', undefined);
    expect(issue.message).toContain("Did you mean 'spec'?");
    expect(check((m) => { m.status = { conditions: [] }; })).toEqual([]);
  });
});

describe('metadata', () => {
  test('metadata and its name are required', () => {
    expectIssue(check((m) => { delete m.metadata; }), 'metadata', undefined);
    expectIssue(check((m) => { m.metadata = {}; }), 'metadata.name', undefined);
    expectIssue(check((m) => { m.metadata = 'x'; }), 'metadata', 'x');
  });

  test('metadata.name must be a DNS-1123 subdomain (custom resources use NameIsDNSSubdomain)', () => {
    expect(check((m) => { m.metadata.name = 'a.b-c.d'; })).toEqual([]);
    const issue = expectIssue(check((m) => { m.metadata.name = 'Guard_Rails'; }), 'metadata.name', 'Guard_Rails');
    expect(issue.message).toContain('DNS-1123 subdomain');
    const long = expectIssue(check((m) => { m.metadata.name = 'a'.repeat(254); }), 'metadata.name', undefined);
    expect(long.value).toMatch(/^a+…$/);
    expect(long.message).toContain('253 characters');
  });

  test('generateName may replace the name', () => {
    expect(check((m) => { m.metadata = { generateName: 'guardrails-' }; })).toEqual([]);
  });

  test('labels and unknown metadata fields follow the ObjectMeta rules', () => {
    expectIssue(check((m) => { m.metadata.labels = { 'bad key': 'x' }; }), 'metadata.labels[bad key]', 'bad key');
    expectIssue(check((m) => { m.metadata.nam = 'x'; }), 'metadata.nam', undefined);
  });

  test('metadata.namespace is a warning: the API server clears it on a cluster-scoped object', () => {
    const issues = check((m) => { m.metadata.namespace = 'production'; });
    expect(errors(issues)).toEqual([]);
    const issue = expectIssue(issues, 'metadata.namespace', 'production', Severity.WARNING);
    expect(issue.message).toContain('cluster-scoped');
    // Even a namespace that is not a valid name is only ignored.
    expect(errors(check((m) => { m.metadata.namespace = 'Not Valid'; }))).toEqual([]);
  });
});

describe('spec', () => {
  test('spec is required and must be an object', () => {
    expectIssue(check((m) => { delete m.spec; }), 'spec', undefined);
    expectIssue(check((m) => { m.spec = []; }), 'spec', []);
  });

  test('unknown spec fields are errors, with a guess', () => {
    const issue = expectIssue(check((m) => { m.spec.priorty = 1; }), 'spec.priorty', undefined);
    expect(issue.message).toContain("Did you mean 'priority'?");
    expectIssue(check((m) => { m.spec.podSelector = {}; }), 'spec.podSelector', undefined);
  });

  test('tier is required and must be Admin or Baseline (case-sensitive)', () => {
    expect(check((m) => { m.spec.tier = 'Baseline'; })).toEqual([]);
    const issue = expectIssue(check((m) => { m.spec.tier = 'admin'; }), 'spec.tier', 'admin');
    expect(issue.message).toContain("'Admin'");
    expectIssue(check((m) => { m.spec.tier = 'NetworkPolicy'; }), 'spec.tier', 'NetworkPolicy');
    expectIssue(check((m) => { delete m.spec.tier; }), 'spec.tier', undefined);
    expectIssue(check((m) => { m.spec.tier = null; }), 'spec.tier', undefined);
    expectIssue(check((m) => { m.spec.tier = 1; }), 'spec.tier', 1);
  });

  test('priority is required and must be a whole number from 0 to 1000', () => {
    expect(check((m) => { m.spec.priority = 0; })).toEqual([]);
    expect(check((m) => { m.spec.priority = 1000; })).toEqual([]);
    expect(expectIssue(check((m) => { m.spec.priority = 1001; }), 'spec.priority', 1001).message).toContain('from 0 to 1000');
    expectIssue(check((m) => { m.spec.priority = -1; }), 'spec.priority', -1);
    expectIssue(check((m) => { m.spec.priority = 1.5; }), 'spec.priority', 1.5);
    expectIssue(check((m) => { m.spec.priority = '10'; }), 'spec.priority', '10');
    expectIssue(check((m) => { delete m.spec.priority; }), 'spec.priority', undefined);
  });

  test('a policy without rules is a warning: a ClusterNetworkPolicy does not isolate', () => {
    const issues = check((m) => { delete m.spec.ingress; m.spec.egress = []; });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ field: 'spec', severity: Severity.WARNING });
  });
});

describe('subject', () => {
  test('subject is required', () => {
    expectIssue(check((m) => { delete m.spec.subject; }), 'spec.subject', undefined);
  });

  test('subject must set exactly one of namespaces or pods', () => {
    expect(check((m) => { m.spec.subject = { namespaces: {} }; })).toEqual([]);
    expect(check((m) => { m.spec.subject = { pods: { namespaceSelector: {}, podSelector: {} } }; })).toEqual([]);
    expectIssue(check((m) => { m.spec.subject = {}; }), 'spec.subject', {});
    const both = { namespaces: {}, pods: { podSelector: {} } };
    const issue = expectIssue(check((m) => { m.spec.subject = both; }), 'spec.subject', both);
    expect(issue.message).toContain("sets 'namespaces' and 'pods'");
  });

  test('a null field counts as unset (the API server prunes it)', () => {
    expect(check((m) => { m.spec.subject = { namespaces: {}, pods: null }; })).toEqual([]);
  });

  test('subject.pods needs podSelector; namespaceSelector is optional', () => {
    expect(check((m) => { m.spec.subject = { pods: { podSelector: {} } }; })).toEqual([]);
    expectIssue(check((m) => { m.spec.subject = { pods: { namespaceSelector: {} } }; }), 'spec.subject.pods.podSelector', undefined);
    expectIssue(check((m) => { m.spec.subject = { pods: { podSelector: {}, selector: {} } }; }), 'spec.subject.pods.selector', undefined);
  });

  test('an unknown subject field is reported once', () => {
    const issues = check((m) => { m.spec.subject = { podSelector: {} }; });
    expect(issues).toHaveLength(1);
    expect(issues[0].field).toBe('spec.subject.podSelector');
  });
});

describe('rules', () => {
  test('ingress and egress have at most 25 rules each', () => {
    const rule = { action: 'Deny', from: [{ namespaces: {} }] };
    expect(check((m) => { m.spec.ingress = Array.from({ length: 25 }, () => rule); })).toEqual([]);
    const issue = expectIssue(check((m) => { m.spec.ingress = Array.from({ length: 26 }, () => rule); }), 'spec.ingress', undefined);
    expect(issue.message).toContain('at most 25 items, not 26');
    const egress = { action: 'Deny', to: [{ namespaces: {} }] };
    expectIssue(check((m) => { m.spec.egress = Array.from({ length: 26 }, () => egress); }), 'spec.egress', undefined);
    expectIssue(check((m) => { m.spec.egress = {}; }), 'spec.egress', {});
  });

  test('a rule must be an object', () => {
    expectIssue(check((m) => { m.spec.ingress[0] = 'allow'; }), 'spec.ingress[0]', 'allow');
  });

  test('a rule name is optional and at most 100 characters', () => {
    expect(check((m) => { delete m.spec.ingress[0].name; })).toEqual([]);
    expect(check((m) => { m.spec.ingress[0].name = 'a'.repeat(100); })).toEqual([]);
    // Characters, not UTF-16 code units.
    expect(check((m) => { m.spec.ingress[0].name = '🔒'.repeat(100); })).toEqual([]);
    const issue = expectIssue(check((m) => { m.spec.egress[1].name = 'a'.repeat(101); }), 'spec.egress[1].name', 'a'.repeat(101));
    expect(issue.message).toContain('(has 101)');
    expectIssue(check((m) => { m.spec.egress[1].name = 7; }), 'spec.egress[1].name', 7);
  });

  test('action is required and must be Accept, Deny or Pass', () => {
    for (const action of ['Accept', 'Deny', 'Pass']) {
      expect(check((m) => { m.spec.ingress[0].action = action; })).toEqual([]);
    }
    expect(expectIssue(check((m) => { m.spec.ingress[0].action = 'Allow'; }), 'spec.ingress[0].action', 'Allow').message).toContain("'Accept'");
    expect(expectIssue(check((m) => { m.spec.ingress[0].action = 'deny'; }), 'spec.ingress[0].action', 'deny').message).toContain("note the case: 'Deny'");
    expectIssue(check((m) => { delete m.spec.egress[0].action; }), 'spec.egress[0].action', undefined);
  });

  test('from and to are required, with 1 to 25 peers', () => {
    expectIssue(check((m) => { delete m.spec.ingress[0].from; }), 'spec.ingress[0].from', undefined);
    expectIssue(check((m) => { delete m.spec.egress[0].to; }), 'spec.egress[0].to', undefined);
    expect(expectIssue(check((m) => { m.spec.ingress[0].from = []; }), 'spec.ingress[0].from', []).message).toContain('at least 1 item');
    expectIssue(check((m) => { m.spec.egress[0].to = []; }), 'spec.egress[0].to', []);
    expect(check((m) => { m.spec.egress[0].to = Array.from({ length: 25 }, () => ({ namespaces: {} })); })).toEqual([]);
    expectIssue(check((m) => { m.spec.egress[0].to = Array.from({ length: 26 }, () => ({ namespaces: {} })); }), 'spec.egress[0].to', undefined);
  });

  test('NetworkPolicy field names get a pointer to the ClusterNetworkPolicy ones', () => {
    const ports = expectIssue(check((m) => { m.spec.ingress[0].ports = [{ port: 80 }]; }), 'spec.ingress[0].ports', undefined);
    expect(ports.message).toContain("'protocols'");
    const to = expectIssue(check((m) => { m.spec.ingress[0].to = []; }), 'spec.ingress[0].to', undefined);
    expect(to.message).toContain("'from'");
  });
});

describe('peers', () => {
  test('a peer must set exactly one field', () => {
    expectIssue(check((m) => { m.spec.ingress[0].from[0] = {}; }), 'spec.ingress[0].from[0]', {});
    const two = { namespaces: {}, pods: { podSelector: {} } };
    expect(expectIssue(check((m) => { m.spec.egress[0].to[0] = two; }), 'spec.egress[0].to[0]', two).message)
      .toContain('separate list entries');
    const mixed = { pods: { podSelector: {} }, networks: ['10.0.0.0/8'] };
    expectIssue(check((m) => { m.spec.egress[0].to[0] = mixed; }), 'spec.egress[0].to[0]', mixed);
    expectIssue(check((m) => { m.spec.egress[0].to[0] = 'pods'; }), 'spec.egress[0].to[0]', 'pods');
  });

  test('ingress peers can never be networks (nor nodes or domainNames)', () => {
    const issues = check((m) => { m.spec.ingress[0].from[0] = { networks: ['10.0.0.0/8'] }; });
    const issue = expectIssue(issues, 'spec.ingress[0].from[0].networks', undefined);
    expect(issue.message).toContain('egress peers');
    // The unknown field is the one issue: the peer is not reported again as empty.
    expect(issues).toHaveLength(1);
    expectIssue(check((m) => { m.spec.ingress[0].from[0] = { nodes: {} }; }, EXPERIMENTAL), 'spec.ingress[0].from[0].nodes', undefined);
  });

  test('NetworkPolicy peer syntax gets a pointer to the ClusterNetworkPolicy one', () => {
    const issue = expectIssue(check((m) => { m.spec.egress[0].to[0] = { ipBlock: { cidr: '10.0.0.0/8' } }; }), 'spec.egress[0].to[0].ipBlock', undefined);
    expect(issue.message).toContain('networks');
  });

  test('pods peers need a podSelector', () => {
    expectIssue(check((m) => { m.spec.egress[0].to[0] = { pods: { namespaceSelector: {} } }; }), 'spec.egress[0].to[0].pods.podSelector', undefined);
    expectIssue(check((m) => { m.spec.egress[0].to[0] = { pods: [] }; }), 'spec.egress[0].to[0].pods', []);
  });
});

describe('networks', () => {
  const at = 'spec.egress[1].to[0].networks';

  test('each entry must be a CIDR (CRD rule isCIDR)', () => {
    expect(check((m) => { m.spec.egress[1].to[0].networks = ['10.0.0.0/8', 'fd00::/8', '192.168.1.7/32']; })).toEqual([]);
    const issue = expectIssue(check((m) => { m.spec.egress[1].to[0].networks[1] = '10.0.0.0'; }), `${at}[1]`, '10.0.0.0');
    expect(issue.message).toContain('Invalid CIDR format provided');
    expectIssue(check((m) => { m.spec.egress[1].to[0].networks[0] = '10.0.0.0/33'; }), `${at}[0]`, '10.0.0.0/33');
    expectIssue(check((m) => { m.spec.egress[1].to[0].networks[0] = '::ffff:10.0.0.0/104'; }), `${at}[0]`, '::ffff:10.0.0.0/104');
    expectIssue(check((m) => { m.spec.egress[1].to[0].networks[0] = 10; }), `${at}[0]`, 10);
  });

  test('an entry is at most 43 characters', () => {
    const long = 'ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255/128';
    expect(expectIssue(check((m) => { m.spec.egress[1].to[0].networks[0] = long; }), `${at}[0]`, long).message).toContain('43 characters');
  });

  test('host bits set are a warning (the API server accepts them), or an error when strict', () => {
    const issues = check((m) => { m.spec.egress[1].to[0].networks[0] = '10.0.0.1/8'; });
    expect(errors(issues)).toEqual([]);
    expect(expectIssue(issues, `${at}[0]`, '10.0.0.1/8', Severity.WARNING).message).toContain('"10.0.0.0/8"');
    expectIssue(check((m) => { m.spec.egress[1].to[0].networks[0] = '10.0.0.1/8'; }, { strict: true }), `${at}[0]`, '10.0.0.1/8');
  });

  test('networks has 1 to 25 entries, each once (listType set)', () => {
    expectIssue(check((m) => { m.spec.egress[1].to[0].networks = []; }), at, []);
    const many = Array.from({ length: 26 }, (_, i) => `10.0.${i}.0/24`);
    expect(expectIssue(check((m) => { m.spec.egress[1].to[0].networks = many; }), at, undefined).message).toContain('at most 25 items, not 26');
    expect(check((m) => { m.spec.egress[1].to[0].networks = many.slice(0, 25); })).toEqual([]);
    const issue = expectIssue(check((m) => { m.spec.egress[1].to[0].networks = ['10.0.0.0/8', '10.0.0.0/8']; }), `${at}[1]`, '10.0.0.0/8');
    expect(issue.message).toContain(`duplicate of ${at}[0]`);
    expectIssue(check((m) => { m.spec.egress[1].to[0].networks = '10.0.0.0/8'; }), at, '10.0.0.0/8');
  });
});

describe('protocols', () => {
  const at = 'spec.ingress[0].protocols';

  test('protocols is optional, but when present has 1 to 25 entries', () => {
    expect(check((m) => { delete m.spec.ingress[0].protocols; })).toEqual([]);
    expect(expectIssue(check((m) => { m.spec.ingress[0].protocols = []; }), at, []).message).toContain('leave protocols out');
    const many = Array.from({ length: 26 }, (_, i) => ({ tcp: { destinationPort: { number: i + 1 } } }));
    expect(expectIssue(check((m) => { m.spec.ingress[0].protocols = many; }), at, undefined).message).toContain('at most 25 items, not 26');
    expect(check((m) => { m.spec.ingress[0].protocols = many.slice(0, 25); })).toEqual([]);
  });

  test('an entry sets exactly one of tcp, udp, sctp or destinationNamedPort', () => {
    expectIssue(check((m) => { m.spec.ingress[0].protocols[0] = {}; }), `${at}[0]`, {});
    const two = { tcp: { destinationPort: { number: 53 } }, udp: { destinationPort: { number: 53 } } };
    expect(expectIssue(check((m) => { m.spec.ingress[0].protocols[0] = two; }), `${at}[0]`, two).message).toContain("sets 'tcp' and 'udp'");
    const named = { tcp: { destinationPort: { number: 80 } }, destinationNamedPort: 'http' };
    expectIssue(check((m) => { m.spec.ingress[0].protocols[0] = named; }), `${at}[0]`, named);
  });

  test('NetworkPolicy port syntax is an unknown field with a pointer', () => {
    const issues = check((m) => { m.spec.ingress[0].protocols[0] = { protocol: 'TCP', port: 80 }; });
    expect(expectIssue(issues, `${at}[0].protocol`, undefined).message).toContain('destinationPort');
    expectIssue(issues, `${at}[0].port`, undefined);
  });

  test('tcp, udp and sctp require destinationPort (minProperties 1)', () => {
    const issue = expectIssue(check((m) => { m.spec.ingress[0].protocols[0] = { tcp: {} }; }), `${at}[0].tcp`, {});
    expect(issue.message).toContain('{range: {start: 1, end: 65535}}');
    expectIssue(check((m) => { m.spec.ingress[0].protocols[0] = { sctp: null, udp: {} }; }), `${at}[0].udp`, {});
  });

  test('destinationPort sets exactly one of number or range', () => {
    expectIssue(check((m) => { m.spec.ingress[0].protocols[0].tcp.destinationPort = {}; }), `${at}[0].tcp.destinationPort`, {});
    const both = { number: 80, range: { start: 80, end: 90 } };
    expectIssue(check((m) => { m.spec.ingress[0].protocols[0].tcp.destinationPort = both; }), `${at}[0].tcp.destinationPort`, both);
    expectIssue(check((m) => { m.spec.ingress[0].protocols[0].tcp.destinationPort = 80; }), `${at}[0].tcp.destinationPort`, 80);
  });

  test('a port number is a whole number from 1 to 65535', () => {
    const field = `${at}[0].tcp.destinationPort.number`;
    for (const ok of [1, 65535]) {
      expect(check((m) => { m.spec.ingress[0].protocols[0].tcp.destinationPort.number = ok; })).toEqual([]);
    }
    for (const bad of [0, 65536, 80.5]) {
      expectIssue(check((m) => { m.spec.ingress[0].protocols[0].tcp.destinationPort.number = bad; }), field, bad);
    }
    expectIssue(check((m) => { m.spec.ingress[0].protocols[0].tcp.destinationPort.number = '80'; }), field, '80');
  });

  test('a range needs start and end from 1 to 65535 with start < end (CRD rule self.start < self.end)', () => {
    const field = 'spec.egress[1].protocols[0].udp.destinationPort.range';
    expect(check((m) => { m.spec.egress[1].protocols[0].udp.destinationPort.range = { start: 5000, end: 5001 }; })).toEqual([]);
    const equal = { start: 53, end: 53 };
    const issue = expectIssue(check((m) => { m.spec.egress[1].protocols[0].udp.destinationPort.range = equal; }), field, equal);
    expect(issue.message).toContain('Start port must be less than End port');
    expect(issue.message).toContain('number: 53');
    const reversed = { start: 90, end: 80 };
    expectIssue(check((m) => { m.spec.egress[1].protocols[0].udp.destinationPort.range = reversed; }), field, reversed);
    expectIssue(check((m) => { m.spec.egress[1].protocols[0].udp.destinationPort.range = { start: 80 }; }), `${field}.end`, undefined);
    expectIssue(check((m) => { m.spec.egress[1].protocols[0].udp.destinationPort.range = { start: 0, end: 80 }; }), `${field}.start`, 0);
    expectIssue(check((m) => { m.spec.egress[1].protocols[0].udp.destinationPort.range = { start: 1, end: 70000 }; }), `${field}.end`, 70000);
  });

  test('a named port that no container port can have is a warning (the CRD does not check it)', () => {
    const field = `${at}[1].destinationNamedPort`;
    for (const bad of ['HTTP', 'http_alt', '8080', 'a-very-long-port-name', '']) {
      const issues = check((m) => { m.spec.ingress[0].protocols[1].destinationNamedPort = bad; });
      expect(errors(issues)).toEqual([]);
      expect(expectIssue(issues, field, bad, Severity.WARNING).message).toContain('never matches');
    }
    expectIssue(check((m) => { m.spec.ingress[0].protocols[1].destinationNamedPort = 'HTTP'; }, { strict: true }), field, 'HTTP');
    expectIssue(check((m) => { m.spec.ingress[0].protocols[1].destinationNamedPort = 8080; }), field, 8080);
  });
});

describe('named ports next to networks, nodes or domainNames peers (experimental CEL rule)', () => {
  function namedPortWith(peer: Manifest): (m: Manifest) => void {
    return (m) => { m.spec.egress = [{ action: 'Accept', to: [{ pods: { podSelector: {} } }, peer], protocols: [{ destinationNamedPort: 'dns' }] }]; };
  }

  test('with pods and namespaces peers only, a named port is fine', () => {
    expect(check((m) => { m.spec.egress = [{ action: 'Accept', to: [{ namespaces: {} }], protocols: [{ destinationNamedPort: 'dns' }] }]; }, EXPERIMENTAL)).toEqual([]);
  });

  test.each([
    ['networks', { networks: ['10.0.0.0/8'] }],
    ['nodes', { nodes: {} }],
    ['domainNames', { domainNames: ['example.com'] }],
  ])('with a %s peer the experimental CRD rejects the rule', (kind, peer) => {
    const issues = check(namedPortWith(peer), EXPERIMENTAL);
    const issue = expectIssue(issues, 'spec.egress[0]', undefined);
    expect(issue.message).toContain('networks/nodes/domainNames peer cannot be set with namedPorts');
    expect(issue.message).toContain(kind);
    expect(issue.message).toContain('protocols[0]');
    expect(issue.value).toContain('"destinationNamedPort":"dns"');
  });

  test('the standard CRD has no such rule: a warning', () => {
    const issues = check(namedPortWith({ networks: ['10.0.0.0/8'] }));
    expect(errors(issues)).toEqual([]);
    expect(expectIssue(issues, 'spec.egress[0]', undefined, Severity.WARNING).message).toContain('never match');
  });

  test('ingress rules have no such rule', () => {
    expect(check((m) => { m.spec.ingress[0].protocols = [{ destinationNamedPort: 'http' }]; }, EXPERIMENTAL)).toEqual([]);
  });
});

describe('nodes peers (experimental)', () => {
  test('nodes is an unknown field in the standard channel', () => {
    const issue = expectIssue(check((m) => { m.spec.egress[0].to[0] = { nodes: {} }; }), 'spec.egress[0].to[0].nodes', undefined);
    expect(issue.message).toContain('experimental channel');
  });

  test('nodes is a label selector', () => {
    expect(check((m) => { m.spec.egress[0].to[0] = { nodes: {} }; }, EXPERIMENTAL)).toEqual([]);
    expectIssue(check((m) => { m.spec.egress[0].to[0] = { nodes: ['a'] }; }, EXPERIMENTAL), 'spec.egress[0].to[0].nodes', ['a']);
    expectIssue(check((m) => { m.spec.egress[0].to[0] = { nodes: { matchLabels: { role: 1 } } }; }, EXPERIMENTAL), 'spec.egress[0].to[0].nodes.matchLabels[role]', 1);
  });
});

describe('domainNames peers (experimental)', () => {
  const at = 'spec.egress[1].to[0].domainNames';
  const names = (list: unknown) => (m: Manifest) => { m.spec.egress[1].to[0].domainNames = list; };

  test('names follow the CRD pattern', () => {
    expect(check(names(['example.com', '*.example.com', 'example.com.', 'a-b_c.example.io', 'EXAMPLE.com']), EXPERIMENTAL, experimental)).toEqual([]);
    for (const bad of ['example', '*example.com', 'www.*.example.com', '-a.example.com', 'a-.example.com', 'example..com', '*', 'ex ample.com', '.example.com']) {
      const issue = expectIssue(check(names([bad]), EXPERIMENTAL, experimental), `${at}[0]`, bad);
      expect(issue.message).toContain("'*.example.com'");
    }
    expectIssue(check(names([7]), EXPERIMENTAL, experimental), `${at}[0]`, 7);
  });

  test('a label start the pattern admits only through its A-z typo is a warning', () => {
    const issues = check(names(['_dmarc.example.com']), EXPERIMENTAL, experimental);
    expect(errors(issues)).toEqual([]);
    expect(expectIssue(issues, `${at}[0]`, '_dmarc.example.com', Severity.WARNING).message).toContain("'A-z'");
  });

  test('domainNames has 1 to 25 entries, each once', () => {
    expectIssue(check(names([]), EXPERIMENTAL, experimental), at, []);
    const many = Array.from({ length: 26 }, (_, i) => `host${i}.example.com`);
    expect(expectIssue(check(names(many), EXPERIMENTAL, experimental), at, undefined).message).toContain('at most 25 items, not 26');
    expect(check(names(many.slice(0, 25)), EXPERIMENTAL, experimental)).toEqual([]);
    expectIssue(check(names(['a.io', 'a.io']), EXPERIMENTAL, experimental), `${at}[1]`, 'a.io');
  });

  test('domainNames outside an Accept rule is a warning (only supported for Accept rules)', () => {
    const issues = check((m) => { m.spec.egress[1].action = 'Deny'; }, EXPERIMENTAL, experimental);
    expect(errors(issues)).toEqual([]);
    expect(expectIssue(issues, at, 'Deny', Severity.WARNING).message).toContain('only supported for Accept rules');
  });
});

describe('label selectors', () => {
  const sel = 'spec.subject.namespaces';
  const selector = (value: unknown) => (m: Manifest) => { m.spec.subject = { namespaces: value }; };

  test('a selector is an object with matchLabels and matchExpressions only', () => {
    expect(check(selector({}))).toEqual([]);
    expectIssue(check(selector('app=db')), sel, 'app=db');
    expect(expectIssue(check(selector({ matchLabel: {} })), `${sel}.matchLabel`, undefined).message).toContain("Did you mean 'matchLabels'?");
  });

  test('matchLabels values must be strings (schema); invalid keys and values are warnings (not checked by the CRD)', () => {
    expectIssue(check(selector({ matchLabels: { version: 1 } })), `${sel}.matchLabels[version]`, 1);
    const key = check(selector({ matchLabels: { 'bad key': 'x' } }));
    expect(errors(key)).toEqual([]);
    expect(expectIssue(key, `${sel}.matchLabels[bad key]`, 'bad key', Severity.WARNING).message).toContain('not enforced as written');
    expectIssue(check(selector({ matchLabels: { app: 'not valid!' } })), `${sel}.matchLabels[app]`, 'not valid!', Severity.WARNING);
    expectIssue(check(selector({ matchLabels: { 'bad key': 'x' } }), { strict: true }), `${sel}.matchLabels[bad key]`, 'bad key');
  });

  test('a requirement needs key and operator (schema)', () => {
    expectIssue(check(selector({ matchExpressions: [{ operator: 'Exists' }] })), `${sel}.matchExpressions[0].key`, undefined);
    expectIssue(check(selector({ matchExpressions: [{ key: 'app' }] })), `${sel}.matchExpressions[0].operator`, undefined);
    expectIssue(check(selector({ matchExpressions: [{ key: 'app', operator: 'Exists', value: 'x' }] })), `${sel}.matchExpressions[0].value`, undefined);
    expectIssue(check(selector({ matchExpressions: [{ key: 'app', operator: 'In', values: [1] }] })), `${sel}.matchExpressions[0].values[0]`, 1);
  });

  test('operator and values are checked as label selectors are (warnings)', () => {
    expect(check(selector({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['a'] }, { key: 'b', operator: 'DoesNotExist' }] }))).toEqual([]);
    expect(expectIssue(check(selector({ matchExpressions: [{ key: 'app', operator: 'in', values: ['a'] }] })),
      `${sel}.matchExpressions[0].operator`, 'in', Severity.WARNING).message).toContain("note the case: 'In'");
    expectIssue(check(selector({ matchExpressions: [{ key: 'app', operator: 'In', values: [] }] })), `${sel}.matchExpressions[0].values`, [], Severity.WARNING);
    expectIssue(check(selector({ matchExpressions: [{ key: 'app', operator: 'Exists', values: ['a'] }] })),
      `${sel}.matchExpressions[0].values`, ['a'], Severity.WARNING);
    expectIssue(check(selector({ matchExpressions: [{ key: 'a/b/c', operator: 'Exists' }] })), `${sel}.matchExpressions[0].key`, 'a/b/c', Severity.WARNING);
  });

  test('selectors are checked wherever they appear', () => {
    expectIssue(check((m) => { m.spec.ingress[0].from[1].pods.podSelector = { matchLabels: { app: 5 } }; }),
      'spec.ingress[0].from[1].pods.podSelector.matchLabels[app]', 5);
    expectIssue(check((m) => { m.spec.ingress[0].from[1].pods.namespaceSelector = { matchExpressions: {} }; }),
      'spec.ingress[0].from[1].pods.namespaceSelector.matchExpressions', {});
    expect(expectIssue(check((m) => { m.spec.ingress[0].from[1].pods.podselector = {}; }), 'spec.ingress[0].from[1].pods.podselector', undefined)
      .message).toContain("Did you mean 'podSelector'?");
  });
});
