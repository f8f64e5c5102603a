/** Models the diagram and diff tests share. */
import { App } from 'cdk8s';
import { ThreeTierChart, WorkloadsChart } from '../../examples/charts';
import { NetworkModel } from '../../src';

export { namespace, pod, policy } from '../analysis/helpers';

/** A workload manifest (Deployment by default) whose pod template has these labels and container ports. */
export function workload(
  kind: string, ns: string, name: string, labels: Record<string, string>,
  ports: Array<[number, string?, string?]> = [],
): any {
  const apiVersion = kind === 'CronJob' ? 'batch/v1' : 'apps/v1';
  const template = {
    metadata: { labels },
    spec: {
      containers: [{
        name: 'main',
        image: 'example',
        ports: ports.map(([containerPort, portName, protocol]) => ({
          containerPort,
          ...(portName ? { name: portName } : {}),
          ...(protocol ? { protocol } : {}),
        })),
      }],
    },
  };
  const spec = kind === 'CronJob'
    ? { schedule: '@daily', jobTemplate: { spec: { template } } }
    : { selector: { matchLabels: labels }, template };
  return { apiVersion, kind, metadata: { name, namespace: ns }, spec };
}

/** The README's example: ThreeTierApp with its workloads, and the cluster DNS it calls. */
export const THREE_TIER_NAMESPACES = ['three-tier', 'kube-system'];

export function threeTierModel(): NetworkModel {
  const app = new App();
  new ThreeTierChart(app, 'three-tier');
  new WorkloadsChart(app, 'workloads');
  return NetworkModel.fromApp(app);
}
