/**
 * The second step of the one way in: a text to its documents, each with its 0-based index in the
 * text. YAML is read as kubectl reads it (see `yaml.ts`); JSON with `JSON.parse`, as kubectl does.
 * Syntax errors, and input no object the API server accepts could be (nesting too deep, a scalar
 * too large, an alias bomb), are a `ManifestLoadError` naming the file and the document. Internal.
 *
 * @module
 */
import { ManifestLoadError } from './errors';
import { forEachYamlDocument, MAX_DEPTH, readYaml, YamlReading } from './yaml';

/** One document of a manifest text: its value and its 0-based index in the text. */
export interface ParsedManifestDocument {
  readonly value: unknown;
  readonly documentIndex: number;
  /** Plain scalars kubectl (YAML 1.1) and YAML 1.2 tools read differently; none in JSON. */
  readonly readings: readonly YamlReading[];
}

/**
 * Parses a manifest text: one JSON value, or multi-document YAML (empty documents are skipped).
 *
 * @param syntax `json` or `yaml`
 */
export function parseManifestText(text: string, file: string, syntax: 'json' | 'yaml'): ParsedManifestDocument[] {
  if (syntax === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new ManifestLoadError(`JSON syntax error: ${firstLine(e)}`, { file, documentIndex: 0 });
    }
    if (depthOf(value) > MAX_DEPTH) {
      throw new ManifestLoadError(`JSON error: nested more than ${MAX_DEPTH} deep (no Kubernetes object is)`, { file, documentIndex: 0 });
    }
    return [{ value, documentIndex: 0, readings: [] }];
  }
  return readYaml(text, file).filter((document) => document.value !== null && document.value !== undefined);
}

/**
 * Hands each document of a manifest text to `each`, as soon as it is read (YAML) or at once (JSON):
 * the documents `parseManifestText` returns, without holding them all.
 */
export function forEachManifestDocument(text: string, file: string, syntax: 'json' | 'yaml', each: (document: ParsedManifestDocument) => void): void {
  if (syntax === 'json') {
    for (const document of parseManifestText(text, file, syntax)) each(document);
    return;
  }
  forEachYamlDocument(text, file, (document) => {
    if (document.value !== null && document.value !== undefined) each(document);
  });
}

/** How deeply a value nests (iteratively, so that no depth exhausts the stack); stops counting past the limit. */
function depthOf(root: unknown): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[root, 1]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > deepest) deepest = depth;
    if (deepest > MAX_DEPTH) return deepest;
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
    }
  }
  return deepest;
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
