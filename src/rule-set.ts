import { PeerManifest, PortManifest } from './manifest';
import { Peer } from './peers';
import { Port } from './ports';

/**
 * One normalized rule of one direction: peers and ports without duplicates.
 * `peers === undefined` means anyone; `ports === undefined` means every port of every protocol.
 */
interface NormalizedRule {
  peers?: Map<string, Peer>;
  ports?: Map<string, Port>;
  descriptions: string[];
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
  private readonly rules: NormalizedRule[] = [];

  /** Adds a rule and returns the index of the rule it now belongs to. */
  public add(peers: Peer[], ports: Port[] | undefined, description: string | undefined): number {
    const peerMap = toPeerMap(peers);
    const portMap = ports === undefined ? undefined : toPortMap(ports);
    const peerKey = keyOf(peerMap);
    const portKey = keyOf(portMap);

    let index = this.rules.findIndex((r) => keyOf(r.peers) === peerKey);
    if (index >= 0) {
      const rule = this.rules[index];
      rule.ports = rule.ports === undefined || portMap === undefined ? undefined : new Map([...rule.ports, ...portMap]);
    } else {
      index = this.rules.findIndex((r) => keyOf(r.ports) === portKey);
      if (index >= 0) {
        const rule = this.rules[index];
        rule.peers = rule.peers === undefined || peerMap === undefined ? undefined : new Map([...rule.peers, ...peerMap]);
      } else {
        index = this.rules.length;
        this.rules.push({ peers: peerMap, ports: portMap, descriptions: [] });
      }
    }
    const rule = this.rules[index];
    if (description !== undefined && description.trim() !== '' && !rule.descriptions.includes(description)) {
      rule.descriptions.push(description);
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
    return d.length === 0 ? undefined : d.join('; ');
  }

  /** Renders the rules, with `peerField` as `from` or `to`. */
  public render(peerField: 'from' | 'to'): Array<{ [field: string]: PeerManifest[] | PortManifest[] }> {
    return this.rules.map((rule) => {
      const out: { [field: string]: PeerManifest[] | PortManifest[] } = {};
      if (rule.peers !== undefined) {
        out[peerField] = [...rule.peers.values()].map((p) => p._manifest!);
      }
      if (rule.ports !== undefined) {
        out.ports = [...rule.ports.values()].map((p) => p._toManifest());
      }
      return out;
    });
  }
}

function toPeerMap(peers: Peer[]): Map<string, Peer> | undefined {
  if (peers.some((p) => p.isAnyone)) {
    return undefined;
  }
  return new Map(peers.map((p) => [p._key, p]));
}

function toPortMap(ports: Port[]): Map<string, Port> {
  return new Map(ports.map((p) => [p._key, p]));
}

function keyOf(map: Map<string, unknown> | undefined): string {
  return map === undefined ? '*' : [...map.keys()].sort().join('|');
}
