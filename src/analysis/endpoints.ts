/**
 * Naming and resolving the ends of a connection. An end is written as:
 * - `namespace/name` of a pod or workload (`namespace/Kind/name` when a name is shared), or of the workload
 *   a snapshot's pods belong to;
 * - `namespace/key=value[,key=value...]`: a pod with exactly those labels in that namespace (a known one
 *   when one has exactly those labels, else a hypothetical one); `namespace/*` is a pod without labels;
 *   a representative's id (`three-tier/[tier=frontend]`) is this form too;
 * - an IP address (a known pod's IP resolves to that pod; any other address is external).
 * Services are resolved by the connectivity layer, which knows the port. Internal.
 *
 * @module
 */
import { ModelEndpoint } from './model';
import { OTHER_VALUE } from './representatives';
import { editDistanceWithin } from '../edit-distance';
import { Labels } from '../ingest/records';
import { WorkloadKind } from '../ingest/workload-kind';
import { ParsedIp, parseIp } from '../net/cidr';
import { checkLabelKey, checkLabelValue } from '../validation/syntax';

/** One end of a connection, resolved. */
export type ResolvedEndpoint = PodEnd | ExternalEnd;

export interface PodEnd {
  readonly kind: 'pod';
  /** Index into the evaluator's endpoint list; -1 for a hypothetical pod. */
  readonly index: number;
  /** The pod class (the evaluator's), which decides every verdict. */
  readonly cls: number;
  readonly endpoint: ModelEndpoint;
  /** Display id: `namespace/name`, `namespace/Kind/name` when the name is shared, or a synthetic id. */
  readonly id: string;
  /** It stands for several pods (a workload, a representative, a hypothetical pod): its traffic to itself is judged. */
  readonly multiple: boolean;
}

export interface ExternalEnd {
  readonly kind: 'external';
  readonly ip: ParsedIp;
  /** The address as written. */
  readonly id: string;
}

/** A label query, parsed: the namespace and the exact labels. */
export interface LabelQuery {
  readonly namespace: string;
  readonly labels: Labels;
  /** Namespace labels given with the query (the expectations' mapping form); else the model's. */
  readonly namespaceLabels?: Labels;
}

function ipKey(ip: ParsedIp): string {
  return `${ip.family}:${ip.value.toString(16)}`;
}

const KINDS_BY_LOWER = new Map<string, WorkloadKind>(
  Object.values(WorkloadKind).map((kind) => [kind.toLowerCase(), kind]),
);

const MAX_SUGGESTIONS = 5;

/** The display id of an endpoint (`shared`: another endpoint of the namespace has the same name). */
export function endpointId(endpoint: ModelEndpoint, shared: boolean): string {
  if (endpoint.synthetic) return endpoint.synthetic.id;
  return shared ? `${endpoint.namespace}/${endpoint.kind}/${endpoint.name}` : `${endpoint.namespace}/${endpoint.name}`;
}

/** `app=web,tier=api` (sorted), the text of a label query. */
export function labelsText(labels: Labels): string {
  return Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(',');
}

/**
 * Parses `namespace/key=value,...`, `namespace/[key=value,...]`, `namespace/*` or `namespace/[]`. Returns
 * undefined when the text is not of that form, and throws for one that is but is invalid.
 */
export function parseLabelQuery(text: string): LabelQuery | undefined {
  const slash = text.indexOf('/');
  if (slash <= 0) return undefined;
  const namespace = text.slice(0, slash);
  let rest = text.slice(slash + 1);
  if (rest === OTHER_VALUE || rest === '[]') return { namespace, labels: {} };
  if (rest.startsWith('[') && rest.endsWith(']')) rest = rest.slice(1, -1);
  else if (!rest.includes('=')) return undefined;
  const labels: Record<string, string> = Object.create(null);
  for (const part of rest.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) throw new Error(`'${text}': '${part}' is not key=value (a label endpoint is namespace/key=value[,key=value...])`);
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    const keyReason = checkLabelKey(key);
    if (keyReason !== undefined) throw new Error(`'${text}': label key '${key}' ${keyReason}`);
    // `*` is the value representatives use for "any value no selector mentions".
    const valueReason = value === OTHER_VALUE ? undefined : checkLabelValue(value);
    if (valueReason !== undefined) throw new Error(`'${text}': label value '${value}' ${valueReason}`);
    if (Object.prototype.hasOwnProperty.call(labels, key) && labels[key] !== value) {
      throw new Error(`'${text}': label key '${key}' is given twice`);
    }
    labels[key] = value;
  }
  return { namespace, labels: { ...labels } };
}

/** What a text names: known endpoints (of a workload's group, maybe), an address (and the pods that have it), or labels. */
export type Lookup =
  | { readonly indices: readonly number[]; readonly group?: string }
  | { readonly ip: ParsedIp; readonly owners: readonly number[] }
  | { readonly labels: LabelQuery };

/** Looks endpoint texts up in a fixed list of endpoints. */
export class EndpointResolver {
  /** Display ids, parallel to the endpoint list. */
  public readonly ids: readonly string[];
  private readonly byName = new Map<string, number[]>();
  private readonly byGroup = new Map<string, number[]>();
  /** Built on the first label query: most commands never ask one. */
  private byLabels: Map<string, number[]> | undefined;
  private readonly byIp = new Map<string, number[]>();
  private readonly bySyntheticId = new Map<string, number>();

  constructor(private readonly endpoints: readonly ModelEndpoint[]) {
    const push = (map: Map<string, number[]>, key: string, index: number) => {
      const list = map.get(key);
      if (list) list.push(index); else map.set(key, [index]);
    };
    endpoints.forEach((endpoint, index) => {
      if (endpoint.synthetic) {
        this.bySyntheticId.set(endpoint.synthetic.id, index);
      } else {
        push(this.byName, `${endpoint.namespace}/${endpoint.name}`, index);
        if (endpoint.group) push(this.byGroup, `${endpoint.namespace}/${endpoint.group.name}`, index);
      }
      for (const ip of endpoint.ips) push(this.byIp, ipKey(ip), index);
    });
    this.ids = endpoints.map((endpoint) => endpointId(endpoint, !endpoint.synthetic
      && (this.byName.get(`${endpoint.namespace}/${endpoint.name}`) ?? []).length > 1));
  }

  /** The endpoints a known name stands for, or undefined. Kinds: see the module comment. */
  public lookup(text: string): Lookup | undefined {
    if (typeof text !== 'string' || text === '') {
      throw new Error(`an endpoint must be 'namespace/name', 'namespace/key=value' or an IP address, got ${JSON.stringify(text)}`);
    }
    const ip = parseIp(text);
    if (ip) return { ip, owners: this.byIp.get(ipKey(ip)) ?? [] };
    const synthetic = this.bySyntheticId.get(text);
    if (synthetic !== undefined) return { indices: [synthetic] };
    const labels = parseLabelQuery(text);
    if (labels) return { labels };
    const parts = text.split('/');
    if (parts.length === 2) {
      const candidates = this.byName.get(text) ?? [];
      const pods = candidates.filter((i) => this.endpoints[i].kind === WorkloadKind.POD);
      if (pods.length === 1) return { indices: pods };
      if (candidates.length === 1) return { indices: candidates };
      if (candidates.length > 1) {
        throw new Error(`'${text}' names several workloads: ${candidates.map((i) => this.ids[i]).join(', ')}; write one of these`);
      }
      const group = this.byGroup.get(text);
      if (group) return { indices: group, group: text };
      return undefined;
    }
    if (parts.length === 3) {
      const kind = KINDS_BY_LOWER.get(parts[1].toLowerCase());
      if (!kind) {
        if (parts[1].toLowerCase() === 'service') return undefined;
        throw new Error(`'${text}': '${parts[1]}' is not a workload kind (${Object.values(WorkloadKind).join(', ')}, or Service)`);
      }
      const name = `${parts[0]}/${parts[2]}`;
      const match = (this.byName.get(name) ?? []).find((i) => this.endpoints[i].kind === kind);
      if (match !== undefined) return { indices: [match] };
      const group = (this.byGroup.get(name) ?? []).filter((i) => this.endpoints[i].group?.kind === kind);
      if (group.length > 0) return { indices: group, group: `${parts[0]}/${kind}/${parts[2]}` };
      return undefined;
    }
    throw new Error(`'${text}' is neither 'namespace/name' (or 'namespace/Kind/name'), 'namespace/key=value' nor an IP address`);
  }

  /** Known endpoints (representatives included, hypothetical pods never) with exactly these labels in the namespace. */
  public withLabels(namespace: string, labels: Labels): readonly number[] {
    if (this.byLabels === undefined) {
      const byLabels = new Map<string, number[]>();
      this.endpoints.forEach((endpoint, index) => {
        const key = `${endpoint.namespace}/${labelsText(endpoint.labels)}`;
        const list = byLabels.get(key);
        if (list) list.push(index); else byLabels.set(key, [index]);
      });
      this.byLabels = byLabels;
    }
    return this.byLabels.get(`${namespace}/${labelsText(labels)}`) ?? [];
  }

  /**
   * ` (did you mean a or b?); known: a, b, c (and 3 more)`, for the message of an unknown endpoint `text`:
   * the closest known names (see `closestNames`), then the first few of its namespace.
   */
  public suggest(text: string): string {
    if (this.ids.length === 0) return ' (the model has no pods or workloads)';
    const namespace = String(text).split('/')[0];
    const close = closestNames(String(text), [...this.ids, ...this.byGroup.keys()]);
    const didYouMean = close.length === 0 ? ''
      : ` (did you mean ${close.length === 1 ? close[0] : `${close.slice(0, -1).join(', ')} or ${close[close.length - 1]}`}?)`;
    // Workloads first, then representatives; those of the namespace asked about first of all.
    const real = this.ids.filter((_, i) => this.endpoints[i].synthetic === undefined).sort();
    const synthetic = this.ids.filter((_, i) => this.endpoints[i].synthetic !== undefined).sort();
    const all = [...real, ...synthetic];
    const sameNamespace = all.filter((id) => id.startsWith(`${namespace}/`));
    const pool = sameNamespace.length > 0 ? sameNamespace : all;
    const shown = pool.slice(0, MAX_SUGGESTIONS).join(', ');
    const more = this.ids.length - Math.min(pool.length, MAX_SUGGESTIONS);
    return `${didYouMean}; known: ${shown}${more > 0 ? ` (and ${more} more)` : ''}`;
  }
}

/** The most names `closestNames` returns. */
const MAX_CLOSEST = 3;

/**
 * The known names closest to a misspelt one, for "did you mean": at most 3, nearest first (then in
 * alphabetical order), each within a Levenshtein distance of a quarter of the text's length (at least 1, at
 * most 3 edits), ignoring case. A text longer than any endpoint name can be gets none.
 */
function closestNames(text: string, names: Iterable<string>): string[] {
  // A namespace (63) and a name (253), with the kind between them.
  if (text.length > 340) return [];
  const max = Math.min(3, Math.max(1, Math.floor(text.length / 4)));
  const lower = text.toLowerCase();
  const close: Array<{ name: string; distance: number }> = [];
  for (const name of new Set(names)) {
    if (name === text) continue;
    const distance = editDistanceWithin(lower, name.toLowerCase(), max);
    if (distance <= max) close.push({ name, distance });
  }
  close.sort((a, b) => a.distance - b.distance || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return close.slice(0, MAX_CLOSEST).map((c) => c.name);
}

