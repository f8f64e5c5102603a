/**
 * A port given to draw or compare flows on.
 *
 * @module
 */
import { Protocol } from '../protocol';

/** A port to draw or compare flows on. */
export interface FlowPort {
  /** The port number, from 1 to 65535. */
  readonly port: number;

  /**
   * The port's protocol.
   *
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
}
