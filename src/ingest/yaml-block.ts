/**
 * The fast path of the YAML reader: one document written in the plain block style that `cdk8s synth`,
 * `kubectl get -o yaml` and most hand-written manifests use, read in one pass over its lines, with no
 * event list in between.
 *
 * It reads block mappings and sequences, single-line plain and quoted scalars, `{}` and `[]`, comments,
 * anchors and aliases of collections (`matchLabels: &a1` ... `labels: *a1`), and the literal block
 * scalars (`|`, `|-`) of mapping entries, in which `kubectl get -o yaml` writes the
 * `last-applied-configuration` annotation. Anything else, and anything it is not sure of (a tab, another
 * multi-line scalar, a flow collection with content, a tag, a
 * merge key, a duplicate key, a depth or size near a limit, an indentation it does not expect), makes it
 * give the document back (`undefined`), and the full reader (js-yaml's events and our builder) reads it:
 * so errors, with their positions, always come from the full reader. Where it does read a document, it
 * reads what the full reader reads, readings included (test/ingest/yaml-block.test.ts compares them).
 * Internal.
 *
 * @module
 */
import type { YamlDocument, YamlReading } from './yaml';
import { keyString, resolvePlain, setKey, yaml12Reading } from './yaml-scalars';

/** Deeper than this, the full reader decides (its limit is `MAX_DEPTH`). */
const DEPTH_LIMIT = 64;
/** Longer scalars go to the full reader, which bounds them. */
const SCALAR_LIMIT = 64 * 1024;
/** YAML limits an implicit key to 1024 characters. */
const KEY_LIMIT = 1024;
/** Alias expansions beyond this go to the full reader, which bounds them. */
const ALIAS_LIMIT = 100_000;

/** What the full reader (js-yaml) refuses anywhere in a text: characters YAML does not allow. */
// eslint-disable-next-line no-control-regex
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
/** Tabs, carriage returns and what no plain document of this style holds. */
const UNUSUAL = /[\t\r\uFEFF]|^(?:%|\.\.\.)/m;

/** A collection being built. */
interface Frame {
  isMap: boolean;
  /** The column of its keys or of its items' dashes. */
  indent: number;
  /** A sequence at the column of the key it is the value of (`key:` then `- item`, as kubectl writes it). */
  flush: boolean;
  value: any;
  anchor: string | undefined;
  nodes: number;
  /** A mapping's key whose value is still to come (written on the lines below), or undefined. */
  key: string | undefined;
  /** A value is expected on the lines below (after `key:` or `-`), and the anchor it will carry. */
  awaiting: boolean;
  awaitingAnchor: string | undefined;
}

/** Frames of collections closed, for the next ones: a document has a few levels and many collections. */
const FRAMES: Frame[] = [];

/**
 * Plain keys read before that are their own key (no other reading, nothing to give back), by a hash of
 * their first and last characters and length: a document's keys are mostly the same few dozen, found
 * again without cutting them from the text or reading them anew.
 */
const PLAIN_KEYS: Array<string | undefined> = new Array(1024);

/**
 * The same text, not a slice of the document's (which a slice keeps alive): the key as an object keeps
 * it, a string of its own.
 */
function detached(key: string): string {
  const holder: Record<string, number> = Object.create(null);
  holder[key] = 0;
  return Object.keys(holder)[0];
}

/** Gives the document back to the full reader. */
class NotSimple extends Error {}
const GIVE_BACK = new NotSimple();

function giveBack(): never {
  throw GIVE_BACK;
}

/**
 * Reads one document (the text of one chunk: an optional `---` line, then the document), or undefined
 * when the full reader must.
 *
 * @param text the chunk's text
 * @param firstLine the 0-based line of the chunk's first line in the file
 */
export function readBlockDocument(text: string, firstLine: number): Omit<YamlDocument, 'documentIndex'> | undefined {
  if (UNUSUAL.test(text) || NON_PRINTABLE.test(text)) return undefined;
  try {
    return new BlockReader(text, firstLine).read();
  } catch (e) {
    if (e === GIVE_BACK) return undefined;
    throw e;
  }
}

class BlockReader {
  private readonly stack: Frame[] = [];
  private readonly anchors = new Map<string, { value: unknown; nodes: number }>();
  private readonly readings: YamlReading[] = [];
  private aliasNodes = 0;
  private root: { value: unknown } | undefined;
  private line = 0;
  private lineStart = 0;
  /** After a block scalar: the offset and line where reading goes on (-1: the next line). */
  private resumeAt = -1;
  private resumeLine = 0;

  constructor(private readonly text: string, private readonly firstLine: number) {}

  public read(): Omit<YamlDocument, 'documentIndex'> {
    const text = this.text;
    let sawMarker = false;
    for (let offset = 0, line = 0; offset < text.length; line++) {
      const newline = text.indexOf('\n', offset);
      const end = newline === -1 ? text.length : newline;
      this.line = line;
      this.lineStart = offset;
      let start = offset;
      while (start < end && text.charCodeAt(start) === 0x20) start++;
      if (start < end && text.charCodeAt(start) !== 0x23 /* # */) {
        if (start === offset && text.startsWith('---', offset) && !sawMarker && this.root === undefined && this.stack.length === 0) {
          // The document's marker, alone on its line (or with a comment).
          if (!isBlankOrComment(text, offset + 3, end) || (offset + 3 < end && text.charCodeAt(offset + 3) !== 0x20)) giveBack();
          sawMarker = true;
        } else {
          this.content(start - offset, start, trimEnd(text, start, end));
          if (this.resumeAt >= 0) {
            // A block scalar took the lines up to here.
            offset = this.resumeAt;
            line = this.resumeLine - 1;
            this.resumeAt = -1;
            continue;
          }
        }
      }
      offset = end + 1;
    }
    this.closeTo(-1);
    if (this.root === undefined) giveBack(); // an empty or scalar document: the full reader decides
    return { value: this.root.value, readings: this.readings };
  }

  /** One line's content: from `start` to `end` (comments and trailing blanks included or not), at `indent`. */
  private content(indent: number, start: number, end: number): void {
    if (this.root !== undefined) giveBack();
    let top: Frame | undefined = this.stack[this.stack.length - 1];
    const item = isItem(this.text, start, end);
    if (top === undefined) {
      top = this.open(!item, indent, false, undefined);
    } else if (top.awaiting) {
      if (indent > top.indent) {
        top = this.open(!item, indent, false, this.takeAwaiting(top));
      } else if (indent === top.indent && top.isMap && item) {
        top = this.open(false, indent, true, this.takeAwaiting(top));
      } else {
        // Nothing below: the value is null (`closeTo` adds it; `key: &a` with nothing below is given back).
        top = this.closeTo(indent, item);
      }
    } else {
      top = this.closeTo(indent, item);
    }
    if (top === undefined || top.indent !== indent) giveBack();
    if (top.isMap) this.entry(top, start, end);
    else if (item) this.item(top, start, end);
    else giveBack();
  }

  private takeAwaiting(frame: Frame): string | undefined {
    const anchor = frame.awaitingAnchor;
    frame.awaiting = false;
    frame.awaitingAnchor = undefined;
    return anchor;
  }

  /** Closes the collections the line at `indent` is outside of; the collection it belongs to. */
  private closeTo(indent: number, item = false): Frame | undefined {
    for (;;) {
      const top = this.stack[this.stack.length - 1];
      if (top === undefined) return undefined;
      if (top.awaiting) {
        if (top.awaitingAnchor !== undefined) giveBack();
        top.awaiting = false;
        this.add(null, 1);
      }
      if (top.indent > indent || (top.flush && top.indent === indent && !item)) {
        this.close();
        continue;
      }
      return top;
    }
  }

  private open(isMap: boolean, indent: number, flush: boolean, anchor: string | undefined): Frame {
    if (this.stack.length >= DEPTH_LIMIT) giveBack();
    const value = isMap ? {} : [];
    let frame = FRAMES.pop();
    if (frame === undefined) {
      frame = { isMap, indent, flush, value, anchor, nodes: 1, key: undefined, awaiting: false, awaitingAnchor: undefined };
    } else {
      frame.isMap = isMap;
      frame.indent = indent;
      frame.flush = flush;
      frame.value = value;
      frame.anchor = anchor;
      frame.nodes = 1;
      frame.key = undefined;
      frame.awaiting = false;
      frame.awaitingAnchor = undefined;
    }
    this.stack.push(frame);
    return frame;
  }

  private close(): void {
    const frame = this.stack.pop()!;
    if (frame.anchor !== undefined) this.anchors.set(frame.anchor, { value: frame.value, nodes: frame.nodes });
    this.add(frame.value, frame.nodes);
    // The frame is done with: kept for the next collection (of this document or the next).
    frame.value = undefined;
    if (FRAMES.length < DEPTH_LIMIT) FRAMES.push(frame);
  }

  /** Adds a finished value to the collection on top (to its pending key, for a mapping), or ends the document. */
  private add(value: unknown, nodes: number): void {
    const frame = this.stack[this.stack.length - 1];
    if (frame === undefined) {
      this.root = { value };
      return;
    }
    frame.nodes += nodes;
    if (frame.isMap) {
      setKey(frame.value, frame.key!, value);
      frame.key = undefined;
    } else {
      (frame.value as unknown[]).push(value);
    }
  }

  /** `key: value`, `key:` (the value below) in a mapping. */
  private entry(frame: Frame, start: number, end: number): void {
    const text = this.text;
    let key: string;
    let after: number;
    const first = text.charCodeAt(start);
    if (first === 0x22 /* " */ || first === 0x27 /* ' */) {
      const quoted = this.quoted(start, end);
      key = quoted.value;
      after = quoted.end;
      if (text.charCodeAt(after) !== 0x3a /* : */) giveBack();
    } else {
      if (!plainMayStart(text, start, end)) giveBack();
      after = keyEnd(text, start, end);
      if (after === end) giveBack();
      const length = after - start;
      // eslint-disable-next-line no-bitwise
      const slot = (first * 33 + text.charCodeAt(after - 1) * 7 + length) & (PLAIN_KEYS.length - 1);
      const known = PLAIN_KEYS[slot];
      if (known !== undefined && known.length === length && text.startsWith(known, start)) {
        key = known;
      } else {
        const keyText = text.slice(start, after);
        if (keyText.length > KEY_LIMIT || keyText === '<<' || keyText.endsWith(' ') || keyText.includes(' #')) giveBack();
        const resolved = resolvePlain(keyText);
        if (resolved === null) giveBack();
        key = keyString(resolved, giveBack);
        const reading = yaml12Reading(keyText, resolved);
        if (reading) this.note(keyText, start, resolved, reading.yaml12, true);
        else if (key === keyText) PLAIN_KEYS[slot] = detached(key);
      }
    }
    // The key counts as a node, as in the full reader.
    frame.nodes += 1;
    if (Object.prototype.hasOwnProperty.call(frame.value, key)) giveBack(); // duplicate: the full reader says so
    frame.key = key;
    let at = after + 1;
    if (at < end && text.charCodeAt(at) !== 0x20) giveBack();
    while (at < end && text.charCodeAt(at) === 0x20) at++;
    this.value(frame, at, end);
  }

  /** `- value`, `-` (the value below), `- key: value` (a mapping in the item) in a sequence. */
  private item(frame: Frame, start: number, end: number): void {
    const text = this.text;
    let at = start + 1;
    while (at < end && text.charCodeAt(at) === 0x20) at++;
    if (at >= end || text.charCodeAt(at) === 0x23 /* # */) {
      frame.awaiting = true;
      return;
    }
    if (isItem(text, at, end)) giveBack(); // `- - x`
    const column = at - this.lineStart;
    if (this.isEntry(at, end)) {
      this.entry(this.open(true, column, false, undefined), at, end);
      return;
    }
    this.value(frame, at, end);
  }

  /** Whether the text from `start` is `key: ...` (a mapping starts here). */
  private isEntry(start: number, end: number): boolean {
    const text = this.text;
    const first = text.charCodeAt(start);
    if (first === 0x22 || first === 0x27) {
      const close = first === 0x22 ? closingDouble(text, start, end) : closingSingle(text, start, end);
      return close >= 0 && text.charCodeAt(close + 1) === 0x3a;
    }
    return keyEnd(text, start, end) < end;
  }

  /** The value part of a line, from `at` (its first character after the `: ` or the dash and spaces). */
  private value(frame: Frame, at: number, end: number): void {
    const text = this.text;
    if (at >= end || text.charCodeAt(at) === 0x23 /* # */) {
      frame.awaiting = true;
      return;
    }
    const first = text.charCodeAt(at);
    if (first === 0x22 || first === 0x27) {
      const quoted = this.quoted(at, end);
      if (!isBlankOrComment(text, quoted.end, end)) giveBack();
      this.add(quoted.value, 1);
      return;
    }
    if (first === 0x26 /* & */ || first === 0x2a /* * */) {
      const nameEnd = wordEnd(text, at + 1, end);
      const name = text.slice(at + 1, nameEnd);
      if (name === '' || !isBlankOrComment(text, nameEnd, end)) giveBack();
      if (first === 0x26) {
        frame.awaiting = true;
        frame.awaitingAnchor = name;
        return;
      }
      const anchored = this.anchors.get(name);
      if (anchored === undefined) giveBack();
      this.aliasNodes += anchored.nodes;
      if (this.aliasNodes > ALIAS_LIMIT) giveBack();
      this.add(anchored.value, anchored.nodes);
      return;
    }
    if (first === 0x7b /* { */ || first === 0x5b /* [ */) {
      const closeChar = first === 0x7b ? 0x7d : 0x5d;
      if (text.charCodeAt(at + 1) !== closeChar || !isBlankOrComment(text, at + 2, end)) giveBack();
      this.add(first === 0x7b ? {} : [], 1);
      return;
    }
    if (first === 0x7c /* | */ && frame.isMap) {
      this.literal(frame, at, end);
      return;
    }
    if (!plainMayStart(text, at, end)) giveBack();
    let stop = at;
    while (stop < end && !(text.charCodeAt(stop) === 0x23 && text.charCodeAt(stop - 1) === 0x20)) stop++;
    while (stop > at && text.charCodeAt(stop - 1) === 0x20) stop--;
    const source = text.slice(at, stop);
    if (source.length > SCALAR_LIMIT || source.includes(': ') || source.endsWith(':') || source === '<<') giveBack();
    const value = resolvePlain(source);
    if (typeof value === 'number' && !Number.isFinite(value)) giveBack();
    const reading = yaml12Reading(source, value);
    if (reading) this.note(source, at, value, reading.yaml12, false);
    this.add(value, 1);
  }

  /**
   * A literal block scalar, the value of a mapping entry: `|` (clip: one final line break) or `|-`
   * (strip: none), then its lines, indented deeper than the key, read verbatim. The indentation is the
   * first content line's. Given back: other headers (`|+`, `|2`, a comment), an empty scalar, a line of
   * spaces alone (YAML reads it by the indentation) and a last line without a line break.
   */
  private literal(frame: Frame, at: number, end: number): void {
    const text = this.text;
    let header = at + 1;
    const strip = text.charCodeAt(header) === 0x2d /* - */;
    if (strip) header++;
    if (header !== end) giveBack();
    const headerEnd = text.indexOf('\n', end);
    if (headerEnd === -1) giveBack();
    const lines: string[] = [];
    let indent = -1;
    let size = 0;
    let empty = 0;
    let offset = headerEnd + 1;
    let line = this.line + 1;
    for (; offset < text.length; line++) {
      const newline = text.indexOf('\n', offset);
      if (newline === -1) giveBack();
      let start = offset;
      while (start < newline && text.charCodeAt(start) === 0x20) start++;
      if (start === newline) {
        if (start > offset) giveBack();
        empty++;
      } else {
        const spaces = start - offset;
        if (indent === -1) {
          if (spaces <= frame.indent) giveBack();
          indent = spaces;
        } else if (spaces < indent) {
          break;
        }
        const content = text.slice(offset + indent, newline);
        // An empty line is a line break of the value too.
        size += empty + content.length + 1;
        if (size > SCALAR_LIMIT) giveBack();
        for (; empty > 0; empty--) lines.push('');
        lines.push(content);
      }
      offset = newline + 1;
    }
    if (indent === -1) giveBack();
    const value = lines.join('\n');
    this.add(strip ? value : `${value}\n`, 1);
    // The empty lines after it belong to no one: reading goes on at the first line it did not take.
    this.resumeAt = offset;
    this.resumeLine = line;
  }

  /** A quoted scalar that closes on its line: its value and the offset after the closing quote. */
  private quoted(start: number, end: number): { value: string; end: number } {
    const text = this.text;
    if (text.charCodeAt(start) === 0x27) {
      const close = closingSingle(text, start, end);
      if (close < 0 || close - start > SCALAR_LIMIT) giveBack();
      const body = text.slice(start + 1, close);
      return { value: body.includes("''") ? body.replace(/''/g, "'") : body, end: close + 1 };
    }
    const close = closingDouble(text, start, end);
    if (close < 0 || close - start > SCALAR_LIMIT) giveBack();
    const body = text.slice(start + 1, close);
    if (!body.includes('\\')) return { value: body, end: close + 1 };
    // Escapes JSON reads the same way YAML does; any other goes to the full reader.
    if (/\\[^"\\/bfnrtu]/.test(body)) giveBack();
    try {
      return { value: JSON.parse(`"${body}"`), end: close + 1 };
    } catch {
      return giveBack();
    }
  }

  private note(text: string, offset: number, kubectl: unknown, yaml12: unknown, isKey: boolean): void {
    let path = '';
    for (const frame of this.stack) {
      if (frame.isMap) {
        if (frame.key !== undefined) path += `${path === '' ? '' : '.'}${frame.key}`;
      } else {
        path += `[${(frame.value as unknown[]).length}]`;
      }
    }
    if (isKey) path += `${path === '' ? '' : '.'}${text}`;
    this.readings.push({
      path,
      line: this.firstLine + this.line + 1,
      column: offset - this.lineStart + 1,
      text,
      kubectl,
      yaml12,
      isKey,
    });
  }
}

/** `-` then a space or the end of the line: a sequence item. */
function isItem(text: string, start: number, end: number): boolean {
  return text.charCodeAt(start) === 0x2d && (start + 1 === end || text.charCodeAt(start + 1) === 0x20);
}

/** Whether a plain scalar may start here in block context (and it is not one this reader leaves alone). */
function plainMayStart(text: string, start: number, end: number): boolean {
  const c = text.charCodeAt(start);
  switch (c) {
    case 0x2d: // - (a dash then a space or the end is an item)
    case 0x3f: // ?
    case 0x3a: { // :
      const next = text.charCodeAt(start + 1);
      return start + 1 < end && next !== 0x20;
    }
    case 0x2c: case 0x5b: case 0x5d: case 0x7b: case 0x7d: // , [ ] { }
    case 0x23: case 0x26: case 0x2a: case 0x21: case 0x7c: case 0x3e: // # & * ! | >
    case 0x27: case 0x22: case 0x25: case 0x40: case 0x60: // ' " % @ `
      return false;
    default:
      return true;
  }
}

/** Where a plain key ends: the first `: ` or a `:` ending the content; `end` when there is none. */
function keyEnd(text: string, start: number, end: number): number {
  for (let at = start; at < end; at++) {
    if (text.charCodeAt(at) === 0x3a && (at + 1 === end || text.charCodeAt(at + 1) === 0x20)) return at;
  }
  return end;
}

/** The offset of the closing `"` of a double-quoted scalar on this line, or -1. */
function closingDouble(text: string, start: number, end: number): number {
  for (let at = start + 1; at < end; at++) {
    const c = text.charCodeAt(at);
    if (c === 0x5c /* \ */) at++;
    else if (c === 0x22) return at;
  }
  return -1;
}

/** The offset of the closing `'` of a single-quoted scalar on this line (`''` is a quote inside), or -1. */
function closingSingle(text: string, start: number, end: number): number {
  for (let at = start + 1; at < end; at++) {
    if (text.charCodeAt(at) === 0x27) {
      if (text.charCodeAt(at + 1) === 0x27) at++;
      else return at;
    }
  }
  return -1;
}

/** The end of an anchor or alias name (up to a space or the end). */
function wordEnd(text: string, start: number, end: number): number {
  let at = start;
  while (at < end) {
    const c = text.charCodeAt(at);
    if (c === 0x20 || c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d) break;
    at++;
  }
  return at;
}

function isBlankOrComment(text: string, start: number, end: number): boolean {
  let at = start;
  while (at < end && text.charCodeAt(at) === 0x20) at++;
  return at >= end || (text.charCodeAt(at) === 0x23 && (at === start ? at === 0 || text.charCodeAt(at - 1) === 0x20 : true));
}

/** The end of a line's content, trailing spaces left out. */
function trimEnd(text: string, start: number, end: number): number {
  let at = end;
  while (at > start && text.charCodeAt(at - 1) === 0x20) at--;
  return at;
}
