/**
 * The README shows real commands and their real output: every `$ cdk8s-netpol ...` line of its console
 * blocks is run (on the examples app synthesized into a temporary folder, and on the test fixtures), and its
 * output must be the one printed under it. A line `...` in the README stands for lines left out.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/main';
import { connectivityMatchers } from '../../src/testing/jest';

const ROOT = path.join(__dirname, '..', '..');

// npm's own reading of version ranges: a dependency of jsii, projen and cdk8s-cli, not one of ours.
// eslint-disable-next-line @typescript-eslint/no-require-imports, import/no-extraneous-dependencies
const semver: { satisfies(version: string, range: string): boolean } = require('semver');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

interface Shown {
  readonly command: string;
  readonly output: string[];
  /** A diagram: its comment lines (the legend) are not shown in the README. */
  readonly diagram?: boolean;
}

/** The commands of the console blocks, each with the lines printed under it. */
function shownCommands(): Shown[] {
  const shown: Array<{ command: string; output: string[]; diagram?: boolean }> = [];
  const blocks = README.split('```console\n').slice(1).map((b) => b.slice(0, b.indexOf('```')));
  for (const block of blocks) {
    let current: { command: string; output: string[] } | undefined;
    for (const line of block.replace(/\n$/, '').split('\n')) {
      if (line.startsWith('$ ')) {
        if (current) shown.push(current);
        current = { command: line.slice(2), output: [] };
      } else if (current) {
        current.output.push(line);
      }
    }
    if (current) shown.push(current);
  }
  // Diagrams: a Mermaid block under a `<!-- $ command -->` line is that command's output, less its comment lines.
  const diagram = /<!-- \$ ([^\n]+) -->\n```mermaid\n([\s\S]*?)```/g;
  for (let m = diagram.exec(README); m !== null; m = diagram.exec(README)) {
    shown.push({ command: m[1], output: m[2].split('\n'), diagram: true });
  }
  // A blank line separates two commands of one block; it is not output.
  return shown.map((s) => ({ ...s, output: trimEnd(s.output) }));
}

function trimEnd(lines: string[]): string[] {
  const out = [...lines];
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** Whether the printed lines match the real ones, `...` standing for any number of lines. */
function matches(printed: readonly string[], real: readonly string[]): boolean {
  const at = (i: number, j: number): boolean => {
    if (i === printed.length) return j === real.length;
    if (printed[i] === '...') {
      for (let k = j; k <= real.length; k++) if (at(i + 1, k)) return true;
      return false;
    }
    return j < real.length && printed[i] === real[j] && at(i + 1, j + 1);
  };
  return at(0, 0);
}

let dist: string;

beforeAll(() => {
  // The examples app, synthesized as `cdk8s synth` does, so that examples/dist/... can be read.
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-dist-'));
  const result = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--project', 'tsconfig.json', 'main.ts'], {
    cwd: path.join(ROOT, 'examples'), env: { ...process.env, CDK8S_OUTDIR: dist }, encoding: 'utf8', timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`the examples app did not synthesize: ${result.stderr}`);
}, 130_000);

afterAll(() => {
  fs.rmSync(dist, { recursive: true, force: true });
  fs.rmSync(`${dist}-cluster`, { recursive: true, force: true });
});

const commands = shownCommands();

test('the README names every jest matcher of cdk8s-netpol/lib/testing/jest', () => {
  const matchers = Object.keys(connectivityMatchers);
  expect(matchers).toContain('toAllowConnection');
  for (const matcher of matchers) expect(README).toContain(`\`${matcher}(`);
});

test('the README says where the build leaves the package tarball, as .projen/tasks.json and package.json make it', () => {
  // `build` spawns `package`, which runs `package:js`: jsii-pacmak's js target, into `<jsii.outdir>/js`,
  // named `<name>@<version>.jsii.tgz`.
  const tasks = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8')).tasks;
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  expect(tasks.build.steps).toContainEqual({ spawn: 'package' });
  expect(tasks['package:js'].steps).toEqual([{ execArgs: ['jsii-pacmak', '-v', '--target', 'js'] }]);
  expect(README).toContain(`\`${manifest.jsii.outdir}/js/${manifest.name}@${manifest.version}.jsii.tgz\``);
});

test('the README\'s minimum Node version is accepted by every package the build installs, but the one it names', () => {
  const minimum = /^>= (\d+\.\d+\.\d+)$/.exec(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).engines.node)![1];
  expect(README).toContain(`Node (${minimum.replace(/\.0$/, '')} or later)`);
  const refusing = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const folder = path.join(dir, entry.name);
      if (entry.name.startsWith('@')) {
        walk(folder);
        continue;
      }
      const manifest = path.join(folder, 'package.json');
      if (fs.existsSync(manifest)) {
        const { name, engines } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
        if (typeof engines?.node === 'string' && !semver.satisfies(minimum, engines.node)) refusing.add(name);
      }
      if (fs.existsSync(path.join(folder, 'node_modules'))) walk(path.join(folder, 'node_modules'));
    }
  };
  walk(path.join(ROOT, 'node_modules'));
  expect([...refusing].sort()).toEqual(['eslint-visitor-keys']);
  expect(README).toContain('Every package the build installs accepts Node 20.16 except one: `eslint-visitor-keys` 5');
});

test('the README shows commands to check', () => {
  expect(commands.length).toBeGreaterThan(8);
});

test.each(commands.map((c) => [c.command, c]))('$ %s', (_, shown) => {
  const { command, output, diagram } = shown as Shown;
  const args = command.split(' ').slice(1).map((a) => (a.startsWith('examples/dist') ? a.replace('examples/dist', dist) : a));
  let stdout = '';
  run(args, {
    stdout: { write: (text: string) => { stdout += text; return true; } },
    stderr: { write: () => true },
    cwd: ROOT,
  });
  const lines = stdout.split(dist).join('examples/dist').split('\n');
  const real = trimEnd(diagram ? lines.filter((l) => !l.trimStart().startsWith('%%')) : lines);
  if (!matches(output, real)) {
    // Shown in full, so that the README can be corrected from the failure.
    expect(real.join('\n')).toBe(output.join('\n'));
  }
});
