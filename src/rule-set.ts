import { PeerManifest, PortManifest } from './manifest';
import { Peer } from './peers';
import { Port } from './ports';
import { sortedUnique } from './sorted-unique';

/**
 * One normalized rule of one direction: peers and ports without duplicates.
 * `peers === undefined` means anyone; `ports === undefined` means every port of every protocol.
 */
interface NormalizedRule {
  peers?: Peer[];
  ports?: Port[];
  /** Keys are computed only when a second rule has to be compared with this one. */
  peerKey?: string;
  portKey?: string;
  descriptions?: Array<string | LazyText>;
}

/** A description known only at synthesis (it names a workload's ports), with a key for de-duplication. */
export interface LazyText {
  readonly key: string;
  produce(): string;
}

/**
 * The rules of one direction of a policy, merged as they are added.
 *
 * Two merges keep the meaning exact and the manifest short: a rule whose peers equal an existing rule's
 * peers adds its ports to that rule, and otherwise a rule whose ports equal an existing rule's ports adds
 * its peers to it. A rule's index never changes once it exists, so descriptions can be keyed by index.
 *
 * @internal
 */
export class RuleSet {
  // Most policies have a rule or two per direction: lists start at their exact size (a list grown by push
  // reserves room for 17), which keeps large charts lean.
  private rules: NormalizedRule[] = NO_RULES;

  /** Adds a rule and returns the index of the rule it now belongs to. */
  public add(peers: Peer[], ports: Port[] | undefined, description: string | LazyText | undefined): number {
    const rule: NormalizedRule = {
      peers: peers.some((p) => p.isAnyone) ? undefined : unique(peers),
      ports: ports === undefined ? undefined : unique(ports),
    };
    let index = this.rules.length === 0 ? -1 : this.rules.findIndex((r) => samePeers(r, rule));
    if (index >= 0) {
      const existing = this.rules[index];
      existing.ports = existing.ports === undefined || rule.ports === undefined ? undefined : unique([...existing.ports, ...rule.ports]);
      existing.portKey = undefined;
    } else {
      index = this.rules.length === 0 ? -1 : this.rules.findIndex((r) => samePorts(r, rule));
      if (index >= 0) {
        const existing = this.rules[index];
        existing.peers = existing.peers === undefined || rule.peers === undefined ? undefined : unique([...existing.peers, ...rule.peers]);
        existing.peerKey = undefined;
      } else {
        index = this.rules.length;
        if (index === 0) this.rules = [rule];
        else this.rules.push(rule);
      }
    }
    if (description !== undefined && (typeof description !== 'string' || description.trim() !== '')) {
      const target = this.rules[index];
      const key = typeof description === 'string' ? description : description.key;
      if (target.descriptions === undefined) {
        target.descriptions = [description];
      } else if (!target.descriptions.some((d) => (typeof d === 'string' ? d : d.key) === key)) {
        target.descriptions.push(description);
      }
    }
    return index;
  }

  /** The number of rules. */
  public get length(): number {
    return this.rules.length;
  }

  /** The description of rule `index`, joined when several rules were merged into it. */
  public description(index: number): string | undefined {
    const d = this.rules[index].descriptions;
    return d === undefined ? undefined : d.map((text) => (typeof text === 'string' ? text : text.produce())).filter((t, i, all) => all.indexOf(t) === i).join('; ');
  }

  /** Whether the description of rule `index` is known only at synthesis. */
  public isLazy(index: number): boolean {
    return (this.rules[index].descriptions ?? []).some((d) => typeof d !== 'string');
  }

  /** Renders the rules, with `peerField` as `from` or `to`, for a policy of `namespace`. */
  public render(peerField: 'from' | 'to', namespace: string | undefined): Array<{ [field: string]: PeerManifest[] | PortManifest[] }> {
    return this.rules.map((rule) => {
      const out: { [field: string]: PeerManifest[] | PortManifest[] } = {};
      if (rule.peers !== undefined) {
        out[peerField] = rule.peers.map((p) => p._render(namespace)!);
      }
      if (rule.ports !== undefined) {
        // A workload's ports are known at synthesis: they may repeat ports given directly.
        const ports = rule.ports.length === 1 ? rule.ports[0]._expand() : unique(rule.ports.flatMap((p) => [...p._expand()]));
        out.ports = ports.map((p) => p._toManifest());
      }
      return out;
    });
  }
}

const NO_RULES: NormalizedRule[] = Object.freeze([]) as unknown as NormalizedRule[];

/** The values without duplicates (by key), in first-seen order. */
function unique<T extends { readonly _key: string }>(values: T[]): T[] {
  if (values.length < 2) {
    return values.slice();
  }
  const seen = new Set<string>();
  return values.filter((v) => !seen.has(v._key) && seen.add(v._key) !== undefined);
}

function keyOf(values: Array<{ readonly _key: string }> | undefined): string {
  return values === undefined ? '*' : sortedUnique(values.map((v) => v._key)).join('|');
}

// Lists of different lengths cannot be equal (both are free of duplicates): the keys, which cost a string
// per value, are built only for lists that might be.
function samePeers(a: NormalizedRule, b: NormalizedRule): boolean {
  if (a.peers === undefined || b.peers === undefined) {
    return a.peers === b.peers;
  }
  return a.peers.length === b.peers.length && (a.peerKey ??= keyOf(a.peers)) === (b.peerKey ??= keyOf(b.peers));
}

function samePorts(a: NormalizedRule, b: NormalizedRule): boolean {
  if (a.ports === undefined || b.ports === undefined) {
    return a.ports === b.ports;
  }
  return a.ports.length === b.ports.length && (a.portKey ??= keyOf(a.ports)) === (b.portKey ??= keyOf(b.ports));
}
