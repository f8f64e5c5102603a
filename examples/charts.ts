import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AllowFrom,
  AllowTo,
  DefaultDeny,
  LabelSelector,
  Namespaces,
  NetworkPolicy,
  Peer,
  PolicyType,
  Port,
  ThreeTierApp,
} from '../src';

/**
 * Every manifest of the seed article ("Kubernetes NetworkPolicy: Pod Network Security"), same names,
 * same namespace, same meaning, written with the library's constructs.
 */
export class SeedChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'production' });

    new DefaultDeny(this, 'deny-all-ingress', {
      metadata: { name: 'deny-all-ingress' },
      directions: [PolicyType.INGRESS],
    });
    new DefaultDeny(this, 'deny-all-egress', {
      metadata: { name: 'deny-all-egress' },
      directions: [PolicyType.EGRESS],
    });
    new DefaultDeny(this, 'deny-all', {
      metadata: { name: 'deny-all' },
      directions: [PolicyType.INGRESS, PolicyType.EGRESS],
    });

    new AllowFrom(this, 'allow-frontend', {
      metadata: { name: 'allow-frontend' },
      description: 'The backend serves the frontend on TCP 8080.',
      podSelector: LabelSelector.labels({ app: 'backend' }),
      peers: [Peer.pods(LabelSelector.labels({ app: 'frontend' }))],
      ports: [Port.tcp(8080)],
    });

    new AllowFrom(this, 'allow-from-monitoring', {
      metadata: { name: 'allow-from-monitoring' },
      description: 'Monitoring scrapes every pod of the namespace.',
      podSelector: LabelSelector.all(),
      peers: [Peer.namespaces(Namespaces.selectedBy(LabelSelector.labels({ purpose: 'monitoring' })))],
    });

    new AllowTo(this, 'allow-external-db', {
      metadata: { name: 'allow-external-db' },
      description: 'The backend uses the PostgreSQL database outside the cluster.',
      podSelector: LabelSelector.labels({ app: 'backend' }),
      peers: [Peer.ipv4('10.0.0.0/24')],
      ports: [Port.POSTGRESQL],
    });

    // The article's DNS policy, as written: kube-dns pods in any namespace, UDP only.
    // (AllowDns would also allow TCP 53 and pin the namespace; see the three-tier chart.)
    new NetworkPolicy(this, 'allow-dns', {
      metadata: { name: 'allow-dns' },
      description: 'Every pod may resolve names through kube-dns.',
      egress: [{
        peers: [Peer.pods(LabelSelector.labels({ 'k8s-app': 'kube-dns' }), Namespaces.all())],
        ports: [Port.DNS_UDP],
      }],
    });

    // The article's complete three-tier example, as written (including its gaps: the backend has no DNS,
    // the frontend's DNS rule opens UDP 53 to every pod of every namespace). ThreeTierApp does it right.
    const frontend = LabelSelector.labels({ tier: 'frontend' });
    const backend = LabelSelector.labels({ tier: 'backend' });
    const database = LabelSelector.labels({ tier: 'database' });
    new NetworkPolicy(this, 'frontend-policy', {
      metadata: { name: 'frontend-policy' },
      podSelector: frontend,
      policyTypes: [PolicyType.INGRESS, PolicyType.EGRESS],
      ingress: [{ peers: [Peer.anyone()], ports: [Port.tcp(80)], description: 'internet-facing' }],
      egress: [
        { peers: [Peer.pods(backend)], ports: [Port.tcp(8080)], description: 'calls the backend' },
        { peers: [Peer.allPods()], ports: [Port.DNS_UDP], description: 'DNS' },
      ],
    });
    new NetworkPolicy(this, 'backend-policy', {
      metadata: { name: 'backend-policy' },
      podSelector: backend,
      policyTypes: [PolicyType.INGRESS, PolicyType.EGRESS],
      ingress: [{ peers: [Peer.pods(frontend)], ports: [Port.tcp(8080)], description: 'served to the frontend' }],
      egress: [{ peers: [Peer.pods(database)], ports: [Port.POSTGRESQL], description: 'queries the database' }],
    });
    new NetworkPolicy(this, 'database-policy', {
      metadata: { name: 'database-policy' },
      podSelector: database,
      policyTypes: [PolicyType.INGRESS],
      ingress: [{ peers: [Peer.pods(backend)], ports: [Port.POSTGRESQL], description: 'only the backend' }],
    });
  }
}

/** The seed's complete example done right, with every default of ThreeTierApp. */
export class ThreeTierChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'three-tier' });
    new ThreeTierApp(this, 'app');
  }
}

/**
 * The cluster the policies apply to: namespaces and workloads, so that the connectivity report has
 * pods to judge. Written with plain ApiObjects (the library does not manage workloads).
 */
export class WorkloadsChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const namespace = (name: string, labels: { [key: string]: string } = {}) =>
      new ApiObject(this, `ns-${name}`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
    type ContainerPort = { containerPort: number; name: string; protocol?: string };
    const deployment = (ns: string, name: string, labels: { [key: string]: string }, ports: ContainerPort[]) =>
      new ApiObject(this, `${ns}-${name}`, {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, namespace: ns },
        spec: {
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: { containers: [{ name, image: `example/${name}:1.0`, ports }] },
          },
        },
      });

    namespace('production');
    namespace('three-tier');
    namespace('monitoring', { purpose: 'monitoring' });
    namespace('kube-system');

    for (const ns of ['production', 'three-tier']) {
      deployment(ns, 'frontend', { app: 'frontend', tier: 'frontend' }, [{ containerPort: 80, name: 'http' }]);
      deployment(ns, 'backend', { app: 'backend', tier: 'backend' }, [{ containerPort: 8080, name: 'http' }]);
      deployment(ns, 'database', { app: 'database', tier: 'database' }, [{ containerPort: 5432, name: 'postgres' }]);
    }
    deployment('monitoring', 'prometheus', { app: 'prometheus' }, [{ containerPort: 9090, name: 'web' }]);
    deployment('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, [
      { containerPort: 53, name: 'dns', protocol: 'UDP' },
      { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
    ]);
  }
}
