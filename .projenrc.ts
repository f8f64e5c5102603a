import { cdk8s, javascript } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-netpol',
  description:
    'Kubernetes NetworkPolicy for cdk8s: typed, validated, fail-closed constructs, and an evaluator that proves what the policies allow.',
  author: 'cdk8s-netpol maintainers',
  authorAddress: 'maintainers@users.noreply.github.com',
  repositoryUrl: 'https://github.com/cdk8s-netpol/cdk8s-netpol.git',
  defaultReleaseBranch: 'main',
  keywords: ['cdk8s', 'kubernetes', 'networkpolicy', 'network-policy', 'security'],

  // Versions that install on this registry (see the toolchain notes in the README).
  cdk8sVersion: '2.70.0',
  constructsVersion: '10.5.0',
  jsiiVersion: '~6.0.0',
  typescriptVersion: '~6.0',
  minNodeVersion: '20.16.0',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  tsconfigDevFile: 'tsconfig.dev.json',

  github: false,
  release: false,
  depsUpgrade: false,
  sampleCode: false,

  // The one runtime dependency (YAML parsing) is bundled, so that users only see cdk8s and constructs as peers.
  // js-yaml's event parser: 8-9x faster than the yaml package on the same text (measured in bench/commands.ts).
  bundledDeps: ['js-yaml@^5.5.0'],
  devDeps: [
    // Tests and benchmarks read YAML with the reference YAML 1.2 implementation.
    'yaml@^2.9.1',
    'cdk8s-cli@^2.207.60',
    'kubernetes-models@4.5.1',
    'kubernetes-types@^1.30.0',
    // test/support/generate-schema.ts. 2.5 and later declare node >= 22; 2.4 supports the minNodeVersion below
    // (node >= 18) and writes the same schema.
    'ts-json-schema-generator@2.4.0',
    'ajv@^8.20.0',
    // Workload.of() reads cdk8s-plus workloads; the synthesis benchmark compares against its NetworkPolicy.
    'cdk8s-plus-33@2.5.57',
  ],
  bin: { 'cdk8s-netpol': 'lib/cli/main.js' },

  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'bench', 'projenrc'],
    commandOptions: { fix: false },
    projectService: false,
    tsconfigPath: './tsconfig.dev.json',
  },
  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testPathIgnorePatterns: ['/node_modules/', '/examples/dist/'],
    },
  },
});

project.tsconfigDev.addInclude('.projenrc.ts');
project.gitignore.exclude('/examples/dist/', '/examples/dist-cluster/', '/bench/out/');
project.addPackageIgnore('/examples/');
project.addPackageIgnore('/bench/');
project.addPackageIgnore('/api/');

// The README's main job: synthesize the examples app with the real cdk8s CLI, then report on what it
// produced with our own CLI (run from source, so it works before anything is compiled).
const cli = 'ts-node --transpile-only --project tsconfig.dev.json src/cli/main.ts';
project.addTask('example', {
  description: 'Synthesize (validating and linting) the examples app with cdk8s synth, then lint, check and report its connectivity',
  steps: [
    { exec: 'cdk8s synth --check-upgrade=false', cwd: 'examples' },
    { say: 'Validating every NetworkPolicy in examples/dist (as an API server with strict CIDR validation would)' },
    { exec: `${cli} validate examples/dist --strict` },
    { say: 'Linting examples/dist: the seed article\'s DNS mistakes are reported, ThreeTierApp\'s output is clean' },
    { exec: `${cli} lint examples/dist` },
    { say: 'Checking the expected connectivity in examples/expectations.yaml' },
    { exec: `${cli} check examples/dist --expect examples/expectations.yaml` },
    { say: 'Connectivity report of examples/dist' },
    { exec: `${cli} matrix examples/dist` },
    { say: 'The Sock Shop: thirteen Deployments and one ServiceGraph, checked against the expectations generated from its call list' },
    { exec: `${cli} check examples/dist/sock-shop.k8s.yaml --expect examples/sock-shop-expectations.yaml` },
    { exec: `${cli} matrix examples/dist/sock-shop.k8s.yaml --namespace sock-shop` },
    { say: 'The three-tier chart from its policies alone (all cdk8s synth writes for it): the tier intent, the report and the diagram' },
    { exec: `${cli} check examples/dist/three-tier.k8s.yaml --expect examples/three-tier-policies.yaml` },
    { exec: `${cli} matrix examples/dist/three-tier.k8s.yaml --namespace three-tier --namespace kube-system` },
    { exec: `${cli} diagram examples/dist/three-tier.k8s.yaml` },
    { say: 'ClusterNetworkPolicy guardrails (baseline isolation, admin monitoring and metadata rules) over the namespace owners\' policies' },
    { exec: `${cli} validate examples/dist-cluster --strict` },
    { exec: `${cli} lint examples/dist-cluster` },
    { exec: `${cli} check examples/dist-cluster --expect examples/guardrails-expectations.yaml` },
    { exec: `${cli} explain examples/dist-cluster --from monitoring/prometheus --to shop/web --port 9090` },
    { exec: `${cli} matrix examples/dist-cluster --port 9090` },
  ],
});

// The README's and the API documentation's TypeScript snippets, compiled against the assembly and translated
// into Python, Java, Go and C# (fixture: rosetta/default.ts-fixture). Strict: a snippet that no longer compiles
// fails the build. pacmak reads the tablet, so each language's README shows its own language.
const rosetta = project.addTask('rosetta:extract', {
  description: 'Compile and translate the documentation snippets (fails when one does not compile)',
  env: { JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' },
  steps: [{ exec: 'jsii-rosetta extract --strict' }],
});
project.postCompileTask.spawn(rosetta);
project.gitignore.exclude('/.jsii.tabl.json');

// Prove the public API translates to the other jsii languages (their registries are unreachable here,
// so only the sources are generated).
const pacmak = project.addTask('pacmak:code-only', {
  description: 'Generate Python, Java, Go and .NET sources from the jsii assembly',
  steps: [
    {
      exec: 'jsii-pacmak --code-only --target python --target java --target go --target dotnet -o dist/pacmak',
    },
  ],
});
project.postCompileTask.spawn(pacmak);
// Target names for the other languages. They are set here rather than through projen's publishTo* options
// because those also add packaging tasks that need registries this machine cannot reach.
project.package.file.addOverride('jsii.targets', {
  python: { distName: 'cdk8s-netpol', module: 'cdk8s_netpol' },
  java: {
    package: 'io.github.cdk8snetpol',
    maven: { groupId: 'io.github.cdk8s-netpol', artifactId: 'cdk8s-netpol' },
  },
  go: { moduleName: 'github.com/cdk8s-netpol/cdk8s-netpol-go' },
  dotnet: { namespace: 'Cdk8sNetpol', packageId: 'Cdk8sNetpol' },
});

// The 1.0 API stays stable: jsii-diff compares the assembly just compiled with the committed 1.0 assembly
// (api/1.0.0: the assembly and a package.json naming its dependencies; see api/compat.js) and fails the build
// on a breaking change in any language, unless the change is declared in api/allowed-breaking-changes.txt
// (one suppression key per line, printed by this task).
project.package.addVersion('1.0.0');
const compat = project.addTask('api:compat', {
  description: 'Fail when the public API breaks compatibility with the committed 1.0 assembly',
  env: { JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' },
  steps: [{ exec: 'node api/compat.js' }],
});
project.postCompileTask.spawn(compat);

project.addTask('bench', {
  description: 'Run the benchmarks in bench/ and print ratios measured in one run',
  steps: [
    { exec: 'node --expose-gc -r ts-node/register/transpile-only bench/synth.ts' },
    { exec: 'node --expose-gc -r ts-node/register/transpile-only bench/analysis.ts' },
    // The commands run as the package runs them: compiled.
    { spawn: 'compile' },
    { exec: 'node --expose-gc -r ts-node/register/transpile-only bench/commands.ts' },
  ],
});

project.synth();
