/**
 * How serious a lint finding is.
 */
export enum LintSeverity {
  /** The policies break something or will be rejected (e.g. pods can no longer resolve DNS). Fails `lint` and `cdk8s synth`. */
  ERROR = 'error',
  /** Probably not what was meant, or wider than needed. Reported, but does not fail. */
  WARNING = 'warning',
  /** Worth knowing (e.g. pods no policy isolates). Reported, never fails. */
  INFO = 'info',
}

