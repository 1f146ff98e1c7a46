/**
 * The transport: moves the simulation's cursor (reset, step back, play/pause, step forward,
 * scrub) and plays it continuously at a chosen speed.
 *
 * Playback rule (virtual time vs wall-clock time, at 1×; other speeds scale it):
 * - while a packet is on the wire, 1 virtual ms takes 20 wall ms (`FLIGHT_WALL_MS_PER_MS`), so
 *   a 20 ms link latency is a 0.4 s flight the eye can follow;
 * - while nothing is on the wire, time runs at real time, but one quiet stretch between two
 *   events never takes longer than 0.6 s (`QUIET_MAX_WALL_MS`): a 15 s keep-alive wait flashes
 *   by on the clock instead of taking minutes, and each event still gets its own beat.
 * The stretches are computed once per timeline from the precomputed trace (`playbackSegments`);
 * each animation frame turns elapsed wall time into virtual time (`advancePlayback`), steps the
 * simulation through every event due by then, and publishes the in-between time as
 * `simulation.displayMs` for the stage. Playback pauses at the end of the run.
 *
 * The wall clock (requestAnimationFrame) is read only here, in the UI layer; the world itself
 * never sees it.
 */
import type { TraceEntry } from '../../sim/trace.ts';
import { Simulation } from './simulation.svelte.ts';
import type { Flight } from './flights.ts';

export type TransportCommand = 'reset' | 'step-back' | 'toggle-play' | 'step-forward';

/** Playback speeds offered, as multiples of the base rate described above. */
export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const;
export type Speed = (typeof SPEEDS)[number];

/** Wall ms per virtual ms while a packet is in flight, at 1×. */
export const FLIGHT_WALL_MS_PER_MS = 20;
/** The longest a quiet stretch between two events takes on the wall clock, at 1×. */
export const QUIET_MAX_WALL_MS = 600;
/** Longest frame gap counted (a background tab must not jump the run forward). */
const MAX_FRAME_MS = 100;

/** A stretch of virtual time between two consecutive event times and its wall duration at 1×. */
export interface Segment {
  startMs: number;
  endMs: number;
  wallMs: number;
  /** True when a packet is on the wire during the whole stretch. */
  busy: boolean;
}

/** Cut [0, endMs] at every event and every arrival; each stretch is busy or quiet. */
export function playbackSegments(trace: readonly TraceEntry[], flights: readonly Flight[], endMs: number): Segment[] {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- local, never reactive
  const points = new Set<number>([0, endMs]);
  for (const e of trace) if (e.atMs <= endMs) points.add(e.atMs);
  for (const f of flights) {
    if (Number.isFinite(f.endMs) && f.endMs <= endMs) points.add(f.endMs);
    if (f.heldAtMs !== undefined && f.heldAtMs <= endMs) points.add(f.heldAtMs);
  }
  const times = [...points].sort((a, b) => a - b);
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- local, never reactive
  const index = new Map(times.map((t, i) => [t, i]));
  // Difference array: +1 where a flight starts, -1 where it ends (starts and ends are points).
  const delta = new Array<number>(times.length + 1).fill(0);
  for (const f of flights) {
    // A packet held by TCP (cut cable, lossy link) is busy only until its first try failed.
    const busyEndMs = f.heldAtMs ?? f.endMs;
    if (!(busyEndMs > f.startMs)) continue;
    const a = index.get(f.startMs);
    if (a === undefined) continue;
    const b = Number.isFinite(busyEndMs) ? (index.get(busyEndMs) ?? times.length - 1) : times.length - 1;
    delta[a]! += 1;
    delta[b]! -= 1;
  }
  const out: Segment[] = [];
  let active = 0;
  for (let i = 0; i + 1 < times.length; i++) {
    active += delta[i]!;
    const startMs = times[i]!;
    const end = times[i + 1]!;
    const length = end - startMs;
    const busy = active > 0;
    out.push({ startMs, endMs: end, busy, wallMs: busy ? length * FLIGHT_WALL_MS_PER_MS : Math.min(length, QUIET_MAX_WALL_MS) });
  }
  return out;
}

/** Virtual time after `wallMs` of playback from `fromMs` at `speed` (never past the last segment). */
export function advancePlayback(segments: readonly Segment[], fromMs: number, wallMs: number, speed: number): number {
  if (segments.length === 0) return fromMs;
  // Binary search: the last segment starting at or before fromMs.
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid]!.startMs <= fromMs) lo = mid;
    else hi = mid - 1;
  }
  let t = fromMs;
  let budget = wallMs * speed;
  for (let i = lo; i < segments.length && budget > 0; i++) {
    const s = segments[i]!;
    if (t >= s.endMs) continue;
    const length = s.endMs - s.startMs;
    const left = s.wallMs * ((s.endMs - t) / length);
    if (budget >= left) {
      budget -= left;
      t = s.endMs;
    } else {
      t += (budget / s.wallMs) * length;
      budget = 0;
    }
  }
  return t;
}

export interface FrameClock {
  request(callback: (now: number) => void): number;
  cancel(handle: number): void;
}

const browserFrames: FrameClock = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
};

export class Transport {
  readonly simulation: Simulation;
  /** Whether it plays; kept on the Simulation so the stage and the direct actions see it. */
  get playing(): boolean {
    return this.simulation.playing;
  }
  set playing(value: boolean) {
    this.simulation.setPlaying(value);
  }
  speed = $state<Speed>(1);
  /** Real time: one virtual second per wall second, packets in flight and quiet stretches alike. */
  realTime = $state(false);
  /** The busy and quiet stretches of the current timeline. */
  readonly segments = $derived.by(() => playbackSegments(this.simulation.fullTrace, this.simulation.flights, this.simulation.endMs));

  #frames: FrameClock;
  #handle: number | undefined;
  #lastFrame: number | undefined;

  constructor(simulation: Simulation = new Simulation(), frames: FrameClock = browserFrames) {
    this.simulation = simulation;
    this.#frames = frames;
  }

  /** True once a scenario is loaded and there is a timeline to move along. */
  get ready(): boolean {
    return this.simulation.loaded;
  }

  /** Continuous virtual time (the clock and the scrubber). */
  get positionMs(): number {
    return this.simulation.displayMs;
  }

  /** Length of the run in virtual time. */
  get durationMs(): number {
    return this.simulation.endMs;
  }

  get canStepBack(): boolean {
    return this.ready && this.simulation.position > 0;
  }

  get canStepForward(): boolean {
    return this.ready && !this.simulation.atEnd;
  }

  /** Run a command; returns false when it does not apply (nothing loaded yet). */
  dispatch(command: TransportCommand): boolean {
    if (!this.ready) return false;
    switch (command) {
      case 'toggle-play':
        if (this.playing) this.pause();
        else this.play();
        return true;
      case 'reset':
        this.pause();
        this.simulation.reset();
        return true;
      case 'step-back':
        this.pause();
        this.simulation.stepBack();
        return true;
      case 'step-forward':
        this.pause();
        this.simulation.stepForward();
        return true;
    }
  }

  /** Play from here (from the start when at the end). */
  play(): void {
    if (!this.ready || this.playing) return;
    const sim = this.simulation;
    if (sim.displayMs >= sim.endMs) sim.reset();
    this.playing = true;
    this.#lastFrame = undefined;
    this.#handle = this.#frames.request(this.#tick);
  }

  pause(): void {
    this.playing = false;
    if (this.#handle !== undefined) this.#frames.cancel(this.#handle);
    this.#handle = undefined;
    // displayMs stays where it is: pausing mid-flight leaves the packet mid-flight.
  }

  /** Jump to virtual time `ms` (the scrubber); pauses playback. */
  scrubTo(ms: number): void {
    if (!this.ready) return;
    if (this.playing) this.pause();
    this.simulation.seekTime(ms);
  }

  setSpeed(speed: Speed): void {
    this.speed = speed;
    this.realTime = false;
  }

  /** Play in real time (`setSpeed` leaves it). */
  setRealTime(): void {
    this.realTime = true;
  }

  /**
   * How the clock runs at the current moment, to say so beside the speed: `slow` while a packet
   * is on the wire (slow motion), `fast` in a quiet stretch that is shortened, `real` in real
   * time, else `normal`.
   */
  get pace(): 'real' | 'slow' | 'fast' | 'normal' {
    if (this.realTime) return 'real';
    const segments = this.segments;
    const t = this.simulation.displayMs;
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid]!.startMs <= t) lo = mid;
      else hi = mid - 1;
    }
    const s = segments[lo];
    if (!s) return 'normal';
    const perWallMs = (s.endMs - s.startMs) / (s.wallMs / this.speed);
    return perWallMs < 0.99 ? 'slow' : perWallMs > 1.01 ? 'fast' : 'normal';
  }

  /** Play one frame's worth of wall time (exposed for tests). */
  advanceBy(wallMs: number): void {
    const sim = this.simulation;
    const t = this.realTime ? Math.min(sim.endMs, sim.displayMs + wallMs) : advancePlayback(this.segments, sim.displayMs, wallMs, this.speed);
    sim.advanceTo(t);
    sim.setDisplayMs(Math.max(sim.world?.nowMs ?? 0, t));
    if (t >= sim.endMs) this.playing = false;
  }

  #tick = (now: number): void => {
    this.#handle = undefined;
    if (!this.playing) return;
    const dt = this.#lastFrame === undefined ? 0 : Math.min(MAX_FRAME_MS, Math.max(0, now - this.#lastFrame));
    this.#lastFrame = now;
    this.advanceBy(dt);
    if (this.playing) this.#handle = this.#frames.request(this.#tick);
    else this.pause();
  };
}
