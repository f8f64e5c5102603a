/**
 * The public cluster picture: namespaces, pods and workloads, Services, and NetworkPolicies.
 *
 * @module
 */
import type { App, Chart } from 'cdk8s';
import { ClusterModel, ContainerPort, DEFAULT_NAMESPACE, ModelSnapshot } from './model';
import { deriveRepresentatives, RepresentativeMode, withRepresentatives } from './representatives';
import { formatOrigin } from '../ingest/errors';
import { Ingested, Ingestion, skippedNote } from '../ingest/ingest';
import { WorkloadKind } from '../ingest/workload-kind';
import { parseIp, ParsedIp } from '../net/cidr';
import { Protocol } from '../protocol';
import { checkInstance, checkObject, checkProps, checkString, checkStrings, fail, show } from '../runtime-checks';

/** A container port of a pod or workload. */
export interface ContainerPortSpec {
  /** The port number (`containerPort`). */
  readonly port: number;

  /**
   * The port's name, which NetworkPolicy rules can use instead of the number.
   *
   * @default - unnamed
   */
  readonly name?: string;

  /**
   * The port's protocol.
   *
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
}

/** A pod, or a workload standing for its pods, to add to a `NetworkModel`. */
export interface PodOptions {
  /** The pod's or workload's name. */
  readonly name: string;

  /**
   * The namespace.
   *
   * @default 'default'
   */
  readonly namespace?: string;

  /**
   * What kind of object this is. A workload stands for the pods of its template.
   *
   * @default WorkloadKind.POD
   */
  readonly kind?: WorkloadKind;

  /**
   * The pod labels (for a workload, its pod template's labels).
   *
   * @default - no labels
   */
  readonly labels?: { [key: string]: string };

  /**
   * Container ports (used for named ports and for matrices over declared ports).
   *
   * @default - none
   */
  readonly ports?: ContainerPortSpec[];

  /**
   * The pod's IP addresses (IPv4 or IPv6), so that ipBlock peers can match it and queries can name it by IP.
   *
   * @default - none; no ipBlock matches the pod
   */
  readonly ips?: string[];
}

/** A pod or workload of a `NetworkModel`, as loaded. */
export interface WorkloadInfo {
  /** How queries and matrices name it: `namespace/name`, or `namespace/Kind/name` when the name is shared. */
  readonly id: string;
  /** Its namespace. */
  readonly namespace: string;
  /** Its name. */
  readonly name: string;
  /** A pod, or the kind of workload standing for its pods. */
  readonly kind: WorkloadKind;
  /** Pod labels (for a workload, its pod template's labels). */
  readonly labels: { [key: string]: string };
  /** Container ports, of containers and init containers. */
  readonly ports: ContainerPortSpec[];
  /** Pod IPs (none for workloads). */
  readonly ips: string[];
  /**
   * The workload a pod of a cluster snapshot belongs to (`namespace/name`), followed through its owner
   * references (Pod -> ReplicaSet -> Deployment).
   *
   * @default - not a pod of a known workload
   */
  readonly workload?: string;
  /**
   * Where it was loaded from: a file and document index (`app.yaml#2`), or a chart.
   *
   * @default - added in code
   */
  readonly origin?: string;
}

/** Options of a `NetworkModel`. */
export interface ModelOptions {
  /**
   * Also judge the pods the known workloads do not cover (exposure analysis): besides the pods and
   * workloads given, one representative for every kind of pod the policies tell apart that none of them
   * is, including pods of namespaces the input does not name. What `cdk8s-netpol --exposure` does.
   *
   * @default false - representatives are derived only for namespaces without any known pod or workload,
   * and for every namespace when the model has no pods or workloads at all (policies alone)
   */
  readonly exposure?: boolean;
}

/**
 * The cluster picture connectivity is judged on: namespaces, pods and workloads, Services, and
 * NetworkPolicies, read from cdk8s charts, YAML or JSON files, or plain manifest objects, whoever wrote them.
 *
 * Every namespace carries the `kubernetes.io/metadata.name` label the API server sets. A namespace
 * referenced but not declared exists with just that label. An object without `metadata.namespace`
 * lives in `default`. A later object with the same kind, namespace and name replaces an earlier one
 * (with a note). Every NetworkPolicy is validated as the API server would: an invalid one is an error.
 * When loading fails, the error names the file, document and field; objects read before the error stay
 * in the model.
 *
 * Policies alone are enough: without workloads, the model judges representatives, one for every kind
 * of pod the policies tell apart (e.g. `three-tier/[tier=frontend]`), whose verdicts hold for every
 * real pod they stand for.
 */
export class NetworkModel {
  /**
   * The NetworkPolicies, namespaces, pods and workloads of every chart of the app, synthesized now.
   *
   * @param app the cdk8s app
   * @param options whether to judge exposure
   */
  public static fromApp(app: App, options?: ModelOptions): NetworkModel {
    checkInstance(app, cdk8s().App, 'NetworkModel.fromApp()', 'app', 'the app to judge', 'cdk8s App');
    const model = new NetworkModel(options);
    model.addApp(app);
    return model;
  }

  /**
   * The NetworkPolicies, namespaces, pods and workloads synthesized by the chart, synthesized now.
   *
   * @param chart the cdk8s chart
   * @param options whether to judge exposure
   */
  public static fromChart(chart: Chart, options?: ModelOptions): NetworkModel {
    checkChart(chart, 'NetworkModel.fromChart()');
    const model = new NetworkModel(options);
    model.addChart(chart);
    return model;
  }

  /**
   * A model of plain manifest objects (as parsed from YAML or JSON).
   *
   * @param manifests the objects; `*List` objects are read item by item
   * @param options whether to judge exposure
   */
  public static fromManifests(manifests: any[], options?: ModelOptions): NetworkModel {
    checkManifests(manifests, 'NetworkModel.fromManifests()');
    const model = new NetworkModel(options);
    model.addManifests(manifests);
    return model;
  }

  /**
   * A model of multi-document YAML (or JSON) text.
   *
   * @param text the YAML text
   * @param fileName named in errors and notes; `<yaml>` when absent
   * @param options whether to judge exposure
   */
  public static fromYaml(text: string, fileName?: string, options?: ModelOptions): NetworkModel {
    const model = new NetworkModel(options);
    model.addYaml(text, fileName);
    return model;
  }

  /**
   * A model of YAML and JSON files. Folders are read recursively (`*.yaml`, `*.yml`, `*.json`, in
   * sorted order, skipping hidden entries and `node_modules`); `-` is standard input.
   *
   * @param paths files and folders
   * @param options whether to judge exposure
   */
  public static fromFiles(paths: string[], options?: ModelOptions): NetworkModel {
    checkStrings(paths, 'NetworkModel.fromFiles()', 'paths');
    const model = new NetworkModel(options);
    model.addFiles(paths);
    return model;
  }

  /** @internal */
  public readonly _cluster = new ClusterModel();

  /** Whether representatives are derived for what the known workloads do not cover (see `ModelOptions`). */
  public readonly exposure: boolean;

  private readonly skippedNotes: string[] = [];

  /**
   * An empty model; fill it with the `add` methods.
   *
   * @param options whether to judge exposure
   */
  public constructor(options?: ModelOptions) {
    const given = checkProps(options, 'NetworkModel', 'options', ['exposure'], 'option');
    if (given.exposure !== undefined && typeof given.exposure !== 'boolean') fail('NetworkModel', `exposure must be true or false, got ${show(given.exposure)}`);
    this.exposure = given.exposure === true;
  }

  /**
   * Notes about what was read: kinds skipped (not used for connectivity analysis), objects replaced by a
   * later one of the same name.
   */
  public get notes(): string[] {
    return [...this.skippedNotes, ...this._cluster.notes];
  }

  /** Names of the namespaces, declared or referenced, sorted. */
  public get namespaces(): string[] {
    return this._cluster.snapshot().namespaces.map((ns) => ns.name).sort();
  }

  /** The pods and workloads, in loading order (a snapshot's pods, with the workload each belongs to). */
  public get workloads(): WorkloadInfo[] {
    const endpoints = this._cluster.snapshot().endpoints;
    const shared = new Map<string, number>();
    for (const e of endpoints) shared.set(`${e.namespace}/${e.name}`, (shared.get(`${e.namespace}/${e.name}`) ?? 0) + 1);
    return endpoints.map((e) => ({
      id: shared.get(`${e.namespace}/${e.name}`)! > 1 ? `${e.namespace}/${e.kind}/${e.name}` : `${e.namespace}/${e.name}`,
      namespace: e.namespace,
      name: e.name,
      kind: e.kind as WorkloadKind,
      labels: { ...e.labels },
      ports: e.ports.map((p) => ({ port: p.port, name: p.name, protocol: p.protocol })),
      ips: [...e.ipTexts],
      workload: e.group ? `${e.namespace}/${e.group.name}` : undefined,
      origin: e.origin ? formatOrigin(e.origin) : undefined,
    }));
  }

  /** The NetworkPolicies as `namespace/name`, in loading order. */
  public get policies(): string[] {
    return this._cluster.snapshot().policies.map((p) => `${p.namespace}/${p.name}`);
  }

  /** The Services as `namespace/name`, in loading order. */
  public get services(): string[] {
    return this._cluster.snapshot().services.map((s) => `${s.namespace}/${s.name}`);
  }

  /**
   * Declares a namespace with labels (`kubernetes.io/metadata.name` is always added).
   *
   * @param name the namespace name
   * @param labels its labels; none when absent
   */
  public addNamespace(name: string, labels?: { [key: string]: string }): void {
    if (typeof name !== 'string' || name === '') throw new Error('a namespace needs a non-empty name');
    this._cluster.addNamespace(name, { ...(labels ?? {}) });
  }

  /**
   * Adds a pod, or a workload standing for its pods.
   *
   * @param options its name, namespace, kind, labels, container ports and IPs
   */
  public addPod(options: PodOptions): void {
    if (typeof options !== 'object' || options === null) throw new Error('addPod needs options with at least a name');
    if (typeof options.name !== 'string' || options.name === '') throw new Error('a pod needs a non-empty name');
    const id = `${options.namespace ?? DEFAULT_NAMESPACE}/${options.name}`;
    const ports: ContainerPort[] = (options.ports ?? []).map((p) => {
      const protocol = p.protocol ?? Protocol.TCP;
      if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) throw new Error(`${id}: container port ${p.port} must be from 1 to 65535`);
      if (!Object.values(Protocol).includes(protocol)) throw new Error(`${id}: protocol ${protocol} must be TCP, UDP or SCTP`);
      return { port: p.port, name: p.name, protocol };
    });
    const ips: ParsedIp[] = (options.ips ?? []).map((text) => {
      const ip = parseIp(text);
      if (!ip) throw new Error(`${id}: '${text}' is not an IP address`);
      return ip;
    });
    const kind = options.kind ?? WorkloadKind.POD;
    if (!Object.values(WorkloadKind).includes(kind)) throw new Error(`${id}: kind ${JSON.stringify(kind)} must be a WorkloadKind`);
    this._cluster.addEndpoint({
      namespace: options.namespace ?? DEFAULT_NAMESPACE,
      name: options.name,
      kind,
      labels: { ...(options.labels ?? {}) },
      ports,
      ips,
      ipTexts: [...(options.ips ?? [])],
    });
  }

  /**
   * Adds one NetworkPolicy manifest object (its namespace defaults to `default`).
   *
   * @param manifest the policy: `metadata` and `spec` (`apiVersion` and `kind` may be left out)
   */
  public addPolicy(manifest: any): void {
    checkObject(manifest, 'NetworkModel.addPolicy()', 'manifest', '{ metadata, spec }');
    this.addManifests([{ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', ...manifest }], '<policy>');
  }

  /**
   * Adds plain manifest objects (NetworkPolicy, Namespace, Pod, workloads, Service, and `*List`s of them;
   * other kinds are skipped with a note).
   *
   * @param manifests the objects
   * @param source named in errors and notes; `<manifests>` when absent
   */
  public addManifests(manifests: any[], source?: string): void {
    checkManifests(manifests, 'NetworkModel.addManifests()');
    if (source !== undefined) checkString(source, 'NetworkModel.addManifests()', 'source');
    this.load((ingestion) => ingestion.addObjects(manifests, source ?? '<manifests>'));
  }

  /**
   * Adds multi-document YAML (or JSON) text.
   *
   * @param text the YAML text
   * @param fileName named in errors and notes; `<yaml>` when absent
   */
  public addYaml(text: string, fileName?: string): void {
    checkString(text, 'NetworkModel.addYaml()', 'text');
    if (fileName !== undefined) checkString(fileName, 'NetworkModel.addYaml()', 'fileName');
    this.load((ingestion) => ingestion.addText(text, fileName ?? '<yaml>', 'yaml'));
  }

  /**
   * Adds YAML and JSON files, and folders recursively; `-` is standard input.
   *
   * @param paths files and folders
   */
  public addFiles(paths: string[]): void {
    checkStrings(paths, 'NetworkModel.addFiles()', 'paths');
    this.load((ingestion) => ingestion.addPaths(paths));
  }

  /**
   * Adds what the chart synthesizes, synthesized now.
   *
   * @param chart the cdk8s chart
   */
  public addChart(chart: Chart): void {
    checkChart(chart, 'NetworkModel.addChart()');
    this.load((ingestion) => ingestion.addObjects(chart.toJson(), `chart ${chart.node.path}`));
  }

  /**
   * Adds what every chart of the app synthesizes, synthesized now.
   *
   * @param app the cdk8s app
   */
  public addApp(app: App): void {
    checkInstance(app, cdk8s().App, 'NetworkModel.addApp()', 'app', 'the app to judge', 'cdk8s App');
    this.load((ingestion) => {
      for (const chart of app.charts) ingestion.addObjects(chart.toJson(), `chart ${chart.node.path}`);
    });
  }

  /**
   * What was read by the one way in (the CLI reads there itself, to report as it does).
   *
   * @internal
   */
  public _addIngested(ingested: Ingested): void {
    this._cluster.addIngested(ingested);
    const note = skippedNote(ingested);
    if (note) this.skippedNotes.push(note);
  }

  /**
   * The snapshot analysis judges: the model, and the representatives it derives.
   *
   * @internal
   */
  public _snapshot(mode?: RepresentativeMode): ModelSnapshot {
    const snapshot = this._cluster.snapshot();
    return withRepresentatives(snapshot, deriveRepresentatives([snapshot], mode ?? this._mode()));
  }

  /** @internal */
  public _mode(): RepresentativeMode {
    return this.exposure ? 'exposure' : 'auto';
  }

  private load(work: (ingestion: Ingestion) => void): void {
    const ingestion = new Ingestion();
    work(ingestion);
    this._addIngested(ingestion.result());
  }
}

/**
 * cdk8s, loaded when a chart or an app is given: the command-line tool reads files only, and loading cdk8s
 * would cost each of its commands about a tenth of a second.
 */
function cdk8s(): typeof import('cdk8s') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('cdk8s');
}

function checkChart(chart: unknown, where: string): void {
  // Chart.isChart, not instanceof: a chart of another copy of cdk8s is a chart too.
  const { Chart } = cdk8s();
  if (!Chart.isChart(chart)) checkInstance(chart, Chart, where, 'chart', 'the chart to judge', 'cdk8s Chart');
}

function checkManifests(manifests: unknown, where: string): void {
  if (!Array.isArray(manifests)) fail(where, `manifests must be a list of manifest objects, got ${show(manifests)}`);
}
