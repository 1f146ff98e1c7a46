/**
 * History: a timeline of immutable worlds. Step back is picking the previous world (instant and
 * exact, nothing is recomputed); stepping forward again replays a world already computed; a
 * fork continues from an old world with a different command and leaves the old future intact
 * (the timeline it came from is not changed).
 *
 * The trace of a timeline is one append-only array with, per world, the number of entries up to
 * it, so the trace at any step is a prefix and views slice it without copying.
 */
import { nextEventAt, step, schedule, type World, type WorldCommand } from './world.ts';
import type { TraceEntry } from './trace.ts';

export class Timeline {
  /** worlds[i] is the world after i steps. */
  private readonly worlds: World[];
  /** ends[i] = trace length at worlds[i]. */
  private readonly ends: number[];
  private readonly entries: TraceEntry[];
  private index: number;

  constructor(initial: World);
  constructor(initial: World, worlds: World[], ends: number[], entries: TraceEntry[], index: number);
  constructor(initial: World, worlds?: World[], ends?: number[], entries?: TraceEntry[], index?: number) {
    this.worlds = worlds ?? [initial];
    this.ends = ends ?? [0];
    this.entries = entries ?? [];
    this.index = index ?? 0;
  }

  /** The world at the cursor. */
  get world(): World {
    return this.worlds[this.index]!;
  }

  /** Cursor position: steps taken to reach the current world. */
  get position(): number {
    return this.index;
  }

  /** Worlds computed so far on this timeline (the cursor may be before the last). */
  get length(): number {
    return this.worlds.length;
  }

  /** The trace up to the cursor. */
  get trace(): readonly TraceEntry[] {
    return this.entries.length === this.ends[this.index] ? this.entries : this.entries.slice(0, this.ends[this.index]);
  }

  /** The entries the step into the current world produced. */
  get lastEntries(): readonly TraceEntry[] {
    if (this.index === 0) return [];
    return this.entries.slice(this.ends[this.index - 1], this.ends[this.index]);
  }

  /** Step forward: replay a computed world or compute the next. False when nothing is left. */
  forward(): boolean {
    if (this.index + 1 < this.worlds.length) {
      this.index++;
      return true;
    }
    const r = step(this.world);
    if (r.entries.length === 0 && r.world.stepCount === this.world.stepCount) return false;
    this.worlds.push(r.world);
    for (const e of r.entries) this.entries.push(e);
    this.ends.push(this.entries.length);
    this.index++;
    return true;
  }

  /** Step back; false at the start. */
  back(): boolean {
    if (this.index === 0) return false;
    this.index--;
    return true;
  }

  /** Move the cursor to a computed position. */
  seek(position: number): void {
    this.index = Math.max(0, Math.min(position, this.worlds.length - 1));
  }

  /** Step forward while the next event is due at or before `untilMs`, at most `maxSteps`. */
  forwardUntil(untilMs: number, maxSteps = 100_000): number {
    let n = 0;
    while (n < maxSteps) {
      const w = this.worlds[this.index + 1];
      if (w !== undefined ? w.nowMs > untilMs : (nextEventAt(this.world) ?? Infinity) > untilMs) break;
      if (!this.forward()) break;
      n++;
    }
    return n;
  }

  /**
   * A new timeline that shares this one's past up to the cursor and continues with `command`
   * at `atMs` (default: now). This timeline keeps its future.
   */
  fork(command: WorldCommand, atMs = this.world.nowMs): Timeline {
    const worlds = this.worlds.slice(0, this.index + 1);
    const ends = this.ends.slice(0, this.index + 1);
    const entries = this.entries.slice(0, this.ends[this.index]);
    worlds[this.index] = schedule(this.world, atMs, command);
    return new Timeline(worlds[0]!, worlds, ends, entries, this.index);
  }

  /** Queue a command on the current world, dropping any computed future (like typing over). */
  apply(command: WorldCommand, atMs = this.world.nowMs): void {
    this.worlds.length = this.index + 1;
    this.ends.length = this.index + 1;
    this.entries.length = this.ends[this.index]!;
    this.worlds[this.index] = schedule(this.world, atMs, command);
  }
}
