import { Severity } from '../severity';

/**
 * One problem the linter found.
 */
export interface LintFinding {
  /** The rule's stable id, e.g. `NP002`. */
  readonly ruleId: string;

  /** The rule's kebab-case name, e.g. `dns-blocked`. */
  readonly ruleName: string;

  /** How serious it is. */
  readonly severity: Severity;

  /**
   * The policy concerned: a NetworkPolicy as `namespace/name` (`default/...` when the manifest names no namespace), or
   * `ClusterNetworkPolicy <name>`.
   *
   * @default - the finding is about a workload, not a policy
   */
  readonly policy?: string;

  /**
   * The pod or workload concerned, as `namespace/name`.
   *
   * @default - the finding is about a policy
   */
  readonly workload?: string;

  /**
   * The field of the policy manifest, e.g. `spec.egress[1].to[0]`.
   *
   * @default - the whole object
   */
  readonly field?: string;

  /**
   * The file the object was read from.
   *
   * @default - not read from a file (a chart, a model or plain objects)
   */
  readonly file?: string;

  /**
   * 0-based index of the YAML document in `file` (or of the object in the list given).
   *
   * @default - unknown
   */
  readonly document?: number;

  /** What is wrong and what it means for traffic, naming the policy, the field and the pods. */
  readonly message: string;

  /** How to fix it. */
  readonly fix: string;
}

/**
 * A lint rule, as listed by `Linter.rules()` and in SARIF output.
 */
export interface LintRuleInfo {
  /** Stable id, e.g. `NP001`. Use it (or the name) to disable the rule. */
  readonly id: string;

  /** Kebab-case name, e.g. `or-instead-of-and`. */
  readonly name: string;

  /** The severity of its findings (a few rules report some findings at a lower severity; the finding says). */
  readonly severity: Severity;

  /** What it checks, in one sentence. */
  readonly summary: string;

  /** Why it matters and how to fix it. */
  readonly help: string;
}
