/**
 * `npm run bench -- soak`: `npm run broker` under a classroom's worst afternoon (issue #13), on
 * 127.0.0.1 only, every case bounded in time. Each case starts its own broker as a child
 * process (`node --import tsx src/node/broker-cli.ts --port 0`, stopped by its PID), so its
 * memory is the broker's alone: `peakRssMB` is the child's VmHWM, `rssAfterMB` its VmRSS once
 * the case's clients are gone. A canary client sends PINGREQ every 200 ms during each case;
 * `othersServed` is true when every ping was answered within 2 s (`pingMaxMs` the slowest).
 *
 * - `soak/fanout/1000x10000`: 1,000 QoS 0 subscribers, 10,000 messages published at 500/s;
 *   delivered and lost copies (a subscriber that falls behind loses QoS 0 by design).
 * - `soak/non-readers/10`: 10 subscribers that never read, 20,000 messages of 5 KiB at full
 *   speed; what the broker's memory grows by (target ≤ 50 MB) and whether they stay connected.
 * - `soak/idle/2000+slowloris`: 2,000 sockets that never send CONNECT and one that sends a
 *   114-byte CONNECT a byte a second; when the broker closed them (default `connect_timeout`, 30 s).
 * - `soak/fuzz/raw-packets`: SOAK_FUZZ_SEC (default 60) seconds of mutated frames of every
 *   packet type over fresh connections, 16 at a time; the broker must stay up and serve.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect as tcpConnect, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { encode, type Packet } from '../../core/codec/index.ts';
import { mulberry32 } from '../../sim/rng.ts';
import { corpus } from './fuzz.ts';
import { report } from './measure.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Broker {
  port: number;
  child: ChildProcess;
  /** Lines the broker printed on stderr that report a bug ("broker machine failed"). */
  machineErrors: () => number;
  stop(): Promise<void>;
}

/** VmRSS or VmHWM of `pid` in MB (Linux /proc). */
function memoryMB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function startBroker(configArgs: string[] = []): Promise<Broker> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/node/broker-cli.ts', '--port', '0', ...configArgs], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let errors = 0;
  child.stdout!.on('data', (d: Buffer) => {
    if (out.length < 4096) out += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    const text = d.toString();
    errors += text.split('broker machine failed').length - 1;
    if (out.length < 4096) out += text;
  });
  const deadline = Date.now() + 30_000;
  let port = 0;
  while (port === 0) {
    const m = /listening on 127\.0\.0\.1:(\d+)/.exec(out);
    if (m) port = Number(m[1]);
    else if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the broker did not start:\n${out}`);
    else await sleep(50);
  }
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(child.pid, 'SIGTERM');
    const killer = setTimeout(() => child.pid !== undefined && process.kill(child.pid, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  };
  return { port, child, machineErrors: () => errors, stop };
}

/** Counts the packets in a byte stream by their fixed headers (no decoding: the bench stays cheap). */
class PacketCounter {
  publishes = 0;
  others = 0;
  private rest: Uint8Array | null = null;

  push(chunk: Uint8Array): void {
    let buf = chunk;
    if (this.rest) {
      buf = new Uint8Array(this.rest.length + chunk.length);
      buf.set(this.rest);
      buf.set(chunk, this.rest.length);
      this.rest = null;
    }
    let pos = 0;
    while (pos + 2 <= buf.length) {
      let length = 0;
      let multiplier = 1;
      let i = pos + 1;
      let complete = false;
      for (; i < buf.length && i < pos + 5; i++) {
        length += (buf[i]! & 0x7f) * multiplier;
        multiplier *= 128;
        if ((buf[i]! & 0x80) === 0) {
          complete = true;
          i++;
          break;
        }
      }
      if (!complete || i + length > buf.length) break;
      if (buf[pos]! >> 4 === 3) this.publishes++;
      else this.others++;
      pos = i + length;
    }
    if (pos < buf.length) this.rest = buf.slice(pos);
  }
}

interface Client {
  socket: Socket;
  counter: PacketCounter;
  closed: boolean;
  send(packet: Packet): boolean;
}

function openClient(port: number): Promise<Client> {
  return new Promise((resolveOpen, reject) => {
    const socket = tcpConnect({ host: '127.0.0.1', port });
    const client: Client = { socket, counter: new PacketCounter(), closed: false, send: (p) => socket.write(encode(p, 4)) };
    socket.setNoDelay(true);
    socket.on('data', (d: Buffer) => client.counter.push(d));
    socket.on('close', () => (client.closed = true));
    socket.once('error', (e) => (client.closed ? undefined : reject(e)));
    socket.on('error', () => {});
    socket.once('connect', () => resolveOpen(client));
  });
}

async function mqttClient(port: number, clientId: string, subscribeTo?: string): Promise<Client> {
  const c = await openClient(port);
  c.send({ type: 'connect', protocolVersion: 4, clientId, clean: true, keepAliveSec: 0 });
  if (subscribeTo) c.send({ type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: subscribeTo, qos: 0 }] });
  return c;
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

/** Pings every 200 ms until `stop()`; served = every ping answered within 2 s. */
async function canary(port: number): Promise<{ stop: () => Promise<{ othersServed: boolean; pings: number; pingMaxMs: number }> }> {
  const c = await mqttClient(port, 'canary');
  await waitFor(() => c.counter.others >= 1, 5000);
  let running = true;
  let pings = 0;
  let maxMs = 0;
  let failed = false;
  const loop = (async () => {
    while (running) {
      const before = c.counter.others;
      const t0 = performance.now();
      c.send({ type: 'pingreq' });
      if (!(await waitFor(() => c.counter.others > before, 2000))) failed = true;
      maxMs = Math.max(maxMs, performance.now() - t0);
      pings++;
      await sleep(200);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      failed ||= c.closed;
      c.socket.destroy();
      return { othersServed: !failed, pings, pingMaxMs: Math.round(maxMs) };
    },
  };
}

/** Opens `n` clients, `batch` at a time. */
async function many<T>(n: number, batch: number, open: (i: number) => Promise<T>): Promise<T[]> {
  const all: T[] = [];
  for (let i = 0; i < n; i += batch) all.push(...(await Promise.all(Array.from({ length: Math.min(batch, n - i) }, (_, j) => open(i + j)))));
  return all;
}

type Canary = Awaited<ReturnType<typeof canary>>;

/** Ends a case: the canary's verdict, peak memory, then the clients closed and memory after. */
async function closing(broker: Broker, watch: Canary, clients: readonly Client[]): Promise<Record<string, unknown>> {
  const served = await watch.stop();
  const peakRssMB = Math.round(memoryMB(broker.child.pid!, 'VmHWM'));
  for (const c of clients) c.socket.destroy();
  await sleep(2000);
  return { peakRssMB, rssAfterMB: Math.round(memoryMB(broker.child.pid!, 'VmRSS')), machineErrors: broker.machineErrors(), ...served };
}

async function fanout(): Promise<void> {
  const SUBSCRIBERS = Number(process.env.SOAK_SUBS ?? 1000);
  const MESSAGES = Number(process.env.SOAK_MSGS ?? 10_000);
  const broker = await startBroker();
  const t0 = performance.now();
  try {
    const subs = await many(SUBSCRIBERS, 100, (i) => mqttClient(broker.port, `fan-${i}`, 'soak/fan'));
    await waitFor(() => subs.every((s) => s.counter.others >= 2), 30_000);
    const watch = await canary(broker.port);
    const publisher = await mqttClient(broker.port, 'fan-publisher');
    const payload = new TextEncoder().encode('0123456789abcdef0123456789abcdef');
    for (let i = 0; i < MESSAGES; i += 50) {
      for (let j = 0; j < 50; j++) publisher.send({ type: 'publish', topic: 'soak/fan', payload, qos: 0, retain: false, dup: false });
      await sleep(100);
    }
    // Until no copy has arrived for two seconds (bounded).
    let last = -1;
    const total = () => subs.reduce((n, s) => n + s.counter.publishes, 0);
    for (let i = 0; i < 120 && total() !== last; i++) {
      last = total();
      await sleep(2000);
    }
    const delivered = total();
    const disconnected = subs.filter((s) => s.closed).length;
    const end = await closing(broker, watch, [...subs, publisher]);
    report({
      name: 'soak/fanout/1000x10000',
      unit: 'copies delivered',
      ours: delivered,
      target: SUBSCRIBERS * MESSAGES,
      lost: SUBSCRIBERS * MESSAGES - delivered,
      disconnected,
      seconds: Math.round((performance.now() - t0) / 1000),
      ...end,
    });
  } finally {
    await broker.stop();
  }
}

async function nonReaders(): Promise<void> {
  const READERS = 10;
  const MESSAGES = 20_000;
  const broker = await startBroker();
  try {
    const stuck = await many(READERS, READERS, async (i) => {
      const c = await mqttClient(broker.port, `stuck-${i}`, 'soak/flood');
      await waitFor(() => c.counter.others >= 2, 5000);
      c.socket.pause();
      return c;
    });
    const watch = await canary(broker.port);
    await sleep(500);
    const baseline = memoryMB(broker.child.pid!, 'VmRSS');
    const publisher = await mqttClient(broker.port, 'flood-publisher');
    const payload = new Uint8Array(5 * 1024).fill(0x62);
    const t0 = performance.now();
    for (let i = 0; i < MESSAGES; i++) {
      if (!publisher.send({ type: 'publish', topic: 'soak/flood', payload, qos: 0, retain: false, dup: false })) {
        await new Promise((r) => publisher.socket.once('drain', r));
      }
    }
    publisher.send({ type: 'pingreq' });
    await waitFor(() => publisher.counter.others >= 2, 60_000);
    const seconds = (performance.now() - t0) / 1000;
    await sleep(1000);
    const stillConnected = stuck.filter((s) => !s.closed).length;
    const end = await closing(broker, watch, [...stuck, publisher]);
    report({
      name: 'soak/non-readers/10',
      unit: 'MB added',
      ours: (end.peakRssMB as number) - baseline,
      target: 50,
      messages: MESSAGES,
      publishedMB: Math.round((MESSAGES * payload.length) / MB),
      seconds: Math.round(seconds * 10) / 10,
      stillConnected,
      baselineRssMB: Math.round(baseline),
      ...end,
    });
  } finally {
    await broker.stop();
  }
}

async function idleSockets(): Promise<void> {
  const IDLE = 2000;
  const broker = await startBroker();
  try {
    const watch = await canary(broker.port);
    const t0 = performance.now();
    const closedAt: number[] = [];
    const idle = await many(IDLE, 200, async () => {
      const c = await openClient(broker.port);
      c.socket.once('close', () => closedAt.push(performance.now() - t0));
      return c;
    });
    const slow = await openClient(broker.port);
    const slowStart = performance.now();
    let slowClosedSec = NaN;
    slow.socket.once('close', () => (slowClosedSec = (performance.now() - slowStart) / 1000));
    // 114 bytes, as in the test: a byte a second would complete it after 114 s.
    const connect = encode({ type: 'connect', protocolVersion: 4, clientId: `slowloris-${'x'.repeat(90)}`, clean: true, keepAliveSec: 60 }, 4);
    for (let i = 0; i < connect.length && !slow.closed && performance.now() - slowStart < 100_000; i++) {
      slow.socket.write(connect.subarray(i, i + 1));
      await sleep(1000);
    }
    await waitFor(() => idle.every((c) => c.closed), 100_000 - (performance.now() - t0));
    const open = idle.filter((c) => !c.closed).length;
    const slowlorisConnackReceived = slow.counter.others > 0;
    const end = await closing(broker, watch, [...idle, slow]);
    closedAt.sort((a, b) => a - b);
    report({
      name: 'soak/idle/2000+slowloris',
      unit: 'sockets still open',
      ours: open,
      target: 0,
      firstClosedSec: Math.round(closedAt[0]! / 100) / 10,
      lastClosedSec: Math.round(closedAt[closedAt.length - 1]! / 100) / 10,
      slowlorisClosedSec: Math.round(slowClosedSec * 10) / 10,
      slowlorisConnackReceived,
      ...end,
    });
  } finally {
    await broker.stop();
  }
}

async function fuzz(): Promise<void> {
  const SECONDS = Number(process.env.SOAK_FUZZ_SEC ?? 60);
  const broker = await startBroker();
  try {
    const watch = await canary(broker.port);
    const rand = mulberry32(0x50a4);
    const int = (n: number) => Math.floor(rand() * n);
    const frames = [...corpus(4), ...corpus(5)];
    const connects = frames.filter((f) => f[0] === 0x10);
    let connections = 0;
    let sent = 0;
    const stopAt = performance.now() + SECONDS * 1000;
    const worker = async () => {
      while (performance.now() < stopAt) {
        const c = await openClient(broker.port).catch(() => null);
        if (!c) continue;
        connections++;
        const parts: Uint8Array[] = [];
        if (rand() < 0.7) parts.push(connects[int(connects.length)]!);
        for (let k = 1 + int(4); k > 0; k--) {
          const bytes = frames[int(frames.length)]!.slice();
          const kind = int(4);
          if (kind === 0) bytes[int(bytes.length)] = int(256);
          else if (kind === 1) bytes[int(bytes.length)]! ^= 1 << int(8);
          else if (kind === 2) bytes[1] = int(256);
          parts.push(kind === 3 ? bytes.subarray(0, 1 + int(bytes.length)) : bytes);
        }
        for (const p of parts) c.socket.write(p);
        sent += parts.length;
        await waitFor(() => c.closed, 30);
        c.socket.destroy();
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    const alive = broker.child.exitCode === null;
    const end = await closing(broker, watch, []);
    report({
      name: 'soak/fuzz/raw-packets',
      unit: 'frames',
      ours: sent,
      connections,
      seconds: SECONDS,
      brokerAlive: alive,
      ...end,
    });
  } finally {
    await broker.stop();
  }
}

/** Runs every soak case and prints its line. */
export async function run(): Promise<void> {
  await nonReaders();
  await idleSockets();
  await fanout();
  await fuzz();
}
