/**
 * Key text -> dense group number, by open addressing over typed arrays.
 *
 * A JavaScript Map costs about 0.8 s for a million inserts and a million lookups of fresh strings
 * on this machine; this table, hashing each string once with FNV-1a 32 and probing linearly over an
 * Int32Array, does the same in about 0.2 s. Equal hashes are confirmed by comparing the strings, so
 * collisions cost time, never correctness.
 */
/** FNV-1a 32 over bytes [s, e): the hash of a value kept as bytes (join.ts, the CSV loader). */
export function fnv1aBytes(b: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return h;
}

/**
 * A table of `cap` slots (a power of two, -1 empty) holding entries 0 .. count - 1 by their stored
 * hashes, probed linearly: what an open-addressing table becomes when it doubles (KeyTable, join.ts).
 */
export function rehashed(hashes: Int32Array, count: number, cap: number): Int32Array {
  const slots = new Int32Array(cap).fill(-1);
  const mask = cap - 1;
  for (let g = 0; g < count; g++) {
    let p = hashes[g] & mask;
    while (slots[p] !== -1) p = (p + 1) & mask;
    slots[p] = g;
  }
  return slots;
}

export class KeyTable {
  private slots: Int32Array;
  private mask: number;
  private hashes: Int32Array;
  private keys: string[] = [];
  size = 0;

  constructor(expected: number) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.slots = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    this.hashes = new Int32Array(Math.max(expected, 8));
  }

  private static hash(s: string): number {
    let h = 0x811c9dc5;
    for (let k = 0; k < s.length; k++) {
      h ^= s.charCodeAt(k);
      h = Math.imul(h, 0x01000193);
    }
    return h | 0;
  }

  /** The group number of `key`, adding it if new. */
  id(key: string): number {
    const h = KeyTable.hash(key);
    const slots = this.slots;
    const mask = this.mask;
    for (let p = h & mask; ; p = (p + 1) & mask) {
      const q = slots[p];
      if (q === -1) {
        const g = this.size++;
        slots[p] = g;
        if (g >= this.hashes.length) {
          const grown = new Int32Array(this.hashes.length * 2);
          grown.set(this.hashes);
          this.hashes = grown;
        }
        this.hashes[g] = h;
        this.keys.push(key);
        if (this.size * 2 > slots.length) this.grow();
        return g;
      }
      if (this.hashes[q] === h && this.keys[q] === key) return q;
    }
  }

  /** The keys by group number (the table's own array: a dictionary's values when ids are codes). */
  get keyList(): string[] {
    return this.keys;
  }

  /** The group number of `key`, or -1. */
  get(key: string): number {
    const h = KeyTable.hash(key);
    const slots = this.slots;
    const mask = this.mask;
    for (let p = h & mask; ; p = (p + 1) & mask) {
      const q = slots[p];
      if (q === -1) return -1;
      if (this.hashes[q] === h && this.keys[q] === key) return q;
    }
  }

  private grow(): void {
    this.slots = rehashed(this.hashes, this.size, this.slots.length * 2);
    this.mask = this.slots.length - 1;
  }
}
