// The cdk8s-netpol validation plugin for `cdk8s synth` (listed under `validations:` in cdk8s.yaml).
// An installed copy would be `./node_modules/cdk8s-netpol/lib/plugin/index.js`; the examples load the
// TypeScript sources instead, so that synthesis needs no build.
const path = require('path');
require('ts-node').register({
  project: path.join(__dirname, 'tsconfig.json'),
  transpileOnly: true,
  // The sources live outside this folder.
  compilerOptions: { rootDir: path.join(__dirname, '..') },
});
module.exports = require('../src/plugin');
