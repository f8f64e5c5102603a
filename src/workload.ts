/**
 * A workload: the pods a `ServiceGraph` (or a rule, through `Peer.workload()`) is about, with the
 * namespace they live in and the ports they serve.
 *
 * @module
 */
import { ApiObject } from 'cdk8s';
import { isObject, LabelSelectorManifest } from './manifest';
import { Port } from './ports';
import { Protocol } from './protocol';
import { checkInstance, checkInstances, checkProps, fail, freezeDeep, lockProperties, show, Where } from './runtime-checks';
import { LabelSelector } from './selectors';
import { checkDns1123Label, checkDns1123Subdomain, checkPortNumber, isProtocol } from './validation/syntax';

/** Options of a `Workload`. */
export interface WorkloadOptions {
  /**
   * The namespace of the workload's pods.
   *
   * @default - for `Workload.select`, the namespace of the `ServiceGraph` it is used in, then its chart's
   * (in a rule, the policy's own namespace); for `Workload.of`, the object's namespace
   */
  readonly namespace?: string;

  /**
   * The ports the workload's pods serve, used when a call to it names no ports.
   *
   * @default - for `Workload.of`, the container ports of the object's pod template (numbers and protocols);
   * for `Workload.select`, none: calls to it must name their ports
   */
  readonly ports?: Port[];
}

/** Workload kinds `Workload.of` reads: where their pod template and selector are. */
const KINDS: Readonly<Record<string, { template: readonly string[]; selector?: readonly string[] }>> = {
  Deployment: { template: ['spec', 'template'], selector: ['spec', 'selector'] },
  StatefulSet: { template: ['spec', 'template'], selector: ['spec', 'selector'] },
  DaemonSet: { template: ['spec', 'template'], selector: ['spec', 'selector'] },
  ReplicaSet: { template: ['spec', 'template'], selector: ['spec', 'selector'] },
  Job: { template: ['spec', 'template'] },
  CronJob: { template: ['spec', 'jobTemplate', 'spec', 'template'] },
  Pod: { template: [] },
};

/** What a workload stands for, once its object is synthesized. */
export interface ResolvedWorkload {
  readonly selector: LabelSelectorManifest;
  readonly namespace?: string;
  readonly ports: readonly Port[];
}

let serial = 0;

/**
 * A workload: a name, the pods it stands for (a label selector) and, optionally, its namespace and the
 * ports it serves. A value (no scope or id): create it with `Workload.select()` or take it from a
 * Deployment (or another workload object) of the app with `Workload.of()`.
 */
export class Workload {
  /**
   * The pods matching a selector, named `name` (the name of its policy and of its node in analysis).
   *
   * @param name a DNS-1123 subdomain such as `cart`
   * @param selector which pods; `LabelSelector.all()` is refused (a workload is some pods, not every pod)
   * @param options the workload's namespace and ports
   */
  public static select(name: string, selector: LabelSelector, options?: WorkloadOptions): Workload {
    const where = () => `Workload.select(${show(name)})`;
    checkName(name, where);
    checkInstance(selector, LabelSelector, where, 'selector', `LabelSelector.labels({ app: '${name}' })`);
    if (selector.isAll) {
      throw new Error(`${where()}: the selector selects every pod of the namespace; a workload is the pods of one application: select them by their labels`);
    }
    const checked = checkOptions(options, where);
    const resolve = () => ({ selector: selector._toManifest(), namespace: checked.namespace, ports: checked.ports ?? [] });
    return new Workload(name, checked.namespace, resolve, undefined);
  }

  /**
   * The pods of a workload object of the app: a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
   * CronJob or Pod, as a raw cdk8s `ApiObject` or a cdk8s-plus workload's `apiObject`. Its name, and at
   * synthesis (so that containers added later count) its selector (`spec.selector`, else the pod template's
   * labels), its namespace and its containers' ports.
   *
   * @param apiObject the workload object (a cdk8s-plus workload's `apiObject`)
   * @param options the workload's namespace and ports, when the object does not say
   */
  public static of(apiObject: ApiObject, options?: WorkloadOptions): Workload {
    const object = apiObject;
    checkInstance(object, ApiObject, 'Workload.of()', 'apiObject', "a cdk8s-plus workload's is its apiObject", 'cdk8s ApiObject');
    const where = () => `Workload.of(${object.kind} '${object.name}')`;
    // An own key only: a kind such as 'constructor' must not find Object.prototype's.
    const kind = Object.prototype.hasOwnProperty.call(KINDS, object.kind) ? KINDS[object.kind] : undefined;
    if (!kind) {
      throw new Error(`${where()}: a ${object.kind} has no pods; give a ${Object.keys(KINDS).join(', ')}`);
    }
    checkName(object.name, where);
    const checked = checkOptions(options, where);
    const objectNamespace = object.metadata.namespace;
    if (checked.namespace !== undefined && objectNamespace !== undefined && checked.namespace !== objectNamespace) {
      throw new Error(`${where()}: namespace '${checked.namespace}' contradicts the object's namespace '${objectNamespace}'`);
    }
    const namespace = objectNamespace ?? checked.namespace;
    return new Workload(object.name, namespace, () => resolveObject(object, kind, checked.ports, namespace, where), object);
  }

  /** The workload's name. */
  public readonly name: string;

  /**
   * The namespace, when known before synthesis.
   *
   * @default - the ServiceGraph's, then its chart's (in a rule, the policy's own)
   */
  public readonly namespace?: string;

  /** @internal */
  public readonly _object?: ApiObject;

  /** A unique key of this value, for merging rules. @internal */
  public readonly _id: string;

  private readonly resolver: () => ResolvedWorkload;
  private resolvedCache?: ResolvedWorkload;

  private constructor(name: string, namespace: string | undefined, resolver: () => ResolvedWorkload, object: ApiObject | undefined) {
    this.name = name;
    this.namespace = namespace;
    this.resolver = resolver;
    this._object = object;
    this._id = `${namespace ?? ''}/${name}#${++serial}`;
    lockProperties(this, ['name', 'namespace', '_object', '_id']);
  }

  /** A readable form: `workload cart`. */
  public toString(): string {
    return `workload ${this.name}`;
  }

  /**
   * The selector, namespace and ports, read from the object at synthesis (once).
   * @internal
   */
  public _resolve(): ResolvedWorkload {
    // Frozen: the selector and ports are shared by every policy that names the workload.
    if (!this.resolvedCache) this.resolvedCache = freezeDeep(this.resolver());
    return this.resolvedCache;
  }
}

function checkName(name: unknown, where: Where): void {
  if (typeof name !== 'string') fail(where, `name must be a string, got ${show(name)}`);
  const reason = checkDns1123Subdomain(name);
  if (reason !== undefined) fail(where, `name '${name}' ${reason}`);
}

function checkOptions(options: WorkloadOptions | undefined, where: Where): WorkloadOptions {
  const checked = checkProps(options, where, 'options', ['namespace', 'ports'], 'option');
  if (checked.namespace !== undefined) {
    const reason = typeof checked.namespace === 'string' ? checkDns1123Label(checked.namespace) : 'must be a string';
    if (reason !== undefined) fail(where, `namespace ${show(checked.namespace)} ${reason}`);
  }
  let ports: Port[] | undefined;
  if (checked.ports !== undefined) {
    ports = checkInstances(checked.ports, Port, where, 'ports', 'Port.tcp(8080), ...');
    if (ports.length === 0) {
      fail(where, 'ports must list at least one Port; omit it to take the container ports (Workload.of) or name ports on each call');
    }
    ports = Object.freeze([...ports]) as Port[];
  }
  return { namespace: checked.namespace, ports };
}

function at(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const step of path) current = isObject(current) ? current[step] : undefined;
  return current;
}

function resolveObject(
  object: ApiObject, kind: typeof KINDS[string], ports: readonly Port[] | undefined, namespace: string | undefined, where: () => string,
): ResolvedWorkload {
  const json = object.toJson();
  const template = kind.template.length === 0 ? json : at(json, kind.template);
  const labels = at(template, ['metadata', 'labels']);
  const selector = kind.selector ? at(json, kind.selector) : undefined;
  let manifest: LabelSelectorManifest;
  if (isObject(selector) && (isObject(selector.matchLabels) || Array.isArray(selector.matchExpressions))) {
    manifest = {};
    if (isObject(selector.matchLabels) && Object.keys(selector.matchLabels).length > 0) manifest.matchLabels = { ...selector.matchLabels };
    if (Array.isArray(selector.matchExpressions) && selector.matchExpressions.length > 0) manifest.matchExpressions = selector.matchExpressions;
  } else if (isObject(labels) && Object.keys(labels).length > 0) {
    manifest = { matchLabels: { ...labels } };
  } else {
    throw new Error(`${where()}: its pods have no labels to select them by (spec.selector or the pod template's metadata.labels)`);
  }
  if (!manifest.matchLabels && !manifest.matchExpressions) {
    throw new Error(`${where()}: its selector is empty, which would select every pod of the namespace`);
  }
  let declared: Port[] = [];
  if (ports === undefined) {
    const containers = at(template, ['spec', 'containers']);
    for (const container of Array.isArray(containers) ? containers : []) {
      for (const port of isObject(container) && Array.isArray(container.ports) ? container.ports : []) {
        if (!isObject(port)) continue;
        const protocol = port.protocol ?? Protocol.TCP;
        if (!isProtocol(protocol)) throw new Error(`${where()}: container port ${JSON.stringify(port)} has protocol ${JSON.stringify(protocol)}: it must be TCP, UDP or SCTP`);
        if (typeof port.containerPort !== 'number' || checkPortNumber(port.containerPort) !== undefined) {
          throw new Error(`${where()}: container port ${JSON.stringify(port)} has containerPort ${JSON.stringify(port.containerPort)}: it must be a whole number from 1 to 65535`);
        }
        declared.push(Port.number(protocol, port.containerPort));
      }
    }
    declared = declared.filter((p, i) => declared.findIndex((q) => q._key === p._key) === i);
  }
  return { selector: manifest, namespace, ports: ports ?? declared };
}
