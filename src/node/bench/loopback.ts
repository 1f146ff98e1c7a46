/**
 * `loopback/...`: our broker core through the TCP driver (`npm run broker`'s `TcpBroker`) against
 * aedes (the anchor) and Mosquitto 2.0.11, with the same mqtt.js load on 127.0.0.1.
 *
 * Load per QoS 0/1/2: 4 publishers send 5,000 messages each (20,000 in all) on `bench/p<i>`,
 * each keeping at most 20 unfinished messages (a window on mqtt.js's publish callbacks, which
 * for QoS 2 fire on PUBCOMP); 4 subscribers on `bench/#` at the same QoS, so 80,000 deliveries.
 * Every payload carries its send time; a delivery's latency is receive time minus send time
 * (one process, one clock). Reported: deliveries/s from the first publish to the last delivery,
 * and p50/p99 latency.
 *
 * Queues are unbounded in all three (`max_queued_messages 0` for ours and Mosquitto, and for ours
 * `max_queued_bytes 0` against its 1 MiB default; aedes has
 * no such limit): the publishers are acknowledged on arrival, so a subscriber that falls
 * behind would otherwise lose messages past Mosquitto's default of 1,000 and the case would
 * measure the limit, not the broker. `max_inflight_messages` stays at its default (20) in both.
 *
 * Ours and aedes run in this process (the load generator shares their event loop, the same for
 * both); Mosquitto is its own process (`/usr/sbin/mosquitto`, a temporary config, stopped by its
 * PID) and so has a core to itself on a 2-core machine: its figures are for reference, the
 * ratio is against aedes. Every case is bounded (`CASE_TIMEOUT_MS`); an unfinished case reports
 * what it delivered with `"complete": false`. Mosquitto missing: its figures are `null`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Aedes } from 'aedes';
import mqtt, { type MqttClient } from 'mqtt';
import { TcpBroker } from '../broker/index.ts';
import { report } from './measure.ts';

const PUBLISHERS = 4;
const SUBSCRIBERS = 4;
const MESSAGES = 20_000;
const WINDOW = 20;
const CASE_TIMEOUT_MS = 60_000;
const MOSQUITTO = '/usr/sbin/mosquitto';

type QoS = 0 | 1 | 2;

interface Running {
  port: number;
  stop(): Promise<void>;
}

interface CaseResult {
  deliveriesPerSec: number;
  p50Ms: number;
  p99Ms: number;
  delivered: number;
  complete: boolean;
}

// ── brokers ──

async function startOurs(): Promise<Running> {
  const broker = new TcpBroker({ host: '127.0.0.1', port: 0, config: { sysIntervalSec: 0, maxQueuedMessages: 0, maxQueuedBytes: 0 } });
  const { port } = await broker.start();
  return { port, stop: () => broker.stop() };
}

async function startAedes(): Promise<Running> {
  const aedes = await Aedes.createBroker();
  const server: Server = createServer(aedes.handle);
  await new Promise<void>((r) => server.listen({ host: '127.0.0.1', port: 0 }, () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    stop: async () => {
      await new Promise<void>((r) => aedes.close(() => r()));
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen({ host: '127.0.0.1', port: 0 }, () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function startMosquitto(): Promise<Running | null> {
  if (!existsSync(MOSQUITTO)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-lab-bench-'));
  chmodSync(dir, 0o755); // started as root, Mosquitto drops to its own user
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\nsys_interval 0\nmax_queued_messages 0\nlog_dest stderr\nlog_type error\nlog_type warning\nlog_type notice\nlog_type information\n`);
  chmodSync(conf, 0o644);
  const child: ChildProcess = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const started = new Promise<void>((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`mosquitto did not start: ${log}`)), 10_000);
    child.stderr!.on('data', (d: Buffer) => {
      log += d.toString();
      if (/running/.test(log)) {
        clearTimeout(timer);
        resolveStart();
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`mosquitto exited: ${log}`));
    });
  });
  try {
    await started;
  } catch (error) {
    if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    stop: async () => {
      if (child.exitCode === null && child.pid !== undefined) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        process.kill(child.pid, 'SIGTERM');
        const kill = setTimeout(() => child.pid !== undefined && process.kill(child.pid, 'SIGKILL'), 3000);
        await exited;
        clearTimeout(kill);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ── load ──

function connect(port: number, clientId: string): Promise<MqttClient> {
  return mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId, clean: true, protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 5000, keepalive: 60 });
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

async function runCase(port: number, qos: QoS, tag: string): Promise<CaseResult> {
  const total = MESSAGES * SUBSCRIBERS;
  const latencies = new Float64Array(total);
  let delivered = 0;
  let lastDeliveryAt = 0;
  let allDelivered: () => void = () => {};
  const done = new Promise<void>((r) => (allDelivered = r));

  const subscribers = await Promise.all(Array.from({ length: SUBSCRIBERS }, (_, i) => connect(port, `${tag}-sub-${i}`)));
  for (const s of subscribers) {
    s.on('message', (_topic, payload) => {
      const now = performance.now();
      if (delivered < total) latencies[delivered] = now - payload.readDoubleLE(0);
      delivered++;
      lastDeliveryAt = now;
      if (delivered === total) allDelivered();
    });
    await s.subscribeAsync('bench/#', { qos });
  }
  const publishers = await Promise.all(Array.from({ length: PUBLISHERS }, (_, i) => connect(port, `${tag}-pub-${i}`)));

  const perPublisher = MESSAGES / PUBLISHERS;
  const startedAt = performance.now();
  const publishAll = (client: MqttClient, index: number) =>
    new Promise<void>((resolvePublisher) => {
      let sent = 0;
      let finished = 0;
      const topic = `bench/p${index}`;
      const next = () => {
        while (sent < perPublisher && sent - finished < WINDOW) {
          const payload = Buffer.alloc(32);
          payload.writeDoubleLE(performance.now(), 0);
          sent++;
          client.publish(topic, payload, { qos }, () => {
            finished++;
            if (finished === perPublisher) resolvePublisher();
            else next();
          });
        }
      };
      next();
    });
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), CASE_TIMEOUT_MS).unref());
  const outcome = await Promise.race([Promise.all([...publishers.map(publishAll), done]).then(() => 'done' as const), timeout]);
  const elapsedMs = (outcome === 'done' ? lastDeliveryAt : performance.now()) - startedAt;

  await Promise.all([...subscribers, ...publishers].map((c) => c.endAsync(true).catch(() => undefined)));
  const sorted = latencies.slice(0, Math.min(delivered, total)).sort();
  return {
    deliveriesPerSec: (Math.min(delivered, total) * 1000) / Math.max(elapsedMs, 1),
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    delivered,
    complete: outcome === 'done',
  };
}

async function measure(start: () => Promise<Running | null>, qos: QoS, tag: string): Promise<CaseResult | null> {
  const broker = await start();
  if (!broker) return null;
  try {
    return await runCase(broker.port, qos, tag);
  } finally {
    await broker.stop();
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Runs every QoS against the three brokers; prints two lines per QoS (throughput, p99 latency). */
export async function run(levels: readonly QoS[] = [0, 1, 2]): Promise<void> {
  for (const qos of levels) {
    const aedes = (await measure(startAedes, qos, `aedes-q${qos}`))!;
    const ours = (await measure(startOurs, qos, `ours-q${qos}`))!;
    const mosq = await measure(startMosquitto, qos, `mosquitto-q${qos}`);
    const mosquitto = mosq
      ? { deliveriesPerSec: Math.round(mosq.deliveriesPerSec), p50Ms: round2(mosq.p50Ms), p99Ms: round2(mosq.p99Ms), complete: mosq.complete }
      : null;
    const load = { publishers: PUBLISHERS, subscribers: SUBSCRIBERS, messages: MESSAGES, window: WINDOW };
    report({
      name: `loopback/deliveries/qos${qos}`,
      unit: 'deliveries/s',
      ours: ours.deliveriesPerSec,
      anchor: aedes.deliveriesPerSec,
      anchorName: 'aedes',
      ratio: ours.deliveriesPerSec / Math.max(aedes.deliveriesPerSec, 1e-9),
      target: 1,
      oursP50Ms: round2(ours.p50Ms),
      oursP99Ms: round2(ours.p99Ms),
      anchorP50Ms: round2(aedes.p50Ms),
      anchorP99Ms: round2(aedes.p99Ms),
      complete: ours.complete && aedes.complete,
      mosquitto,
      load,
    });
    report({
      name: `loopback/latency-p99/qos${qos}`,
      unit: 'ms',
      ours: ours.p99Ms,
      anchor: aedes.p99Ms,
      anchorName: 'aedes',
      ratio: aedes.p99Ms / Math.max(ours.p99Ms, 1e-9),
      oursP50Ms: round2(ours.p50Ms),
      anchorP50Ms: round2(aedes.p50Ms),
      mosquitto,
    });
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) await run(process.argv[2] === undefined ? undefined : (process.argv[2].split(',').map(Number) as QoS[]));
