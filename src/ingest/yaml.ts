/**
 * YAML read the way kubectl reads it. kubectl (sigs.k8s.io/yaml over go-yaml v2) resolves plain
 * scalars by YAML 1.1 rules: `0443` is the octal 291, `0x1bb` is 443, `1_000` is 1000, and `yes`,
 * `no`, `on`, `off`, `y`, `n` are booleans; timestamps stay strings; `<<` merges mappings; map keys
 * become strings. Where a YAML 1.2 tool (most editors, linters and libraries) reads a plain scalar
 * differently, the document says so (`readings`), so that a port written `0443` is not silently 291
 * to the cluster and 443 to the reviewer.
 *
 * Bounded on purpose, whatever the input: documents are split at their markers and parsed one at a
 * time (memory follows the largest document, not the file); nesting deeper than `MAX_DEPTH`, a scalar
 * larger than any object the API server accepts, and aliases expanding to more than
 * `MAX_ALIAS_NODES` nodes (an alias bomb) are errors; nothing recurses on the input and no map
 * operation is worse than constant time. Documents in the plain block style (most of them) are read
 * on a fast path of ours in one pass (`yaml-block.ts`); it gives any other document back, and such
 * documents, and every error, go through js-yaml's event parser and our construction (tags, keys,
 * merges, aliases). Internal.
 *
 * @module
 */
import { getScalarValue, parseEvents, YAMLException } from 'js-yaml';
import type { DocumentEvent, Event, ScalarEvent } from 'js-yaml';
import { ManifestLoadError } from './errors';
import { readBlockDocument } from './yaml-block';
import { keyString, resolvePlain, setKey, yaml12Reading } from './yaml-scalars';

export { resolveCore, resolvePlain } from './yaml-scalars';

/** How deep collections may nest; Kubernetes objects stay far below it. */
export const MAX_DEPTH = 100;

/**
 * The longest scalar read: the API server refuses any request larger than 3 MiB, so no object it
 * accepts holds a longer value.
 */
export const MAX_SCALAR_CHARS = 3 * 1024 * 1024;

/** How many nodes aliases may expand to in one document, beyond the nodes written. */
export const MAX_ALIAS_NODES = 1_000_000;

/** A plain scalar that YAML 1.1 (kubectl) and YAML 1.2 read differently. */
export interface YamlReading {
  /** Where, from the document's root, e.g. `spec.ports[0].port`. */
  readonly path: string;
  /** 1-based line and column of the scalar in the file. */
  readonly line: number;
  readonly column: number;
  /** The scalar as written. */
  readonly text: string;
  /** What kubectl reads. */
  readonly kubectl: unknown;
  /** What a YAML 1.2 tool reads. */
  readonly yaml12: unknown;
  /** The scalar is a mapping key (so the key's name differs), not a value. */
  readonly isKey: boolean;
}

/** One document of a YAML text. */
export interface YamlDocument {
  readonly value: unknown;
  /** 0-based index of the document in the text. */
  readonly documentIndex: number;
  /** The scalars YAML 1.1 and 1.2 read differently, in the order written. */
  readonly readings: readonly YamlReading[];
}

// Event types (js-yaml's EVENT_ID).
const DOCUMENT = 1;
const SEQUENCE = 2;
const MAPPING = 3;
const SCALAR = 4;
const ALIAS = 5;
const POP = 6;
const PLAIN = 1;

/**
 * How much text is parsed at once: documents are parsed in batches of about this many characters (one
 * document larger than this is a batch of its own), so that memory follows the batch, not the file,
 * and the parser's cost per call is spread over many small documents.
 */
const BATCH_CHARS = 256 * 1024;

/**
 * Reads every document of a YAML text (empty documents included, as `null`).
 *
 * @param blockPath read plain block documents on the fast path (`yaml-block.ts`); false: every document
 * through js-yaml's events (the tests compare the two)
 */
export function readYaml(text: string, file: string, blockPath = true): YamlDocument[] {
  const documents: YamlDocument[] = [];
  forEachYamlDocument(text, file, (document) => documents.push(document), blockPath);
  return documents;
}

/**
 * Reads the documents of a YAML text one by one, in order, handing each to `each` as soon as it is
 * read: a caller that keeps only what it takes from each document lets the rest go while reading.
 */
export function forEachYamlDocument(text: string, file: string, each: (document: YamlDocument) => void, blockPath = true): void {
  const documents = new DocumentSink(each);
  let batch: Chunk[] = [];
  let size = 0;
  const flush = () => {
    if (batch.length === 0) return;
    const joined: Chunk = batch.length === 1 ? batch[0] : { text: batch.map((c) => c.text).join(''), line: batch[0].line };
    let events: Event[] | undefined;
    try {
      events = parseEvents(joined.text, { maxDepth: MAX_DEPTH });
    } catch (e) {
      if (batch.length === 1) throw syntaxError(e, file, documents.length, joined);
    }
    if (events) {
      new Builder(joined, file, documents).build(events);
    } else {
      // Parsed one by one, so that the error names its document.
      for (const chunk of batch) {
        try {
          events = parseEvents(chunk.text, { maxDepth: MAX_DEPTH });
        } catch (e) {
          throw syntaxError(e, file, documents.length, chunk);
        }
        new Builder(chunk, file, documents).build(events);
      }
    }
    batch = [];
    size = 0;
  };
  for (const chunk of documentChunks(text)) {
    // Most documents are in the plain block style, which the fast path reads; it gives any other back.
    const simple = blockPath ? readBlockDocument(chunk.text, chunk.line) : undefined;
    if (simple !== undefined) {
      flush();
      documents.push({ value: simple.value, documentIndex: documents.length, readings: simple.readings });
      continue;
    }
    // Directives (`%YAML`) only start a stream or follow `...`: such a chunk is parsed on its own.
    if (chunk.text.startsWith('%')) flush();
    batch.push(chunk);
    size += chunk.text.length;
    if (size >= BATCH_CHARS) flush();
  }
  flush();
}

/** Where documents go, and how many went: the next document's index. */
class DocumentSink {
  public length = 0;
  constructor(private readonly each: (document: YamlDocument) => void) {}
  public push(document: YamlDocument): void {
    this.length++;
    this.each(document);
  }
}

/** A part of the text holding one document (rarely more, after a `...` marker), and where it starts. */
interface Chunk {
  readonly text: string;
  /** 0-based line of the chunk's first line in the file. */
  readonly line: number;
}

/**
 * Splits a text at its document markers (`---` at the start of a line, which the YAML grammar never
 * allows inside a document), keeping the directives (`%YAML`, `%TAG`) that follow a `...` with the
 * document they belong to.
 */
function* documentChunks(text: string): Generator<Chunk> {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let start = 0;
  let startLine = 0;
  let line = 0;
  /** Directives may begin here: at the start, or after a `...` line (comments and blank lines aside). */
  let directivesAllowed = true;
  let inDirectives = false;
  let hasContent = false;
  for (let offset = 0; offset < source.length; line++) {
    const newline = source.indexOf('\n', offset);
    const end = newline === -1 ? source.length : newline + 1;
    const first = source.charCodeAt(offset);
    if (first === 0x2d /* - */ && isMarker(source, offset, '---')) {
      if (!inDirectives && hasContent) {
        yield { text: source.slice(start, offset), line: startLine };
        start = offset;
        startLine = line;
      }
      inDirectives = false;
      directivesAllowed = false;
      hasContent = true;
    } else if (first === 0x25 /* % */ && directivesAllowed) {
      if (!inDirectives && hasContent) {
        yield { text: source.slice(start, offset), line: startLine };
        start = offset;
        startLine = line;
      }
      inDirectives = true;
      hasContent = true;
    } else if (first === 0x2e /* . */ && isMarker(source, offset, '...')) {
      directivesAllowed = true;
    } else if (!isBlankOrComment(source, offset, end)) {
      directivesAllowed = false;
      hasContent = true;
    }
    offset = end;
  }
  if (start < source.length || start === 0) yield { text: source.slice(start), line: startLine };
}

function isMarker(source: string, offset: number, marker: string): boolean {
  if (!source.startsWith(marker, offset)) return false;
  const next = source.charCodeAt(offset + 3);
  return Number.isNaN(next) || next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d;
}

function isBlankOrComment(source: string, offset: number, end: number): boolean {
  for (let i = offset; i < end; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x23 /* # */) return true;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  }
  return true;
}

function syntaxError(e: unknown, file: string, documentIndex: number, chunk: Chunk): ManifestLoadError {
  if (e instanceof YAMLException) {
    const where = e.mark ? ` at line ${chunk.line + e.mark.line + 1}, column ${e.mark.column + 1}` : '';
    return new ManifestLoadError(`YAML syntax error: ${e.reason}${where}`, { file, documentIndex });
  }
  if (e instanceof RangeError) {
    return new ManifestLoadError(`YAML error: the document is too deeply nested (${e.message})`, { file, documentIndex });
  }
  throw e;
}

/** A collection being built. */
interface Frame {
  readonly isMap: boolean;
  readonly value: any;
  readonly anchor: string | undefined;
  /** Nodes in the collection so far, itself included (for counting what an alias of it expands to). */
  nodes: number;
  /** A mapping's key waiting for its value; `NO_KEY` when the next node is a key. */
  key: string | typeof NO_KEY | typeof MERGE;
  /** The key as written, for messages. */
  keyOffset: number;
  /** Keys a merge set (an explicit key may replace them once). */
  merged: Set<string> | undefined;
}

const NO_KEY: unique symbol = Symbol('no key');
const MERGE: unique symbol = Symbol('merge');

/** Builds the documents of one chunk from its events. */
class Builder {
  private stack: Frame[] = [];
  private anchors = new Map<string, { value: unknown; nodes: number }>();
  private tagHandles = new Map<string, string>();
  private aliasNodes = 0;
  private readings: YamlReading[] = [];
  private lineStarts: number[] | undefined;

  constructor(private readonly chunk: Chunk, private readonly file: string, private readonly documents: DocumentSink) {}

  public build(events: readonly Event[]): void {
    for (const event of events) {
      switch (event.type) {
        case DOCUMENT:
          this.startDocument(event);
          break;
        case MAPPING:
        case SEQUENCE:
          this.push(event.type === MAPPING, event.anchorStart >= 0 ? this.chunk.text.slice(event.anchorStart, event.anchorEnd) : undefined);
          break;
        case SCALAR:
          this.scalar(event);
          break;
        case ALIAS:
          this.alias(this.chunk.text.slice(event.anchorStart, event.anchorEnd), event.anchorStart - 1);
          break;
        case POP:
          this.pop();
          break;
      }
    }
  }

  private get documentIndex(): number {
    return this.documents.length;
  }

  private startDocument(event: DocumentEvent): void {
    this.stack = [];
    this.anchors = new Map();
    this.tagHandles = new Map();
    this.aliasNodes = 0;
    this.readings = [];
    for (const directive of event.directives) {
      if (directive.kind === 'tag') this.tagHandles.set(directive.handle, directive.prefix);
    }
  }

  private push(isMap: boolean, anchor: string | undefined): void {
    this.stack.push({ isMap, value: isMap ? {} : [], anchor, nodes: 1, key: NO_KEY, keyOffset: -1, merged: undefined });
  }

  private pop(): void {
    const frame = this.stack.pop();
    if (frame === undefined) return; // the document's end
    if (frame.isMap && frame.key !== NO_KEY) this.fail('a mapping ends with a key and no value', frame.keyOffset);
    if (frame.anchor !== undefined) this.anchors.set(frame.anchor, { value: frame.value, nodes: frame.nodes });
    this.add(frame.value, frame.nodes, -1, false);
  }

  private scalar(event: ScalarEvent): void {
    const text = this.chunk.text;
    if (event.valueStart >= 0 && event.valueEnd - event.valueStart > MAX_SCALAR_CHARS) {
      this.fail(`a value of ${event.valueEnd - event.valueStart} characters: larger than any object the API server accepts (3 MiB)`, event.valueStart);
    }
    const source = getScalarValue(text, event);
    const offset = event.valueStart >= 0 ? event.valueStart : event.tagStart >= 0 ? event.tagStart : event.anchorStart;
    let value: unknown;
    let reading: { kubectl: unknown; yaml12: unknown } | undefined;
    if (event.tagStart >= 0) {
      value = this.tagged(text.slice(event.tagStart, event.tagEnd), source, event.tagStart);
    } else if (event.style === PLAIN) {
      value = source === '<<' ? MERGE : resolvePlain(source);
      const differs = yaml12Reading(source, value);
      if (differs) reading = { kubectl: value, yaml12: differs.yaml12 };
    } else {
      value = source;
    }
    const frame = this.stack[this.stack.length - 1];
    const isKey = frame !== undefined && frame.isMap && frame.key === NO_KEY;
    if (value === MERGE) {
      if (isKey) {
        frame.key = MERGE;
        frame.keyOffset = offset;
        return;
      }
      value = '<<';
    }
    if (!isKey && typeof value === 'number' && !Number.isFinite(value)) {
      this.fail(`${source} cannot be sent to the API server (JSON has no infinity or NaN)`, offset);
    }
    if (reading) this.note(source, offset, reading.kubectl, reading.yaml12, isKey);
    if (event.anchorStart >= 0) this.anchors.set(text.slice(event.anchorStart, event.anchorEnd), { value, nodes: 1 });
    this.add(value, 1, offset, true);
  }

  private alias(name: string, offset: number): void {
    const anchored = this.anchors.get(name);
    if (anchored === undefined) this.fail(`the alias *${name} names no anchor defined before it`, offset);
    this.aliasNodes += anchored.nodes;
    if (this.aliasNodes > MAX_ALIAS_NODES) {
      this.fail(`aliases expand to more than ${MAX_ALIAS_NODES} nodes (an alias bomb?): write the values out`, offset);
    }
    this.add(anchored.value, anchored.nodes, offset, typeof anchored.value !== 'object' || anchored.value === null);
  }

  /** Adds a finished node to the collection being built, or ends the document with it. */
  private add(value: unknown, nodes: number, offset: number, isScalar: boolean): void {
    const frame = this.stack[this.stack.length - 1];
    if (frame === undefined) {
      this.documents.push({ value, documentIndex: this.documentIndex, readings: this.readings });
      return;
    }
    frame.nodes += nodes;
    if (!frame.isMap) {
      (frame.value as unknown[]).push(value);
      return;
    }
    if (frame.key === NO_KEY) {
      if (!isScalar) this.fail('a mapping key must be a scalar, not a collection', offset);
      frame.key = keyString(value, (detail) => this.fail(detail, offset));
      frame.keyOffset = offset;
      return;
    }
    if (frame.key === MERGE) {
      this.merge(frame, value, frame.keyOffset);
    } else {
      const object = frame.value as Record<string, unknown>;
      const key = frame.key;
      if (Object.prototype.hasOwnProperty.call(object, key)) {
        if (frame.merged?.has(key) !== true) {
          this.fail(`the key ${JSON.stringify(key)} appears twice in one mapping (kubectl refuses duplicate fields): keep one`, frame.keyOffset);
        }
        frame.merged!.delete(key);
      }
      setKey(object, key, value);
    }
    frame.key = NO_KEY;
  }

  /**
   * `<<: *defaults` or `<<: [*a, *b]`, as go-yaml v2 does it: the merged mapping's keys are set in
   * order (later keys replace earlier ones; in a list, earlier mappings win).
   */
  private merge(frame: Frame, value: unknown, offset: number): void {
    const sources = Array.isArray(value) ? [...value].reverse() : [value];
    for (const source of sources) {
      if (typeof source !== 'object' || source === null || Array.isArray(source)) {
        this.fail('a merge (<<) needs a mapping or a list of mappings', offset);
      }
      const object = frame.value as Record<string, unknown>;
      frame.merged ??= new Set();
      for (const key of Object.keys(source)) {
        this.aliasNodes++;
        if (this.aliasNodes > MAX_ALIAS_NODES) this.fail(`merges expand to more than ${MAX_ALIAS_NODES} nodes: write the values out`, offset);
        setKey(object, key, (source as Record<string, unknown>)[key]);
        frame.merged.add(key);
      }
    }
  }

  /** A scalar with an explicit tag (`!!str 0443`, `!!int "8080"`). */
  private tagged(written: string, source: string, offset: number): unknown {
    const tag = this.resolveTag(written);
    switch (tag) {
      case '!':
      case `${CORE}str`:
      case `${CORE}timestamp`:
        return source;
      case `${CORE}null`:
        return null;
      case `${CORE}bool`:
      case `${CORE}int`:
      case `${CORE}float`: {
        const value = resolvePlain(source);
        const ok = tag === `${CORE}bool` ? typeof value === 'boolean' : typeof value === 'number' && (tag === `${CORE}float` || Number.isInteger(value));
        const what = tag === `${CORE}bool` ? 'a boolean' : tag === `${CORE}int` ? 'an integer' : 'a number';
        if (!ok) this.fail(`${written} ${JSON.stringify(source)} is not ${what}`, offset);
        return value;
      }
      case `${CORE}binary`:
        return Buffer.from(source.replace(/\s+/g, ''), 'base64').toString('utf8');
      case `${CORE}merge`:
        return MERGE;
      default:
        // go-yaml keeps a scalar with a tag it does not know as its text.
        return source;
    }
  }

  private resolveTag(written: string): string {
    if (written.startsWith('!<') && written.endsWith('>')) return decodeURIComponentSafe(written.slice(2, -1));
    if (written === '!') return '!';
    const second = written.indexOf('!', 1);
    const handle = second === -1 ? '!' : written.slice(0, second + 1);
    const suffix = decodeURIComponentSafe(written.slice(handle.length));
    const prefix = this.tagHandles.get(handle) ?? (handle === '!!' ? CORE : handle);
    return prefix + suffix;
  }

  private note(text: string, offset: number, kubectl: unknown, yaml12: unknown, isKey: boolean): void {
    const { line, column } = this.position(offset);
    this.readings.push({ path: this.path(isKey ? text : undefined), line, column, text, kubectl, yaml12, isKey });
  }

  /** The path of the node being added, e.g. `spec.ports[0].port`. */
  private path(keyWritten: string | undefined): string {
    let path = '';
    for (const frame of this.stack) {
      if (frame.isMap) {
        if (typeof frame.key === 'string') path += `${path === '' ? '' : '.'}${frame.key}`;
      } else {
        path += `[${(frame.value as unknown[]).length}]`;
      }
    }
    if (keyWritten !== undefined) path += `${path === '' ? '' : '.'}${keyWritten}`;
    return path;
  }

  private position(offset: number): { line: number; column: number } {
    if (this.lineStarts === undefined) {
      const starts = [0];
      const text = this.chunk.text;
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (starts[mid] <= offset) low = mid; else high = mid - 1;
    }
    return { line: this.chunk.line + low + 1, column: offset - starts[low] + 1 };
  }

  private fail(detail: string, offset: number): never {
    const where = offset >= 0 ? this.position(offset) : undefined;
    throw new ManifestLoadError(`YAML error: ${detail}${where ? ` at line ${where.line}, column ${where.column}` : ''}`, {
      file: this.file,
      documentIndex: this.documentIndex,
    });
  }
}

const CORE = 'tag:yaml.org,2002:';

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
