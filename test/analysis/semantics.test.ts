/**
 * The connectivity corpus: one case per NetworkPolicy rule, written from the Kubernetes documentation
 * (concepts/services-networking/network-policies) and the API field docs of networking.k8s.io/v1.
 *
 * The cases are data, in `test/corpus/<NN-short-name>/`: `manifests.yaml` and `expect.yaml` (the CLI's
 * expectation list; its first line names the rule pinned). Each case is run twice:
 * - by the library: every query judged three ways (indexed evaluator, naive oracle, one-port matrix)
 *   and explained, all four giving the expected verdict;
 * - by the CLI: `cdk8s-netpol check manifests.yaml --expect expect.yaml`, every expectation passing.
 */
import * as path from 'path';
import { judgeThreeWays } from './helpers';
import { Connectivity, NetworkModel } from '../../src';
import { cli, cliJson } from '../cli/helpers';
import {
  CORPUS, corpusFolders, CorpusCase, EXPECT_FILE, MANIFESTS_FILE, missingFiles, queryOf, readCorpusCase,
} from '../support/corpus';

/**
 * How big the corpus was when it moved from inline TypeScript to `test/corpus/` (31 cases, 127 queries).
 * It may grow; it must not shrink silently.
 */
const MIN_CASES = 31;
const MIN_QUERIES = 127;

/**
 * Cases the CLI refuses on purpose, with the refusal expected. `check` treats input without any
 * NetworkPolicy as bad input (exit 2: nothing to judge), so the case "without policies everything is
 * allowed" is judged by the library only; the CLI side pins the refusal instead.
 */
const CLI_REFUSES: Record<string, RegExp> = {
  '01-no-policies-allow-all': /^error: no NetworkPolicy in [^\n]*: nothing to judge [^\n]*\n$/,
};

const FOLDERS = corpusFolders();
/** The folders with both files; a folder without them fails the guard test, not the whole file. */
const CASES: CorpusCase[] = FOLDERS.filter((folder) => missingFiles(folder).length === 0).map(readCorpusCase);

describe('connectivity corpus: the guard', () => {
  test(`test/corpus has at least ${MIN_CASES} cases and ${MIN_QUERIES} queries, each folder both files`, () => {
    expect(FOLDERS.filter((folder) => missingFiles(folder).length > 0).map((folder) => `${folder}: ${missingFiles(folder).join(', ')}`)).toEqual([]);
    expect(FOLDERS.filter((folder) => !/^\d{2}-[a-z0-9-]+$/.test(folder))).toEqual([]);
    expect(CASES.length).toBeGreaterThanOrEqual(MIN_CASES);
    expect(CASES.reduce((n, c) => n + c.expectations.length, 0)).toBeGreaterThanOrEqual(MIN_QUERIES);
  });

  test('every refusal expected of the CLI names a case', () => {
    expect(Object.keys(CLI_REFUSES).filter((folder) => !FOLDERS.includes(folder))).toEqual([]);
  });
});

describe('connectivity corpus', () => {
  for (const c of CASES) {
    describe(`${c.folder}: ${c.title}`, () => {
      let loaded: { model: NetworkModel; connectivity: Connectivity } | undefined;
      const load = () => {
        if (!loaded) {
          const model = NetworkModel.fromFiles([c.manifests]);
          loaded = { model, connectivity: Connectivity.of(model) };
        }
        return loaded;
      };

      for (const expectation of c.expectations) {
        const query = queryOf(expectation);
        const expected = expectation.allowed;
        test(`${expectation.field} ${query.source} -> ${query.destination} ${query.port} is ${expected ? 'allowed' : 'denied'}`, () => {
          const { model, connectivity } = load();
          const judged = judgeThreeWays(connectivity, model, query);
          expect(judged.indexed).toBe(expected);
          expect(judged.naive).toBe(expected);
          if (judged.matrix !== undefined) expect(judged.matrix).toBe(expected);
          expect(connectivity.explain(query).allowed).toBe(expected);
        });
      }

      // Paths relative to the corpus, which is the CLI's working directory.
      const args = ['check', path.join(c.folder, MANIFESTS_FILE), '--expect', path.join(c.folder, EXPECT_FILE), '--output', 'json'];
      const refusal = CLI_REFUSES[c.folder];
      if (refusal) {
        test('the CLI refuses it: no NetworkPolicy, nothing to judge (exit 2)', () => {
          const result = cli(args, CORPUS);
          expect(result.code).toBe(2);
          expect(result.stdout).toBe('');
          expect(result.stderr).toMatch(refusal);
        });
      } else {
        test(`cdk8s-netpol check passes all ${c.expectations.length} expectations`, () => {
          const { code, json, stderr } = cliJson(args, CORPUS);
          const failures = (json.results ?? []).filter((r: any) => !r.ok).map((r: any) => `${r.from} -> ${r.to} ${r.port}/${r.protocol}: ${r.reason}`);
          // Shown on failure: which expectations failed and why, and stderr when the exit code is not 0.
          expect({ code, failures, ...(code === 0 ? {} : { stderr }) }).toEqual({ code: 0, failures: [] });
          expect(json.passed).toBe(c.expectations.length);
          expect(json.failed).toBe(0);
        });
      }
    });
  }
});
