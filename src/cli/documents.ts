/**
 * Reading the files named on the command line into parsed documents, each with the file (as the user
 * wrote it) and its document index. Folders are searched recursively by the loader's `expandPaths`.
 *
 * @module
 */
import * as fs from 'fs';
import * as path from 'path';
import { InputError } from './cli-error';
import { ManifestLoadError } from '../analysis/errors';
import { expandPaths, parseManifestText } from '../analysis/load';

/** One parsed YAML document (or a whole JSON file). Empty documents are left out. */
export interface ParsedDocument {
  /** The file as the user named it (relative paths stay relative). */
  readonly file: string;
  /** 0-based index of the document in its file. */
  readonly index: number;
  readonly value: unknown;
}

/** Paths as given on the command line to the files to read, each with the name to show for it. */
function listFiles(paths: readonly string[], cwd: string): Array<{ absolute: string; shown: string }> {
  const files: Array<{ absolute: string; shown: string }> = [];
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    // Show files as the user named them: the given path itself, or a path below a given folder.
    const shown = (file: string) => (file === absolute ? given : path.isAbsolute(given) ? file : path.relative(cwd, file));
    let found: string[];
    try {
      found = expandPaths([absolute]);
    } catch (e) {
      if (e instanceof ManifestLoadError) throw InputError.fromLoadError(e, shown);
      throw e;
    }
    for (const file of found) files.push({ absolute: file, shown: shown(file) });
  }
  return files;
}

/** Reads and parses every file; the first unreadable file or syntax error is an `InputError`. */
export function readDocuments(paths: readonly string[], cwd: string): ParsedDocument[] {
  const documents: ParsedDocument[] = [];
  for (const { absolute, shown } of listFiles(paths, cwd)) {
    documents.push(...parseText(readText(absolute, shown), shown));
  }
  return documents;
}

/** Reads one file as UTF-8 text. */
export function readText(absolute: string, shown: string): string {
  try {
    return fs.readFileSync(absolute, 'utf8');
  } catch (e) {
    const error = e as NodeJS.ErrnoException;
    throw new InputError(`cannot read the file: ${error.code === 'EISDIR' ? 'it is a folder' : error.code ?? error.message}`, { file: shown });
  }
}

/** Parses a file's text: `*.json` as one JSON value, anything else as multi-document YAML. */
export function parseText(text: string, file: string): ParsedDocument[] {
  try {
    return parseManifestText(text, file).map(({ value, documentIndex }) => ({ file, index: documentIndex, value }));
  } catch (e) {
    throw e instanceof ManifestLoadError ? InputError.fromLoadError(e) : e;
  }
}
