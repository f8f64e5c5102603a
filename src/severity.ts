/**
 * How serious a finding is: one scale for the validator and the linter.
 */
export enum Severity {
  /**
   * The manifests will be rejected or break something: the API server would reject the manifest, or (lint)
   * the policies cut what they must not (e.g. pods can no longer resolve DNS). Fails `validate`, `lint` and
   * `cdk8s synth`.
   */
  ERROR = 'error',
  /**
   * Accepted, but probably not what was meant, or wider than needed (e.g. a CIDR with host bits set).
   * Reported, but does not fail (`validate --strict` fails on a CIDR warning).
   */
  WARNING = 'warning',
  /** Worth knowing (e.g. pods no policy isolates). Reported, never fails. The validator never reports it. */
  INFO = 'info',
}
