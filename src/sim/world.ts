/**
 * The deterministic world: a virtual clock, a seeded random generator, simulated links and
 * the actors (one broker, any number of clients), advanced one event at a time.
 *
 * Theory of operation
 * -------------------
 * A `World` is immutable. `step(world)` pops the earliest event of the queue (ordered by
 * `(atMs, seq)`), delivers it to one actor with a pure transition (`pure-transition.ts`), interprets the
 * actions the transition returns (ARCHITECTURE.md decision 2; the actor contract in
 * `core/mqtt/actor-contract.ts`) and returns the next world with the trace entries of the step.
 * Interpreting an action never delivers anything re-entrantly: a sent packet is encoded to bytes
 * (decision 3) and queued to arrive at `now + latency`; a timer is queued at `now + delay`.
 *
 * Two structures hold what is to come, both ordered by `(atMs, seq)`: the agenda (`agenda.ts`)
 * holds the scheduled commands, a sorted array read through a cursor, and the queue (a
 * persistent heap, `queue.ts`) holds what the world produces as it runs: arrivals, timers,
 * connections opening and closing. A step runs the earlier of their two heads.
 *
 * A run of many steps (`runUntil`) takes them in one builder (step.ts) whose maps and queue are
 * transient (overlay.ts, `TransientQueue`): the persistent structures are written once, when the
 * run ends, instead of after every step. The result is the world the single steps would give.
 *
 * Timers are cancelled lazily: a cancelled timer's event stays queued and is skipped when it
 * comes up, and a re-armed timer waits parked behind its id's queued event (see `TimerSlot` in
 * world-types.ts), so that a keep-alive restarted with every packet does not fill the queue.
 *
 * Links follow TCP where it matters for MQTT: each direction of a connection is FIFO (jitter
 * never reorders), a cut cable silently loses what is on it and tells nobody, and a closed or
 * crashed endpoint's peer hears of it one latency later, if the cable is up. Loss ratios and
 * "drop the next PUBACK" rules model what a broken connection does to a packet: they are the
 * teaching faults of the scenario language.
 */
import { Map as IMap } from 'immutable';
import type { AnyMachineSnapshot } from 'xstate';
import { seedRng } from './rng.ts';
import { add, emptyAgenda } from './agenda.ts';
import { pureInitialTransition } from './pure-transition.ts';
import { Step } from './step.ts';
import { BROKER, DEFAULT_LINK, type ActorDef, type Cable, type LinkSettings, type StepResult, type World, type WorldCommand, type WorldConfig } from './world-types.ts';

export * from './world-types.ts';

// ── Creating a world ─────────────────────────────────────────────────────────────────────

/** A new world at time 0 with every actor in its initial state and nothing queued. */
export function createWorld(config: WorldConfig): World {
  const link: LinkSettings = { ...DEFAULT_LINK, ...config.link };
  const defs = new Map<string, ActorDef>([[BROKER, config.broker]]);
  for (const c of config.clients) {
    if (c.name === BROKER || defs.has(c.name)) throw new Error(`duplicate actor name '${c.name}'`);
    defs.set(c.name, c);
  }
  let actors = IMap<string, AnyMachineSnapshot>();
  let cables = IMap<string, Cable>();
  const initialActions: Array<[string, ReadonlyArray<{ type: string; params?: unknown }>]> = [];
  for (const [name, def] of defs) {
    const [snapshot, actions] = pureInitialTransition(def.machine, def.input);
    actors = actors.set(name, snapshot);
    initialActions.push([name, actions]);
    if (name !== BROKER) cables = cables.set(name, { ...link, up: true });
  }
  const base: World = {
    nowMs: 0,
    seq: 0,
    traceSeq: 0,
    stepCount: 0,
    rng: seedRng(config.seed),
    queue: null,
    agenda: emptyAgenda,
    actors,
    timers: IMap(),
    conns: IMap(),
    clientConn: IMap(),
    cables,
    faults: [],
    connCounter: 0,
    statics: { defs, seed: config.seed, connectTimeoutMs: config.connectTimeoutMs ?? 5000 },
  };
  // Initial states may arm timers (a broker's $SYS interval): interpret their actions at time 0.
  const s = new Step(base);
  for (const [name, actions] of initialActions) for (const a of actions) s.interpret(name, a.type, a.params);
  return { ...s.finish(), stepCount: 0, traceSeq: 0 };
}

/** The world with `command` queued at `atMs` (not before the current time). */
export function schedule(world: World, atMs: number, command: WorldCommand): World {
  const at = Math.max(atMs, world.nowMs);
  return { ...world, seq: world.seq + 1, agenda: add(world.agenda, { atMs: at, seq: world.seq, kind: 'command', command }) };
}

/**
 * The world with each `[atMs, command]` queued in turn: the same world as `schedule` called for
 * each, made with one copy of it instead of one per command (a fleet schedules 60,000).
 */
export function scheduleAll(world: World, items: Iterable<readonly [atMs: number, command: WorldCommand]>): World {
  let { agenda, seq } = world;
  for (const [atMs, command] of items) agenda = add(agenda, { atMs: Math.max(atMs, world.nowMs), seq: seq++, kind: 'command', command });
  return { ...world, seq, agenda };
}

// ── Stepping ─────────────────────────────────────────────────────────────────────────────

/**
 * One step: run the earliest event. Returns the same world and no entries when nothing is
 * queued. Cancelled timers are skipped without taking a step.
 */
export function step(world: World): StepResult {
  const s = new Step(world);
  const event = s.next();
  if (event === undefined) return { world, entries: [] };
  s.take(event);
  return { world: s.finish(), entries: s.entries };
}

/** Time of the next live event, or undefined when nothing (but cancelled timers) is queued. */
export function nextEventAt(world: World): number | undefined {
  return new Step(world).next()?.atMs;
}

/** Convenience accessors for views and tests. */
export function actorSnapshot(world: World, name: string): AnyMachineSnapshot | undefined {
  return world.actors.get(name);
}

/** Is the client's cable up? */
export function cableUp(world: World, client: string): boolean {
  return world.cables.get(client)?.up ?? true;
}

