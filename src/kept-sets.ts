/**
 * One kept object per distinct set of pod classes: many destinations admit the same sources, so equal
 * sets then share one object and are compared (and keyed) by identity downstream. Internal.
 *
 * @module
 */
import { Bitset } from './bitset';

export class KeptSets {
  private readonly byHash = new Map<number, Bitset[]>();

  /** The kept set with the members of `found` (which may be a scratch set: it is copied, never kept). */
  public keep(found: Bitset): Bitset {
    const hash = found.hash();
    const bucket = this.byHash.get(hash);
    if (bucket) {
      for (const kept of bucket) if (kept.equals(found)) return kept;
    }
    const kept = found.clone();
    if (bucket) bucket.push(kept); else this.byHash.set(hash, [kept]);
    return kept;
  }
}
