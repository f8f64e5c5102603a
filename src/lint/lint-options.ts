/**
 * Options for `Linter`.
 */
export interface LintOptions {
  /**
   * Rules to skip, by id (`NP011`) or name (`unprotected-pods`).
   *
   * @default - every rule runs
   */
  readonly disabledRules?: string[];

  /**
   * The namespace of the cluster DNS pods, which DNS rules are judged against.
   *
   * @default 'kube-system'
   */
  readonly dnsNamespace?: string;

  /**
   * The labels of the cluster DNS pods. When the model has pods or workloads with these labels in
   * `dnsNamespace`, DNS is judged against them (their own policies included); otherwise against a stand-in
   * pod with these labels.
   *
   * @default { 'k8s-app': 'kube-dns' } (kube-dns, and CoreDNS, which keeps the label)
   */
  readonly dnsPodLabels?: { [key: string]: string };

  /**
   * The port the DNS pods listen on (UDP and TCP).
   *
   * @default 53
   */
  readonly dnsPort?: number;

  /**
   * Report a CIDR with host bits set (e.g. `10.0.0.1/24`) as an error rather than a warning.
   *
   * @default false
   */
  readonly strictCidr?: boolean;
}
