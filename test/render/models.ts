/** Models the diagram and diff tests share. */
import { App } from 'cdk8s';
import { ThreeTierChart, WorkloadsChart } from '../../examples/charts';
import { NetworkModel } from '../../src';
import { clusterPolicy, namespace, pod, policy, workload } from '../support/manifests';

/** The README's example: ThreeTierApp with its workloads, and the cluster DNS it calls. */
export const THREE_TIER_NAMESPACES = ['three-tier', 'kube-system'];

export function threeTierModel(): NetworkModel {
  const app = new App();
  new ThreeTierChart(app, 'three-tier');
  new WorkloadsChart(app, 'workloads');
  return NetworkModel.fromApp(app);
}

/**
 * A model with every shape the diagram handles: ingress from anyone, ipBlocks with excepts and
 * nested blocks, 0.0.0.0/0, named ports, a port range, a rule without ports, a protocol-only port,
 * a rule without peers, workloads isolated for one direction only, and open pods.
 */
export function richManifests(): any[] {
  return [
    namespace('app', { team: 'app' }),
    namespace('tools', { team: 'tools' }),
    namespace('batch'),
    workload('Deployment', 'app', 'frontend', { app: 'frontend' }, [[80, 'http'], [8443, 'https']]),
    workload('Deployment', 'app', 'api', { app: 'api' }, [[8080, 'http'], [9090, 'metrics']]),
    workload('StatefulSet', 'app', 'db', { app: 'db' }, [[5432, 'postgres']]),
    workload('Deployment', 'app', 'worker', { app: 'worker' }),
    pod('tools', 'debug', { run: 'debug' }),
    workload('Deployment', 'tools', 'metrics', { app: 'metrics' }, [[9100, 'scrape']]),
    workload('CronJob', 'batch', 'report', { app: 'report' }, [[7000, 'stats', 'UDP']]),
    policy('app', 'frontend-in', {
      podSelector: { matchLabels: { app: 'frontend' } },
      policyTypes: ['Ingress'],
      ingress: [
        { ports: [{ port: 80 }] },
        { from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 8443 }] },
      ],
    }),
    policy('app', 'api', {
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        { from: [{ podSelector: { matchLabels: { app: 'frontend' } } }], ports: [{ port: 'http' }] },
        { from: [{ namespaceSelector: { matchLabels: { team: 'tools' } }, podSelector: { matchLabels: { app: 'metrics' } } }], ports: [{ port: 9090 }] },
      ],
      egress: [
        { to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ port: 5432 }] },
        { to: [{ ipBlock: { cidr: '10.1.0.0/16' } }], ports: [{ port: 443 }] },
        { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }], ports: [{ port: 443 }] },
      ],
    }),
    policy('app', 'db', {
      podSelector: { matchLabels: { app: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [
        { from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 5432 }] },
        { from: [{ podSelector: { matchLabels: { app: 'worker' } } }], ports: [{ port: 5432, endPort: 5440 }] },
      ],
    }),
    policy('app', 'worker', {
      podSelector: { matchLabels: { app: 'worker' } },
      policyTypes: ['Egress'],
      egress: [
        { ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] },
        { to: [{ ipBlock: { cidr: '192.168.0.0/16' } }] },
        { to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ port: 5432, endPort: 5440 }] },
      ],
    }),
    policy('tools', 'metrics-in', {
      podSelector: { matchLabels: { app: 'metrics' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: {} }] }],
    }),
    policy('batch', 'report', {
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'tools' } } }], ports: [{ protocol: 'UDP', port: 7000 }] }],
      egress: [{ ports: [{ protocol: 'UDP' }] }],
    }),
  ];
}

/**
 * ClusterNetworkPolicies over `richManifests()`: an Admin Deny to pods (worker to tools), an Admin Deny from a
 * namespace into an otherwise open pod, an Admin Accept over a NetworkPolicy, an Admin Deny to a network, and a
 * Baseline Deny for pods no NetworkPolicy isolates.
 */
export function richClusterPolicies(): any[] {
  return [
    // worker sends DNS anywhere (a rule without peers, so an edge to "any address"), but not to tools.
    clusterPolicy('worker-not-tools', 'Admin', 10, { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'worker' } } } }, {
      egress: [{ action: 'Deny', to: [{ namespaces: { matchLabels: { team: 'tools' } } }] }],
    }),
    // debug is open to every pod, but not to the app namespace; monitoring scrapes api over its NetworkPolicy.
    clusterPolicy('debug-not-from-app', 'Admin', 20, { pods: { namespaceSelector: {}, podSelector: { matchLabels: { run: 'debug' } } } }, {
      ingress: [{ action: 'Deny', from: [{ namespaces: { matchLabels: { team: 'app' } } }] }],
    }),
    clusterPolicy('scrape', 'Admin', 30, { namespaces: { matchLabels: { team: 'app' } } }, {
      ingress: [{ action: 'Accept', from: [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'metrics' } } } }], protocols: [{ tcp: { destinationPort: { number: 9100 } } }] }],
    }),
    // No pod reaches part of 192.168.0.0/16; batch is cut off from every pod no NetworkPolicy isolates.
    clusterPolicy('no-lab', 'Admin', 40, { namespaces: {} }, { egress: [{ action: 'Deny', to: [{ networks: ['192.168.7.0/24'] }] }] }),
    clusterPolicy('baseline', 'Baseline', 1, { namespaces: {} }, {
      ingress: [{ action: 'Deny', from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'batch' } } }] }],
    }),
  ];
}
