/**
 * fast-check generators for the delivery-guarantee fuzzer (tests/sim/guarantees.test.ts and
 * `npm run bench -- fuzz/guarantees`).
 *
 * A `Scenario` is plain data: a world seed, two to four clients (3.1.1 and 5.0, persistent or
 * clean sessions, 5.0 receive maximum, each with exact and wildcard subscriptions, which overlap
 * on a topic for one client in four), and a list of timed
 * operations: publishes at QoS 0/1/2 on three topics, re-subscriptions with another QoS, and
 * faults (cable cut and restore, client crash, clean disconnect, broker restart with or without
 * persistence, drop/duplicate/delay rules, lossy and jittery links). Every fault happens in the
 * fault phase `[0, faultPhaseMs)`; `runScenario` (guarantees-check.ts) then heals the world.
 *
 * Clients are referred to by index modulo the client count, so that fast-check can shrink the
 * client list and the operations independently and every shrunk value is still a valid scenario.
 * The generator stays far below Mosquitto's limits: at most 64 publishes in a run (16 bursts of up to 4), so no client
 * ever has more than 20 messages in flight plus 1,000 queued (`max_inflight_messages`,
 * `max_queued_messages`); the checker still honours a queue-full drop the broker explains.
 */
import fc from 'fast-check';
import type { PacketType, QoS } from '../../src/core/codec/types.ts';
import type { FaultRule, LinkSettings } from '../../src/sim/world.ts';
import { matches } from '../../src/core/mqtt/match.ts';

/** The topics publishes go to. */
export const TOPICS = ['a/x', 'a/y', 'b/z'] as const;
/** Exact and wildcard filters a client may subscribe to. */
export const FILTERS = ['a/x', 'a/y', 'b/z', 'a/+', '+/z', 'b/#', '#', '+/+'] as const;

export interface ClientSpec {
  /** Actor name and MQTT client identifier. */
  name: string;
  version: 4 | 5;
  /** 3.1.1 Clean Session = 0, or 5.0 Session Expiry Interval 1,000,000 s; else a clean session. */
  persistent: boolean;
  keepAliveSec: number;
  /** 5.0 Receive Maximum the client asks for (flow control towards it); undefined: 65,535. */
  receiveMaximum?: number;
  /**
   * Usually no topic of TOPICS matches two of these filters; when some do, the broker owes one
   * copy per matching subscription (Mosquitto's choice, which MQTT-3.3.5-1 allows).
   */
  subscriptions: { topicFilter: string; qos: QoS }[];
  link: Pick<LinkSettings, 'latencyMs' | 'jitterMs'>;
}

export type Op =
  | { atMs: number; kind: 'publish'; client: string; topic: string; qos: QoS }
  /** SUBSCRIBE again to the client's `index`-th filter with another QoS (replaces it). */
  | { atMs: number; kind: 'resubscribe'; client: string; index: number; qos: QoS }
  | { atMs: number; kind: 'cut'; client: string; durationMs: number }
  | { atMs: number; kind: 'crash'; client: string }
  | { atMs: number; kind: 'disconnect'; client: string }
  | { atMs: number; kind: 'restart'; persistence: boolean }
  | { atMs: number; kind: 'fault'; rule: FaultRule }
  | { atMs: number; kind: 'link'; client: string; settings: LinkSettings };

export interface Scenario {
  seed: number;
  clients: ClientSpec[];
  /** Sorted by `atMs`; all before `faultPhaseMs`. */
  ops: Op[];
  /** Every client that is not connected is told to connect again this often (an app's reconnect loop). */
  reconnectEveryMs: number;
  faultPhaseMs: number;
  /** Time the healed world runs for redelivery. */
  healMs: number;
}

/** QoS 1 and 2 twice as often as 0: they carry the guarantees. */
const qosArb = fc.constantFrom<QoS>(0, 1, 1, 2, 2);

/**
 * Distinct filters (by index into FILTERS), in order; unless `overlapping`, only filters whose
 * matches on TOPICS are pairwise disjoint.
 */
function pickFilters(indexes: number[], overlapping: boolean): string[] {
  const chosen: string[] = [];
  for (const i of indexes) {
    const f = FILTERS[i % FILTERS.length]!;
    if (chosen.includes(f)) continue;
    if (!overlapping && TOPICS.some((t) => matches(f, t) && chosen.some((c) => matches(c, t)))) continue;
    chosen.push(f);
  }
  return chosen;
}

interface RawClient {
  version: 4 | 5;
  persistent: boolean;
  keepAliveSec: number;
  receiveMaximum: number;
  overlapping: boolean;
  filters: { filter: number; qos: QoS }[];
  latencyMs: number;
  jitterMs: number;
}

const clientArb: fc.Arbitrary<RawClient> = fc.record({
  version: fc.constantFrom<4 | 5>(4, 5),
  persistent: fc.constantFrom(true, true, true, false),
  keepAliveSec: fc.constantFrom(2, 5, 10),
  receiveMaximum: fc.constantFrom(0, 0, 1, 2, 5),
  overlapping: fc.constantFrom(false, false, false, true),
  filters: fc.array(fc.record({ filter: fc.nat(FILTERS.length - 1), qos: qosArb }), { minLength: 1, maxLength: 3 }),
  latencyMs: fc.integer({ min: 1, max: 60 }),
  jitterMs: fc.constantFrom(0, 0, 5, 25),
});

const packetTypes: ReadonlyArray<PacketType | '*'> = [
  'publish', 'puback', 'pubrec', 'pubrel', 'pubcomp', 'subscribe', 'suback', 'connect', 'connack', 'pingreq', 'pingresp', 'disconnect', '*',
];

/** An operation with its client as an index (resolved later, modulo the client count). */
type RawOp =
  | { kind: 'publish'; at: number; c: number; topic: number; qos: QoS; count: number }
  | { kind: 'resubscribe'; at: number; c: number; index: number; qos: QoS }
  | { kind: 'cut'; at: number; c: number; durationMs: number }
  | { kind: 'crash'; at: number; c: number }
  | { kind: 'disconnect'; at: number; c: number }
  | { kind: 'restart'; at: number; persistence: boolean }
  | { kind: 'fault'; at: number; c: number; direction: FaultRule['direction']; packetType: PacketType | '*'; action: FaultRule['action']; delayMs: number; remaining: number }
  | { kind: 'link'; at: number; c: number; latencyMs: number; jitterMs: number; lossRatio: number };

/** Times are fractions of the fault phase (in 1/1000), so shrinking the phase keeps them inside. */
const at = fc.integer({ min: 20, max: 999 });
const c = fc.nat(3);

/** A burst of `count` messages at one time: several in flight when a fault strikes. */
const publishArb = fc.record({ kind: fc.constant('publish' as const), at, c, topic: fc.nat(TOPICS.length - 1), qos: qosArb, count: fc.integer({ min: 1, max: 4 }) });
const resubscribeArb = fc.record({ kind: fc.constant('resubscribe' as const), at, c, index: fc.nat(2), qos: qosArb });
const cutArb = fc.record({ kind: fc.constant('cut' as const), at, c, durationMs: fc.oneof(fc.integer({ min: 100, max: 3000 }), fc.integer({ min: 3000, max: 40_000 })) });
const crashArb = fc.record({ kind: fc.constant('crash' as const), at, c });
const disconnectArb = fc.record({ kind: fc.constant('disconnect' as const), at, c });
const restartArb = fc.record({ kind: fc.constant('restart' as const), at, persistence: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }) });
const faultArb = fc.record({
  kind: fc.constant('fault' as const),
  at,
  c,
  direction: fc.constantFrom<FaultRule['direction']>('up', 'down', 'both'),
  packetType: fc.constantFrom(...packetTypes),
  action: fc.constantFrom<FaultRule['action']>('drop', 'duplicate', 'delay'),
  delayMs: fc.integer({ min: 10, max: 3000 }),
  remaining: fc.integer({ min: 1, max: 3 }),
});
const linkArb = fc.record({
  kind: fc.constant('link' as const),
  at,
  c,
  latencyMs: fc.integer({ min: 1, max: 80 }),
  jitterMs: fc.constantFrom(0, 10, 40),
  lossRatio: fc.constantFrom(0, 0, 0.02, 0.1, 0.3),
});

/**
 * Faults that keep the transport faithful to TCP while a connection lives (FIFO, nothing lost
 * or duplicated on a live connection; only crashes, restarts, disconnects and cuts, which may be
 * short) or any fault. The checker decides per run whether it was faithful; see `ordering`.
 */
const faultsArb = fc.oneof(
  { weight: 2, arbitrary: fc.array(fc.oneof(cutArb, cutArb, cutArb, crashArb, disconnectArb, restartArb), { maxLength: 8 }) },
  { weight: 3, arbitrary: fc.array(fc.oneof(cutArb, cutArb, crashArb, disconnectArb, restartArb, faultArb, faultArb, faultArb, linkArb), { maxLength: 12 }) },
);

export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    seed: fc.integer({ min: 1, max: 0x7fffffff }),
    clients: fc.array(clientArb, { minLength: 2, maxLength: 4 }),
    publishes: fc.array(publishArb, { minLength: 1, maxLength: 16 }),
    resubscribes: fc.array(resubscribeArb, { maxLength: 2 }),
    faults: faultsArb,
    reconnectEveryMs: fc.integer({ min: 500, max: 6000 }),
    faultPhaseMs: fc.integer({ min: 5000, max: 40_000 }),
  })
  .map((r) => buildScenario(r));

function buildScenario(r: {
  seed: number;
  clients: RawClient[];
  publishes: RawOp[];
  resubscribes: RawOp[];
  faults: RawOp[];
  reconnectEveryMs: number;
  faultPhaseMs: number;
}): Scenario {
  const clients: ClientSpec[] = r.clients.map((cl, i) => {
    const filters = pickFilters(cl.filters.map((f) => f.filter), cl.overlapping);
    return {
      name: `c${i + 1}`,
      version: cl.version,
      persistent: cl.persistent,
      keepAliveSec: cl.keepAliveSec,
      ...(cl.version === 5 && cl.receiveMaximum > 0 ? { receiveMaximum: cl.receiveMaximum } : {}),
      subscriptions: filters.map((topicFilter) => ({ topicFilter, qos: cl.filters.find((f) => FILTERS[f.filter % FILTERS.length] === topicFilter)!.qos })),
      link: { latencyMs: cl.latencyMs, jitterMs: cl.jitterMs },
    };
  });
  const name = (i: number) => clients[i % clients.length]!.name;
  const time = (permille: number) => Math.floor((permille * r.faultPhaseMs) / 1000);
  const bursts = r.publishes.flatMap((o) => (o.kind === 'publish' ? Array.from({ length: o.count }, () => o) : []));
  const ops: Op[] = [...bursts, ...r.resubscribes, ...r.faults].map((o): Op => {
    const atMs = time(o.at);
    switch (o.kind) {
      case 'publish':
        return { atMs, kind: 'publish', client: name(o.c), topic: TOPICS[o.topic % TOPICS.length]!, qos: o.qos };
      case 'resubscribe':
        return { atMs, kind: 'resubscribe', client: name(o.c), index: o.index, qos: o.qos };
      case 'cut':
        return { atMs, kind: 'cut', client: name(o.c), durationMs: o.durationMs };
      case 'crash':
        return { atMs, kind: 'crash', client: name(o.c) };
      case 'disconnect':
        return { atMs, kind: 'disconnect', client: name(o.c) };
      case 'restart':
        return { atMs, kind: 'restart', persistence: o.persistence };
      case 'fault':
        return {
          atMs,
          kind: 'fault',
          rule: { client: name(o.c), direction: o.direction, packetType: o.packetType, action: o.action, ...(o.action === 'delay' ? { delayMs: o.delayMs } : {}), remaining: o.remaining },
        };
      case 'link':
        return { atMs, kind: 'link', client: name(o.c), settings: { latencyMs: o.latencyMs, jitterMs: o.jitterMs, lossRatio: o.lossRatio } };
    }
  });
  // A stable sort: operations at the same time keep the order publishes, resubscribes, faults.
  ops.sort((a, b) => a.atMs - b.atMs);
  return { seed: r.seed, clients, ops, reconnectEveryMs: r.reconnectEveryMs, faultPhaseMs: r.faultPhaseMs, healMs: 30_000 };
}
