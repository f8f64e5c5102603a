/**
 * Where lint looks for the cluster DNS pods: their namespace, labels and port. Shared by the lint
 * context and DNS reachability. Internal.
 *
 * @module
 */

export interface DnsSettings {
  readonly namespace: string;
  readonly podLabels: Readonly<Record<string, string>>;
  readonly port: number;
}
