/**
 * Where a manifest came from, and the error raised when manifests cannot be read.
 *
 * Internal (not exported from the package barrel: jsii cannot represent subclasses of `Error`); the
 * CLI imports it from here to tell loading errors (exit code 2) from other failures.
 *
 * @module
 */

/** Where a loaded object came from. */
export interface Origin {
  /** The file it was read from, or a label such as `chart my-chart` or `<yaml>`. */
  readonly source: string;
  /** 0-based index of the YAML document within its source (or of the manifest in a list of manifests). */
  readonly documentIndex: number;
  /** Path inside the document when the object is an item of a `List`, e.g. `items[2]`. */
  readonly path?: string;
}

/** Short text for an origin, e.g. `deploy/app.yaml#2 items[0]`. */
export function formatOrigin(origin: Origin): string {
  const base = `${origin.source}#${origin.documentIndex}`;
  return origin.path ? `${base} ${origin.path}` : base;
}

/** Joins a path prefix (e.g. `items[2]`) and a field path (e.g. `spec.podSelector`). */
export function joinFieldPath(prefix: string | undefined, field: string | undefined): string | undefined {
  if (!prefix) return field;
  if (!field) return prefix;
  return field.startsWith('[') ? `${prefix}${field}` : `${prefix}.${field}`;
}

/**
 * A manifest could not be loaded: unreadable file, YAML syntax error, a document that is not an
 * object, or an object missing the structure the evaluator needs.
 */
export class ManifestLoadError extends Error {
  private static format(detail: string, location: { file?: string; documentIndex?: number; field?: string }): string {
    const where: string[] = [];
    if (location.file !== undefined) where.push(location.file);
    if (location.documentIndex !== undefined) where.push(`document ${location.documentIndex}`);
    if (location.field !== undefined) where.push(location.field);
    return where.length > 0 ? `${where.join(', ')}: ${detail}` : detail;
  }

  /** The file (or source label), when known. */
  public readonly file?: string;
  /** 0-based document index within the file, when known. */
  public readonly documentIndex?: number;
  /** The field path within the document, e.g. `spec.ingress[0].from[1].ipBlock.cidr`. */
  public readonly field?: string;
  /** The one-line reason, without the location. */
  public readonly detail: string;

  constructor(detail: string, location: { file?: string; documentIndex?: number; field?: string } = {}) {
    super(ManifestLoadError.format(detail, location));
    this.name = 'ManifestLoadError';
    this.file = location.file;
    this.documentIndex = location.documentIndex;
    this.field = location.field;
    this.detail = detail;
    // Keep `instanceof` working when compiled to ES5-style classes.
    Object.setPrototypeOf(this, ManifestLoadError.prototype);
  }
}

/** Raises a load error at a field path (relative to the object being read). */
export type Fail = (field: string | undefined, detail: string) => never;

/** A `Fail` that throws a `ManifestLoadError` located at the origin. */
export function failAt(origin: Origin): Fail {
  return (field, detail) => {
    throw new ManifestLoadError(detail, { file: origin.source, documentIndex: origin.documentIndex, field: joinFieldPath(origin.path, field) });
  };
}
