/**
 * The simulation as the UI sees it: a timeline of immutable worlds (src/sim/history.ts), the
 * cursor on it, the trace up to the cursor, and what the learner has selected.
 *
 * The kernel runs outside Svelte's reactivity (STYLE.md): the timeline is a plain object, and
 * after every operation `#sync()` publishes new references (`$state.raw`) for the views to read.
 * Views read the state through getters and change it only through methods; the worlds and trace
 * entries they get are immutable.
 *
 * The run is bounded by `endMs` (a scenario's end time). On load, and after a direct action or
 * a fork, the future up to `endMs` is computed at once (deterministic and cheap: a few thousand
 * steps at most, bounded by `PRECOMPUTE_MAX_STEPS`) and published as `fullTrace`, so the
 * scrubber can show where things happen and the sequence diagram can be laid out once per
 * timeline: the trace at the cursor is always a prefix of `fullTrace`.
 *
 * `displayMs` is the continuous virtual time for animation: equal to `world.nowMs` after a
 * step, and between two steps while the transport plays (the stage reads it to place packets
 * in flight; see `flights`).
 */
import type { Timeline } from '../../sim/history.ts';
import type { TraceEntry } from '../../sim/trace.ts';
import type { nextEventAt as NextEventAt, World, WorldCommand } from '../../sim/world.ts';
import { flightsOf, type Flight } from './flights.ts';

/**
 * The simulation kernel's runtime (the timeline and the event queue's clock), handed in rather
 * than imported, so the app shell's first bundle stays small: main.ts loads the kernel (world,
 * broker, clients, codec, scenario language: most of the code) with a dynamic import after the
 * first render, then calls `provideSimulationKernel`. Tests and other entry points pass
 * `simulationKernel` from `src/ui/default-scenario.ts` the same way.
 */
export interface SimulationKernel {
  Timeline: typeof Timeline;
  nextEventAt: typeof NextEventAt;
}

let kernel: SimulationKernel | undefined;

/** Register the kernel once; every Simulation uses it. */
export function provideSimulationKernel(k: SimulationKernel): void {
  kernel = k;
}

function theKernel(): SimulationKernel {
  if (!kernel) throw new Error('Simulation: no kernel yet; call provideSimulationKernel(simulationKernel) from src/ui/default-scenario.ts first');
  return kernel;
}

/** What the inspector shows: a trace entry (a packet, a note, ...) or an actor. */
export type Selection = { kind: 'entry'; seq: number } | { kind: 'actor'; name: string };

/** Default end of a run when the loader does not say (the world never idles while keep-alives tick). */
export const DEFAULT_END_MS = 60_000;
/** Most steps computed ahead on load, fork or direct action. */
export const PRECOMPUTE_MAX_STEPS = 20_000;

/**
 * A command the learner applied by hand (a direct action or a "what if" fork): when, at which
 * step, and what. The scenario editor turns each into a line of the scenario text.
 */
export interface ManualCommand {
  atMs: number;
  /** The cursor position it was applied at (commands after the cursor belong to a dropped future). */
  position: number;
  command: WorldCommand;
  /** True when it started a "what if" fork. */
  fork: boolean;
}

/** What a simulation tells its owner (given to the constructor, as the svelte.dev workspace takes `onupdate`). */
export interface SimulationOptions {
  /**
   * Told of every direct action (not of forks), so the scenario document can write it into the
   * scenario text: nothing done by hand is lost on a re-run.
   */
  onManualCommand?: (manual: ManualCommand) => void;
}

/**
 * The state the views read is public through getters only; it changes through the methods
 * (`load`, `stepForward`, `seek`, `apply`, `select`, `setPlaying`, ...), never by assignment.
 */
export class Simulation {
  #timeline: Timeline | null = null;
  /** Earlier timelines a fork branched from, newest last ("what if"). */
  #branches: Timeline[] = [];
  /** The manual commands of each branch left behind by a fork (parallel to #branches). */
  #branchManual: Array<readonly ManualCommand[]> = [];
  readonly #onManualCommand: ((manual: ManualCommand) => void) | undefined;

  #world = $state.raw<World | null>(null);
  #trace = $state.raw<readonly TraceEntry[]>([]);
  #lastEntries = $state.raw<readonly TraceEntry[]>([]);
  #position = $state(0);
  #length = $state(0);
  #nextAtMs = $state<number | undefined>(undefined);
  #selected = $state<Selection | null>(null);
  #branchCount = $state(0);
  #endMs = $state(DEFAULT_END_MS);
  #displayMs = $state(0);
  #playing = $state(false);
  #fullTrace = $state.raw<readonly TraceEntry[]>([]);
  #finalWorld = $state.raw<World | null>(null);
  #flights = $state.raw<readonly Flight[]>([]);
  #totalSteps = $state(0);
  #revision = $state(0);
  #manualCommands = $state.raw<readonly ManualCommand[]>([]);
  #evidence = $state.raw<readonly number[]>([]);
  #realTraffic = $state(false);
  #cutShortAtMs = $state<number | undefined>(undefined);

  constructor({ onManualCommand }: SimulationOptions = {}) {
    this.#onManualCommand = onManualCommand;
  }

  /**
   * True while the timeline shows real traffic (`loadTimeline`: a live feed, a recording), whose
   * clients and broker are a replica of the real ones: an action on them would not reach the
   * real clients and broker, so `apply` and `forkHere` refuse (the UI disables them and says why).
   */
  get realTraffic(): boolean {
    return this.#realTraffic;
  }

  /** The world at the cursor (null until something is loaded). */
  get world(): World | null {
    return this.#world;
  }
  /** The trace up to the cursor. */
  get trace(): readonly TraceEntry[] {
    return this.#trace;
  }
  /** The entries of the step that led to the current world (to highlight and animate). */
  get lastEntries(): readonly TraceEntry[] {
    return this.#lastEntries;
  }
  /** Steps from the start to the cursor. */
  get position(): number {
    return this.#position;
  }
  /** Steps computed so far (worlds on the timeline). */
  get length(): number {
    return this.#length;
  }
  /** Virtual time of the next event after the cursor, if any. */
  get nextAtMs(): number | undefined {
    return this.#nextAtMs;
  }
  /** What the inspector shows (`select`). */
  get selected(): Selection | null {
    return this.#selected;
  }
  /** Number of earlier timelines that forks left behind. */
  get branchCount(): number {
    return this.#branchCount;
  }
  /** Where the run stops (a scenario's end time). */
  get endMs(): number {
    return this.#endMs;
  }
  /** Continuous virtual time for animation (between steps while playing; `setDisplayMs`). */
  get displayMs(): number {
    return this.#displayMs;
  }
  /** True while the transport plays (direct actions wait for a pause; `setPlaying`). */
  get playing(): boolean {
    return this.#playing;
  }
  /** The whole trace of this timeline up to `endMs` (the trace at the cursor is a prefix of it). */
  get fullTrace(): readonly TraceEntry[] {
    return this.#fullTrace;
  }
  /** The world at the end of `fullTrace` (the whole run's, for goals judged over the run). */
  get finalWorld(): World | null {
    return this.#finalWorld;
  }
  /** Every packet of `fullTrace` with its flight times (for the stage and the transport). */
  get flights(): readonly Flight[] {
    return this.#flights;
  }
  /** Steps in the whole run up to `endMs` (the scrubber's range in steps). */
  /**
   * Set when computing the future stopped at `PRECOMPUTE_MAX_STEPS` with events still due before
   * `endMs`: the virtual time it stopped at (the scrubber and diagram end there).
   */
  get cutShortAtMs(): number | undefined {
    return this.#cutShortAtMs;
  }

  get totalSteps(): number {
    return this.#totalSteps;
  }
  /** Bumped whenever the timeline is replaced (load, fork, direct action): views re-layout. */
  get revision(): number {
    return this.#revision;
  }
  /** Commands applied by hand on the current timeline, oldest first. */
  get manualCommands(): readonly ManualCommand[] {
    return this.#manualCommands;
  }
  /**
   * Seqs of the trace entries a goal's "show me" points at (highlighted in the sequence
   * diagram); cleared when the timeline is replaced.
   */
  get evidence(): readonly number[] {
    return this.#evidence;
  }

  get loaded(): boolean {
    return this.#world !== null;
  }

  /** True when no step is left before `endMs`. */
  get atEnd(): boolean {
    if (!this.#timeline) return true;
    if (this.#position + 1 < this.#length) return false;
    return this.#nextAtMs === undefined || this.#nextAtMs > this.#endMs;
  }

  /**
   * Start over with a new initial world (a scenario was loaded or re-run), running until `endMs`.
   * Not over real traffic (`realTraffic`: a live feed, a recording) unless `replaceRealTraffic`
   * says the user chose to end it: what was received would be gone. False when refused.
   */
  load(initial: World, options: { endMs?: number; replaceRealTraffic?: boolean } = {}): boolean {
    if (this.#realTraffic && !options.replaceRealTraffic) return false;
    this.#timeline = new (theKernel().Timeline)(initial);
    this.#realTraffic = false;
    this.#branches = [];
    this.#branchManual = [];
    this.#manualCommands = [];
    this.#selected = null;
    this.#endMs = options.endMs ?? DEFAULT_END_MS;
    this.#precompute();
    this.#sync();
    return true;
  }

  /**
   * Show a timeline built elsewhere (real traffic: src/sim/live-world.ts), which may grow: call
   * `grown` after steps were appended to it. `endMs` is its latest time.
   */
  loadTimeline(timeline: Timeline, endMs: number): void {
    this.#timeline = timeline;
    this.#realTraffic = true;
    this.#branches = [];
    this.#branchManual = [];
    this.#manualCommands = [];
    this.#selected = null;
    this.#endMs = endMs;
    this.#precompute();
    this.#sync();
  }

  /**
   * The timeline given to `loadTimeline` has new steps up to `endMs`: publish them; with
   * `follow`, move the cursor to the newest step (a live view that is not paused).
   */
  grown(endMs: number, follow: boolean): void {
    const t = this.#timeline;
    if (!t) return;
    this.#endMs = Math.max(endMs, 1);
    this.#fullTrace = this.#fullTraceOf(t);
    this.#flights = flightsOf(this.#fullTrace);
    this.#totalSteps = t.length - 1;
    if (follow) t.seek(t.length - 1);
    this.#sync();
  }

  /** The whole trace of a timeline, whatever its cursor. */
  #fullTraceOf(t: Timeline): readonly TraceEntry[] {
    const here = t.position;
    t.seek(t.length - 1);
    const all = t.trace.slice();
    this.#finalWorld = t.world;
    t.seek(here);
    return all;
  }

  /** One step forward (computing it if needed); false at the end. */
  stepForward(): boolean {
    if (this.atEnd) return false;
    const moved = this.#timeline?.forward() ?? false;
    if (moved) this.#sync();
    return moved;
  }

  /** Move to the last step at or before virtual time `ms` (the scrubber). */
  seekTime(ms: number): void {
    const t = this.#timeline;
    if (!t) return;
    const target = Math.max(0, Math.min(ms, this.#endMs));
    // Binary search over the computed worlds (seeking is O(1)); their times never decrease.
    let lo = 0;
    let hi = t.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      t.seek(mid);
      if (t.world.nowMs <= target) lo = mid;
      else hi = mid - 1;
    }
    t.seek(lo);
    if (lo === t.length - 1) t.forwardUntil(target, PRECOMPUTE_MAX_STEPS);
    this.#sync();
    this.#displayMs = Math.max(t.world.nowMs, target);
  }

  /** One step back; false at the start. */
  stepBack(): boolean {
    const moved = this.#timeline?.back() ?? false;
    if (moved) this.#sync();
    return moved;
  }

  /** Back to the initial world; the computed future stays available. */
  reset(): void {
    this.#timeline?.seek(0);
    this.#sync();
  }

  /** Move to a computed step. */
  seek(position: number): void {
    this.#timeline?.seek(position);
    this.#sync();
  }

  /** Step forward through every event due at or before `untilMs` (bounded). */
  advanceTo(untilMs: number, maxSteps = 10_000): number {
    const n = this.#timeline?.forwardUntil(Math.min(untilMs, this.#endMs), maxSteps) ?? 0;
    if (n > 0) this.#sync();
    return n;
  }

  /**
   * Do something now, replacing the computed future (a direct action while paused). Not with
   * real traffic (`realTraffic`): it would change only the replica, not the real clients and
   * broker, and the real traffic appended next would not follow from it. False when refused.
   */
  apply(command: WorldCommand): boolean {
    if (!this.#timeline || this.#realTraffic) return false;
    this.#recordManual(command, false);
    this.#timeline.apply(command);
    this.#precompute();
    this.#sync();
    return true;
  }

  /**
   * "What if": continue from here with `command`; the old future is kept as a branch. Not with
   * real traffic (`realTraffic`): its future is what really happened. False when refused.
   */
  forkHere(command: WorldCommand): boolean {
    if (!this.#timeline || this.#realTraffic) return false;
    this.#branches.push(this.#timeline);
    this.#branchManual.push(this.#manualCommands);
    this.#recordManual(command, true);
    this.#timeline = this.#timeline.fork(command);
    this.#precompute();
    this.#sync();
    return true;
  }

  /** Go back to the timeline the last fork left (its cursor where it was). */
  restoreBranch(): boolean {
    const previous = this.#branches.pop();
    if (!previous) return false;
    this.#timeline = previous;
    this.#manualCommands = this.#branchManual.pop() ?? [];
    this.#precompute();
    this.#sync();
    return true;
  }

  /** Keep `command` in `manualCommands`, forgetting those of the future it replaces. */
  #recordManual(command: WorldCommand, fork: boolean): void {
    const t = this.#timeline;
    if (!t) return;
    const kept = this.#manualCommands.filter((m) => m.position <= t.position);
    const manual: ManualCommand = { atMs: t.world.nowMs, position: t.position, command, fork };
    this.#manualCommands = [...kept, manual];
    if (!fork) this.#onManualCommand?.(manual);
  }

  /**
   * Land on a moment of the run ("show me"): pause, move the cursor to the step that produced
   * the latest of `seqs` (when they are entries of this timeline at the times given), else to
   * the last step at or before `atMs`; highlight `seqs` and select the first of them.
   */
  showMoment(seqs: readonly { seq: number; atMs: number }[], atMs: number): void {
    this.#playing = false;
    const entries = seqs.map((s) => this.#fullTrace[s.seq]).filter((e, i) => e !== undefined && e.atMs === seqs[i]!.atMs) as TraceEntry[];
    if (entries.length > 0 && entries.length === seqs.length) {
      const step = Math.max(...entries.map((e) => e.step));
      this.seek(Math.max(0, Math.min(step + 1, this.#length - 1)));
    } else {
      this.seekTime(atMs);
    }
    this.#evidence = entries.map((e) => e.seq);
    this.#selected = entries[0] ? { kind: 'entry', seq: entries[0].seq } : null;
  }

  /** Show `selection` in the inspector (null: nothing). */
  select(selection: Selection | null): void {
    this.#selected = selection;
  }

  /** The transport started or stopped playing. */
  setPlaying(playing: boolean): void {
    this.#playing = playing;
  }

  /** Move the animation clock (between steps while playing, or a benchmark's sweep). */
  setDisplayMs(ms: number): void {
    this.#displayMs = ms;
  }

  /** The selected trace entry, if an entry is selected and still in the trace. */
  get selectedEntry(): TraceEntry | undefined {
    const s = this.#selected;
    if (s?.kind !== 'entry') return undefined;
    return this.#trace[s.seq]?.seq === s.seq ? this.#trace[s.seq] : this.#trace.find((e) => e.seq === s.seq);
  }

  /** Compute the future up to `endMs` and publish the whole trace; the cursor stays. */
  #precompute(): void {
    const t = this.#timeline;
    if (!t) return;
    const here = t.position;
    t.seek(t.length - 1);
    const steps = t.forwardUntil(this.#endMs, PRECOMPUTE_MAX_STEPS);
    const next = theKernel().nextEventAt(t.world);
    this.#cutShortAtMs = steps >= PRECOMPUTE_MAX_STEPS && next !== undefined && next <= this.#endMs ? t.world.nowMs : undefined;
    this.#fullTrace = t.trace.slice(); // a copy: the timeline appends to its own array
    this.#finalWorld = t.world;
    this.#flights = flightsOf(this.#fullTrace);
    this.#totalSteps = t.length - 1;
    t.seek(here);
    this.#evidence = [];
    this.#revision++;
  }

  #sync(): void {
    const t = this.#timeline;
    if (!t) return;
    this.#world = t.world;
    // At the newest step the timeline hands out its own (growing) array: publish a new
    // reference whenever it changed, or views reading `trace` would not see the new entries.
    const trace = t.trace;
    this.#trace = trace === this.#trace ? trace.slice() : trace;
    this.#lastEntries = t.lastEntries;
    this.#position = t.position;
    this.#length = t.length;
    this.#nextAtMs = theKernel().nextEventAt(t.world);
    this.#branchCount = this.#branches.length;
    this.#displayMs = t.world.nowMs;
    if (t.length - 1 > this.#totalSteps) this.#totalSteps = t.length - 1;
  }
}
