/**
 * What the one way in reads out of the objects it recognises: namespaces, pods and workloads (a workload
 * stands for the pods of its template), Services, with the structure errors of each reported at their
 * field path. NetworkPolicies are read by the validator and, for connectivity, by the analysis.
 * Internal.
 *
 * @module
 */
import { Fail, Origin } from './errors';
import { WorkloadKind } from './workload-kind';
import { isObject } from '../manifest';
import { parseIp, ParsedIp } from '../net/cidr';
import { Protocol } from '../protocol';
import { checkDns1123Label, checkDns1123Subdomain, isProtocol } from '../validation/syntax';

export type Labels = Readonly<Record<string, string>>;

/** The namespace a namespaced object without `metadata.namespace` lives in. */
export const DEFAULT_NAMESPACE = 'default';

export interface ContainerPort {
  readonly port: number;
  readonly name?: string;
  readonly protocol: Protocol;
}

export interface NamespaceRecord {
  readonly name: string;
  readonly labels: Labels;
  readonly origin?: Origin;
}

/** The workload a pod belongs to, from its controller owner reference. */
export interface OwnerRecord {
  readonly kind: string;
  readonly name: string;
}

export interface EndpointRecord {
  readonly namespace: string;
  readonly name: string;
  readonly kind: WorkloadKind;
  readonly labels: Labels;
  readonly ports: readonly ContainerPort[];
  /** Pod IPs, parsed; workloads have none. */
  readonly ips: readonly ParsedIp[];
  /** The IPs as written. */
  readonly ipTexts: readonly string[];
  /** The controller that owns the object (a Pod's ReplicaSet, a ReplicaSet's Deployment, a Job's CronJob). */
  readonly owner?: OwnerRecord;
  readonly origin?: Origin;
}

export interface ServicePortRecord {
  readonly name?: string;
  readonly protocol: Protocol;
  readonly port: number;
  /** The pod port: a number, or the name of a container port. */
  readonly targetPort: number | string;
}

export interface ServiceRecord {
  readonly namespace: string;
  readonly name: string;
  /** `spec.selector`; absent for a Service without one (its endpoints are managed by hand) or an ExternalName. */
  readonly selector?: Labels;
  readonly type: string;
  readonly ports: readonly ServicePortRecord[];
  readonly clusterIps: readonly ParsedIp[];
  readonly clusterIpTexts: readonly string[];
  readonly origin?: Origin;
}

/** Workload kinds: the API groups they belong to, and where their pod template lives. */
export const WORKLOADS: Readonly<Record<string, { kind: WorkloadKind; groups: readonly string[]; template: readonly string[] }>> = {
  Deployment: { kind: WorkloadKind.DEPLOYMENT, groups: ['apps', 'extensions'], template: ['spec', 'template'] },
  StatefulSet: { kind: WorkloadKind.STATEFUL_SET, groups: ['apps'], template: ['spec', 'template'] },
  DaemonSet: { kind: WorkloadKind.DAEMON_SET, groups: ['apps', 'extensions'], template: ['spec', 'template'] },
  ReplicaSet: { kind: WorkloadKind.REPLICA_SET, groups: ['apps', 'extensions'], template: ['spec', 'template'] },
  Job: { kind: WorkloadKind.JOB, groups: ['batch'], template: ['spec', 'template'] },
  CronJob: { kind: WorkloadKind.CRON_JOB, groups: ['batch'], template: ['spec', 'jobTemplate', 'spec', 'template'] },
  ReplicationController: { kind: WorkloadKind.REPLICATION_CONTROLLER, groups: [''], template: ['spec', 'template'] },
};

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return `${typeof value} ${text !== undefined && text.length > 60 ? `${text.slice(0, 60)}...` : text}`;
}

/** `metadata.labels`-style maps: string to string; absent or null is empty. Keys are kept as data, never as properties. */
export function readLabels(value: unknown, field: string, fail: Fail): Labels {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) fail(field, `must be a map of label keys to string values, got ${describeValue(value)}`);
  // A map without a prototype: a label key such as `__proto__` or `constructor` is a key like any other.
  const labels: Record<string, string> = Object.create(null);
  for (const key of Object.keys(value as object)) {
    const labelValue = (value as Record<string, unknown>)[key];
    if (typeof labelValue !== 'string') {
      fail(`${field}.${key}`, `label values must be strings, got ${describeValue(labelValue)} (quote it in YAML)`);
    }
    labels[key] = labelValue as string;
  }
  return labels;
}

/** A value from the input in a message: quoted, escaped, and cut short when long. */
function quoted(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}...` : value);
}

export function readMetadata(object: Record<string, any>, kind: string, fail: Fail): { name: string; namespace: string; raw: Record<string, any> } {
  const metadata = object.metadata;
  if (!isObject(metadata)) fail('metadata', `a ${kind} needs metadata with a name`);
  const name = metadata.name;
  if (typeof name !== 'string' || name === '') fail('metadata.name', `a ${kind} needs a name (a non-empty string)`);
  // As the API server checks them: a Namespace's name is a DNS label, a Service's too (DNS-1035), the rest subdomains.
  const nameReason = kind === 'Namespace' ? checkDns1123Label(name)
    : kind === 'Service' ? checkDns1123Label(name) ?? (/^[a-z]/.test(name) ? undefined : 'must start with a letter (a DNS-1035 label)')
      : checkDns1123Subdomain(name);
  if (nameReason !== undefined) fail('metadata.name', `${quoted(name)} ${nameReason}`);
  const namespace = metadata.namespace;
  if (namespace !== undefined && namespace !== null && typeof namespace !== 'string') {
    fail('metadata.namespace', 'must be a string');
  }
  if (typeof namespace === 'string' && namespace !== '') {
    const reason = checkDns1123Label(namespace);
    if (reason !== undefined) fail('metadata.namespace', `${quoted(namespace)} ${reason}`);
  }
  // '' is no namespace, as for kubectl and the validator: the object goes to the default namespace.
  return { name, namespace: kind === 'Namespace' ? '' : (namespace || DEFAULT_NAMESPACE), raw: metadata };
}

export function readNamespace(object: Record<string, any>, origin: Origin, fail: Fail): NamespaceRecord {
  const metadata = readMetadata(object, 'Namespace', fail);
  return { name: metadata.name, labels: readLabels(metadata.raw.labels, 'metadata.labels', fail), origin };
}

export function readPod(object: Record<string, any>, origin: Origin, fail: Fail): EndpointRecord {
  const metadata = readMetadata(object, 'Pod', fail);
  const { ips, ipTexts } = readPodIps(object.status, fail);
  return {
    namespace: metadata.namespace,
    name: metadata.name,
    kind: WorkloadKind.POD,
    labels: readLabels(metadata.raw.labels, 'metadata.labels', fail),
    ports: readContainerPorts(object.spec, 'spec', fail),
    ips,
    ipTexts,
    owner: readOwner(metadata.raw, fail),
    origin,
  };
}

export function readWorkload(object: Record<string, any>, kindName: string, origin: Origin, fail: Fail): EndpointRecord {
  const workload = WORKLOADS[kindName];
  const metadata = readMetadata(object, workload.kind, fail);
  let template: unknown = object;
  let field = '';
  for (const step of workload.template) {
    template = isObject(template) ? template[step] : undefined;
    field = field ? `${field}.${step}` : step;
  }
  if (!isObject(template)) {
    fail(field, `a ${workload.kind} needs a pod template at ${field}; its pods' labels and ports come from it`);
  }
  const templateMetadata = template.metadata;
  if (templateMetadata !== undefined && templateMetadata !== null && !isObject(templateMetadata)) {
    fail(`${field}.metadata`, 'must be an object');
  }
  return {
    namespace: metadata.namespace,
    name: metadata.name,
    kind: workload.kind,
    labels: readLabels(templateMetadata?.labels, `${field}.metadata.labels`, fail),
    ports: readContainerPorts(template.spec, `${field}.spec`, fail),
    ips: [],
    ipTexts: [],
    owner: readOwner(metadata.raw, fail),
    origin,
  };
}

export function readService(object: Record<string, any>, origin: Origin, fail: Fail): ServiceRecord {
  const metadata = readMetadata(object, 'Service', fail);
  const spec = object.spec ?? {};
  if (!isObject(spec)) fail('spec', `a Service spec must be an object, got ${describeValue(spec)}`);
  const type = typeof spec.type === 'string' && spec.type !== '' ? spec.type : 'ClusterIP';
  const selector = spec.selector === undefined || spec.selector === null ? undefined : readLabels(spec.selector, 'spec.selector', fail);
  const ports: ServicePortRecord[] = [];
  const list = spec.ports ?? [];
  if (!Array.isArray(list)) fail('spec.ports', `must be a list of ports, got ${describeValue(list)}`);
  list.forEach((raw: unknown, i: number) => {
    const at = `spec.ports[${i}]`;
    if (!isObject(raw)) fail(at, `a Service port must be an object with port, got ${describeValue(raw)}`);
    const port = raw.port;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
      fail(`${at}.port`, `must be a port number from 1 to 65535, got ${describeValue(port)}`);
    }
    const protocol = raw.protocol ?? Protocol.TCP;
    if (!isProtocol(protocol)) fail(`${at}.protocol`, `must be TCP, UDP or SCTP, got ${describeValue(protocol)}`);
    let targetPort: number | string = port;
    if (raw.targetPort !== undefined && raw.targetPort !== null) {
      const target = raw.targetPort;
      if (typeof target === 'number') {
        if (!Number.isInteger(target) || target < 1 || target > 65535) {
          fail(`${at}.targetPort`, `must be a port number from 1 to 65535 or a container port name, got ${describeValue(target)}`);
        }
        targetPort = target;
      } else if (typeof target === 'string' && target !== '') {
        targetPort = /^[0-9]+$/.test(target) ? Number(target) : target;
      } else {
        fail(`${at}.targetPort`, `must be a port number or a container port name, got ${describeValue(target)}`);
      }
    }
    const name = typeof raw.name === 'string' && raw.name !== '' ? raw.name : undefined;
    ports.push({ name, protocol: protocol as Protocol, port: port as number, targetPort });
  });
  const clusterIps: ParsedIp[] = [];
  const clusterIpTexts: string[] = [];
  const addIp = (text: unknown, field: string) => {
    if (text === undefined || text === null || text === '' || text === 'None') return;
    const ip = typeof text === 'string' ? parseIp(text) : undefined;
    if (!ip) fail(field, `${JSON.stringify(text)} is not an IP address`);
    if (!clusterIps.some((known) => known.family === ip.family && known.value === ip.value)) {
      clusterIps.push(ip);
      clusterIpTexts.push(text as string);
    }
  };
  addIp(spec.clusterIP, 'spec.clusterIP');
  const clusterIPs = spec.clusterIPs;
  if (Array.isArray(clusterIPs)) clusterIPs.forEach((text: unknown, i: number) => addIp(text, `spec.clusterIPs[${i}]`));
  return { namespace: metadata.namespace, name: metadata.name, selector, type, ports, clusterIps, clusterIpTexts, origin };
}

function readOwner(metadata: Record<string, any>, fail: Fail): OwnerRecord | undefined {
  const references = metadata.ownerReferences;
  if (references === undefined || references === null) return undefined;
  if (!Array.isArray(references)) fail('metadata.ownerReferences', `must be a list, got ${describeValue(references)}`);
  for (const reference of references) {
    if (isObject(reference) && reference.controller === true && typeof reference.kind === 'string' && typeof reference.name === 'string') {
      if (!/^[A-Za-z][A-Za-z0-9]*$/.test(reference.kind)) fail('metadata.ownerReferences', `kind ${quoted(reference.kind)} is not a kind`);
      const reason = checkDns1123Subdomain(reference.name);
      if (reason !== undefined) fail('metadata.ownerReferences', `name ${quoted(reference.name)} ${reason}`);
      return { kind: reference.kind, name: reference.name };
    }
  }
  return undefined;
}

function readContainerPorts(spec: unknown, field: string, fail: Fail): ContainerPort[] {
  if (spec === undefined || spec === null) return [];
  if (!isObject(spec)) fail(field, 'a pod spec must be an object');
  const ports: ContainerPort[] = [];
  for (const listName of ['containers', 'initContainers']) {
    const containers = spec[listName];
    if (containers === undefined || containers === null) continue;
    if (!Array.isArray(containers)) fail(`${field}.${listName}`, 'must be a list of containers');
    containers.forEach((container: unknown, i: number) => {
      const at = `${field}.${listName}[${i}]`;
      if (!isObject(container)) fail(at, 'a container must be an object');
      const list = container.ports;
      if (list === undefined || list === null) return;
      if (!Array.isArray(list)) fail(`${at}.ports`, 'must be a list of container ports');
      list.forEach((port: unknown, j: number) => {
        const portAt = `${at}.ports[${j}]`;
        if (!isObject(port)) fail(portAt, 'a container port must be an object with containerPort');
        const number = port.containerPort;
        if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > 65535) {
          fail(`${portAt}.containerPort`, `must be a port number from 1 to 65535, got ${JSON.stringify(number) ?? 'nothing'}`);
        }
        const protocol = port.protocol ?? Protocol.TCP;
        if (!isProtocol(protocol)) fail(`${portAt}.protocol`, `must be TCP, UDP or SCTP, got ${JSON.stringify(protocol)}`);
        const name = port.name;
        if (name !== undefined && name !== null && (typeof name !== 'string' || name === '')) {
          fail(`${portAt}.name`, 'must be a non-empty string');
        }
        ports.push({ port: number, protocol: protocol as Protocol, name: name ?? undefined });
      });
    });
  }
  // At its size: records are kept for the whole run, and a list grown by push reserves room for 17.
  return ports.slice();
}

function readPodIps(status: unknown, fail: Fail): { ips: ParsedIp[]; ipTexts: string[] } {
  const ips: ParsedIp[] = [];
  const ipTexts: string[] = [];
  if (status === undefined || status === null) return { ips, ipTexts };
  if (!isObject(status)) fail('status', 'must be an object');
  const add = (text: unknown, field: string) => {
    const ip = typeof text === 'string' ? parseIp(text) : undefined;
    if (!ip) fail(field, `${JSON.stringify(text)} is not an IP address`);
    if (!ips.some((known) => known.family === ip.family && known.value === ip.value)) {
      ips.push(ip);
      ipTexts.push(text as string);
    }
  };
  if (status.podIP !== undefined && status.podIP !== null && status.podIP !== '') add(status.podIP, 'status.podIP');
  const list = status.podIPs;
  if (list !== undefined && list !== null) {
    if (!Array.isArray(list)) fail('status.podIPs', 'must be a list of {ip: ...}');
    list.forEach((entry: unknown, i: number) => {
      if (!isObject(entry)) fail(`status.podIPs[${i}]`, 'must be an object {ip: ...}');
      add(entry.ip, `status.podIPs[${i}].ip`);
    });
  }
  return { ips, ipTexts };
}
