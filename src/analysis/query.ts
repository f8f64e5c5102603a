/**
 * One connection question resolved against an evaluator: the source, the destinations (one, or the pods
 * behind a Service), the port at each destination and the protocol. Problems name the part of the
 * question they are in, so that the CLI can place them (a flag, or an expectation's field). Internal.
 *
 * @module
 */
import { describePort } from '../describe';
import { ExternalEnd, PodEnd, ResolvedEndpoint } from './endpoints';
import { checkProtocolAndPort, Evaluator } from './evaluator';
import { ModelService } from './model';
import { describeLabels } from './selector-match';
import { Labels } from '../ingest/records';
import { Protocol } from '../protocol';

/** A problem with one part of a question. */
export class QueryError extends Error {
  constructor(public readonly part: 'from' | 'to' | 'port', message: string) {
    super(message);
    this.name = 'QueryError';
    Object.setPrototypeOf(this, QueryError.prototype);
  }
}

export interface QueryInput {
  readonly from: string;
  readonly to: string;
  readonly port?: number;
  readonly portName?: string;
  readonly protocol?: Protocol;
  /** Namespace labels for a label endpoint `from` (the expectations' mapping form). */
  readonly fromNamespaceLabels?: Labels;
  /** Namespace labels for a label endpoint `to`. */
  readonly toNamespaceLabels?: Labels;
}

/** A destination and the port there (a Service port translated to its target port). */
export interface Destination {
  readonly to: ResolvedEndpoint;
  readonly port: number;
  /** The port name the question gave (resolved on the destination), or the Service's named targetPort. */
  readonly portName?: string;
}

export interface ResolvedQuery {
  readonly from: ResolvedEndpoint;
  readonly destinations: readonly Destination[];
  readonly protocol: Protocol;
  /** `Service shop/email port 5000/TCP -> pods app=email, targetPort 8080`, when the destination is a Service. */
  readonly service?: string;
  /** How the destination is named in answers: its id, or the Service's `namespace/Service/name`. */
  readonly toId: string;
}

export function resolveQuery(evaluator: Evaluator, query: QueryInput): ResolvedQuery {
  if (query === undefined || query === null || typeof query !== 'object') {
    throw new QueryError('from', 'a connection query needs from, to and port (or portName)');
  }
  const protocol = query.protocol ?? Protocol.TCP;
  const hasPort = query.port !== undefined && query.port !== null;
  const hasName = query.portName !== undefined && query.portName !== null;
  if (hasPort === hasName) {
    throw new QueryError('port', `a connection query needs exactly one of port and portName (${query.from} -> ${query.to} has ${hasPort ? 'both' : 'neither'})`);
  }
  try {
    checkProtocolAndPort(protocol, hasPort ? query.port! : 1);
  } catch (e) {
    throw new QueryError('port', (e as Error).message);
  }
  const from = resolveEnd(evaluator, query.from, 'from', query.fromNamespaceLabels);
  const service = findService(evaluator, query.to);
  if (service) return resolveService(evaluator, from, service, query, protocol);
  const to = resolveEnd(evaluator, query.to, 'to', query.toNamespaceLabels);
  if (hasPort) return { from, destinations: [{ to, port: query.port! }], protocol, toId: to.id };
  let port: number;
  try {
    port = evaluator.resolveNamedPort(to, query.portName!, protocol);
  } catch (e) {
    throw new QueryError('port', (e as Error).message);
  }
  return { from, destinations: [{ to, port, portName: query.portName }], protocol, toId: to.id };
}

function resolveEnd(evaluator: Evaluator, text: string, part: 'from' | 'to', namespaceLabels?: Labels): ResolvedEndpoint {
  try {
    const end = evaluator.tryResolve(text, namespaceLabels);
    if (end) return end;
    const namespace = String(text).split('/')[0];
    const services = evaluator.services.filter((s) => s.namespace === namespace).map((s) => `${s.namespace}/Service/${s.name}`);
    const hint = part === 'to' && services.length > 0 ? `; Services there: ${services.slice(0, 5).join(', ')}` : '';
    throw new Error(`unknown endpoint '${text}': no pod${part === 'to' ? ', workload or Service' : ' or workload'} of that name${evaluator.resolver.suggest(text)}${hint}`);
  } catch (e) {
    if (e instanceof QueryError) throw e;
    throw new QueryError(part, (e as Error).message);
  }
}

/** The Service a destination names: `ns/Service/name`, `ns/name` when no pod or workload has that name, or a ClusterIP. */
function findService(evaluator: Evaluator, text: string): ModelService | undefined {
  if (typeof text !== 'string' || evaluator.services.length === 0) return undefined;
  const parts = text.split('/');
  if (parts.length === 3 && parts[1].toLowerCase() === 'service') {
    const service = evaluator.services.find((s) => s.namespace === parts[0] && s.name === parts[2]);
    if (!service) {
      const known = evaluator.services.filter((s) => s.namespace === parts[0]).map((s) => s.name);
      throw new QueryError('to', `unknown Service '${text}'${known.length > 0 ? `; Services of ${parts[0]}: ${known.slice(0, 5).join(', ')}` : ` (no Service in namespace ${parts[0]})`}`);
    }
    return service;
  }
  if (parts.length === 2 && !text.includes('=') && !text.startsWith(`${parts[0]}/[`)) {
    let end: ResolvedEndpoint | undefined;
    try {
      end = evaluator.tryResolve(text);
    } catch {
      return undefined; // the endpoint error is reported when the text is resolved as an endpoint
    }
    if (end) return undefined;
    return evaluator.services.find((s) => s.namespace === parts[0] && s.name === parts[1]);
  }
  let end: ResolvedEndpoint | undefined;
  try {
    end = evaluator.tryResolve(text);
  } catch {
    return undefined;
  }
  if (end?.kind === 'external') {
    const ip = (end as ExternalEnd).ip;
    return evaluator.services.find((s) => s.clusterIps.some((c) => c.family === ip.family && c.value === ip.value));
  }
  return undefined;
}

function resolveService(evaluator: Evaluator, from: ResolvedEndpoint, service: ModelService, query: QueryInput, protocol: Protocol): ResolvedQuery {
  const id = `${service.namespace}/Service/${service.name}`;
  const name = `${service.namespace}/${service.name}`;
  if (!service.selector) {
    const why = service.type === 'ExternalName' ? 'an ExternalName Service, outside the cluster' : 'its endpoints are managed by hand';
    throw new QueryError('to', `Service ${name} has no selector (${why}): name the pods or the address it sends to instead`);
  }
  const ports = service.ports.map((p) => `${describePort({ protocol: p.protocol, port: p.port })}${p.name ? ` (${p.name})` : ''} -> ${p.targetPort}`);
  const servicePort = service.ports.find((p) => p.protocol === protocol
    && (query.port !== undefined && query.port !== null ? p.port === query.port : p.name === query.portName));
  if (!servicePort) {
    const asked = query.port !== undefined && query.port !== null ? `${protocol} port ${query.port}` : `${protocol} port named '${query.portName}'`;
    throw new QueryError('port', `Service ${name} has no ${asked}${ports.length > 0 ? ` (its ports: ${ports.join(', ')})` : ' (it declares no ports)'}`);
  }
  const selector = service.selector;
  const matches = (labels: Labels) => Object.keys(selector)
    .every((k) => Object.prototype.hasOwnProperty.call(labels, k) && labels[k] === selector[k]);
  let backends: PodEnd[] = evaluator.endpoints
    .map((endpoint, index) => ({ endpoint, index }))
    .filter(({ endpoint }) => endpoint.synthetic === undefined && endpoint.namespace === service.namespace && matches(endpoint.labels))
    .map(({ index }) => evaluator.pod(index));
  const known = backends.length > 0;
  if (!known) {
    if (evaluator.endpoints.some((e) => e.synthetic === undefined && e.namespace === service.namespace)) {
      throw new QueryError('to', `Service ${name} selects no pod of the model (selector ${describeLabels(selector)})`);
    }
    // Policies alone: judged on a pod with exactly the Service's selector labels.
    backends = [evaluator.labelled({ namespace: service.namespace, labels: selector })];
  }
  const destinations: Destination[] = backends.map((to) => {
    if (typeof servicePort.targetPort === 'number') return { to, port: servicePort.targetPort };
    const portName = servicePort.targetPort;
    const declared = to.endpoint.ports.find((p) => p.name === portName && p.protocol === protocol);
    if (!declared) {
      throw new QueryError('port', `Service ${name} port ${servicePort.port} sends to the container port named '${portName}', which ${to.id} does not declare for ${protocol}`
        + (to.endpoint.synthetic ? ' (its container ports are not known without the workloads)' : ''));
    }
    return { to, port: declared.port, portName };
  });
  const pods = known ? `pods ${describeLabels(selector)} (${backends.map((b) => b.id).join(', ')})` : `pods ${describeLabels(selector)}`;
  const target = typeof servicePort.targetPort === 'number' ? `targetPort ${servicePort.targetPort}` : `targetPort '${servicePort.targetPort}'`;
  return {
    from,
    destinations,
    protocol,
    service: `Service ${service.namespace}/${service.name} port ${describePort({ protocol, port: servicePort.port })} -> ${pods}, ${target}`,
    toId: id,
  };
}
