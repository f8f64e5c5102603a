/**
 * The first step of the one way in: from the paths a user names (files, folders, or `-` for standard
 * input) to the texts to parse, each with the name to show for it.
 *
 * Bounded on purpose: only regular files are read from folders (anything else is noted), an explicit
 * path that is not a regular file or a folder is an error, and no file (nor standard input) may be
 * larger than a limit, so that `/dev/zero`, a fifo or a runaway file cannot hang a command or exhaust
 * its memory. Internal.
 *
 * @module
 */
import * as fs from 'fs';
import * as path from 'path';
import { ManifestLoadError } from './errors';

/** File name endings read when a folder is given. */
const MANIFEST_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json'];

/** The largest file read, unless the caller says otherwise: far above any manifest set, far below the heap. */
export const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;

/** The path that means standard input. */
export const STDIN_PATH = '-';

/** One text to parse. */
export interface SourceText {
  /** The name shown in messages: the path as the user wrote it (or below a folder they named), or `<stdin>`. */
  readonly file: string;
  /** `json` for `*.json` files, `yaml` otherwise (JSON is YAML, so standard input is read as YAML). */
  readonly syntax: 'json' | 'yaml';
  readonly text: string;
}

export interface ReadOptions {
  /** Relative paths are read from here. @default process.cwd() */
  readonly cwd?: string;
  /** Reads standard input for `-`; @default reading file descriptor 0 */
  readonly stdin?: () => Buffer | string;
  /** The largest file (or standard input) read, in bytes. @default DEFAULT_MAX_FILE_BYTES */
  readonly maxFileBytes?: number;
}

/** What reading found besides the texts: entries of folders that were not read. */
export interface ReadReport {
  readonly sources: SourceText[];
  /** Entries of the folders given that are neither regular files nor folders (fifos, sockets, devices), as shown. */
  readonly notRegular: string[];
}

/**
 * Reads every path: a file whatever its ending, a folder recursively (`*.yaml`, `*.yml`, `*.json`, in
 * sorted order, skipping hidden entries and `node_modules`), `-` as standard input (once).
 * Problems are a `ManifestLoadError` naming the path as given.
 */
export function readSources(paths: readonly string[], options: ReadOptions = {}): ReadReport {
  const cwd = options.cwd ?? process.cwd();
  const limit = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const sources: SourceText[] = [];
  const notRegular: string[] = [];
  let stdinRead = false;
  for (const given of paths) {
    if (typeof given !== 'string' || given === '') {
      throw new ManifestLoadError('an empty path names no file: give a file, a folder, or - for standard input');
    }
    if (given === STDIN_PATH) {
      if (stdinRead) throw new ManifestLoadError('standard input (-) is named twice', { file: '<stdin>' });
      stdinRead = true;
      sources.push({ file: '<stdin>', syntax: 'yaml', text: readStdin(options.stdin, limit) });
      continue;
    }
    const absolute = path.resolve(cwd, given);
    const shown = (file: string) => (file === absolute ? given : path.isAbsolute(given) ? file : path.relative(cwd, file));
    const stat = statOf(absolute, given);
    if (stat.isDirectory()) {
      const files: string[] = [];
      walk(absolute, files, (entry) => notRegular.push(shown(entry)), shown);
      for (const file of files.sort(comparePaths)) sources.push(readFile(file, shown(file), limit));
    } else if (stat.isFile()) {
      sources.push(readFile(absolute, given, limit));
    } else {
      throw new ManifestLoadError(`is not a regular file or a folder (${kindOf(stat)}): only files, folders and - are read`, { file: given });
    }
  }
  return { sources, notRegular };
}

/** `*.json` is JSON; anything else (`*.yaml`, `*.yml`, a file named without an ending) YAML. */
export function syntaxOf(file: string): 'json' | 'yaml' {
  return file.toLowerCase().endsWith('.json') ? 'json' : 'yaml';
}

function statOf(absolute: string, shown: string): fs.Stats {
  try {
    return fs.statSync(absolute);
  } catch (e) {
    throw new ManifestLoadError(`cannot read: ${errorCode(e)}`, { file: shown });
  }
}

function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a fifo';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  return 'not a file';
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

function tooLarge(size: number, limit: number): string {
  return `is larger than the limit of ${limit} bytes (it has ${size}): split it, or raise the limit with --max-file-size`;
}

/**
 * Reads one named file (not a folder), refusing anything but a regular file, and one over the limit
 * before reading a byte of it.
 */
export function readTextFile(given: string, options: ReadOptions = {}): SourceText {
  const absolute = path.resolve(options.cwd ?? process.cwd(), given);
  return readFile(absolute, given, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
}

/** Reads a regular file, refusing one over the limit before reading a byte of it. */
function readFile(absolute: string, shown: string, limit: number): SourceText {
  let fd: number | undefined;
  try {
    fd = fs.openSync(absolute, 'r');
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw new ManifestLoadError('cannot read the file: it is a folder', { file: shown });
    if (!stat.isFile()) throw new ManifestLoadError(`is not a regular file (${kindOf(stat)})`, { file: shown });
    if (stat.size > limit) throw new ManifestLoadError(tooLarge(stat.size, limit), { file: shown });
    // The size is known: read exactly that much (a file that grows meanwhile is read as it was).
    const buffer = Buffer.allocUnsafe(stat.size);
    let offset = 0;
    while (offset < buffer.length) {
      const read = fs.readSync(fd, buffer, offset, buffer.length - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return { file: shown, syntax: syntaxOf(shown), text: buffer.toString('utf8', 0, offset) };
  } catch (e) {
    if (e instanceof ManifestLoadError) throw e;
    const code = errorCode(e);
    throw new ManifestLoadError(`cannot read the file: ${code === 'EISDIR' ? 'it is a folder' : code}`, { file: shown });
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Standard input, read in chunks so that an endless stream stops at the limit. */
function readStdin(reader: (() => Buffer | string) | undefined, limit: number): string {
  if (reader) {
    const value = reader();
    const size = typeof value === 'string' ? Buffer.byteLength(value) : value.length;
    if (size > limit) throw new ManifestLoadError(tooLarge(size, limit), { file: '<stdin>' });
    return typeof value === 'string' ? value : value.toString('utf8');
  }
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.allocUnsafe(1024 * 1024);
  for (;;) {
    let read: number;
    try {
      read = fs.readSync(0, chunk, 0, chunk.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        // A non-blocking pipe with nothing yet: wait a moment and try again.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      if (code === 'EOF') break;
      throw new ManifestLoadError(`cannot read standard input: ${code ?? (e as Error).message}`, { file: '<stdin>' });
    }
    if (read === 0) break;
    total += read;
    if (total > limit) throw new ManifestLoadError(tooLarge(total, limit), { file: '<stdin>' });
    chunks.push(Buffer.from(chunk.subarray(0, read)));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Folder by folder (a folder's files stay together), then by code point, so the order is the same everywhere. */
function comparePaths(a: string, b: string): number {
  const x = a.split(path.sep);
  const y = b.split(path.sep);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
}

/** Collects the manifest files below a folder, iteratively (a deep tree cannot exhaust the stack). */
function walk(root: string, found: string[], notRegular: (file: string) => void, shown: (file: string) => string): void {
  const pending = [root];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const dir = pending.pop()!;
    // A symbolic link back up the tree would otherwise be walked forever.
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (e) {
      throw new ManifestLoadError(`cannot read the folder: ${errorCode(e)}`, { file: shown(dir) });
    }
    if (seen.has(real)) continue;
    seen.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      throw new ManifestLoadError(`cannot read the folder: ${errorCode(e)}`, { file: shown(dir) });
    }
    for (const entry of entries) {
      // Hidden entries (.git, editor folders) and node_modules never hold the manifests meant.
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = fs.statSync(full);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch (e) {
          // A dangling link named like a manifest is a manifest that cannot be read.
          if (MANIFEST_EXTENSIONS.some((ext) => entry.name.toLowerCase().endsWith(ext))) {
            throw new ManifestLoadError(`cannot read the file: ${errorCode(e)}`, { file: shown(full) });
          }
          continue;
        }
      }
      if (isDirectory) {
        pending.push(full);
      } else if (MANIFEST_EXTENSIONS.some((ext) => entry.name.toLowerCase().endsWith(ext))) {
        if (isFile) found.push(full); else notRegular(full);
      }
    }
  }
}
