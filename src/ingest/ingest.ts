/**
 * The one way in: paths (or standard input), texts and plain objects to located documents, every `*List`
 * flattened as the API server returns it, each object's kind recognised or noted, every NetworkPolicy
 * validated, and the objects the analysis uses read into records. The CLI, the linter, the cdk8s plugin
 * and `NetworkModel` all read manifests through this, so each rule about what is read is decided here.
 *
 * Never silent: a kind that is not read is tallied and reported (`skippedNote`); a kind or apiVersion
 * that looks like a NetworkPolicy but is not one we read (a case typo, a removed apiVersion) is an
 * error naming what was meant. Internal.
 *
 * @module
 */
import { failAt, ManifestLoadError, Origin } from './errors';
import { forEachManifestDocument } from './parse';
import { EndpointRecord, NamespaceRecord, readNamespace, readPod, readService, readWorkload, ServiceRecord, WORKLOADS } from './records';
import { readSources, ReadOptions } from './sources';
import { YamlReading } from './yaml';
import { CLUSTER_NETWORK_POLICY_API_VERSION, CLUSTER_NETWORK_POLICY_KIND } from '../cluster-manifest';
import { isObject, NETWORK_POLICY_API_VERSION, NETWORK_POLICY_KIND } from '../manifest';
import { Severity } from '../severity';
import { ValidationIssue } from '../validation/issues';
import { validateNetworkPolicy } from '../validation/validate';

/** A NetworkPolicy as written, where it was read, and what the validator says of it. */
export interface PolicyRecord {
  readonly value: Record<string, any>;
  readonly origin: Origin;
  /** The file it was read from, when it was read from one. */
  readonly file?: string;
  /** The validator's issues, then the scalars YAML 1.1 and 1.2 read differently (`readingIssues`). */
  readonly issues: readonly ValidationIssue[];
  /** Warnings for the plain scalars kubectl (YAML 1.1) reads differently from YAML 1.2 tools. */
  readonly readingIssues: readonly ValidationIssue[];
}

/** A ClusterNetworkPolicy as written, where it was read, and what the validator says of it. */
export interface ClusterPolicyRecord {
  readonly value: Record<string, any>;
  readonly origin: Origin;
  /** The file it was read from, when it was read from one. */
  readonly file?: string;
  /** The validator's issues (experimental channel: nodes and domainNames peers are read, not refused). */
  readonly issues: readonly ValidationIssue[];
}

/** Something worth saying about an object read, other than a NetworkPolicy (whose issues say it). */
export interface IngestWarning {
  readonly origin: Origin;
  /** The field path within the object. */
  readonly field: string;
  readonly message: string;
}

/** Objects of one kind that were not read. */
export interface SkippedKind {
  readonly count: number;
  readonly first: Origin;
}

/** Everything read. */
export interface Ingested {
  /** Texts read (files, standard input). */
  readonly sources: number;
  /** Objects seen, List items included, Lists themselves not. */
  readonly objects: number;
  readonly policies: readonly PolicyRecord[];
  readonly clusterPolicies: readonly ClusterPolicyRecord[];
  readonly namespaces: readonly NamespaceRecord[];
  readonly endpoints: readonly EndpointRecord[];
  readonly services: readonly ServiceRecord[];
  /** Kinds not read, by `apiVersion kind`, in the order first seen. */
  readonly skipped: ReadonlyMap<string, SkippedKind>;
  /** Folder entries that are not regular files (fifos, sockets, devices), not read. */
  readonly notRegular: readonly string[];
  /** The sources that are files (as shown), so that findings can name the file an object came from. */
  readonly files: ReadonlySet<string>;
  /** Scalars of the Namespaces, workloads, Pods and Services read that YAML 1.1 and 1.2 read differently. */
  readonly warnings: readonly IngestWarning[];
}

export interface IngestOptions extends ReadOptions {
  /** Validate CIDRs with host bits set as errors. @default false */
  readonly strictCidr?: boolean;
}

/** How deep `List`s may nest in one another; the API server never nests them at all. */
const MAX_LIST_DEPTH = 32;

/** The API groups whose kinds we read, for telling a typo of one of them from another project's kind. */
const OUR_GROUPS = new Set(['', 'apps', 'batch', 'extensions', 'networking.k8s.io', 'policy.networking.k8s.io']);
const OUR_KINDS = new Map<string, string>(
  [NETWORK_POLICY_KIND, CLUSTER_NETWORK_POLICY_KIND, 'Namespace', 'Pod', 'Service', 'List', ...Object.keys(WORKLOADS)].map((kind) => [kind.toLowerCase(), kind]),
);

/** Collects what is read from any number of sources; `result()` gives it all. */
export class Ingestion {
  private sources = 0;
  private objects = 0;
  private readonly policies: PolicyRecord[] = [];
  private readonly clusterPolicies: ClusterPolicyRecord[] = [];
  private readonly namespaces: NamespaceRecord[] = [];
  private readonly endpoints: EndpointRecord[] = [];
  private readonly services: ServiceRecord[] = [];
  private readonly skipped = new Map<string, SkippedKind>();
  private readonly notRegular: string[] = [];
  private readonly files = new Set<string>();
  private readonly warnings: IngestWarning[] = [];

  constructor(private readonly options: IngestOptions = {}) {}

  /** Reads files, folders and `-` (standard input). */
  public addPaths(paths: readonly string[]): this {
    const report = readSources(paths, this.options);
    this.notRegular.push(...report.notRegular);
    for (const source of report.sources) this.addText(source.text, source.file, source.syntax, true);
    return this;
  }

  /** Reads a text: one JSON value, or multi-document YAML. */
  public addText(text: string, source: string, syntax: 'json' | 'yaml', isFile = false): this {
    this.sources++;
    if (isFile) this.files.add(source);
    // Document by document as they are read: what a workload's document holds beyond its labels and
    // ports is garbage at once, instead of surviving until the whole text is read.
    forEachManifestDocument(text, source, syntax, ({ value, documentIndex, readings }) => {
      this.addObject(value, { source, documentIndex }, isFile ? source : undefined, readings);
    });
    return this;
  }

  /** Reads plain objects; each one's document index is its position in the list. */
  public addObjects(values: readonly unknown[], source: string): this {
    if (!Array.isArray(values)) throw new ManifestLoadError(`manifests must be a list of objects, got ${typeof values}`, { file: source });
    values.forEach((value, documentIndex) => this.addObject(value, { source, documentIndex }));
    return this;
  }

  /**
   * Reads one object (a `List` is flattened, however it is nested).
   *
   * @param readings the scalars of its document that YAML 1.1 and 1.2 read differently, by path from the document's root
   */
  public addObject(value: unknown, origin: Origin, file?: string, readings: readonly YamlReading[] = []): this {
    // Iterative, so that nesting cannot exhaust the stack; the depth is bounded too, so that the item paths stay short.
    const pending: Array<{ value: unknown; origin: Origin; depth: number }> = [{ value, origin, depth: 0 }];
    while (pending.length > 0) {
      const item = pending.pop()!;
      const fail = failAt(item.origin);
      if (!isObject(item.value)) {
        fail(undefined, `a manifest must be an object with apiVersion and kind, not ${describe(item.value)}`);
      }
      const object = item.value as Record<string, any>;
      if (isList(object)) {
        if (item.depth >= MAX_LIST_DEPTH) fail(undefined, `Lists are nested more than ${MAX_LIST_DEPTH} deep`);
        const items = object.items ?? [];
        if (!Array.isArray(items)) fail('items', `a ${object.kind} must have a list of items, got ${describe(items)}`);
        // Pushed in reverse, so that items are read in their order.
        for (let i = items.length - 1; i >= 0; i--) {
          const path = item.origin.path ? `${item.origin.path}.items[${i}]` : `items[${i}]`;
          pending.push({ value: items[i], origin: { ...item.origin, path }, depth: item.depth + 1 });
        }
        continue;
      }
      this.objects++;
      this.read(object, item.origin, file, readings);
    }
    return this;
  }

  public result(): Ingested {
    return {
      sources: this.sources,
      objects: this.objects,
      policies: this.policies,
      clusterPolicies: this.clusterPolicies,
      namespaces: this.namespaces,
      endpoints: this.endpoints,
      services: this.services,
      skipped: this.skipped,
      notRegular: this.notRegular,
      files: this.files,
      warnings: this.warnings,
    };
  }

  private read(object: Record<string, any>, origin: Origin, file: string | undefined, documentReadings: readonly YamlReading[]): void {
    const readings = documentReadings.length === 0 ? documentReadings : readingsWithin(documentReadings, origin.path);
    const warn = () => {
      for (const reading of readings) this.warnings.push({ origin, field: reading.path, message: readingMessage(reading) });
    };
    const fail = failAt(origin);
    const kind = object.kind;
    const apiVersion = typeof object.apiVersion === 'string' && object.apiVersion !== '' ? object.apiVersion : undefined;
    if (typeof kind !== 'string' || kind === '') {
      this.skip(apiVersion ? `${apiVersion} (no kind)` : '(no kind)', origin);
      return;
    }
    const group = apiVersion === undefined ? undefined : apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    const version = apiVersion === undefined ? undefined : apiVersion.slice(apiVersion.indexOf('/') + 1);
    const ours = group === undefined || OUR_GROUPS.has(group);
    const meant = OUR_KINDS.get(kind.toLowerCase());
    if (meant !== undefined && meant !== kind && ours) {
      fail('kind', `'${kind}' is not a kind the API server knows (kinds are case-sensitive): did you mean '${meant}'?`);
    }
    if (kind === NETWORK_POLICY_KIND) {
      if (group === 'extensions' || (group === 'networking.k8s.io' && version !== 'v1')) {
        fail('apiVersion', `${apiVersion} NetworkPolicy is not served by current API servers (removed in Kubernetes 1.16): `
          + `write apiVersion: ${NETWORK_POLICY_API_VERSION}`);
      }
      // No usable apiVersion, or the core group (`v1`): ours, and the validator reports the apiVersion.
      if (group === undefined || group === '' || group === 'networking.k8s.io') {
        const readingIssues = readings.map((reading): ValidationIssue => ({
          severity: Severity.WARNING,
          field: reading.path,
          value: reading.text,
          message: readingMessage(reading),
        }));
        const issues = [...validateNetworkPolicy(object, { strictCidr: this.options.strictCidr }), ...readingIssues];
        this.policies.push({ value: object, origin, file, issues, readingIssues });
        return;
      }
    }
    if (kind === CLUSTER_NETWORK_POLICY_KIND && (group === undefined || group === 'policy.networking.k8s.io')) {
      if (apiVersion !== undefined && apiVersion !== CLUSTER_NETWORK_POLICY_API_VERSION) {
        fail('apiVersion', `${apiVersion} ClusterNetworkPolicy is not a version we read: write apiVersion: ${CLUSTER_NETWORK_POLICY_API_VERSION}`);
      }
      // Loaded when the first one is met: most inputs have none, and start-up should not pay for its validator.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { validateClusterNetworkPolicy } = require('../validation/cluster-network-policy') as typeof import('../validation/cluster-network-policy');
      this.clusterPolicies.push({ value: object, origin, file, issues: validateClusterNetworkPolicy(object, { channel: 'experimental', strict: this.options.strictCidr }) });
      warn();
      return;
    }
    const workload = WORKLOADS[kind];
    if (workload && (group === undefined || workload.groups.includes(group))) {
      this.endpoints.push(readWorkload(object, kind, origin, fail));
      warn();
      return;
    }
    if (group === undefined || group === '') {
      switch (kind) {
        case 'Namespace':
          this.namespaces.push(readNamespace(object, origin, fail));
          warn();
          return;
        case 'Pod':
          this.endpoints.push(readPod(object, origin, fail));
          warn();
          return;
        case 'Service':
          this.services.push(readService(object, origin, fail));
          warn();
          return;
      }
    }
    this.skip(apiVersion ? `${apiVersion} ${kind}` : kind, origin);
  }

  private skip(label: string, origin: Origin): void {
    const entry = this.skipped.get(label);
    this.skipped.set(label, entry ? { count: entry.count + 1, first: entry.first } : { count: 1, first: origin });
  }
}

/** Reads paths (files, folders, `-`) through the one way in. */
export function ingestPaths(paths: readonly string[], options: IngestOptions = {}): Ingested {
  return new Ingestion(options).addPaths(paths).result();
}

/** A `*List` of any API group: `List`, `NetworkPolicyList`, `PodList`, ... (`kubectl get -o yaml` returns them). */
function isList(object: Record<string, any>): boolean {
  const kind = object.kind;
  if (typeof kind !== 'string' || !kind.endsWith('List')) return false;
  // A kind merely ending in 'List' without items (another project's kind) is read as a kind, and noted.
  return kind === 'List' || Object.prototype.hasOwnProperty.call(object, 'items');
}

/** The first validator error of the policies, if any: what makes the input unusable for connectivity. */
export function firstPolicyError(ingested: Ingested): { policy: PolicyRecord; issue: ValidationIssue } | undefined {
  for (const policy of [...ingested.policies, ...ingested.clusterPolicies]) {
    const issue = policy.issues.find((i) => i.severity === Severity.ERROR);
    if (issue) return { policy: policy as PolicyRecord, issue };
  }
  return undefined;
}

/**
 * One line for the kinds not read, e.g. `skipped 13 apps/v1 ConfigMap, 1 kustomize.config.k8s.io/v1beta1
 * Kustomization (not used for connectivity analysis)`; undefined when every object was read.
 */
export function skippedNote(ingested: Ingested): string | undefined {
  const parts = [...ingested.skipped].map(([label, { count }]) => `${count} ${label}`);
  const entries = ingested.notRegular.length;
  if (entries > 0) parts.push(`${entries} folder ${entries === 1 ? 'entry' : 'entries'} that ${entries === 1 ? 'is' : 'are'} not a regular file (${ingested.notRegular.slice(0, 3).join(', ')}${entries > 3 ? ', ...' : ''})`);
  return parts.length === 0 ? undefined : `skipped ${parts.join(', ')} (not used for connectivity analysis)`;
}

/** The readings of a document that fall within the object at `path` (a `List` item), by path from the object. */
function readingsWithin(readings: readonly YamlReading[], path: string | undefined): YamlReading[] {
  if (!path) return [...readings];
  const within: YamlReading[] = [];
  for (const reading of readings) {
    if (reading.path.startsWith(`${path}.`)) within.push({ ...reading, path: reading.path.slice(path.length + 1) });
  }
  return within;
}

/**
 * What to say of a scalar YAML 1.1 and 1.2 read differently, e.g. `0443 is read by kubectl (YAML 1.1) as
 * 291, by YAML 1.2 tools as 443: write 291, or "0443" if a string is meant`.
 */
export function readingMessage(reading: YamlReading): string {
  const show = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));
  if (reading.isKey) {
    return `the key ${reading.text} is read by kubectl (YAML 1.1) as ${show(keyOf(reading.kubectl))}, by YAML 1.2 tools as `
      + `${show(reading.text)}: quote it`;
  }
  const fix = typeof reading.kubectl === 'string'
    ? `quote it (${JSON.stringify(reading.text)})`
    : `write ${show(reading.kubectl)}, or ${JSON.stringify(reading.text)} if a string is meant`;
  return `${reading.text} is read by kubectl (YAML 1.1) as ${show(reading.kubectl)}, by YAML 1.2 tools as ${show(reading.yaml12)}: ${fix}`;
}

function keyOf(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}
