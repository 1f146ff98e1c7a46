/**
 * Storage pieces of the compact trace store (trace-log.ts): typed-array columns that grow in
 * chunks, and arenas that keep variable-length data (packet bytes, a note's parameters) end to
 * end in big typed arrays, addressed by one number. Nothing here knows about trace entries.
 *
 * Growth: a chunk starts small and doubles (a copy) until it reaches its full size; then the
 * next chunk starts. Full chunks are never copied again, so a long trace never holds two copies
 * of its data at once, and a view handed out earlier stays valid (a copy keeps the old bytes).
 */

/** Entries a column chunk holds when full (a power of two: index >>> CHUNK_BITS is the chunk). */
export const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const FIRST_CHUNK = 256;

type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;

/** A growing column of numbers kept in typed-array chunks of `2 ** CHUNK_BITS` values. */
export class Column<T extends TypedArray> {
  readonly chunks: T[] = [];
  length = 0;
  readonly #make: (n: number) => T;

  constructor(make: (n: number) => T) {
    this.#make = make;
  }

  push(value: number): void {
    const i = this.length;
    const c = i >>> CHUNK_BITS;
    let chunk = this.chunks[c];
    const at = i & (CHUNK - 1);
    if (chunk === undefined) this.chunks.push((chunk = this.#make(c === 0 ? FIRST_CHUNK : CHUNK)));
    else if (at === chunk.length) {
      const bigger = this.#make(chunk.length * 2);
      bigger.set(chunk);
      this.chunks[c] = chunk = bigger;
    }
    chunk[at] = value;
    this.length = i + 1;
  }

  get(i: number): number {
    return this.chunks[i >>> CHUNK_BITS]![i & (CHUNK - 1)]!;
  }

  set(i: number, value: number): void {
    this.chunks[i >>> CHUNK_BITS]![i & (CHUNK - 1)] = value;
  }

  /** Bytes the column holds allocated. */
  get byteSize(): number {
    let n = 0;
    for (const c of this.chunks) n += c.byteLength;
    return n;
  }
}

/**
 * Runs of entries that share a value (a step, a time): the index where each run starts, in
 * order. `find(i)` is the run that index i is in; quick when reads go in order (a cursor).
 */
export class RunStarts {
  readonly #starts = new Column((n) => new Uint32Array(n));
  #cursor = 0;

  get length(): number {
    return this.#starts.length;
  }

  /** A run starts at index `i` (above every start before it). */
  push(i: number): void {
    this.#starts.push(i);
  }

  /** The run index `i` is in (0 ≤ i; the first run starts at 0). */
  find(i: number): number {
    const starts = this.#starts;
    const runs = starts.length;
    const r = this.#cursor;
    if (r < runs && starts.get(r) <= i) {
      if (r + 1 >= runs || i < starts.get(r + 1)) return r;
      if (r + 2 >= runs || i < starts.get(r + 2)) return (this.#cursor = r + 1);
    }
    let lo = 0;
    let hi = runs - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts.get(mid) <= i) lo = mid;
      else hi = mid - 1;
    }
    this.#cursor = lo;
    return lo;
  }

  get byteSize(): number {
    return this.#starts.byteSize;
  }
}

/** Bytes an arena chunk holds when full; an arena address is chunk * ARENA_CHUNK + position. */
const ARENA_BITS = 20;
const ARENA_CHUNK = 1 << ARENA_BITS;
/** The largest byte string the arena takes (larger ones are kept as they are, elsewhere). */
export const ARENA_MAX = ARENA_CHUNK - 4;

/**
 * Byte strings end to end, each behind its length (LEB128), addressed by a number below 2 ** 32
 * (4,096 chunks of 1 MiB). Strings are never changed once written.
 */
export class ByteArena {
  readonly #chunks: Uint8Array[] = [];
  /** Bytes used in the last chunk. */
  #used = 0;

  /** Keep `bytes` (at most ARENA_MAX long); returns its address. */
  write(bytes: Uint8Array): number {
    const n = bytes.length;
    const need = n + (n < 0x80 ? 1 : n < 0x4000 ? 2 : 3);
    let c = this.#chunks.length - 1;
    let chunk = this.#chunks[c];
    if (chunk === undefined || this.#used + need > ARENA_CHUNK) {
      if (c + 1 >= 4096) throw new RangeError('trace log: the byte arena is full (4 GiB)');
      this.#chunks.push((chunk = new Uint8Array(c < 0 ? 4096 : ARENA_CHUNK)));
      c++;
      this.#used = 0;
    }
    if (this.#used + need > chunk.length) {
      let size = chunk.length * 2;
      while (this.#used + need > size) size *= 2;
      const bigger = new Uint8Array(Math.min(size, ARENA_CHUNK));
      bigger.set(chunk);
      this.#chunks[c] = chunk = bigger;
    }
    let at = this.#used;
    const address = c * ARENA_CHUNK + at;
    let len = n;
    while (len >= 0x80) {
      chunk[at++] = (len & 0x7f) | 0x80;
      len >>>= 7;
    }
    chunk[at++] = len;
    chunk.set(bytes, at);
    this.#used = at + n;
    return address;
  }

  /** The string at `address`, as a view (never changed; do not change it either). */
  view(address: number): Uint8Array {
    const chunk = this.#chunks[Math.floor(address / ARENA_CHUNK)]!;
    let at = address % ARENA_CHUNK;
    let len = 0;
    for (let shift = 0; ; shift += 7) {
      const b = chunk[at++]!;
      len |= (b & 0x7f) << shift;
      if (b < 0x80) break;
    }
    return chunk.subarray(at, at + len);
  }

  /** Does the string at `address` hold exactly `bytes`? */
  holds(address: number, bytes: Uint8Array): boolean {
    const kept = this.view(address);
    if (kept.length !== bytes.length) return false;
    for (let i = 0; i < kept.length; i++) if (kept[i] !== bytes[i]) return false;
    return true;
  }

  get byteSize(): number {
    let n = 0;
    for (const c of this.#chunks) n += c.byteLength;
    return n;
  }
}

const INT_CHUNK_BITS = 16;
const INT_CHUNK = 1 << INT_CHUNK_BITS;

/**
 * Runs of 32-bit integers end to end (a note's template and parameters), addressed by a number
 * below 2 ** 32; a run never spans two chunks. `reserve(n)` returns the address of n slots,
 * which the caller fills in `chunk` from `position`.
 */
export class IntArena {
  readonly #chunks: Int32Array[] = [];
  #used = 0;

  /** The chunk of the last `reserve` and the position of its slots there (to write them at once). */
  chunk: Int32Array = new Int32Array(0);
  position = 0;

  reserve(n: number): number {
    let c = this.#chunks.length - 1;
    let chunk = this.#chunks[c];
    if (n > INT_CHUNK) throw new RangeError('trace log: too many parameters');
    if (chunk === undefined || this.#used + n > INT_CHUNK) {
      this.#chunks.push((chunk = new Int32Array(c < 0 ? 1024 : INT_CHUNK)));
      c++;
      this.#used = 0;
    }
    if (this.#used + n > chunk.length) {
      const bigger = new Int32Array(Math.min(chunk.length * 2, INT_CHUNK));
      bigger.set(chunk);
      this.#chunks[c] = chunk = bigger;
    }
    const address = c * INT_CHUNK + this.#used;
    this.chunk = chunk;
    this.position = this.#used;
    this.#used += n;
    return address;
  }

  get(address: number): number {
    return this.#chunks[Math.floor(address / INT_CHUNK)]![address % INT_CHUNK]!;
  }

  get byteSize(): number {
    let n = 0;
    for (const c of this.#chunks) n += c.byteLength;
    return n;
  }
}

/** Strings kept once each, numbered from 1 (0 stands for "none"). */
export class Names {
  readonly #ids = new Map<string, number>();
  readonly #names: string[] = [''];

  id(name: string | undefined): number {
    if (name === undefined) return 0;
    let id = this.#ids.get(name);
    if (id === undefined) {
      id = this.#names.length;
      this.#names.push(name);
      this.#ids.set(name, id);
    }
    return id;
  }

  name(id: number): string {
    return this.#names[id]!;
  }

  get size(): number {
    return this.#names.length - 1;
  }
}
