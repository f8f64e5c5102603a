/**
 * A direction of traffic: what a policy isolates (`spec.policyTypes`), and which side of a connection a
 * rule or a verdict is about.
 */
export enum PolicyType {
  /** Traffic into the selected pods (`spec.ingress`). */
  INGRESS = 'Ingress',
  /** Traffic out of the selected pods (`spec.egress`). */
  EGRESS = 'Egress',
}
