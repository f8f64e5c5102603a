import { describeSelector } from './describe';
import { LabelSelectorManifest, LabelSelectorRequirementManifest } from './manifest';
import {
  checkInstances, checkLabelMap, checkProps, checkString, checkStrings, fail, objectOf, show, Where,
} from './runtime-checks';
import { normalizeSelector } from './selection/normalized';
import { noteLabelKey, noteUnsafeLabelKeys } from './selection/unsafe-keys';
import { sortedUnique } from './sorted-unique';
import { markDeepFrozen } from './validation/frozen';
import { checkLabelKey, checkLabelValue } from './validation/syntax';

/**
 * The operator of a label selector expression (`matchExpressions[].operator`).
 */
export enum LabelOperator {
  /** The label is present and its value is one of the listed values. */
  IN = 'In',
  /** The label is absent, or present with a value that is none of the listed values. */
  NOT_IN = 'NotIn',
  /** The label is present, whatever its value. */
  EXISTS = 'Exists',
  /** The label is absent. */
  DOES_NOT_EXIST = 'DoesNotExist',
}

/**
 * One requirement of a label selector, such as `tier in (frontend, backend)`.
 *
 * Several expressions in one selector are AND-ed.
 */
export class LabelExpression {
  /**
   * The label is present and its value is one of `values`.
   *
   * @param key the label key
   * @param values the accepted values; at least one. `''` matches a label set to the empty string.
   */
  public static isIn(key: string, values: string[]): LabelExpression {
    return new LabelExpression('isIn', key, LabelOperator.IN, values);
  }

  /**
   * The label is absent, or its value is none of `values`.
   *
   * Note that this also matches pods (or namespaces) that do not carry the label at all.
   *
   * @param key the label key
   * @param values the rejected values; at least one
   */
  public static notIn(key: string, values: string[]): LabelExpression {
    return new LabelExpression('notIn', key, LabelOperator.NOT_IN, values);
  }

  /**
   * The label is present, whatever its value.
   *
   * @param key the label key
   */
  public static exists(key: string): LabelExpression {
    return new LabelExpression('exists', key, LabelOperator.EXISTS, undefined);
  }

  /**
   * The label is absent.
   *
   * @param key the label key
   */
  public static doesNotExist(key: string): LabelExpression {
    return new LabelExpression('doesNotExist', key, LabelOperator.DOES_NOT_EXIST, undefined);
  }

  /** The label key. */
  public get key(): string {
    return this.manifest.key;
  }

  /** The operator. */
  public get operator(): LabelOperator {
    return this.manifest.operator as LabelOperator;
  }

  /** The values, sorted and without duplicates (empty for `Exists` and `DoesNotExist`); read-only. */
  public get values(): string[] {
    return this.manifest.values ?? EMPTY_STRINGS;
  }

  // Expressions are shared by every policy that uses them: the properties above are getters over this frozen
  // manifest, so nothing can change them (and the instance stays extensible, as the jsii kernel needs).
  private readonly manifest: LabelSelectorRequirementManifest;

  private constructor(factory: string, key: string, operator: LabelOperator, values: string[] | undefined) {
    // Messages are built only on failure: expressions are created for every policy of a chart.
    const where = () => `LabelExpression.${factory}(${show(key)})`;
    checkString(key, where, 'key');
    const keyReason = checkLabelKey(key);
    if (keyReason !== undefined) {
      throw new Error(`${where()}: key '${key}' ${keyReason}.`);
    }
    noteLabelKey(key);
    const takesValues = operator === LabelOperator.IN || operator === LabelOperator.NOT_IN;
    if (takesValues) {
      checkStrings(values, where, 'values');
      if (values!.length === 0) {
        throw new Error(`${where()}: values must list at least one value (the API server rejects an empty list for ${operator}).`);
      }
      for (const value of values!) {
        const reason = checkLabelValue(value);
        if (reason !== undefined) {
          throw new Error(`${where()}: value '${value}' ${reason}.`);
        }
      }
    }
    const requirement: LabelSelectorRequirementManifest = { key, operator };
    if (takesValues) {
      requirement.values = Object.freeze(sortedUnique(values!)) as string[];
    }
    this.manifest = Object.freeze(requirement);
  }

  /** A readable form, e.g. `tier in (backend,frontend)`. */
  public toString(): string {
    return describeSelector(normalizeSelector({ matchExpressions: [this.manifest] }));
  }

  /**
   * The manifest of this expression: built once, frozen, shared.
   * @internal
   */
  public _toManifest(): LabelSelectorRequirementManifest {
    return this.manifest;
  }
}

/**
 * Options of a label selector that selects some, not all, objects.
 */
export interface LabelSelectorOptions {
  /**
   * Labels the object must carry with exactly these values (AND-ed).
   *
   * An empty value is refused, because tools often drop it and so widen the selector to everything;
   * to match a label set to the empty string, use `LabelExpression.isIn(key, [''])`.
   *
   * @default - no label must match exactly
   */
  readonly labels?: { [key: string]: string };

  /**
   * Expressions the object must satisfy (AND-ed with each other and with `labels`).
   *
   * @default - no expressions
   */
  readonly expressions?: LabelExpression[];
}

/**
 * Selects pods or namespaces by their labels (a Kubernetes `LabelSelector`).
 *
 * A selector that matches everything must be asked for explicitly with `LabelSelector.all()`:
 * an empty set of labels and expressions is refused, so that a list that happened to be empty
 * never widens a policy to every pod.
 */
export class LabelSelector {
  /**
   * Selects objects whose labels have exactly these values, e.g. `LabelSelector.labels({ app: 'web' })`.
   *
   * @param labels at least one label; values must not be empty
   */
  public static labels(labels: { [key: string]: string }): LabelSelector {
    // Selectors are immutable, so equal ones are shared: charts name the same few apps in many policies,
    // and one value per distinct selector keeps synthesis of large charts lean.
    const read = readForCache(labels);
    const key = read?.key;
    if (key !== undefined) {
      const cached = LABELS_CACHE.get(key);
      if (cached !== undefined) return cached;
    }
    const where = 'LabelSelector.labels()';
    // Built from the values the key was made of: a map that answers differently on a second read (a getter)
    // cannot get a selector other than its key says.
    const selector = LabelSelector.build(where, checkLabelMap(read?.snapshot ?? labels, where, 'labels'), undefined);
    if (key !== undefined) {
      if (LABELS_CACHE.size >= CACHE_LIMIT) LABELS_CACHE.clear();
      LABELS_CACHE.set(key, selector);
    }
    return selector;
  }

  /**
   * Selects objects matching labels and expressions (AND-ed). At least one of them must be given.
   *
   * @param options the labels and expressions, AND-ed
   */
  public static of(options: LabelSelectorOptions): LabelSelector {
    const where = 'LabelSelector.of()';
    const checked = checkProps(options, where, 'options', SELECTOR_OPTIONS, 'option');
    return LabelSelector.build(where, checked.labels, checked.expressions);
  }

  /**
   * Selects every object (the empty selector `{}`): every pod of the namespace, or every namespace.
   */
  public static all(): LabelSelector {
    return ALL;
  }

  /**
   * A selector known only at synthesis (a workload object's), rendered by `produce`.
   * @internal
   */
  public static _lazy(describe: () => string, produce: () => LabelSelectorManifest): LabelSelector {
    // Its labels are read at synthesis, from objects the library did not check.
    noteUnsafeLabelKeys();
    return new LabelSelector(EMPTY_LABELS, EMPTY, { describe, produce });
  }

  private static build(where: Where, labels: unknown, expressions: unknown): LabelSelector {
    const map = labels === undefined ? EMPTY_LABELS : checkLabelMap(labels, where, 'labels');
    const list = expressions === undefined ? EMPTY : checkInstances(
      expressions, LabelExpression, where, 'expressions', "LabelExpression.isIn('tier', ['web']), LabelExpression.exists('tier'), ...",
    );
    const keys = Object.keys(map);
    if (keys.length === 0 && list.length === 0) {
      fail(where,
        'no labels and no expressions given. An empty selector matches everything; ' +
        'if that is what you mean, say so with LabelSelector.all().',
      );
    }
    const sorted: Array<[string, string]> = [];
    for (const key of sortedUnique(keys)) {
      const value = map[key];
      const keyReason = checkLabelKey(key);
      if (keyReason !== undefined) {
        fail(where, `label key '${key}' ${keyReason}.`);
      }
      noteLabelKey(key);
      if (value === '') {
        fail(where,
          `label '${key}' has an empty value. Some tools drop empty values and so select everything; ` +
          `to match the empty string, use LabelExpression.isIn('${key}', ['']).`,
        );
      }
      const valueReason = checkLabelValue(value);
      if (valueReason !== undefined) {
        fail(where, `label '${key}' value '${value}' ${valueReason}.`);
      }
      sorted.push([key, value]);
    }
    return new LabelSelector(keys.length === 0 ? EMPTY_LABELS : Object.freeze(objectOf(sorted)), list, undefined);
  }

  /**
   * The exact labels, sorted by key (`matchLabels`); empty for a workload's selector, known only at synthesis.
   * Read-only.
   */
  public get matchLabels(): { [key: string]: string } {
    return this.labelMap;
  }

  /** The expressions (`matchExpressions`); empty for a workload's selector, known only at synthesis. Read-only. */
  public get matchExpressions(): LabelExpression[] {
    return this.expressions;
  }

  // Selectors are shared (LabelSelector.all() by every caller of the process): the properties above are getters
  // over these frozen values, so nothing can change them.
  private readonly labelMap: { [key: string]: string };
  private readonly expressions: LabelExpression[];
  private readonly manifest?: LabelSelectorManifest;
  private readonly lazy?: { describe: () => string; produce: () => LabelSelectorManifest };

  private constructor(
    labels: { [key: string]: string },
    expressions: readonly LabelExpression[],
    lazy: { describe: () => string; produce: () => LabelSelectorManifest } | undefined,
  ) {
    this.labelMap = labels;
    this.expressions = expressions.length === 0 ? EMPTY : Object.freeze([...expressions]) as LabelExpression[];
    this.lazy = lazy;
    if (lazy === undefined) {
      const manifest: LabelSelectorManifest = {};
      if (labels !== EMPTY_LABELS) {
        manifest.matchLabels = labels;
      }
      if (this.matchExpressions.length > 0) {
        manifest.matchExpressions = Object.freeze(this.matchExpressions.map((e) => e._toManifest())) as LabelSelectorRequirementManifest[];
      }
      // Deeply frozen: its label map, expressions and their values are frozen too.
      this.manifest = markDeepFrozen(Object.freeze(manifest));
    }
  }

  /**
   * Whether the selector is known only at synthesis.
   * @internal
   */
  public get _isLazy(): boolean {
    return this.lazy !== undefined;
  }

  /** Whether this selector matches everything. */
  public get isAll(): boolean {
    return this.lazy === undefined && this.matchLabels === EMPTY_LABELS && this.matchExpressions.length === 0;
  }

  /** A readable form, e.g. `app=web,tier in (a,b)`, or `all` for the empty selector. */
  public toString(): string {
    return this.lazy ? this.lazy.describe() : describeSelector(normalizeSelector(this.manifest!)) || 'all';
  }

  /**
   * The manifest of this selector: built once, frozen and shared (synthesis copies it).
   * @internal
   */
  public _toManifest(): LabelSelectorManifest {
    return this.lazy ? this.lazy.produce() : this.manifest!;
  }
}

const SELECTOR_OPTIONS: readonly string[] = ['labels', 'expressions'];

/** Selectors of `LabelSelector.labels()` by their labels, as given; cleared when full, so it stays bounded. */
const LABELS_CACHE = new Map<string, LabelSelector>();
const CACHE_LIMIT = 10_000;

/**
 * A key of a plain map of strings, in the caller's key order, and a copy of the map from the same reads;
 * undefined for anything else (which then takes the checked path, and its error). NUL separates: label
 * keys and values cannot hold it.
 */
function readForCache(labels: unknown): { key: string; snapshot: Record<string, string> } | undefined {
  if (typeof labels !== 'object' || labels === null || Object.getPrototypeOf(labels) !== Object.prototype) return undefined;
  let key = '';
  const entries: Array<[string, string]> = [];
  for (const name in labels) {
    if (!Object.prototype.hasOwnProperty.call(labels, name)) return undefined;
    const value = (labels as Record<string, unknown>)[name];
    // A NUL inside would make two different maps one key: such labels are invalid, so take the checked path.
    if (typeof value !== 'string' || name.includes('\u0000') || value.includes('\u0000')) return undefined;
    key += `${name}\u0000${value}\u0000`;
    entries.push([name, value]);
  }
  return key === '' ? undefined : { key, snapshot: objectOf(entries) };
}

// Shared by every selector without expressions, labels or values; frozen, so no caller can change them for the others.
const EMPTY = Object.freeze([]) as unknown as LabelExpression[];
const EMPTY_LABELS: { [key: string]: string } = Object.freeze({});
const EMPTY_STRINGS = Object.freeze([]) as unknown as string[];


// The empty selector, shared: its label map, expressions and manifest are frozen, its properties read-only.
const ALL = new (LabelSelector as any)(EMPTY_LABELS, EMPTY, undefined) as LabelSelector;
