/**
 * The connectivity corpus on disk: `test/corpus/<NN-short-name>/` holds `manifests.yaml` (the case's
 * Namespaces, Pods and NetworkPolicies) and `expect.yaml` (the CLI's expectation list, its first line
 * `# <case title>`: the documented rule the case pins). The library tests and the CLI read the same files.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ConnectionQuery } from '../../src/analysis/connectivity';
import { Expectation, readExpectations } from '../../src/cli/expectations';
import { Port } from '../../src/ports';

/** The corpus root. */
export const CORPUS = path.join(__dirname, '..', 'corpus');

export const MANIFESTS_FILE = 'manifests.yaml';
export const EXPECT_FILE = 'expect.yaml';

/** One case folder, read. */
export interface CorpusCase {
  /** The folder's name, e.g. `01-no-policies-allow-all`. */
  readonly folder: string;
  /** The first line of `expect.yaml`, without its `# `. */
  readonly title: string;
  /** Absolute paths of the two files. */
  readonly manifests: string;
  readonly expect: string;
  /** `expect.yaml`, read by the CLI's own reader (so the library and the CLI judge the same questions). */
  readonly expectations: readonly Expectation[];
}

/** Every case folder, in order. */
export function corpusFolders(): string[] {
  return fs.readdirSync(CORPUS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Which of the two files a folder lacks. */
export function missingFiles(folder: string): string[] {
  return [MANIFESTS_FILE, EXPECT_FILE].filter((file) => !fs.existsSync(path.join(CORPUS, folder, file)));
}

/** Reads a case folder; throws when a file is missing or `expect.yaml` is malformed. */
export function readCorpusCase(folder: string): CorpusCase {
  const dir = path.join(CORPUS, folder);
  const expect = path.join(dir, EXPECT_FILE);
  const firstLine = fs.readFileSync(expect, 'utf8').split('\n')[0];
  const title = /^# (.+)$/.exec(firstLine)?.[1];
  if (title === undefined) throw new Error(`${folder}/${EXPECT_FILE}: the first line must be '# <case title>', not '${firstLine}'`);
  return {
    folder,
    title,
    manifests: path.join(dir, MANIFESTS_FILE),
    expect,
    expectations: readExpectations(expect, CORPUS),
  };
}

/** The public query for an expectation: `Port.number` for a number, `Port.named` for a port name. */
export function queryOf(expectation: Expectation): ConnectionQuery {
  if (expectation.fromNamespaceLabels || expectation.toNamespaceLabels) {
    // ConnectionQuery has no namespace labels for a hypothetical pod: such an entry would be judged differently.
    throw new Error(`${expectation.file} ${expectation.field}: the corpus writes endpoints as text, not {namespace, labels, namespaceLabels}`);
  }
  return {
    source: expectation.from,
    destination: expectation.to,
    port: typeof expectation.port === 'number'
      ? Port.number(expectation.protocol, expectation.port)
      : Port.named(expectation.port, expectation.protocol),
  };
}
