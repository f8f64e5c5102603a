/**
 * The library's `Port` values written as ClusterNetworkPolicy `protocols` entries. Internal.
 *
 * - `Port.tcp(80)`: `{tcp: {destinationPort: {number: 80}}}`.
 * - `Port.tcpRange(8000, 8080)`: `{tcp: {destinationPort: {range: {start: 8000, end: 8080}}}}`; the CRD requires
 *   `start < end`, so a one-port range is written as its number (`Port.range` already returns that port).
 * - `Port.allTcp()`: the CRD has no protocol-only entry (`destinationPort` is required), so every port of the
 *   protocol is the range 1-65535, as NPEP-187 recommends.
 * - `Port.named('http')`: `{destinationNamedPort: 'http'}`. The entry has no protocol: it matches the destination's
 *   container port of that name with that port's protocol, so the protocol of the `Port` is not written.
 *
 * @module
 */
import { ClusterNetworkPolicyProtocolManifest, DestinationPortManifest } from '../cluster-manifest';
import { Port } from '../ports';
import { Protocol } from '../protocol';

const PROTOCOL_KEYS: Record<Protocol, 'tcp' | 'udp' | 'sctp'> = {
  [Protocol.TCP]: 'tcp', [Protocol.UDP]: 'udp', [Protocol.SCTP]: 'sctp',
};

/** The highest port number. */
const MAX_PORT = 65535;

/** The `protocols` entry of a port (a fresh, frozen object). */
export function protocolEntry(port: Port): ClusterNetworkPolicyProtocolManifest {
  if (port.name !== undefined) return Object.freeze({ destinationNamedPort: port.name });
  const start = port.portNumber ?? 1;
  const end = port.portNumber === undefined ? MAX_PORT : port.endPort ?? start;
  const destinationPort: DestinationPortManifest = start === end ? { number: start } : { range: Object.freeze({ start, end }) };
  return Object.freeze({ [PROTOCOL_KEYS[port.protocol]]: Object.freeze({ destinationPort: Object.freeze(destinationPort) }) });
}

/** A key of a `protocols` entry: entries with equal keys match the same traffic. */
export function protocolKey(entry: ClusterNetworkPolicyProtocolManifest): string {
  return JSON.stringify(entry);
}
