import { Severity } from '../severity';

/**
 * One finding about a NetworkPolicy manifest.
 */
export interface ValidationIssue {
  /** Whether the API server would reject the manifest (`ERROR`) or it is only suspicious (`WARNING`). */
  readonly severity: Severity;

  /**
   * The Kubernetes field path of the offending field, e.g. `spec.ingress[0].ports[0].endPort` or
   * `metadata.labels[app]`. `<root>` when the manifest itself is not an object.
   */
  readonly field: string;

  /**
   * The offending value as text: strings as they are, other values as JSON (shortened when long).
   *
   * @default - no value: the field is missing
   */
  readonly value?: string;

  /** A full sentence naming the field, the bad value and what would be valid. */
  readonly message: string;
}

/**
 * Options for validating a NetworkPolicy manifest.
 */
export interface ValidationOptions {
  /**
   * Treat a CIDR with host bits set (e.g. `10.0.0.1/24`) as an error, as API servers with strict CIDR
   * validation do.
   *
   * @default false - a CIDR with host bits set is a warning: the API server accepts it and uses the masked network
   */
  readonly strictCidr?: boolean;

  /**
   * Require `metadata.namespace` to be set.
   *
   * @default false - a policy without a namespace is applied to the namespace of the kubectl context
   */
  readonly requireNamespace?: boolean;
}
