import { ValidationIssue, ValidationOptions } from './issues';
import { validateNetworkPolicy } from './validate';

/**
 * Checks a Kubernetes `networking.k8s.io/v1` NetworkPolicy manifest against the rules the API server
 * enforces, before it reaches a cluster.
 *
 * It reports wrong types, missing and unknown fields, invalid names, labels and selectors, empty or
 * mixed peers, invalid CIDRs and `except` entries outside their `cidr`, and invalid ports, protocols
 * and port ranges. Each issue names the field path, the bad value and what would be valid.
 *
 * @example
 * import { NetworkPolicyValidator } from 'cdk8s-netpol';
 *
 * const issues = NetworkPolicyValidator.validate(manifest, { requireNamespace: true });
 * for (const issue of issues) {
 *   console.log(`${issue.severity}: ${issue.message}`);
 * }
 */
export class NetworkPolicyValidator {
  /**
   * Validate one plain NetworkPolicy object (parsed YAML/JSON or a synthesized manifest).
   *
   * Never throws on bad input shapes: a wrong type is reported as an issue.
   *
   * @param manifest the NetworkPolicy as a JSON object
   * @param options how strict to be
   * @returns the issues in document order; empty when the API server would accept the manifest
   */
  public static validate(manifest: any, options?: ValidationOptions): ValidationIssue[] {
    return validateNetworkPolicy(manifest, options);
  }

  private constructor() {}
}
