/**
 * A NetworkPolicy as written, with where it was read from, before it is loaded into a model. Internal.
 *
 * @module
 */
import { ValidationIssue } from '../validation/issues';

export interface PolicyDocument {
  /** The object as written. */
  readonly value: Record<string, any>;
  /** `metadata.namespace` as written, when it is a string. */
  readonly namespace?: string;
  /** `metadata.name` as written, when it is a string. */
  readonly name?: string;
  /** `namespace/name`, `default` standing in for a missing namespace. */
  readonly id: string;
  readonly file?: string;
  readonly document?: number;
  /** Human-readable origin (`app.yaml#2`, `chart my-chart#0`), for messages. */
  readonly where: string;
  /** The validator's issues. */
  readonly issues: readonly ValidationIssue[];
}

/** A ClusterNetworkPolicy as written, with where it was read from, before it is loaded into a model. Internal. */
export interface ClusterPolicyDocument {
  /** The object as written. */
  readonly value: Record<string, any>;
  /** `metadata.name` as written, when it is a string. */
  readonly name?: string;
  /** `ClusterNetworkPolicy <name>` (`(no name)` for a missing one): how findings name it. */
  readonly id: string;
  readonly file?: string;
  readonly document?: number;
  /** Where it was read, for messages: file and document. */
  readonly where: string;
  /** The validator's issues (experimental channel). */
  readonly issues: readonly ValidationIssue[];
}
