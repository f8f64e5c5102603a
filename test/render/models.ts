/** Models the diagram and diff tests share. */
import { App } from 'cdk8s';
import { ThreeTierChart, WorkloadsChart } from '../../examples/charts';
import { NetworkModel } from '../../src';
import { namespace, pod, policy, workload } from '../support/manifests';

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
