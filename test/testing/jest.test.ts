import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { Connectivity, NetworkModel, Port } from '../../src';
import { connectivityMatchers } from '../../src/testing/jest';

function shop(chart: Chart): void {
  new ApiObject(chart, 'web', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } } });
  new ApiObject(chart, 'db', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'db', namespace: 'shop', labels: { app: 'db' } } });
  new ApiObject(chart, 'db-policy', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'db', namespace: 'shop' },
    spec: { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 5432 }] }] },
  });
}

const ALLOWED = { source: 'shop/web', destination: 'shop/db', port: Port.tcp(5432) };
const DENIED = { source: 'shop/web', destination: 'shop/db', port: Port.tcp(22) };

describe('toAllowConnection and toDenyConnection', () => {
  const chart = Testing.chart();
  shop(chart);

  test('pass on a chart, and with .not', () => {
    expect(chart).toAllowConnection(ALLOWED);
    expect(chart).toDenyConnection(DENIED);
    expect(chart).not.toDenyConnection(ALLOWED);
    expect(chart).not.toAllowConnection(DENIED);
  });

  test('a failure message is the explanation', () => {
    expect(() => expect(chart).toAllowConnection(DENIED)).toThrow([
      'expected the connection to be allowed, but it is not.',
      'DENIED: shop/web -> shop/db on TCP 22',
      '  egress from shop/web: allowed, no policy selects shop/web for egress',
      '  ingress to shop/db: denied. shop/db is isolated for ingress by shop/db; none of its ingress rules allows TCP 22 from shop/web:',
      '    - shop/db ingress[0] allows only pods app=web in namespace shop, on TCP 5432: TCP 22 is not among them',
    ].join('\n'));
    expect(() => expect(chart).toDenyConnection(ALLOWED)).toThrow(/^expected the connection to be denied, but it is allowed.\nALLOWED: shop\/web -> shop\/db on TCP 5432\n.*allowed by shop\/db ingress\[0\]/s);
    expect(() => expect(chart).not.toAllowConnection(ALLOWED)).toThrow(/^expected the connection to be denied, but it is allowed/);
    expect(() => expect(chart).not.toDenyConnection(DENIED)).toThrow(/^expected the connection to be allowed, but it is not/);
  });

  test('an app, a model and a connectivity are accepted too', () => {
    const app = new App({ outdir: Testing.app().outdir });
    shop(new Chart(app, 'shop'));
    expect(app).toDenyConnection(DENIED);
    const model = NetworkModel.fromApp(app);
    expect(model).toAllowConnection(ALLOWED);
    expect(Connectivity.of(model)).toAllowConnection(ALLOWED);
  });

  test('a chart is synthesized on every assertion, so later constructs count', () => {
    const growing = Testing.chart();
    shop(growing);
    expect(growing).toDenyConnection(DENIED);
    new ApiObject(growing, 'ssh', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'ssh', namespace: 'shop' },
      spec: { podSelector: {}, ingress: [{ ports: [{ port: 22 }] }] },
    });
    expect(growing).toAllowConnection(DENIED);
  });

  test('anything else is a clear error; so is an unknown endpoint', () => {
    expect(() => expect({ some: 'object' }).toAllowConnection(ALLOWED)).toThrow('expect(...) must be a cdk8s Chart or App, a NetworkModel or a Connectivity, got object');
    expect(() => connectivityMatchers.toAllowConnection(null, ALLOWED)).toThrow(/got null/);
    expect(() => expect(chart).toAllowConnection({ source: 'shop/nope', destination: 'shop/db', port: Port.tcp(1) })).toThrow(/unknown endpoint 'shop\/nope'/);
  });
});
