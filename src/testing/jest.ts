/**
 * Jest matchers for NetworkPolicy connectivity.
 *
 * Import once, in a test file or in a file listed in jest's `setupFilesAfterEnv`:
 *
 * ```ts
 * import 'cdk8s-netpol/lib/testing/jest';
 *
 * expect(chart).toAllowConnection({ source: 'shop/web', destination: 'shop/api', port: Port.tcp(8080) });
 * expect(chart).toDenyConnection({ source: 'shop/web', destination: 'shop/db', port: Port.POSTGRESQL });
 * expect(chart).toAllowSameConnectionsAs(NetworkModel.fromFiles(['legacy/policies.yaml']));
 * ```
 *
 * The received value may be a cdk8s `Chart` or `App` (synthesized on every assertion, so later
 * changes are seen), a `NetworkModel` or a `Connectivity`. A failure message is the explanation of the
 * verdict. Not exported from the package entry point: it needs jest's global `expect`.
 *
 * @module
 */
import { App, Chart } from 'cdk8s';
import { ConnectionQuery, Connectivity, NetworkModel } from '../analysis';
import { Equivalence } from '../diff/equivalence';

declare global {
  // The jest typings are a global namespace; augmenting them is how custom matchers get typed.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    interface Matchers<R, T = {}> {
      /** Passes when the NetworkPolicies allow the connection; the failure message explains why not. */
      toAllowConnection(query: ConnectionQuery): R;
      /** Passes when the NetworkPolicies deny the connection; the failure message names the allowing rules. */
      toDenyConnection(query: ConnectionQuery): R;
      /**
       * Passes when both allow exactly the same connections (a Chart, an App or a NetworkModel each); the
       * failure message names a connection one allows and the other does not.
       */
      toAllowSameConnectionsAs(expected: unknown): R;
    }
  }
}

function connectivityOf(received: unknown): Connectivity {
  if (received instanceof Connectivity) return received;
  if (received instanceof NetworkModel || Chart.isChart(received) || isApp(received)) return Connectivity.of(modelOf(received, 'expect(...)'));
  throw new Error(`expect(...) must be a cdk8s Chart or App, a NetworkModel or a Connectivity, got ${received === null ? 'null' : typeof received}`);
}

function isApp(value: unknown): value is App {
  return value instanceof App || (typeof value === 'object' && value !== null && Array.isArray((value as App).charts));
}

function modelOf(value: unknown, what: string): NetworkModel {
  if (value instanceof NetworkModel) return value;
  if (Chart.isChart(value)) return NetworkModel.fromChart(value);
  if (isApp(value)) return NetworkModel.fromApp(value);
  throw new Error(`${what} must be a cdk8s Chart or App, or a NetworkModel, got ${value === null ? 'null' : typeof value}`);
}

function judge(received: unknown, query: ConnectionQuery, wantAllowed: boolean): { pass: boolean; message: () => string } {
  const explanation = connectivityOf(received).explain(query);
  const pass = explanation.allowed === wantAllowed;
  // With `.not`, a pass is the failure: the message then states the opposite expectation.
  const expectedAllowed = pass ? !wantAllowed : wantAllowed;
  const message = () => (expectedAllowed
    ? `expected the connection to be allowed, but it is not.\n${explanation.reason}`
    : `expected the connection to be denied, but it is allowed.\n${explanation.reason}`);
  return { pass, message };
}

/** The matchers, for `expect.extend` (done on import when jest's `expect` is present). */
export const connectivityMatchers = {
  toAllowConnection(received: unknown, query: ConnectionQuery) {
    return judge(received, query, true);
  },
  toDenyConnection(received: unknown, query: ConnectionQuery) {
    return judge(received, query, false);
  },
  toAllowSameConnectionsAs(received: unknown, expected: unknown) {
    const result = Equivalence.check(modelOf(received, 'expect(...)'), modelOf(expected, 'the expected value'));
    return {
      pass: result.equivalent,
      message: () => (result.equivalent ? `expected the connections to differ, but they are the same: ${result.summary}` : result.summary),
    };
  },
};

if (typeof expect !== 'undefined' && typeof expect.extend === 'function') {
  expect.extend(connectivityMatchers);
}
