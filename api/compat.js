// Runs jsii-diff between the committed 1.0 assembly and the assembly just built; exits with its status.
//
// The base is kept as api/1.0.0/assembly.jsii, not .jsii: jsii-docgen documents any .jsii of the package's
// name it finds under the project, so a .jsii there would replace the build's in API.md. jsii-diff reads it
// from a package folder made for the run, outside the project, which finds cdk8s through node_modules.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-netpol-api-'));
let status = 1;
try {
  fs.copyFileSync(path.join(__dirname, '1.0.0', 'assembly.jsii'), path.join(base, '.jsii'));
  fs.copyFileSync(path.join(__dirname, '1.0.0', 'package.json'), path.join(base, 'package.json'));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(base, 'node_modules'));
  const result = spawnSync(
    process.execPath,
    [require.resolve('jsii-diff/bin/jsii-diff', { paths: [root] }), base, root, '--keys', '--error-on', 'all',
      '--ignore-file', path.join(__dirname, 'allowed-breaking-changes.txt')],
    { stdio: 'inherit' },
  );
  status = result.status ?? 1;
} finally {
  fs.rmSync(base, { recursive: true, force: true });
}
process.exit(status);
