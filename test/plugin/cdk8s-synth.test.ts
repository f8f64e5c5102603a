/**
 * End to end: `cdk8s synth` with the plugin listed under `validations:` in cdk8s.yaml, as a local `./` path.
 * Each case is a temporary project: a tiny cdk8s app using the library, a cdk8s.yaml, and a shim that loads
 * the plugin from the TypeScript sources with ts-node (lib/ may not be built when the tests run). The cdk8s
 * CLI is the project's own (what `npx cdk8s` runs here), offline with --check-upgrade=false.
 */
import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const CDK8S_BIN = path.join(path.dirname(require.resolve('cdk8s-cli/package.json')), 'bin', 'cdk8s');
const js = (p: string) => JSON.stringify(p);

/** ts-node, transpiling only, with options of its own (the root tsconfig is jsii's). */
const REGISTER = `require(${js(require.resolve('ts-node'))}).register({
  transpileOnly: true,
  skipProject: true,
  compilerOptions: { module: 'commonjs', moduleResolution: 'node10', ignoreDeprecations: '6.0', target: 'ES2022', esModuleInterop: true },
});
`;

const CDK8S_YAML = `app: node app.js
output: dist
validations:
  - package: ./netpol-lint.js
    version: 0.0.0
    class: NetworkPolicyLintPlugin
`;

/** The app: a default deny for namespace shop, and (when `withDns`) the DNS policy it needs. */
function app(withDns: boolean): string {
  return `require('./register');
const { App, Chart } = require(${js(require.resolve('cdk8s'))});
const { AllowDns, DefaultDeny } = require(${js(path.join(ROOT, 'src'))});
const app = new App();
const chart = new Chart(app, 'shop', { namespace: 'shop' });
new DefaultDeny(chart, 'deny-all');
${withDns ? "new AllowDns(chart, 'allow-dns');\n" : ''}app.synth();
`;
}

const dirs: string[] = [];

function synth(withDns: boolean): SpawnSyncReturns<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-netpol-synth-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'register.js'), REGISTER);
  fs.writeFileSync(path.join(dir, 'netpol-lint.js'), `require('./register');\nmodule.exports = require(${js(path.join(ROOT, 'src', 'plugin'))});\n`);
  fs.writeFileSync(path.join(dir, 'app.js'), app(withDns));
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), CDK8S_YAML);
  return spawnSync(process.execPath, [CDK8S_BIN, 'synth', '--check-upgrade=false'], { cwd: dir, encoding: 'utf8', timeout: 90_000 });
}

let bad: SpawnSyncReturns<string>;
let good: SpawnSyncReturns<string>;

beforeAll(() => {
  bad = synth(false);
  good = synth(true);
}, 180_000);

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

test('an app whose default deny blocks DNS fails cdk8s synth, with the lint report', () => {
  expect(bad.error).toBeUndefined();
  expect(bad.status).not.toBe(0);
  expect(bad.stdout).toContain('Performing validations');
  expect(bad.stdout).toContain('NP002 dns-blocked (error)');
  // The report names the construct that wrote the policy, and the manifest.
  expect(bad.stdout).toContain('Construct Path: shop/deny-all');
  expect(bad.stdout).toContain('Manifest Path: dist/shop.k8s.yaml');
  expect(bad.stderr).toContain('Validation failed');
});

test('the same app with AllowDns passes cdk8s synth, and the manifests are written', () => {
  expect(good.error).toBeUndefined();
  expect({ status: good.status, stderr: good.status === 0 ? '' : good.stderr }).toEqual({ status: 0, stderr: '' });
  expect(good.stdout).toContain('Validations ended succesfully');
  expect(good.stdout).not.toContain('NP002');
  expect(fs.existsSync(path.join(dirs[1], 'dist', 'shop.k8s.yaml'))).toBe(true);
});
