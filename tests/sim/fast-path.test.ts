/**
 * The actors' fast paths (`brokerPureStep`, `clientPureStep`) against their xstate machines:
 * whole runs must give the same trace, entry for entry (packets, bytes, explanations, state
 * values and learner views), and the same final snapshots, with and without the fast path.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { brokerPureStep } from '../../src/core/broker/broker.machine.ts';
import { brokerMachine } from '../../src/core/broker/index.ts';
import { clientMachine, clientPureStep } from '../../src/core/client/index.ts';
import { withContext, type PureStep } from '../../src/core/mqtt/actor-contract.ts';
import { resultLines, runScenario as runScenarioText, traceLines, type ActorFactories } from '../../src/scenario/index.ts';
import { brokerActor, clientActor } from '../../src/sim/mqtt-world.ts';
import type { ActorDef } from '../../src/sim/world.ts';
import type { TraceEntry } from '../../src/sim/trace.ts';
import type { World } from '../../src/sim/world.ts';
import { scenarioArb } from './generators.ts';
import { fleetWorld } from '../../src/node/bench/fleet-world.ts';
import { runUntil } from '../../src/sim/run.ts';
import { runScenario as runFaultScenario } from './guarantees-check.ts';

const EXAMPLES = join(import.meta.dirname, '../../src/scenario/examples');
const GOLDEN = join(import.meta.dirname, '../scenario/examples');

const actors = (fastPath: boolean): ActorFactories => ({ broker: (config) => brokerActor(config, fastPath), client: (name) => clientActor(name, fastPath) });

/** Everything observable, as text: Uint8Arrays as byte lists, Immutable collections via toJSON. */
function serialize(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v instanceof Uint8Array ? Array.from(v) : v));
}

function traceText(entries: readonly TraceEntry[]): string[] {
  return entries.map(serialize);
}

function snapshots(world: World | undefined): string {
  return serialize([...(world?.actors.entries() ?? [])].map(([name, s]: [string, AnyMachineSnapshot]) => [name, s.value, s.status, s.context]));
}

type Event = { type: string; nowMs: number } & Record<string, unknown>;

/**
 * Feeds the events to the machine twice, through the fast path (xstate where it declines) and
 * through xstate alone, and compares state value, context and actions after every event.
 * Returns how many events the fast path took.
 */
function compareEventByEvent(machine: AnyStateMachine, pureStep: PureStep<AnyMachineSnapshot>, input: unknown, events: Event[]): number {
  let [fast] = initialTransition(machine, input);
  let slow = fast;
  let taken = 0;
  for (const event of events) {
    const direct = pureStep(fast, event);
    if (direct) taken++;
    const [nextFast, fastActions] = direct ?? transition(machine, fast, event as never);
    const [nextSlow, slowActions] = transition(machine, slow, event as never);
    const observable = (s: AnyMachineSnapshot, actions: ReadonlyArray<{ type: string; params?: unknown }>) =>
      serialize({ value: s.value, status: s.status, context: s.context, actions: actions.map((a) => ({ type: a.type, params: a.params })) });
    expect(observable(nextFast, fastActions), `after ${event.type} at ${event.nowMs}`).toBe(observable(nextSlow, slowActions));
    [fast, slow] = [nextFast, nextSlow];
  }
  return taken;
}

const te = new TextEncoder();
const publishIn = (packetId: number, qos: 0 | 1 | 2, topic = 't') => ({ type: 'publish', topic, payload: te.encode('x'), qos, retain: false, dup: false, ...(qos > 0 ? { packetId } : {}) });

describe('the fast path, event by event', () => {
  const connected = (version: 4 | 5): Event[] => [
    { type: 'APP.CONNECT', nowMs: 0, options: { clientId: 'c', keepAliveSec: 5, protocolVersion: version } },
    { type: 'NET.OPENED', nowMs: 40 },
    { type: 'NET.PACKET', nowMs: 80, packet: { type: 'connack', sessionPresent: false, reasonCode: 0 } },
    { type: 'APP.PUBLISH', nowMs: 100, topic: 't', payload: te.encode('x'), qos: 1, retain: false },
    { type: 'APP.PUBLISH', nowMs: 101, topic: 't', payload: te.encode('y'), qos: 2, retain: true },
    { type: 'APP.SUBSCRIBE', nowMs: 102, subscriptions: [{ topicFilter: 't/#', qos: 2 }] },
    { type: 'NET.PACKET', nowMs: 140, packet: { type: 'puback', packetId: 1, reasonCode: 0 } },
    { type: 'NET.PACKET', nowMs: 141, packet: { type: 'pubrec', packetId: 2, reasonCode: 0 } },
    { type: 'NET.PACKET', nowMs: 142, packet: { type: 'suback', packetId: 3, reasonCodes: [2] } },
    { type: 'NET.PACKET', nowMs: 150, packet: publishIn(9, 2) },
    { type: 'NET.PACKET', nowMs: 151, packet: publishIn(9, 2) },
    { type: 'NET.PACKET', nowMs: 160, packet: { type: 'pubrel', packetId: 9, reasonCode: 0 } },
    { type: 'APP.UNSUBSCRIBE', nowMs: 170, topicFilters: ['t/#'] },
    { type: 'TIMER.KEEPALIVE', nowMs: 5170 },
    { type: 'NET.PACKET', nowMs: 5200, packet: publishIn(10, 1) },
    { type: 'NET.PACKET', nowMs: 5210, packet: { type: 'pingresp' } },
  ];

  for (const version of [4, 5] as const) {
    it(`keeps a ${version === 5 ? '5.0' : '3.1.1'} client session exactly as its machine does`, () => {
      const endings: Event[][] = [
        [{ type: 'NET.PACKET', nowMs: 6000, packet: { type: 'disconnect', reasonCode: 0x8b } }],
        [{ type: 'NET.PACKET', nowMs: 6000, packet: { type: 'connack', sessionPresent: false, reasonCode: 0 } }],
        [{ type: 'TIMER.KEEPALIVE', nowMs: 10_210 }, { type: 'NET.PACKET', nowMs: 10_300, packet: { type: 'pingreq' } }],
        [{ type: 'APP.DISCONNECT', nowMs: 6000 }, { type: 'APP.PUBLISH', nowMs: 6100, topic: 't', payload: te.encode('z'), qos: 1, retain: false }],
        [{ type: 'SYS.CRASH', nowMs: 6000 }],
      ];
      for (const ending of endings) {
        expect(compareEventByEvent(clientMachine, clientPureStep as PureStep<AnyMachineSnapshot>, { name: 'c' }, [...connected(version), ...ending])).toBeGreaterThanOrEqual(10);
      }
    });
  }

  it('takes the connect phase itself: APP.CONNECT, NET.OPENED, the CONNACK, a SUBSCRIBE and its SUBACK', () => {
    const events: Event[] = [
      ...connected(4).slice(0, 3),
      { type: 'APP.SUBSCRIBE', nowMs: 102, subscriptions: [{ topicFilter: 'plant/#', qos: 1 }] },
      { type: 'NET.PACKET', nowMs: 142, packet: { type: 'suback', packetId: 1, reasonCodes: [1] } },
    ];
    expect(compareEventByEvent(clientMachine, clientPureStep as PureStep<AnyMachineSnapshot>, { name: 'c' }, events)).toBe(events.length);
    // Refused, then a new connection from `refused`: also without xstate, and the same.
    const refused: Event[] = [
      ...connected(5).slice(0, 2),
      { type: 'NET.PACKET', nowMs: 80, packet: { type: 'connack', sessionPresent: false, reasonCode: 0x87 } },
      { type: 'APP.CONNECT', nowMs: 200, options: { clientId: 'c', keepAliveSec: 5, protocolVersion: 5 } },
    ];
    expect(compareEventByEvent(clientMachine, clientPureStep as PureStep<AnyMachineSnapshot>, { name: 'c' }, refused)).toBe(refused.length);
  });

  it('keeps the broker exactly as its machine does, running and down', () => {
    const conn = (connId: string, nowMs: number): Event[] => [
      { type: 'NET.OPEN', connId, nowMs },
      { type: 'NET.PACKET', connId, nowMs: nowMs + 1, packet: { type: 'connect', protocolVersion: 4, clean: true, keepAliveSec: 10, clientId: connId, will: { topic: 'w', payload: te.encode('bye'), qos: 1, retain: false } } },
      { type: 'NET.PACKET', connId, nowMs: nowMs + 2, packet: { type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: '#', qos: 1 }] } },
    ];
    const events: Event[] = [
      ...conn('a', 0),
      ...conn('b', 10),
      { type: 'NET.PACKET', connId: 'a', nowMs: 20, packet: { ...publishIn(7, 1, 'a/b'), retain: true } },
      { type: 'NET.PACKET', connId: 'b', nowMs: 30, packet: { type: 'puback', packetId: 1, reasonCode: 0 } },
      { type: 'TIMER.KEEPALIVE', connId: 'a', nowMs: 15_000 },
      { type: 'BROKER.RESTART', persistence: true, nowMs: 16_000 },
      { type: 'BROKER.STOP', nowMs: 17_000 },
      { type: 'NET.OPEN', connId: 'c', nowMs: 17_100 },
      { type: 'BROKER.STOP', nowMs: 17_200 },
      { type: 'BROKER.START', nowMs: 18_000 },
      ...conn('d', 18_100),
      { type: 'BROKER.START', nowMs: 19_000 },
      { type: 'NET.CLOSED', connId: 'd', reason: 'reset', nowMs: 20_000 },
    ];
    expect(compareEventByEvent(brokerMachine, brokerPureStep as PureStep<AnyMachineSnapshot>, { sysIntervalSec: 10 }, events)).toBe(events.length - 3);
  });
});

describe('the fast path gives the same runs as xstate', () => {
  for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.mqtts')).sort()) {
    const name = basename(file, '.mqtts');
    it(`on the example ${name}, entry for entry, and matches its golden trace`, () => {
      const text = readFileSync(join(EXAMPLES, file), 'utf8');
      const fast = runScenarioText(text, { actors: actors(true) });
      const slow = runScenarioText(text, { actors: actors(false) });
      expect(fast.trace.length).toBeGreaterThan(0);
      expect(traceText(fast.trace)).toEqual(traceText(slow.trace));
      expect(snapshots(fast.world)).toBe(snapshots(slow.world));
      const golden = [...traceLines(fast.trace), ...resultLines(fast.results, file)].join('\n') + '\n';
      expect(golden).toBe(readFileSync(join(GOLDEN, `${name}.trace.txt`), 'utf8'));
    });
  }

  it('on a fleet (40 sensors publishing QoS 1, 5 wildcard dashboards): connects, subscriptions, publishes', () => {
    const run = (fastPath: boolean) => runUntil(fleetWorld({ sensors: 40, seconds: 3, fastPath }), 5000);
    const fast = run(true);
    const slow = run(false);
    expect(fast.entries.filter((e) => e.kind === 'state' && JSON.stringify(e.state?.value) === '{"connected":"idle"}')).toHaveLength(45);
    expect(fast.entries.filter((e) => e.kind === 'app')).toHaveLength(3 * (20 + 40 + 4 + 10 + 20));
    expect(traceText(fast.entries)).toEqual(traceText(slow.entries));
    expect(snapshots(fast.world)).toBe(snapshots(slow.world));
  }, 60_000); // 2.6 s alone; past vitest's 5 s with a bench running beside it

  it('on random fault scenarios (crashes, cut cables, restarts, lost and duplicated packets)', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const fast = runFaultScenario(scenario, { fastPath: true });
        const slow = runFaultScenario(scenario, { fastPath: false });
        expect(fast.error).toBeUndefined();
        expect(traceText(fast.entries)).toEqual(traceText(slow.entries));
        expect(snapshots(fast.world)).toBe(snapshots(slow.world));
      }),
      { numRuns: Number(process.env.FAST_PATH_RUNS ?? 20), seed: 20261125 },
    );
  }, 120_000);
});

/**
 * The connect phase in every shape a learner meets: 3.1.1 and 5.0 clients, a clean and a
 * persistent session resumed with session present = 1, a will, CONNECTs refused for bad
 * credentials and for no username (anonymous=off), a client that gives up before its connection
 * opens, a SUBSCRIBE with several filters one of which the ACL does not let the client read, and
 * a raw SUBSCRIBE whose invalid filter makes the broker close the connection.
 */
function connectPhase(version: '311' | '5'): string {
  const other = version === '5' ? '311' : '5';
  const persistent = (v: string) => (v === '5' ? '-c -x 600' : '-c');
  return `broker version=${version} anonymous=off
user alice wonderland
user bob builder
acl user alice
acl topic readwrite plant/#
acl user bob
acl topic read plant/#
client alice
client bob
client mallory
client anon
client quitter

at 0s     alice connect -i alice-1 -u alice -P wonderland ${persistent(version)} -k 10 --will-topic plant/alice/status --will-payload gone --will-qos 1 --will-retain
at 0s     bob connect -i bob-1 -u bob -P builder -V ${other} ${persistent(other)}
at 0s     mallory connect -u bob -P guess
at 0s     anon connect
at 0s     quitter connect -u bob -P builder
at 10ms   quitter disconnect
at 100ms  alice subscribe -t plant/# -t plant/+/status -t secret/x -q 1
at 100ms  bob subscribe -t plant/a -t other/b -q 2
at 1s     alice disconnect
at 1s     bob disconnect
at 2s     alice connect -i alice-1 -u alice -P wonderland ${persistent(version)} -k 10 --will-topic plant/alice/status --will-payload gone --will-qos 1
at 2s     bob connect -i bob-1 -u bob -P builder -V ${other} ${persistent(other)}
at 2s     mallory connect -u alice -P wonderland
at 2100ms mallory subscribe -t plant/x -q 0
at 3s     bob send SUBSCRIBE -t plant/b -t 'bad/#/x' -q 1
at 4s     alice cable-cut
expect alice connack session-present 1
expect bob connack session-present 1
expect mallory connack ${version === '5' ? '0x87' : '5'}
expect broker disconnects bob
`;
}

/** Which way each event went, per actor kind, state and event: `client connecting NET.PACKET:connack` → taken fast / by xstate. */
type Tally = Map<string, { fast: number; xstate: number }>;

/** The real actors, their fast paths wrapped to count, event by event, whether they took the event or left it to xstate. */
function countingActors(tally: Tally): ActorFactories {
  const counted = (kind: string, def: ActorDef): ActorDef => {
    const pureStep = def.pureStep!;
    return {
      ...def,
      pureStep: (snapshot, event, run) => {
        const result = pureStep(snapshot, event, run);
        const packet = (event as { packet?: { type: string } }).packet;
        const state = typeof snapshot.value === 'string' ? snapshot.value : JSON.stringify(snapshot.value).replace(/[{}"]/g, '').replaceAll(':', '.');
        const key = `${kind} ${state} ${event.type}${packet ? `:${packet.type}` : ''}`;
        const count = tally.get(key) ?? { fast: 0, xstate: 0 };
        tally.set(key, count);
        if (result) count.fast++;
        else count.xstate++;
        return result;
      },
    };
  };
  return { broker: (config) => counted('broker', brokerActor(config)), client: (name) => counted('client', clientActor(name)) };
}

describe('the connect phase on the fast path', () => {
  for (const version of ['311', '5'] as const) {
    it(`gives the same trace as xstate with ${version === '5' ? '5.0' : '3.1.1'} as the broker line's version, and takes every connect-phase event without xstate`, () => {
      const text = connectPhase(version);
      const tally: Tally = new Map();
      const fast = runScenarioText(text, { actors: countingActors(tally) });
      const slow = runScenarioText(text, { actors: actors(false) });
      expect(fast.diagnostics).toEqual([]);
      expect(fast.results.map((r) => r.pass)).toEqual([true, true, true, true]);
      expect(traceText(fast.trace)).toEqual(traceText(slow.trace));
      expect(snapshots(fast.world)).toBe(snapshots(slow.world));

      const taken = (key: string) => tally.get(key)?.fast ?? 0;
      // Each connect-phase event happened and was taken by the fast path.
      for (const key of [
        'client disconnected APP.CONNECT',
        'client refused APP.CONNECT',
        'client opening NET.OPENED',
        'client opening APP.DISCONNECT',
        'client connecting NET.PACKET:connack',
        'client connected.idle APP.SUBSCRIBE',
        'client connected.idle NET.PACKET:suback',
        'client connected.idle APP.DISCONNECT',
        // The invalid filter: bob (3.1.1) sees the connection closed, bob (5.0) a DISCONNECT first.
        version === '5' ? 'client connected.idle NET.CLOSED' : 'client connected.idle NET.PACKET:disconnect',
        'broker running NET.OPEN',
        'broker running NET.PACKET:connect',
        'broker running NET.PACKET:subscribe',
        'broker running NET.PACKET:disconnect',
        'broker running NET.CLOSED',
        'broker running TIMER.KEEPALIVE',
      ]) {
        expect(taken(key), key).toBeGreaterThan(0);
      }
      // Every CONNACK, CONNECT and SUBACK delivered went that way: the counts match the trace.
      const delivered = (type: string, to: string) => fast.trace.filter((e) => e.kind === 'deliver' && e.packet?.type === type && (to === 'broker') === (e.to === 'broker')).length;
      expect(taken('client connecting NET.PACKET:connack')).toBe(delivered('connack', 'client'));
      expect(delivered('connack', 'client')).toBe(7);
      expect(taken('broker running NET.PACKET:connect')).toBe(delivered('connect', 'broker'));
      expect(taken('client connected.idle NET.PACKET:suback')).toBe(delivered('suback', 'client'));
      // The keep-alive the CONNACK started: its PINGREQ, PINGRESP and timeout, without xstate too.
      for (const key of ['client connected.idle TIMER.KEEPALIVE', 'client connected.awaitingPingresp NET.PACKET:pingresp', 'client connected.awaitingPingresp TIMER.PINGRESP']) {
        expect(taken(key), key).toBeGreaterThan(0);
      }
      // xstate took nothing.
      expect([...tally].filter(([, c]) => c.xstate > 0).map(([key]) => key)).toEqual([]);
    });
  }
});

describe('withContext', () => {
  it("copies a snapshot with a new context, field for field as xstate's own snapshot", () => {
    for (const [machine, input] of [[clientMachine, { name: 'c' }], [brokerMachine, {}]] as const) {
      const [snapshot] = initialTransition(machine as AnyStateMachine, input);
      const context = { marker: true };
      const copy = withContext(snapshot as { context: unknown }, context) as AnyMachineSnapshot;
      const spread = { ...snapshot, context };
      expect(Object.keys(copy)).toEqual(Object.keys(spread));
      for (const key of Object.keys(spread)) expect((copy as unknown as Record<string, unknown>)[key]).toBe((spread as Record<string, unknown>)[key]);
      expect(copy).not.toBe(snapshot);
      expect(snapshot.context).not.toBe(context);
    }
  });
});
