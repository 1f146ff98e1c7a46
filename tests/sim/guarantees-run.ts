/**
 * Runs a generated `Scenario` (generators.ts) in the simulated world with the real broker and
 * clients and heals the world; guarantees-check.ts then checks MQTT's delivery guarantees
 * against the trace alone.
 *
 * Theory of operation
 * -------------------
 * The driver plays the applications: it connects every client at the start, subscribes it
 * whenever a CONNACK says Session Present = 0 (a new session has no subscriptions), retries a
 * connection every `reconnectEveryMs` while a client is down (the client machine never
 * reconnects by itself), and issues the scenario's publishes and faults at their times. A 5.0
 * client that restarted after a crash has no session state, so it connects with Clean Start = 1
 * (MQTT-3.2.2-4 forbids it to continue a session it does not know); a 3.1.1 client resumes.
 * Healing, from `faultPhaseMs` on: every cable restored, loss off, fault rules cleared; 1 s later
 * every client disconnects cleanly (a packet lost on a connection that stayed up is only re-sent
 * on a new connection, MQTT-4.4.0-1); 2 s and 5 s later every client connects again with the
 * same client ID and session; then the world runs `healMs` more (bounded by `maxSteps`).
 */
import type { QoS } from '../../src/core/codec/types.ts';
import type { ClientContext, ConnectOptions } from '../../src/core/client/index.ts';
import { clientCommand, createMqttWorld } from '../../src/sim/mqtt-world.ts';
import type { TraceEntry } from '../../src/sim/trace.ts';
import { BROKER, nextEventAt, schedule, step, type World, type WorldCommand } from '../../src/sim/world.ts';
import type { Scenario } from './generators.ts';

/** One application message of the scenario (payload `p<index>`, unique in the run). */
export interface Published {
  payload: string;
  index: number;
  publisher: string;
  topic: string;
  qos: QoS;
}

export interface RunOutcome {
  scenario: Scenario;
  entries: TraceEntry[];
  world: World;
  steps: number;
  /** True when the run hit `maxSteps` before its end. */
  truncated: boolean;
  /** What the run threw, if it threw. */
  error?: string;
  published: Map<string, Published>;
}

/** Session Expiry Interval of persistent 5.0 clients: far longer than any run. */
export const PERSISTENT_EXPIRY_SEC = 1_000_000;
export const DEFAULT_MAX_STEPS = 400_000;

interface Action {
  atMs: number;
  run: (world: World) => World;
}

const text = new TextEncoder();

/** A client actor's state value and context in `world`. */
export function clientState(world: World, name: string): { value: unknown; context: ClientContext } {
  return world.actors.get(name) as unknown as { value: unknown; context: ClientContext };
}

/** True in the `connected` state (any of its sub-states). */
export function isConnected(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'connected' in value;
}

/** Runs the scenario to its end; never throws (an exception is returned in `error`). `fastPath: false` runs every event through xstate. */
export function runScenario(scenario: Scenario, { maxSteps = DEFAULT_MAX_STEPS, fastPath = true } = {}): RunOutcome {
  const published = new Map<string, Published>();
  const entries: TraceEntry[] = [];
  const specs = new Map(scenario.clients.map((c) => [c.name, c]));
  /** The filters each application wants, with their current QoS (resubscribe changes it). */
  const wanted = new Map(scenario.clients.map((c) => [c.name, c.subscriptions.map((s) => ({ ...s }))]));
  /** 5.0 persistent clients restarted after a crash and not connected since: no session state. */
  const fresh = new Set<string>();
  let world = createMqttWorld({
    seed: scenario.seed,
    broker: { sysIntervalSec: 0, persistence: true },
    clients: scenario.clients.map((c) => ({ name: c.name, link: { ...c.link, lossRatio: 0 } })),
    fastPath,
  });
  let steps = 0;
  let truncated = false;
  const healAt = scenario.faultPhaseMs;
  const endMs = healAt + 5000 + scenario.healMs;

  const command = (atMs: number, cmd: WorldCommand) => (w: World) => schedule(w, atMs, cmd);
  const connect = (atMs: number, name: string) => (w: World) => {
    const spec = specs.get(name)!;
    const { value, context } = clientState(w, name);
    if (value !== 'disconnected' && value !== 'refused' && value !== 'crashed') return w;
    const noState = spec.version === 5 && spec.persistent && (fresh.has(name) || context.lastCloseReason?.key === 'client.close.unexpected-session');
    const options: ConnectOptions = {
      clientId: name,
      protocolVersion: spec.version,
      keepAliveSec: spec.keepAliveSec,
      clean: !spec.persistent || noState,
      ...(spec.version === 5 && spec.persistent ? { sessionExpiryIntervalSec: PERSISTENT_EXPIRY_SEC } : {}),
      ...(spec.receiveMaximum !== undefined ? { receiveMaximum: spec.receiveMaximum } : {}),
    };
    return schedule(w, atMs, clientCommand(name, { type: 'APP.CONNECT', options }));
  };
  const disconnect = (atMs: number, name: string) => (w: World) =>
    clientState(w, name).value === 'disconnected' || clientState(w, name).value === 'crashed' ? w : schedule(w, atMs, clientCommand(name, { type: 'APP.DISCONNECT' }));

  const actions: Action[] = [];
  scenario.clients.forEach((c, i) => actions.push({ atMs: 10 * i, run: connect(10 * i, c.name) }));
  for (let t = scenario.reconnectEveryMs; t < healAt; t += scenario.reconnectEveryMs) {
    for (const c of scenario.clients) actions.push({ atMs: t, run: connect(t, c.name) });
  }
  let index = 0;
  for (const op of scenario.ops) {
    const t = op.atMs;
    switch (op.kind) {
      case 'publish': {
        const payload = `p${index}`;
        published.set(payload, { payload, index: index++, publisher: op.client, topic: op.topic, qos: op.qos });
        actions.push({ atMs: t, run: command(t, clientCommand(op.client, { type: 'APP.PUBLISH', topic: op.topic, payload: text.encode(payload), qos: op.qos, retain: false })) });
        break;
      }
      case 'resubscribe':
        actions.push({
          atMs: t,
          run: (w) => {
            const subs = wanted.get(op.client)!;
            const sub = subs[op.index % Math.max(1, subs.length)];
            if (!sub) return w;
            sub.qos = op.qos;
            return schedule(w, t, clientCommand(op.client, { type: 'APP.SUBSCRIBE', subscriptions: [{ topicFilter: sub.topicFilter, qos: op.qos }] }));
          },
        });
        break;
      case 'cut':
        actions.push({ atMs: t, run: command(t, { type: 'cable.cut', client: op.client }) });
        if (t + op.durationMs < healAt) actions.push({ atMs: t + op.durationMs, run: command(t + op.durationMs, { type: 'cable.restore', client: op.client }) });
        break;
      case 'crash':
        actions.push({
          atMs: t,
          run: (w) => {
            const spec = specs.get(op.client)!;
            if (spec.version === 5 && spec.persistent) fresh.add(op.client);
            return schedule(w, t, { type: 'client.crash', client: op.client });
          },
        });
        break;
      case 'disconnect':
        actions.push({ atMs: t, run: disconnect(t, op.client) });
        break;
      case 'restart':
        actions.push({ atMs: t, run: command(t, { type: 'broker.restart', persistence: op.persistence }) });
        break;
      case 'fault':
        actions.push({ atMs: t, run: command(t, { type: 'fault.add', rule: op.rule }) });
        break;
      case 'link':
        actions.push({ atMs: t, run: command(t, { type: 'link.set', client: op.client, settings: op.settings }) });
        break;
    }
  }
  // Healing.
  actions.push({ atMs: healAt, run: command(healAt, { type: 'fault.clear' }) });
  for (const c of scenario.clients) {
    actions.push({ atMs: healAt, run: command(healAt, { type: 'cable.restore', client: c.name }) });
    actions.push({ atMs: healAt, run: command(healAt, { type: 'link.set', client: c.name, settings: { lossRatio: 0 } }) });
    actions.push({ atMs: healAt + 1000, run: disconnect(healAt + 1000, c.name) });
    actions.push({ atMs: healAt + 2000, run: connect(healAt + 2000, c.name) });
    actions.push({ atMs: healAt + 5000, run: connect(healAt + 5000, c.name) });
  }
  actions.sort((a, b) => a.atMs - b.atMs); // stable: same-time actions keep their order

  try {
    let next = 0;
    for (;;) {
      const eventAt = nextEventAt(world);
      const action = actions[next];
      if (action && (eventAt === undefined || action.atMs <= eventAt)) {
        world = action.run(world);
        next++;
        continue;
      }
      if (eventAt === undefined || eventAt > endMs) break;
      if (steps >= maxSteps) {
        truncated = true;
        break;
      }
      const r = step(world);
      world = r.world;
      steps++;
      for (const e of r.entries) {
        entries.push(e);
        // A new session (Session Present = 0) has no subscriptions: the application subscribes.
        if (e.kind === 'deliver' && e.to !== BROKER && e.packet?.type === 'connack' && e.packet.reasonCode === 0) {
          const name = e.to!;
          if (!isConnected(clientState(world, name).value)) continue;
          fresh.delete(name);
          const subs = wanted.get(name) ?? [];
          if (!e.packet.sessionPresent && subs.length > 0) {
            world = schedule(world, world.nowMs, clientCommand(name, { type: 'APP.SUBSCRIBE', subscriptions: subs.map((s) => ({ ...s })) }));
          }
        }
      }
    }
  } catch (error) {
    return { scenario, entries, world, steps, truncated, error: error instanceof Error ? (error.stack ?? error.message) : String(error), published };
  }
  return { scenario, entries, world, steps, truncated, published };
}
