/**
 * Every lint rule, in id order. Internal: the public catalogue is `Linter.rules()`.
 *
 * @module
 */
import { LintRule } from '../rule';
import { allowAllVoidsDeny } from './allow-all-voids-deny';
import { cnpAcceptVoidsDefaultDeny } from './cnp-accept-voids-default-deny';
import { cnpEqualPriorityOverlap } from './cnp-equal-priority-overlap';
import { cnpPassWithoutNetworkPolicy } from './cnp-pass-without-networkpolicy';
import { cnpShadowedRule } from './cnp-shadowed-rule';
import { dnsBlocked } from './dns-blocked';
import { dnsTooBroad } from './dns-too-broad';
import { dnsUdpOnly } from './dns-udp-only';
import { duplicatePolicyName } from './duplicate-policy-name';
import { emptyPeerList } from './empty-peer-list';
import { ineffectiveRules } from './ineffective-rules';
import { invalidManifest } from './invalid-manifest';
import { ipBlockOverlapsPods } from './ipblock-overlaps-pods';
import { missingNamespace } from './missing-namespace';
import { missingPolicyTypes } from './missing-policy-types';
import { namespaceNameLabel } from './namespace-name-label';
import { orInsteadOfAnd } from './or-instead-of-and';
import { peerMatchesNothing } from './peer-matches-nothing';
import { policySelectsNothing } from './policy-selects-nothing';
import { portOnlyRule } from './port-only-rule';
import { unmatchedNamedPort } from './unmatched-named-port';
import { unprotectedPods } from './unprotected-pods';
import { workloadSelectorsOverlap } from './workload-selectors-overlap';

export const RULES: readonly LintRule[] = [
  invalidManifest,
  orInsteadOfAnd,
  dnsBlocked,
  dnsUdpOnly,
  dnsTooBroad,
  portOnlyRule,
  emptyPeerList,
  missingPolicyTypes,
  policySelectsNothing,
  peerMatchesNothing,
  namespaceNameLabel,
  unprotectedPods,
  ipBlockOverlapsPods,
  unmatchedNamedPort,
  missingNamespace,
  duplicatePolicyName,
  allowAllVoidsDeny,
  ineffectiveRules,
  workloadSelectorsOverlap,
  cnpShadowedRule,
  cnpEqualPriorityOverlap,
  cnpPassWithoutNetworkPolicy,
  cnpAcceptVoidsDefaultDeny,
];
