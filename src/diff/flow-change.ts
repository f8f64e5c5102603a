import { RuleReference } from '../analysis/connectivity';
import { Protocol } from '../protocol';

/** A connection allowed on one side of a diff and not on the other. */
export interface FlowChange {
  /** The source: a workload (`namespace/name`), an address block (`10.0.0.0/24`) or `internet / any address`. */
  readonly source: string;

  /** The destination, named like `source`. */
  readonly destination: string;

  /** The protocol. */
  readonly protocol: Protocol;

  /**
   * The destination port.
   *
   * @default - every port of the protocol that no manifest names (declared by a workload or in a rule);
   * the ports that are named are listed on their own
   */
  readonly port?: number;

  /**
   * The last port of a range of ports judged alike (from `port` to `endPort`). A change on every port of
   * the protocol is one change from port 1 to 65535, with no change of a single port of it beside it.
   *
   * @default - a single port (or, without `port`, every port no manifest names)
   */
  readonly endPort?: number;

  /**
   * The rules that allow the connection on the side where it is allowed: for an added flow, the new
   * rules; for a removed flow, the rules that allowed it before. Empty for a side that is not isolated.
   */
  readonly allowedBy: RuleReference[];

  /** Why the connection is allowed on that side, in words: each direction's verdict. */
  readonly reason: string;
}
