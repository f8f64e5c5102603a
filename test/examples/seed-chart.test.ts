/**
 * The seed chart against the article it reproduces ("Kubernetes NetworkPolicy: Pod Network Security").
 * The article's manifests are copied here as objects, and both sides are compared after a normalisation
 * that only removes differences Kubernetes itself ignores.
 */
import { App } from 'cdk8s';
import { SeedChart } from '../../examples/charts';
import { synth } from '../constructs/helpers';

const metadata = (name: string) => ({ name, namespace: 'production' });
const labels = (matchLabels: Record<string, string>) => ({ matchLabels });

/** Every manifest of the article, as written there (comments dropped). */
const ARTICLE: any[] = [
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadata('deny-all-ingress'),
    spec: { podSelector: {}, policyTypes: ['Ingress'] },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadata('deny-all-egress'),
    spec: { podSelector: {}, policyTypes: ['Egress'] },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadata('deny-all'),
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadata('allow-frontend'),
    spec: {
      podSelector: labels({ app: 'backend' }),
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{ podSelector: labels({ app: 'frontend' }) }],
        ports: [{ protocol: 'TCP', port: 8080 }],
      }],
    },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadata('allow-from-monitoring'),
    spec: {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: labels({ purpose: 'monitoring' }) }] }],
    },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadata('allow-external-db'),
    spec: {
      podSelector: labels({ app: 'backend' }),
      policyTypes: ['Egress'],
      egress: [{
        to: [{ ipBlock: { cidr: '10.0.0.0/24' } }],
        ports: [{ protocol: 'TCP', port: 5432 }],
      }],
    },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadata('allow-dns'),
    spec: {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{
        to: [{ namespaceSelector: {}, podSelector: labels({ 'k8s-app': 'kube-dns' }) }],
        ports: [{ protocol: 'UDP', port: 53 }],
      }],
    },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadata('frontend-policy'),
    spec: {
      podSelector: labels({ tier: 'frontend' }),
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [], ports: [{ port: 80 }] }],
      egress: [
        { to: [{ podSelector: labels({ tier: 'backend' }) }], ports: [{ port: 8080 }] },
        { to: [{ namespaceSelector: {} }], ports: [{ port: 53, protocol: 'UDP' }] },
      ],
    },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadata('backend-policy'),
    spec: {
      podSelector: labels({ tier: 'backend' }),
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: labels({ tier: 'frontend' }) }], ports: [{ port: 8080 }] }],
      egress: [{ to: [{ podSelector: labels({ tier: 'database' }) }], ports: [{ port: 5432 }] }],
    },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadata('database-policy'),
    spec: {
      podSelector: labels({ tier: 'database' }),
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: labels({ tier: 'backend' }) }], ports: [{ port: 5432 }] }],
    },
  },
];

/**
 * Removes what Kubernetes does not distinguish: a port without a protocol is TCP; missing policyTypes
 * are Ingress plus Egress when there are egress rules; an empty or missing from/to means every peer;
 * labels and annotations do not change what a policy allows. Key order is ignored by the comparison.
 */
function normalise(manifest: any): any {
  const copy = JSON.parse(JSON.stringify(manifest));
  delete copy.metadata.labels;
  delete copy.metadata.annotations;
  const spec = copy.spec;
  spec.policyTypes ??= spec.egress === undefined ? ['Ingress'] : ['Ingress', 'Egress'];
  for (const [direction, peerField] of [['ingress', 'from'], ['egress', 'to']]) {
    for (const rule of spec[direction] ?? []) {
      if (rule[peerField]?.length === 0) {
        delete rule[peerField];
      }
      for (const port of rule.ports ?? []) {
        port.protocol ??= 'TCP';
      }
    }
  }
  return copy;
}

function seed(): any[] {
  return synth(new SeedChart(new App(), 'seed'));
}

describe('SeedChart reproduces the article', () => {
  let manifests: any[];
  beforeAll(() => {
    manifests = seed();
  });

  test('every manifest of the article, and nothing else, by name', () => {
    expect(manifests.map((m) => m.metadata.name).sort()).toEqual(ARTICLE.map((m) => m.metadata.name).sort());
    expect(ARTICLE).toHaveLength(10);
  });

  test.each(ARTICLE.map((m) => [m.metadata.name, m]))('%s matches the article after normalisation', (name, article) => {
    const ours = manifests.find((m) => m.metadata.name === name);
    expect(normalise(ours)).toEqual(normalise(article));
  });

  test('the library writes the explicit forms itself: normalising its output changes nothing but metadata', () => {
    for (const manifest of manifests) {
      expect(normalise(manifest).spec).toEqual(manifest.spec);
    }
  });

  test('where the article leaves the protocol out, the chart writes TCP', () => {
    const backend = manifests.find((m) => m.metadata.name === 'backend-policy');
    expect(backend.spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 8080 }]);
  });

  test('the article\'s "from: []" (allow all) is written as a rule without from', () => {
    const frontend = manifests.find((m) => m.metadata.name === 'frontend-policy');
    expect(frontend.spec.ingress).toEqual([{ ports: [{ protocol: 'TCP', port: 80 }] }]);
  });

  test('the normalisation is not blind: a changed port, peer or type is told apart', () => {
    const allowFrontend = ARTICLE.find((m) => m.metadata.name === 'allow-frontend');
    const ours = normalise(manifests.find((m) => m.metadata.name === 'allow-frontend'));
    const otherPort = JSON.parse(JSON.stringify(allowFrontend));
    otherPort.spec.ingress[0].ports[0].port = 8081;
    const otherProtocol = JSON.parse(JSON.stringify(allowFrontend));
    otherProtocol.spec.ingress[0].ports[0].protocol = 'UDP';
    const noPeer = JSON.parse(JSON.stringify(allowFrontend));
    delete noPeer.spec.ingress[0].from;
    const otherTypes = JSON.parse(JSON.stringify(allowFrontend));
    otherTypes.spec.policyTypes = ['Ingress', 'Egress'];
    for (const changed of [otherPort, otherProtocol, noPeer, otherTypes]) {
      expect(ours).not.toEqual(normalise(changed));
    }
  });

  test('snapshot', () => {
    expect(manifests).toMatchSnapshot();
  });
});
