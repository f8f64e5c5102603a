/**
 * Naming and resolving the ends of a connection: a pod or workload (`namespace/name`, or
 * `namespace/Kind/name` when a name is shared), or an IP address (a known pod's IP resolves to that
 * pod; any other address is external). Internal.
 *
 * @module
 */
import { ModelEndpoint } from './model';
import { WorkloadKind } from './workload-kind';
import { ParsedIp, parseIp } from '../validation/cidr';

/** One end of a connection, resolved. */
export type ResolvedEndpoint = PodEnd | ExternalEnd;

export interface PodEnd {
  readonly kind: 'pod';
  /** Index into the evaluator's endpoint list. */
  readonly index: number;
  readonly endpoint: ModelEndpoint;
  /** Display id: `namespace/name`, or `namespace/Kind/name` when the name is shared. */
  readonly id: string;
}

export interface ExternalEnd {
  readonly kind: 'external';
  readonly ip: ParsedIp;
  /** The address as written. */
  readonly id: string;
}

function ipKey(ip: ParsedIp): string {
  return `${ip.family}:${ip.value.toString(16)}`;
}

const KINDS_BY_LOWER = new Map<string, WorkloadKind>(
  Object.values(WorkloadKind).map((kind) => [kind.toLowerCase(), kind]),
);

const MAX_SUGGESTIONS = 5;
const MAX_CACHED = 50_000;

/** Resolves endpoint texts against a fixed list of endpoints; results are cached. */
export class EndpointResolver {
  /** Display ids, parallel to the endpoint list. */
  public readonly ids: readonly string[];
  private readonly byName = new Map<string, number[]>();
  private readonly byIp = new Map<string, number[]>();
  private readonly cache = new Map<string, ResolvedEndpoint>();

  constructor(private readonly endpoints: readonly ModelEndpoint[]) {
    endpoints.forEach((endpoint, index) => {
      const key = `${endpoint.namespace}/${endpoint.name}`;
      const list = this.byName.get(key);
      if (list) list.push(index); else this.byName.set(key, [index]);
      for (const ip of endpoint.ips) {
        const k = ipKey(ip);
        const owners = this.byIp.get(k);
        if (owners) owners.push(index); else this.byIp.set(k, [index]);
      }
    });
    this.ids = endpoints.map((endpoint) => {
      const shared = (this.byName.get(`${endpoint.namespace}/${endpoint.name}`) ?? []).length > 1;
      return shared ? `${endpoint.namespace}/${endpoint.kind}/${endpoint.name}` : `${endpoint.namespace}/${endpoint.name}`;
    });
  }

  public pod(index: number): PodEnd {
    return { kind: 'pod', index, endpoint: this.endpoints[index], id: this.ids[index] };
  }

  /** Resolves a text; throws an Error naming the text and suggesting known endpoints. */
  public resolve(text: string): ResolvedEndpoint {
    const cached = this.cache.get(text);
    if (cached) return cached;
    const resolved = this.resolveUncached(text);
    // Bounded, so that a stream of distinct external addresses cannot grow it without end.
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(text, resolved);
    return resolved;
  }

  private resolveUncached(text: string): ResolvedEndpoint {
    if (typeof text !== 'string' || text === '') {
      throw new Error(`an endpoint must be 'namespace/name' or an IP address, got ${JSON.stringify(text)}`);
    }
    const ip = parseIp(text);
    if (ip) {
      const owners = this.byIp.get(ipKey(ip)) ?? [];
      if (owners.length > 1) {
        throw new Error(`the IP address ${text} belongs to several pods (${owners.map((i) => this.ids[i]).join(', ')}): name one as 'namespace/name'`);
      }
      return owners.length === 1 ? this.pod(owners[0]) : { kind: 'external', ip, id: text };
    }
    const parts = text.split('/');
    if (parts.length === 2) {
      const candidates = this.byName.get(text) ?? [];
      const pods = candidates.filter((i) => this.endpoints[i].kind === WorkloadKind.POD);
      if (pods.length === 1) return this.pod(pods[0]);
      if (candidates.length === 1) return this.pod(candidates[0]);
      if (candidates.length > 1) {
        throw new Error(`'${text}' names several workloads: ${candidates.map((i) => this.ids[i]).join(', ')}; write one of these`);
      }
    } else if (parts.length === 3) {
      const kind = KINDS_BY_LOWER.get(parts[1].toLowerCase());
      if (kind) {
        const match = (this.byName.get(`${parts[0]}/${parts[2]}`) ?? []).find((i) => this.endpoints[i].kind === kind);
        if (match !== undefined) return this.pod(match);
      } else {
        throw new Error(`'${text}': '${parts[1]}' is not a workload kind (${Object.values(WorkloadKind).join(', ')})`);
      }
    } else {
      throw new Error(`'${text}' is neither 'namespace/name' (or 'namespace/Kind/name') nor an IP address`);
    }
    throw new Error(`unknown endpoint '${text}': no pod or workload of that name${this.suggest(parts[0])}`);
  }

  private suggest(namespace: string): string {
    if (this.ids.length === 0) return ' (the model has no pods or workloads)';
    const sameNamespace = this.ids.filter((id) => id.startsWith(`${namespace}/`));
    const pool = (sameNamespace.length > 0 ? sameNamespace : [...this.ids]).sort();
    const shown = pool.slice(0, MAX_SUGGESTIONS).join(', ');
    const more = this.ids.length - Math.min(pool.length, MAX_SUGGESTIONS);
    return `; known: ${shown}${more > 0 ? ` (and ${more} more)` : ''}`;
  }
}
