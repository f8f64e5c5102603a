/**
 * A transport protocol a NetworkPolicy port can name.
 *
 * Kubernetes NetworkPolicy defines only TCP, UDP and SCTP; a port without a protocol means TCP.
 */
export enum Protocol {
  /** Transmission Control Protocol (the default when a port names no protocol). */
  TCP = 'TCP',
  /** User Datagram Protocol (DNS queries, syslog, ...). */
  UDP = 'UDP',
  /** Stream Control Transmission Protocol. */
  SCTP = 'SCTP',
}
