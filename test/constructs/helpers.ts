import { App, Chart, Testing } from 'cdk8s';
import { validateNetworkPolicy } from '../../src/validation/validate';
import { expectSchemaValid } from '../support/schema';

/**
 * A chart in an app of its own, in namespace `prod` (or `namespace`; `null` for a chart without one).
 * cdk8s validates the whole app when any chart is synthesized, so a chart with a deliberate error
 * must never share an app with another test's chart.
 */
export function newChart(namespace: string | null = 'prod'): Chart {
  return new Chart(new App(), 'test', { namespace: namespace ?? undefined });
}

/**
 * Synthesizes a chart with `Testing.synth` and checks every NetworkPolicy in it against the invariants
 * every test relies on: the official schema (unknown fields rejected), `policyTypes` written out, and
 * an explicit protocol on every port.
 */
export function synth(chart: Chart): any[] {
  const manifests = Testing.synth(chart);
  for (const manifest of manifests) {
    if (manifest.kind === 'NetworkPolicy') {
      expectSchemaValid(manifest);
      expectInvariants(manifest);
    }
  }
  return manifests;
}

/** Synthesizes a chart that holds exactly one object and returns it. */
export function synthOne(chart: Chart): any {
  const manifests = synth(chart);
  expect(manifests).toHaveLength(1);
  return manifests[0];
}

/** The synthesized policy named `name`. */
export function byName(manifests: any[], name: string): any {
  const found = manifests.find((m) => m.metadata?.name === name);
  if (found === undefined) {
    throw new Error(`no manifest named '${name}' among ${manifests.map((m) => m.metadata?.name).join(', ')}`);
  }
  return found;
}

/** The message of the error synthesis throws; fails the test if synthesis succeeds. */
export function synthError(chart: Chart): string {
  try {
    Testing.synth(chart);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected synthesis to fail, but it succeeded');
}

/** The message of the error `fn` throws; fails the test if it does not throw. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error, but none was thrown');
}

/** What must hold for every policy the library writes, whatever the construct. */
export function expectInvariants(manifest: any): void {
  // At synth the constructs check only the metadata with the validator: the spec is built from values each
  // validated when created. Here the whole manifest goes through the full validator, strict, so any value
  // that slips through shows up in every test.
  expect(validateNetworkPolicy(manifest, { strictCidr: true, requireNamespace: true })).toEqual([]);
  const spec = manifest.spec;
  // Kubernetes infers missing policyTypes (an egress-only policy would also isolate ingress).
  expect(Array.isArray(spec.policyTypes)).toBe(true);
  expect(spec.policyTypes.length).toBeGreaterThan(0);
  // A port without a protocol means TCP: a UDP service written that way is silently blocked.
  for (const rule of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) {
    for (const port of rule.ports ?? []) {
      expect(['TCP', 'UDP', 'SCTP']).toContain(port.protocol);
    }
    // An empty list means "everyone" / "every port": the library never writes one.
    expect(rule.from ?? [1]).not.toHaveLength(0);
    expect(rule.to ?? [1]).not.toHaveLength(0);
    expect(rule.ports ?? [1]).not.toHaveLength(0);
  }
}
