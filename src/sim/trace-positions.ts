/**
 * Where each entry of the compact trace store (trace-log.ts) sits in the run of the world: its
 * `seq`, its `step` and its time, kept as runs rather than per entry. The step as where each
 * run of entries of one step starts (the step numbers themselves only where they do not count
 * up by one: a jump), the time once per run of entries at one time (many steps share a
 * millisecond), and `seq` once per run of consecutive numbers. Entries are added in order, by
 * index; nothing here knows what an entry holds.
 */
import { Column, RunStarts } from './trace-columns.ts';

export class EntryPositions {
  // Runs of entries of one step. A run's step is one more than the run's before it, but where
  // a jump says otherwise: a jump gives the run it starts at and that run's step (steps rise by
  // one within a run of the world, so there are few jumps).
  readonly #stepRuns = new RunStarts();
  readonly #jumpRun: number[] = [];
  readonly #jumpStep: number[] = [];
  #jumpCursor = 0;
  #lastStep = 0;
  // Runs of entries at one time (a time is shared by many steps): where each starts, its time.
  readonly #timeRuns = new RunStarts();
  readonly #timeAt = new Column((n) => new Float64Array(n));
  #lastAtMs = 0;
  // Runs of consecutive seqs: first index and seq - index.
  readonly #seqStart: number[] = [];
  readonly #seqDelta: number[] = [];

  /** Entry `i` (the one after the last added) is numbered `seq`, made by `step` at `atMs`. */
  add(i: number, seq: number, step: number, atMs: number): void {
    if (i === 0 || !Object.is(this.#lastStep, step)) {
      const r = this.#stepRuns.length;
      this.#stepRuns.push(i);
      const n = this.#jumpRun.length;
      if (n === 0 || !Object.is(this.#jumpStep[n - 1]! + (r - this.#jumpRun[n - 1]!), step)) {
        this.#jumpRun.push(r);
        this.#jumpStep.push(step);
      }
      this.#lastStep = step;
    }
    if (i === 0 || !Object.is(this.#lastAtMs, atMs)) {
      this.#timeRuns.push(i);
      this.#timeAt.push(atMs);
      this.#lastAtMs = atMs;
    }
    const n = this.#seqStart.length;
    if (n === 0 || this.#seqDelta[n - 1]! + i !== seq) {
      this.#seqStart.push(i);
      this.#seqDelta.push(seq - i);
    }
  }

  /** The step of entry `i`: its run's, counted from the jump at or before that run. */
  stepAt(i: number): number {
    const r = this.#stepRuns.find(i);
    const runs = this.#jumpRun;
    let k = this.#jumpCursor;
    if (!(k < runs.length && runs[k]! <= r && (k + 1 >= runs.length || r < runs[k + 1]!))) this.#jumpCursor = k = lastAtOrBelow(runs, r);
    // At the jump itself its step as it was given (-0 stays -0).
    return r === runs[k]! ? this.#jumpStep[k]! : this.#jumpStep[k]! + (r - runs[k]!);
  }

  /** The time of entry `i`. */
  atMsAt(i: number): number {
    return this.#timeAt.get(this.#timeRuns.find(i));
  }

  /** The seq of entry `i`. */
  seqAt(i: number): number {
    return i + this.#seqDelta[lastAtOrBelow(this.#seqStart, i)]!;
  }

  /** The index of the entry numbered `seq` among `length` entries, or -1 (seqs are taken to rise, as a world makes them). */
  indexOfSeq(seq: number, length: number): number {
    const starts = this.#seqStart;
    const deltas = this.#seqDelta;
    let lo = 0;
    let hi = starts.length - 1;
    if (hi < 0) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! + deltas[mid]! <= seq) lo = mid;
      else hi = mid - 1;
    }
    const i = seq - deltas[lo]!;
    const end = lo + 1 < starts.length ? starts[lo + 1]! : length;
    return i >= starts[lo]! && i < end ? i : -1;
  }

  /** Bytes the typed-array columns have allocated. */
  get byteSize(): number {
    return this.#stepRuns.byteSize + this.#timeRuns.byteSize + this.#timeAt.byteSize;
  }
}

/** The last index of `sorted` (rising, its first value at most `x`) whose value is at most `x`. */
function lastAtOrBelow(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (sorted[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
