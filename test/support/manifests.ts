/**
 * Manifest builders the tests share: plain Namespace, Pod, NetworkPolicy and workload objects (as a
 * model reads them from YAML), each from a few arguments. Container ports are given as
 * `[number, name?, protocol?]`; a missing name or protocol is left out of the manifest.
 */

/** A container port: number, optional name, optional protocol (left out: TCP). */
export type ContainerPortSpec = [number, string?, string?];

function containerPorts(ports: ContainerPortSpec[]): any[] {
  return ports.map(([containerPort, portName, protocol]) => ({
    containerPort,
    ...(portName ? { name: portName } : {}),
    ...(protocol ? { protocol } : {}),
  }));
}

/** A namespace manifest. */
export function namespace(name: string, labels: Record<string, string> = {}): any {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

/** A pod manifest, with container ports and (given `ips`) its addresses in `status`. */
export function pod(
  ns: string, name: string, labels: Record<string, string> = {},
  options: { ports?: ContainerPortSpec[]; ips?: string[] } = {},
): any {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels },
    spec: {
      containers: [{
        name: 'main',
        image: 'example',
        ports: containerPorts(options.ports ?? []),
      }],
    },
    ...(options.ips ? { status: { podIP: options.ips[0], podIPs: options.ips.map((ip) => ({ ip })) } } : {}),
  };
}

/** A Pod with an IP address (only `status.podIP`) and a container without ports. */
export function podWithIp(ns: string, name: string, labels: Record<string, string>, ip: string): any {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels },
    spec: { containers: [{ name: 'main', image: 'example' }] },
    status: { podIP: ip },
  };
}

/** A NetworkPolicy manifest in `ns` (`undefined`: without a namespace), with these annotations if given. */
export function policy(ns: string | undefined, name: string, spec: any, annotations?: Record<string, string>): any {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, ...(ns !== undefined ? { namespace: ns } : {}), ...(annotations ? { annotations } : {}) },
    spec,
  };
}

/** A workload manifest (Deployment, StatefulSet, CronJob, ...) whose pod template has these labels and container ports. */
export function workload(
  kind: string, ns: string, name: string, labels: Record<string, string>,
  ports: ContainerPortSpec[] = [],
): any {
  const apiVersion = kind === 'CronJob' ? 'batch/v1' : 'apps/v1';
  const template = {
    metadata: { labels },
    spec: {
      containers: [{
        name: 'main',
        image: 'example',
        ports: containerPorts(ports),
      }],
    },
  };
  const spec = kind === 'CronJob'
    ? { schedule: '@daily', jobTemplate: { spec: { template } } }
    : { selector: { matchLabels: labels }, template };
  return { apiVersion, kind, metadata: { name, namespace: ns }, spec };
}

/** A Deployment whose pods have `labels` and these container ports. */
export function deployment(ns: string, name: string, labels: Record<string, string>, ports: ContainerPortSpec[] = []): any {
  return workload('Deployment', ns, name, labels, ports);
}

/** A ClusterNetworkPolicy manifest (policy.networking.k8s.io/v1alpha2), with these rules and annotations if given. */
export function clusterPolicy(
  name: string, tier: 'Admin' | 'Baseline', priority: number, subject: any,
  rules: { ingress?: any[]; egress?: any[] }, annotations?: Record<string, string>,
): any {
  return {
    apiVersion: 'policy.networking.k8s.io/v1alpha2',
    kind: 'ClusterNetworkPolicy',
    metadata: { name, ...(annotations ? { annotations } : {}) },
    spec: { tier, priority, subject, ...rules },
  };
}
