/**
 * `loopback/...`: brokers as users run them, each in a process of its own, under the same
 * closed-loop mqtt.js load on 127.0.0.1 — ours (`npm run broker`), aedes (the anchor) and
 * Debian's Mosquitto 2.0.11 (`loopback-brokers.ts`).
 *
 * The load per QoS 0/1/2 (one process, this one, for all three brokers): 4 subscribers on
 * `bench/+` at that QoS, then 4 publishers on `bench/p<i>` sending 5,000 messages each (20,000,
 * so 80,000 deliveries), after four times that load unmeasured on the freshly started broker, with
 * fresh clients each time (`warmUp`: V8's just-in-time compiler, not the broker, decides a Node
 * broker's first seconds). Closed loop: a publisher keeps at most `WINDOW` (20) messages that have
 * not yet reached every subscriber, and sends the next one only when one of them has, so what
 * is measured is the broker, not a queue the benchmark builds up in front of it. Each payload
 * carries the publisher's index, a sequence number and its send time; a delivery's latency is
 * receive time minus send time (one process, one clock).
 *
 * Reported per broker: deliveries/s from the first publish to the last delivery, latency
 * p50/p99/max, the broker process's CPU time (user + system, /proc), and whether every message
 * arrived as its QoS promises (QoS 0 at most once — nothing is lost on loopback unless a broker
 * drops it; QoS 1 at least once, duplicates counted; QoS 2 exactly once). A broker that loses
 * messages stalls the closed loop: after `STALL_MS` without a delivery the run ends, the line
 * says so (`"lost"`), and the case is run again with the window halved until a window works
 * (`"largestCleanWindow"`, each try on a freshly started broker). Every case is bounded
 * (`CASE_TIMEOUT_MS`).
 *
 * In alternation (`alternate`): per QoS the three brokers are started once and warmed up in
 * turns, then run the measured case `ROUNDS` (6) times, in turns whose order changes every round
 * so that each broker follows each other one equally often (`order`), so a drift of the
 * machine's speed (other jobs on the 2 cores) and the after-effects of one case on the next hit
 * them alike. A broker's figures are the
 * medians of its rounds (max latency: the largest), and each ratio is the median of the
 * round-by-round ratios.
 *
 * Lines: `loopback/deliveries/qosN` (ratio ours/aedes, `ratioMosquitto` ours/Mosquitto) and
 * `loopback/latency-p99/qosN` (ratio aedes/ours, `ratioMosquitto` Mosquitto/ours).
 */
import { performance } from 'node:perf_hooks';
import mqtt, { type MqttClient } from 'mqtt';
import { startAedes, startMosquitto, startOurs, type BrokerName, type BrokerProcess } from './loopback-brokers.ts';
import { report } from './measure.ts';

const PUBLISHERS = 4;
const SUBSCRIBERS = 4;
const MESSAGES = 20_000;
/** Unmeasured cases of `MESSAGES` each, with fresh clients every time, before the measured one (`warmUp`). */
const WARM_UP_CASES = 4;
/** Measured cases per broker and QoS, in alternation with the other brokers (`alternate`). */
const ROUNDS = 6;
const WINDOW = 20;
const STALL_MS = 3_000;
const CASE_TIMEOUT_MS = 60_000;
const PAYLOAD_BYTES = 32;

type QoS = 0 | 1 | 2;

export interface CaseResult {
  broker: BrokerName;
  window: number;
  deliveriesPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  cpuMs: number;
  /**
   * The load's side, the same for every broker: this process's CPU time (user + system) during
   * the case (the 8 mqtt.js clients and the bookkeeping), and how many reads (`data` events) the
   * subscribers' and the publishers' sockets got: fewer, larger reads cost the clients less CPU.
   */
  clientCpuMs: number;
  subscriberReads: number;
  publisherReads: number;
  delivered: number;
  /** Messages some subscriber never received (the loop stalled on them). */
  lost: number;
  /** Deliveries beyond the first of the same message to the same subscriber. */
  duplicates: number;
  complete: boolean;
}

/**
 * A connected mqtt.js client. A refused connection is tried again a few times (a broker can
 * print its ready line a moment before its listener takes connections); anything else fails
 * the run with its reason.
 */
async function connect(port: number, clientId: string): Promise<MqttClient> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId, clean: true, protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 5000, keepalive: 60 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNREFUSED' || attempt >= 10) throw error;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

/** One closed-loop run of the load (`messages` in all, 20,000 unless told) against a running broker. */
export async function runCase(broker: BrokerProcess, qos: QoS, window: number, messages = MESSAGES): Promise<CaseResult> {
  const perPublisher = messages / PUBLISHERS;
  const total = messages * SUBSCRIBERS;
  const latencies = new Float64Array(total);
  /** Per publisher and sequence number: which subscribers have it (a bit each). */
  const seen = Array.from({ length: PUBLISHERS }, () => new Uint8Array(perPublisher));
  const released = Array.from({ length: PUBLISHERS }, () => 0); // messages every subscriber has
  const sentBy = Array.from({ length: PUBLISHERS }, () => 0);
  const ALL = (1 << SUBSCRIBERS) - 1;
  let delivered = 0;
  let duplicates = 0;
  let lastDeliveryAt = performance.now();
  let finish: (how: 'done' | 'stalled' | 'timeout') => void = () => {};
  const finished = new Promise<'done' | 'stalled' | 'timeout'>((r) => (finish = r));
  const wakePublisher: (() => void)[] = [];

  const tag = `${broker.name}-q${qos}-w${window}`;
  const subscribers = await Promise.all(Array.from({ length: SUBSCRIBERS }, (_, i) => connect(broker.port, `${tag}-sub-${i}`)));
  subscribers.forEach((s, sub) => {
    s.on('message', (_topic, payload) => {
      const now = performance.now();
      const pub = payload.readUInt16LE(0);
      const seq = payload.readUInt32LE(2);
      const mask = seen[pub]![seq]!;
      if (mask & (1 << sub)) {
        duplicates++;
        return;
      }
      seen[pub]![seq] = mask | (1 << sub);
      latencies[delivered++] = now - payload.readDoubleLE(8);
      lastDeliveryAt = now;
      if ((mask | (1 << sub)) === ALL) {
        released[pub]!++;
        wakePublisher[pub]?.();
      }
      if (delivered === total) finish('done');
    });
  });
  for (const s of subscribers) await s.subscribeAsync('bench/+', { qos });
  const publishers = await Promise.all(Array.from({ length: PUBLISHERS }, (_, i) => connect(broker.port, `${tag}-pub-${i}`)));

  const reads = { subscribers: 0, publishers: 0 };
  for (const s of subscribers) s.stream.on('data', () => reads.subscribers++);
  for (const p of publishers) p.stream.on('data', () => reads.publishers++);
  const cpuBefore = broker.cpuMs();
  const clientCpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  publishers.forEach((client, index) => {
    const topic = `bench/p${index}`;
    const next = (): void => {
      while (sentBy[index]! < perPublisher && sentBy[index]! - released[index]! < window) {
        const payload = Buffer.alloc(PAYLOAD_BYTES);
        payload.writeUInt16LE(index, 0);
        payload.writeUInt32LE(sentBy[index]!, 2);
        payload.writeDoubleLE(performance.now(), 8);
        sentBy[index]!++;
        client.publish(topic, payload, { qos });
      }
    };
    wakePublisher[index] = next;
    next();
  });
  const watchdog = setInterval(() => {
    const now = performance.now();
    if (now - lastDeliveryAt > STALL_MS) finish('stalled');
    else if (now - startedAt > CASE_TIMEOUT_MS) finish('timeout');
  }, 250);
  const outcome = await finished;
  clearInterval(watchdog);
  const elapsedMs = lastDeliveryAt - startedAt;
  const cpuMs = broker.cpuMs() - cpuBefore;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const { subscribers: subscriberReads, publishers: publisherReads } = reads;
  await Promise.all([...subscribers, ...publishers].map((c) => c.endAsync(true).catch(() => undefined)));

  let lost = 0;
  if (outcome !== 'done') for (let p = 0; p < PUBLISHERS; p++) for (const mask of seen[p]!.subarray(released[p]!, sentBy[p]!)) if (mask !== ALL) lost++;
  const sorted = latencies.slice(0, delivered).sort();
  return {
    broker: broker.name,
    window,
    deliveriesPerSec: (delivered * 1000) / Math.max(elapsedMs, 1),
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length > 0 ? sorted[sorted.length - 1]! : 0,
    cpuMs,
    clientCpuMs: (clientCpu.user + clientCpu.system) / 1000,
    subscriberReads,
    publisherReads,
    delivered,
    lost,
    duplicates,
    complete: outcome === 'done',
  };
}

/**
 * The load `WARM_UP_CASES` (4) times over, unmeasured, each time with fresh clients, on a broker just started.
 * A Node broker's first tens of thousands of messages run partly in V8's interpreter and in code
 * compiled for what V8 had seen so far. Measured at QoS 1 (broker CPU per message): ~68 µs over
 * the first 20,000 messages of a process, ~61 over the next 20,000, whose new clients connect
 * while the first ones are still leaving (the maps of connections and sessions grow past 8
 * entries, a shape V8 had not seen, and 16 hot functions are deoptimized and compiled again),
 * 43 – 46 from then on. One warm-up case of 40,000 messages left that second step inside the
 * measured case. A broker that has served a class for a minute is long past both. Every broker
 * gets the same warm-up, Mosquitto too (in turns with the others: `alternate`).
 */
export async function warmUp(broker: BrokerProcess, qos: QoS): Promise<void> {
  for (let i = 0; i < WARM_UP_CASES; i++) await runCase(broker, qos, WINDOW, MESSAGES);
}

export const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * The order of the brokers in round `round`: 0, k, 2k, … (mod n), the step k taking the values
 * coprime to n in turn. The cases run back to back, so what counts is which broker a case
 * follows: round k's n steps, the one into the next round included, are all "k on", and for
 * three brokers (steps 1 and 2) each broker follows each other one equally often and never
 * itself. A case that suffers from the one before it (the load's own process, the CPU's caches
 * and clock) then hurts every broker alike.
 */
export function order(n: number, round: number): number[] {
  const steps = Array.from({ length: Math.max(1, n - 1) }, (_, i) => i + 1).filter((k) => gcd(k, n) === 1);
  const k = steps[round % steps.length]!;
  return Array.from({ length: n }, (_, i) => (i * k) % n);
}

/**
 * The brokers (started, not yet warmed up) are warmed up in turns (`WARM_UP_CASES` turns, so
 * none sits idle for long between its warm-up and its first measured case), then run the case
 * `rounds` times at `WINDOW`, in the round's `order`. `each` wraps one case (the A/B tool's
 * probe). Returns every broker's results, round by round.
 */
export async function alternate(
  brokers: readonly BrokerProcess[],
  qos: QoS,
  rounds: number,
  each: (index: number, run: () => Promise<CaseResult>) => Promise<CaseResult> = (_, run) => run(),
): Promise<CaseResult[][]> {
  for (let w = 0; w < WARM_UP_CASES; w++) for (const b of brokers) await runCase(b, qos, WINDOW, MESSAGES);
  const results = brokers.map((): CaseResult[] => []);
  for (let round = 0; round < rounds; round++) {
    for (const i of order(brokers.length, round)) results[i]!.push(await each(i, () => runCase(brokers[i]!, qos, WINDOW)));
  }
  return results;
}

const isClean = (qos: QoS) => (r: CaseResult) => r.complete && (qos !== 2 || r.duplicates === 0);

/** A broker's rounds as one result: medians, the largest max, losses and duplicates summed. */
function combine(results: readonly CaseResult[]): CaseResult {
  const m = (f: (r: CaseResult) => number) => median(results.map(f));
  return {
    broker: results[0]!.broker,
    window: WINDOW,
    deliveriesPerSec: m((r) => r.deliveriesPerSec),
    p50Ms: m((r) => r.p50Ms),
    p99Ms: m((r) => r.p99Ms),
    maxMs: Math.max(...results.map((r) => r.maxMs)),
    cpuMs: m((r) => r.cpuMs),
    clientCpuMs: m((r) => r.clientCpuMs),
    subscriberReads: m((r) => r.subscriberReads),
    publisherReads: m((r) => r.publisherReads),
    delivered: results.reduce((n, r) => n + r.delivered, 0),
    lost: results.reduce((n, r) => n + r.lost, 0),
    duplicates: results.reduce((n, r) => n + r.duplicates, 0),
    complete: results.every((r) => r.complete),
  };
}

/** The largest window below `WINDOW` at which a freshly started, warmed-up broker loses nothing (null: none down to 1). */
async function largestCleanWindow(start: () => Promise<BrokerProcess | null>, qos: QoS): Promise<number | null> {
  for (let window = Math.floor(WINDOW / 2); window >= 1; window = Math.floor(window / 2)) {
    const broker = await start();
    if (!broker) return null;
    try {
      await warmUp(broker, qos);
      if (isClean(qos)(await runCase(broker, qos, window))) return window;
    } finally {
      await broker.stop();
    }
  }
  return null;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

function summary(m: { result: CaseResult; largestCleanWindow: number | null } | null): Record<string, unknown> | null {
  if (!m) return null;
  const r = m.result;
  const out: Record<string, unknown> = {
    deliveriesPerSec: Math.round(r.deliveriesPerSec),
    p50Ms: round2(r.p50Ms),
    p99Ms: round2(r.p99Ms),
    maxMs: round2(r.maxMs),
    cpuMs: Math.round(r.cpuMs),
    delivered: r.delivered,
    duplicates: r.duplicates,
    complete: r.complete,
  };
  if (!r.complete || m.largestCleanWindow !== WINDOW) {
    out.lost = r.lost;
    out.largestCleanWindow = m.largestCleanWindow;
    out.note = m.largestCleanWindow === null ? 'lost messages at every window down to 1' : `lost messages at window ${WINDOW}; clean at window ${m.largestCleanWindow}`;
  }
  return out;
}

/** Runs every QoS against the three brokers in alternation; prints two lines per QoS (throughput, p99 latency). */
export async function run(levels: readonly QoS[] = [0, 1, 2]): Promise<void> {
  const load = { publishers: PUBLISHERS, subscribers: SUBSCRIBERS, messages: MESSAGES, rounds: ROUNDS, warmUpMessages: WARM_UP_CASES * MESSAGES, warmUpCases: WARM_UP_CASES, window: WINDOW, payloadBytes: PAYLOAD_BYTES, processes: 'one per broker' };
  for (const qos of levels) {
    const starts = [startAedes, () => startOurs(), startMosquitto] as const;
    const brokers: (BrokerProcess | null)[] = [];
    let rounds: CaseResult[][];
    try {
      for (const start of starts) brokers.push(await start());
      if (!brokers[2]) console.error('loopback: /usr/sbin/mosquitto is missing (apt-get install mosquitto); Mosquitto figures are null');
      const present = brokers.filter((b): b is BrokerProcess => b !== null);
      rounds = await alternate(present, qos, ROUNDS);
    } finally {
      await Promise.all(brokers.map((b) => b?.stop()));
    }
    const [aRounds, oRounds, mRounds] = [rounds[0]!, rounds[1]!, rounds[2]];
    const measured = async (results: CaseResult[], start: () => Promise<BrokerProcess | null>) => ({
      result: combine(results),
      largestCleanWindow: results.every(isClean(qos)) ? WINDOW : await largestCleanWindow(start, qos),
    });
    const aedes = await measured(aRounds, startAedes);
    const ours = await measured(oRounds, () => startOurs());
    const mosq = mRounds ? await measured(mRounds, startMosquitto) : null;
    const o = ours.result;
    const a = aedes.result;
    /** The median of the round-by-round ratios f(ours round, other round). */
    const paired = (other: CaseResult[], f: (ours: CaseResult, other: CaseResult) => number) => round2(median(oRounds.map((r, i) => f(r, other[i]!))));
    const throughput = (x: CaseResult, y: CaseResult) => x.deliveriesPerSec / Math.max(y.deliveriesPerSec, 1e-9);
    const latency = (x: CaseResult, y: CaseResult) => y.p99Ms / Math.max(x.p99Ms, 1e-9);
    report({
      name: `loopback/deliveries/qos${qos}`,
      unit: 'deliveries/s',
      ours: o.deliveriesPerSec,
      anchor: a.deliveriesPerSec,
      anchorName: 'aedes',
      ratio: paired(aRounds, throughput),
      ratioMosquitto: mRounds ? paired(mRounds, throughput) : null,
      target: 1,
      oursDetail: summary(ours),
      aedes: summary(aedes),
      mosquitto: summary(mosq),
      load,
    });
    report({
      name: `loopback/latency-p99/qos${qos}`,
      unit: 'ms',
      ours: o.p99Ms,
      anchor: a.p99Ms,
      anchorName: 'aedes',
      ratio: paired(aRounds, latency),
      ratioMosquitto: mRounds ? paired(mRounds, latency) : null,
      mosquittoP99Ms: mosq ? round2(mosq.result.p99Ms) : null,
      oursRoundsP99Ms: oRounds.map((r) => round2(r.p99Ms)),
      mosquittoRoundsP99Ms: mRounds ? mRounds.map((r) => round2(r.p99Ms)) : null,
      oursCpuMs: Math.round(o.cpuMs),
      aedesCpuMs: Math.round(a.cpuMs),
      mosquittoCpuMs: mosq ? Math.round(mosq.result.cpuMs) : null,
    });
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) await run(process.argv[2] === undefined ? undefined : (process.argv[2].split(',').map(Number) as QoS[]));
