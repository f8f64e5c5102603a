/**
 * Loading plain manifests (objects, YAML/JSON text, files and folders) into a `ClusterModel`.
 *
 * Kinds read: NetworkPolicy, Namespace, Pod, the pod templates of Deployment, StatefulSet,
 * DaemonSet, ReplicaSet, Job and CronJob, and `List` (its items). Other kinds are skipped with a
 * note. Internal; the public face is `NetworkModel`.
 *
 * @module
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { Protocol } from '../protocol';
import { joinFieldPath, ManifestLoadError, Origin } from './errors';
import { ClusterModel, ContainerPort, DEFAULT_NAMESPACE } from './model';
import { Fail, readLabels, readNetworkPolicy } from './policy-parse';
import { WorkloadKind } from './workload-kind';
import { isObject } from '../manifest';
import { parseIp, ParsedIp } from '../validation/cidr';
import { isProtocol } from '../validation/syntax';

/** File name endings read when a folder is given. */
const MANIFEST_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json'];

/** Workload kinds: the API groups they belong to, and where their pod template lives. */
const WORKLOADS: Record<string, { kind: WorkloadKind; groups: readonly string[]; template: readonly string[] }> = {
  Deployment: { kind: WorkloadKind.DEPLOYMENT, groups: ['apps', 'extensions'], template: ['spec', 'template'] },
  StatefulSet: { kind: WorkloadKind.STATEFUL_SET, groups: ['apps'], template: ['spec', 'template'] },
  DaemonSet: { kind: WorkloadKind.DAEMON_SET, groups: ['apps', 'extensions'], template: ['spec', 'template'] },
  ReplicaSet: { kind: WorkloadKind.REPLICA_SET, groups: ['apps', 'extensions'], template: ['spec', 'template'] },
  Job: { kind: WorkloadKind.JOB, groups: ['batch'], template: ['spec', 'template'] },
  CronJob: { kind: WorkloadKind.CRON_JOB, groups: ['batch'], template: ['spec', 'jobTemplate', 'spec', 'template'] },
};

/** The API group of the other kinds read; '' is the core group (`apiVersion: v1`). */
const CORE_KINDS: Record<string, string> = { Pod: '', Namespace: '', List: '', NetworkPolicy: 'networking.k8s.io' };


/**
 * Loads manifests into a model. One loader per load call: it tallies skipped kinds and writes one
 * note per kind at the end, so that a cluster dump does not produce a note per ConfigMap.
 */
export class ManifestLoader {
  private readonly skipped = new Map<string, { count: number; first: Origin }>();

  constructor(private readonly model: ClusterModel) {}

  /** Loads one manifest object (or `List`). */
  public loadObject(value: unknown, origin: Origin): void {
    const fail: Fail = (field, detail) => {
      throw new ManifestLoadError(detail, { file: origin.source, documentIndex: origin.documentIndex, field: joinFieldPath(origin.path, field) });
    };
    if (!isObject(value)) {
      fail(undefined, `a manifest must be an object with apiVersion and kind, got ${Array.isArray(value) ? 'a list' : typeof value}`);
    }
    const object = value as Record<string, any>;
    const kind = object.kind;
    if (typeof kind !== 'string' || kind === '') {
      this.skip('(no kind)', origin);
      return;
    }
    const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : undefined;
    // Kinds are matched by API group too: Calico and Cilium have their own `NetworkPolicy` kinds.
    const group = apiVersion === undefined ? undefined : apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    const workload = WORKLOADS[kind];
    if (workload && (group === undefined || workload.groups.includes(group))) {
      this.loadWorkload(object, workload, origin, fail);
      return;
    }
    if (!(kind in CORE_KINDS) || (group !== undefined && CORE_KINDS[kind] !== group)) {
      this.skip(apiVersion ? `${apiVersion} ${kind}` : kind, origin);
      return;
    }
    switch (kind) {
      case 'List':
        this.loadList(object, origin, fail);
        break;
      case 'Namespace':
        this.loadNamespace(object, origin, fail);
        break;
      case 'Pod':
        this.loadPod(object, origin, fail);
        break;
      case 'NetworkPolicy': {
        const { manifest, policy } = readNetworkPolicy(object, fail);
        this.model.addPolicy({ namespace: policy.namespace, name: policy.name, manifest, policy, origin });
        break;
      }
    }
  }

  /** Loads a list of manifest objects; each one's document index is its position in the list. */
  public loadObjects(values: readonly unknown[], source: string): void {
    values.forEach((value, documentIndex) => this.loadObject(value, { source, documentIndex }));
  }

  /** Loads multi-document YAML (or JSON) text. Empty documents are skipped. */
  public loadYaml(text: string, source: string): void {
    for (const { value, documentIndex } of parseManifestText(text, source, 'yaml')) {
      this.loadObject(value, { source, documentIndex });
    }
  }

  /** Loads a JSON text holding one manifest object (or a `List`). */
  public loadJson(text: string, source: string): void {
    for (const { value, documentIndex } of parseManifestText(text, source, 'json')) {
      this.loadObject(value, { source, documentIndex });
    }
  }

  /** Loads files, and folders recursively (`*.yaml`, `*.yml`, `*.json`, in sorted order). */
  public loadFiles(paths: readonly string[]): void {
    for (const file of expandPaths(paths)) {
      const text = readManifestFile(file);
      if (file.toLowerCase().endsWith('.json')) {
        this.loadJson(text, file);
      } else {
        this.loadYaml(text, file);
      }
    }
  }

  /** Writes the notes for skipped kinds. Call once at the end of a load. */
  public finish(): void {
    for (const [kind, { count, first }] of this.skipped) {
      const where = `${first.source}#${first.documentIndex}${first.path ? ` ${first.path}` : ''}`;
      this.model.notes.push(count === 1
        ? `${where}: skipped ${kind} (not used for connectivity analysis)`
        : `skipped ${count} objects of kind ${kind} (not used for connectivity analysis), the first at ${where}`);
    }
    this.skipped.clear();
  }

  private skip(kind: string, origin: Origin): void {
    const entry = this.skipped.get(kind);
    if (entry) {
      entry.count++;
    } else {
      this.skipped.set(kind, { count: 1, first: origin });
    }
  }

  private loadList(object: Record<string, any>, origin: Origin, fail: Fail): void {
    const items = object.items;
    if (items === undefined || items === null) return;
    if (!Array.isArray(items)) fail('items', 'a List must have a list of items');
    items.forEach((item, i) => {
      this.loadObject(item, { ...origin, path: joinFieldPath(origin.path, `items[${i}]`) });
    });
  }

  private loadNamespace(object: Record<string, any>, origin: Origin, fail: Fail): void {
    const metadata = readMetadata(object, 'Namespace', fail);
    this.model.addNamespace(metadata.name, readLabels(metadata.raw.labels, 'metadata.labels', fail), origin);
  }

  private loadPod(object: Record<string, any>, origin: Origin, fail: Fail): void {
    const metadata = readMetadata(object, 'Pod', fail);
    const { ips, ipTexts } = readPodIps(object.status, fail);
    this.model.addEndpoint({
      namespace: metadata.namespace,
      name: metadata.name,
      kind: WorkloadKind.POD,
      labels: readLabels(metadata.raw.labels, 'metadata.labels', fail),
      ports: readContainerPorts(object.spec, 'spec', fail),
      ips,
      ipTexts,
      origin,
    });
  }

  private loadWorkload(object: Record<string, any>, workload: typeof WORKLOADS[string], origin: Origin, fail: Fail): void {
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
    this.model.addEndpoint({
      namespace: metadata.namespace,
      name: metadata.name,
      kind: workload.kind,
      labels: readLabels(templateMetadata?.labels, `${field}.metadata.labels`, fail),
      ports: readContainerPorts(template.spec, `${field}.spec`, fail),
      ips: [],
      ipTexts: [],
      origin,
    });
  }
}

function readMetadata(object: Record<string, any>, kind: string, fail: Fail): { name: string; namespace: string; raw: Record<string, any> } {
  const metadata = object.metadata;
  if (!isObject(metadata)) fail('metadata', `a ${kind} needs metadata with a name`);
  const name = metadata.name;
  if (typeof name !== 'string' || name === '') fail('metadata.name', `a ${kind} needs a name (a non-empty string)`);
  const namespace = metadata.namespace;
  if (namespace !== undefined && namespace !== null && typeof namespace !== 'string') {
    fail('metadata.namespace', 'must be a string');
  }
  // '' is no namespace, as for kubectl and the validator: the object goes to the default namespace.
  return { name, namespace: kind === 'Namespace' ? '' : (namespace || DEFAULT_NAMESPACE), raw: metadata };
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
  return ports;
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

/** One document of a manifest text: its value and its 0-based index in the text. */
export interface ParsedManifestDocument {
  readonly value: unknown;
  readonly documentIndex: number;
}

/**
 * Parses a manifest text: one JSON value, or multi-document YAML (empty documents are skipped). Syntax
 * errors, and YAML that cannot be expanded (an alias bomb), are a `ManifestLoadError` naming the file
 * and the document. The loader, the linter and the CLI all read manifests through this.
 *
 * @param syntax `json` or `yaml`; by default, from the file name (`*.json` is JSON)
 */
export function parseManifestText(text: string, file: string, syntax?: 'json' | 'yaml'): ParsedManifestDocument[] {
  if ((syntax ?? (file.toLowerCase().endsWith('.json') ? 'json' : 'yaml')) === 'json') {
    try {
      return [{ value: JSON.parse(text), documentIndex: 0 }];
    } catch (e) {
      throw new ManifestLoadError(`JSON syntax error: ${firstLine(e)}`, { file, documentIndex: 0 });
    }
  }
  const documents: ParsedManifestDocument[] = [];
  YAML.parseAllDocuments(text).forEach((document, documentIndex) => {
    const error = document.errors[0];
    if (error) {
      // The yaml package's message continues with an excerpt of the text on the following lines.
      throw new ManifestLoadError(`YAML syntax error: ${firstLine(error).replace(/:$/, '')}`, { file, documentIndex });
    }
    let value: unknown;
    try {
      value = document.toJS();
    } catch (e) {
      throw new ManifestLoadError(`YAML error: ${firstLine(e)}`, { file, documentIndex });
    }
    if (value !== null && value !== undefined) documents.push({ value, documentIndex });
  });
  return documents;
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

/** The text of a manifest file; a file that cannot be read is a `ManifestLoadError` naming it. */
export function readManifestFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ManifestLoadError(`cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file });
  }
}

/** Files and folders to the sorted list of files to read. Named files are read whatever their ending. */
export function expandPaths(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch (e) {
      throw new ManifestLoadError(`cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: given });
    }
    if (stat.isDirectory()) {
      const found: string[] = [];
      walk(given, found);
      files.push(...found.sort(comparePaths));
    } else {
      files.push(given);
    }
  }
  return files;
}

/** Folder by folder (a folder's files stay together), then by code point, so the order is the same everywhere. */
function comparePaths(a: string, b: string): number {
  const x = a.split(path.sep);
  const y = b.split(path.sep);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
}

function walk(dir: string, found: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw new ManifestLoadError(`cannot read the folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: dir });
  }
  for (const entry of entries) {
    // Hidden entries (.git, editor folders) and node_modules never hold the manifests meant.
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      walk(full, found);
    } else if (MANIFEST_EXTENSIONS.some((ext) => entry.name.toLowerCase().endsWith(ext))) {
      found.push(full);
    }
  }
}
