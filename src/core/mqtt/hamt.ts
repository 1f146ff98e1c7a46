/**
 * A persistent (immutable) hash array mapped trie from strings to values, for the
 * subscription store.
 *
 * Theory of operation. A key's 32-bit FNV-1a hash, five bits per level, picks a slot in a
 * branch; a branch stores only its occupied slots plus a 32-bit bitmap of which ones are
 * occupied (the slot's index is the popcount of the bits below it). Updates copy the path from
 * the root to the changed leaf and share everything else, so an old root stays valid forever:
 * O(log32 n) work per update, no matter how wide the map is. Keys with the same full hash live
 * together in a collision node. All nodes share one class (`HNode`), so property accesses on
 * the hot path stay monomorphic.
 *
 * `getRange` looks a key up by a slice of a larger string (a level of a topic) without
 * creating the slice: the subscription store hashes each level once while scanning the topic.
 */

const LEAF = 0;
const BRANCH = 1;
const COLLISION = 2;

/** One node. LEAF: `hash`, `key`, `value`. BRANCH: `hash` is the bitmap, `slots` the children.
 * COLLISION: `hash` is the shared hash, `slots` the leaves. */
export class HNode<T> {
  constructor(
    readonly tag: number,
    readonly hash: number,
    readonly key: string,
    readonly value: T | undefined,
    readonly slots: readonly HNode<T>[] | null,
  ) {}
}

/** A map: its root node, or null when empty. */
export type Hamt<T> = HNode<T> | null;

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

/** FNV-1a over the UTF-16 code units of `s[start..end)`. */
export function hashRange(s: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/** FNV-1a of a whole string. */
export function hashString(s: string): number {
  return hashRange(s, 0, s.length);
}

/** Incremental hashing (for the store's one-pass topic scan). */
export const HASH_START = FNV_OFFSET;
export function hashStep(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME);
}

function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

function leaf<T>(hash: number, key: string, value: T): HNode<T> {
  return new HNode(LEAF, hash, key, value, null);
}

/** The value of `key` (whose hash is `hash`), or undefined. */
export function get<T>(root: Hamt<T>, hash: number, key: string): T | undefined {
  return getRange(root, hash, key, 0, key.length);
}

/** The value of the key `src[start..end)` (whose hash is `hash`), or undefined. */
export function getRange<T>(root: Hamt<T>, hash: number, src: string, start: number, end: number): T | undefined {
  let node = root;
  let shift = 0;
  const length = end - start;
  while (node !== null) {
    if (node.tag === BRANCH) {
      const bit = 1 << ((hash >>> shift) & 31);
      const bitmap = node.hash;
      if ((bitmap & bit) === 0) return undefined;
      node = (node.slots as HNode<T>[])[popcount(bitmap & (bit - 1))] as HNode<T>;
      shift += 5;
    } else if (node.tag === LEAF) {
      return node.hash === hash && node.key.length === length && src.startsWith(node.key, start) ? node.value : undefined;
    } else {
      if (node.hash !== hash) return undefined;
      for (const l of node.slots as HNode<T>[]) if (l.key.length === length && src.startsWith(l.key, start)) return l.value;
      return undefined;
    }
  }
  return undefined;
}

/** A branch holding two nodes with different full hashes, split from bit `shift` on. */
function merge<T>(a: HNode<T>, b: HNode<T>, shift: number): HNode<T> {
  const ia = (a.hash >>> shift) & 31;
  const ib = (b.hash >>> shift) & 31;
  if (ia === ib) return new HNode<T>(BRANCH, 1 << ia, '', undefined, [merge(a, b, shift + 5)]);
  return new HNode<T>(BRANCH, (1 << ia) | (1 << ib), '', undefined, ia < ib ? [a, b] : [b, a]);
}

function setAt<T>(node: HNode<T>, hash: number, key: string, value: T, shift: number): HNode<T> {
  if (node.tag === BRANCH) {
    const bit = 1 << ((hash >>> shift) & 31);
    const bitmap = node.hash;
    const slots = node.slots as HNode<T>[];
    const idx = popcount(bitmap & (bit - 1));
    if ((bitmap & bit) === 0) {
      const next = slots.slice(0, idx);
      next.push(leaf(hash, key, value));
      for (let i = idx; i < slots.length; i++) next.push(slots[i] as HNode<T>);
      return new HNode<T>(BRANCH, bitmap | bit, '', undefined, next);
    }
    const child = slots[idx] as HNode<T>;
    const updated = setAt(child, hash, key, value, shift + 5);
    if (updated === child) return node;
    const next = slots.slice();
    next[idx] = updated;
    return new HNode<T>(BRANCH, bitmap, '', undefined, next);
  }
  if (node.tag === LEAF) {
    if (node.hash !== hash) return merge(node, leaf(hash, key, value), shift);
    if (node.key === key) return node.value === value ? node : leaf(hash, key, value);
    return new HNode<T>(COLLISION, hash, '', undefined, [node, leaf(hash, key, value)]);
  }
  if (node.hash !== hash) return merge(node, leaf(hash, key, value), shift);
  const leaves = node.slots as HNode<T>[];
  const i = leaves.findIndex((l) => l.key === key);
  if (i >= 0 && leaves[i]?.value === value) return node;
  const next = leaves.slice();
  if (i >= 0) next[i] = leaf(hash, key, value);
  else next.push(leaf(hash, key, value));
  return new HNode<T>(COLLISION, hash, '', undefined, next);
}

/** A map with `key` set to `value`; `root` itself when nothing changes. */
export function set<T>(root: Hamt<T>, hash: number, key: string, value: T): HNode<T> {
  return root === null ? leaf(hash, key, value) : setAt(root, hash, key, value, 0);
}

function removeAt<T>(node: HNode<T>, hash: number, key: string, shift: number): Hamt<T> {
  if (node.tag === LEAF) return node.hash === hash && node.key === key ? null : node;
  if (node.tag === COLLISION) {
    if (node.hash !== hash) return node;
    const leaves = node.slots as HNode<T>[];
    const i = leaves.findIndex((l) => l.key === key);
    if (i < 0) return node;
    if (leaves.length === 2) return leaves[1 - i] as HNode<T>;
    return new HNode<T>(COLLISION, hash, '', undefined, leaves.filter((_, j) => j !== i));
  }
  const bit = 1 << ((hash >>> shift) & 31);
  const bitmap = node.hash;
  if ((bitmap & bit) === 0) return node;
  const slots = node.slots as HNode<T>[];
  const idx = popcount(bitmap & (bit - 1));
  const child = slots[idx] as HNode<T>;
  const updated = removeAt(child, hash, key, shift + 5);
  if (updated === child) return node;
  if (updated === null) {
    if (slots.length === 1) return null;
    // a lone leaf or collision can move up; a branch cannot (its slots depend on its depth)
    if (slots.length === 2) {
      const other = slots[1 - idx] as HNode<T>;
      if (other.tag !== BRANCH) return other;
    }
    return new HNode<T>(BRANCH, bitmap & ~bit, '', undefined, slots.filter((_, j) => j !== idx));
  }
  if (slots.length === 1 && updated.tag !== BRANCH) return updated;
  const next = slots.slice();
  next[idx] = updated;
  return new HNode<T>(BRANCH, bitmap, '', undefined, next);
}

/** A map without `key`; `root` itself when `key` is absent. */
export function remove<T>(root: Hamt<T>, hash: number, key: string): Hamt<T> {
  return root === null ? null : removeAt(root, hash, key, 0);
}

/** Pushes every value onto `out` (in hash order). */
export function collect<T>(node: Hamt<T>, out: T[]): void {
  if (node === null) return;
  if (node.tag === LEAF) {
    out.push(node.value as T);
    return;
  }
  const slots = node.slots as HNode<T>[];
  for (let i = 0; i < slots.length; i++) collect(slots[i] as HNode<T>, out);
}

/** Number of entries (walks the map). */
export function count<T>(node: Hamt<T>): number {
  if (node === null) return 0;
  if (node.tag === LEAF) return 1;
  let n = 0;
  for (const s of node.slots as HNode<T>[]) n += count(s);
  return n;
}
