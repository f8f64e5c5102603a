/**
 * The second step of the one way in: a text to its documents, each with its 0-based index in the
 * text. Syntax errors, and YAML that cannot be expanded (an alias bomb), are a `ManifestLoadError`
 * naming the file and the document. Internal.
 *
 * @module
 */
import * as YAML from 'yaml';
import { ManifestLoadError } from './errors';

/** One document of a manifest text: its value and its 0-based index in the text. */
export interface ParsedManifestDocument {
  readonly value: unknown;
  readonly documentIndex: number;
}

/**
 * Parses a manifest text: one JSON value, or multi-document YAML (empty documents are skipped).
 *
 * @param syntax `json` or `yaml`
 */
export function parseManifestText(text: string, file: string, syntax: 'json' | 'yaml'): ParsedManifestDocument[] {
  if (syntax === 'json') {
    try {
      return [{ value: JSON.parse(text), documentIndex: 0 }];
    } catch (e) {
      throw new ManifestLoadError(`JSON syntax error: ${firstLine(e)}`, { file, documentIndex: 0 });
    }
  }
  const documents: ParsedManifestDocument[] = [];
  YAML.parseAllDocuments(text).forEach((document, documentIndex) => {
    const error = document.errors[0];
    if (error) {
      // The yaml package's message continues with an excerpt of the text on the following lines.
      throw new ManifestLoadError(`YAML syntax error: ${firstLine(error).replace(/:$/, '')}`, { file, documentIndex });
    }
    let value: unknown;
    try {
      value = document.toJS();
    } catch (e) {
      throw new ManifestLoadError(`YAML error: ${firstLine(e)}`, { file, documentIndex });
    }
    if (value !== null && value !== undefined) documents.push({ value, documentIndex });
  });
  return documents;
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
