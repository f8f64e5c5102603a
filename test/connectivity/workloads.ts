/**
 * Workloads as cdk8s ApiObjects, so that a chart holds both the policies and the pods they govern and
 * the jest matchers can judge the chart itself.
 */
import { ApiObject, Chart } from 'cdk8s';
import { Protocol } from '../../src';

/** A container port: number, optional name, protocol (TCP when absent). */
export type PortSpec = readonly [number, string?, Protocol?];

function containers(ports: readonly PortSpec[]): any[] {
  return [{
    name: 'main',
    image: 'example',
    ports: ports.map(([containerPort, name, protocol]) => ({
      containerPort,
      ...(name === undefined ? {} : { name }),
      protocol: protocol ?? Protocol.TCP,
    })),
  }];
}

/** A Pod named `name` in `namespace`. */
export function addPod(chart: Chart, namespace: string, name: string, labels: Record<string, string>, ports: readonly PortSpec[] = []): void {
  new ApiObject(chart, `pod-${namespace}-${name}`, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: { containers: containers(ports) },
  });
}

/** A Deployment named `name` in `namespace`, standing for its pods. */
export function addDeployment(chart: Chart, namespace: string, name: string, labels: Record<string, string>, ports: readonly PortSpec[] = []): void {
  new ApiObject(chart, `deployment-${namespace}-${name}`, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: containers(ports) } },
    },
  });
}

/** A Namespace with labels. */
export function addNamespace(chart: Chart, name: string, labels: Record<string, string> = {}): void {
  new ApiObject(chart, `namespace-${name}`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
}

/** The cluster DNS as CoreDNS runs it: a Deployment in kube-system labelled k8s-app=kube-dns, UDP and TCP 53. */
export function addClusterDns(chart: Chart): void {
  addDeployment(chart, 'kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, [[53, 'dns', Protocol.UDP], [53, 'dns-tcp', Protocol.TCP]]);
}

/** A pod with the kube-dns labels in namespace `other`: DNS rules must not reach it. */
export function addFakeDns(chart: Chart): void {
  addPod(chart, 'other', 'kube-dns', { 'k8s-app': 'kube-dns' }, [[53, 'dns', Protocol.UDP], [53, 'dns-tcp', Protocol.TCP]]);
}

/** An address on the internet (TEST-NET-3). */
export const INTERNET = '203.0.113.10';
