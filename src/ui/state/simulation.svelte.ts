/**
 * The simulation as the UI sees it: a timeline of immutable worlds (src/sim/history.ts), the
 * cursor on it, the trace up to the cursor, and what the learner has selected.
 *
 * The kernel runs outside Svelte's reactivity (STYLE.md): the timeline is a plain object, and
 * after every operation `sync()` publishes new references (`$state.raw`) for the views to read.
 * Views never mutate what they get: worlds and trace entries are immutable.
 */
import { Timeline } from '../../sim/history.ts';
import type { TraceEntry } from '../../sim/trace.ts';
import { nextEventAt, type World, type WorldCommand } from '../../sim/world.ts';

/** What the inspector shows: a trace entry (a packet, a note, ...) or an actor. */
export type Selection = { kind: 'entry'; seq: number } | { kind: 'actor'; name: string };

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

export class Simulation {
  #timeline: Timeline | null = null;
  /** Earlier timelines a fork branched from, newest last ("what if"). */
  #branches: Timeline[] = [];

  /** The world at the cursor (null until something is loaded). */
  world = $state.raw<World | null>(null);
  /** The trace up to the cursor. */
  trace = $state.raw<readonly TraceEntry[]>([]);
  /** The entries of the step that led to the current world (to highlight and animate). */
  lastEntries = $state.raw<readonly TraceEntry[]>([]);
  /** Steps from the start to the cursor, and steps computed so far. */
  position = $state(0);
  length = $state(0);
  /** Virtual time of the next event after the cursor, if any. */
  nextAtMs = $state<number | undefined>(undefined);
  selected = $state<Selection | null>(null);
  /** Number of earlier timelines that forks left behind. */
  branchCount = $state(0);
  /** Commands applied by hand on the current timeline, oldest first. */
  manualCommands = $state.raw<readonly ManualCommand[]>([]);
  /** The manual commands of each branch left behind by a fork (parallel to #branches). */
  #branchManual: Array<readonly ManualCommand[]> = [];

  get loaded(): boolean {
    return this.world !== null;
  }

  /** Start over with a new initial world (a scenario was loaded or re-run). */
  load(initial: World): void {
    this.#timeline = new Timeline(initial);
    this.#branches = [];
    this.#branchManual = [];
    this.manualCommands = [];
    this.selected = null;
    this.sync();
  }

  /** One step forward (computing it if needed); false at the end. */
  stepForward(): boolean {
    const moved = this.#timeline?.forward() ?? false;
    if (moved) this.sync();
    return moved;
  }

  /** One step back; false at the start. */
  stepBack(): boolean {
    const moved = this.#timeline?.back() ?? false;
    if (moved) this.sync();
    return moved;
  }

  /** Back to the initial world; the computed future stays available. */
  reset(): void {
    this.#timeline?.seek(0);
    this.sync();
  }

  /** Move to a computed step. */
  seek(position: number): void {
    this.#timeline?.seek(position);
    this.sync();
  }

  /** Step forward through every event due at or before `untilMs` (bounded). */
  advanceTo(untilMs: number, maxSteps = 10_000): number {
    const n = this.#timeline?.forwardUntil(untilMs, maxSteps) ?? 0;
    if (n > 0) this.sync();
    return n;
  }

  /** Do something now, replacing the computed future (a direct action while paused). */
  apply(command: WorldCommand): void {
    if (!this.#timeline) return;
    this.#recordManual(command, false);
    this.#timeline.apply(command);
    this.sync();
  }

  /** "What if": continue from here with `command`; the old future is kept as a branch. */
  forkHere(command: WorldCommand): void {
    if (!this.#timeline) return;
    this.#branches.push(this.#timeline);
    this.#branchManual.push(this.manualCommands);
    this.#recordManual(command, true);
    this.#timeline = this.#timeline.fork(command);
    this.sync();
  }

  /** Go back to the timeline the last fork left (its cursor where it was). */
  restoreBranch(): boolean {
    const previous = this.#branches.pop();
    if (!previous) return false;
    this.#timeline = previous;
    this.manualCommands = this.#branchManual.pop() ?? [];
    this.sync();
    return true;
  }

  /** Keep `command` in `manualCommands`, forgetting those of the future it replaces. */
  #recordManual(command: WorldCommand, fork: boolean): void {
    const t = this.#timeline;
    if (!t) return;
    const kept = this.manualCommands.filter((m) => m.position <= t.position);
    this.manualCommands = [...kept, { atMs: t.world.nowMs, position: t.position, command, fork }];
  }

  select(selection: Selection | null): void {
    this.selected = selection;
  }

  /** The selected trace entry, if an entry is selected and still in the trace. */
  get selectedEntry(): TraceEntry | undefined {
    const s = this.selected;
    if (s?.kind !== 'entry') return undefined;
    return this.trace[s.seq]?.seq === s.seq ? this.trace[s.seq] : this.trace.find((e) => e.seq === s.seq);
  }

  private sync(): void {
    const t = this.#timeline;
    if (!t) return;
    this.world = t.world;
    this.trace = t.trace;
    this.lastEntries = t.lastEntries;
    this.position = t.position;
    this.length = t.length;
    this.nextAtMs = nextEventAt(t.world);
    this.branchCount = this.#branches.length;
  }
}
