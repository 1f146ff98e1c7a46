/**
 * The fleet benchmark's anchor load (fleet.ts `aedes()`): mqtt.js clients on loopback TCP doing
 * the fleet's workload against a broker at `url`: the dashboards connect and subscribe, the
 * sensors connect in batches of 100, then each second's round of QoS 1 publishes goes out as
 * fast as the broker acks it, and the dashboards count what they receive.
 *
 * Each loopback connection costs two file descriptors, one in the client's process and one in
 * the broker's, so 10,000 sensors and their broker need 20,010 in one process: past this
 * machine's `ulimit -n` of 20,000. Then libuv accepts the connection over its limit only to close
 * it at once (its EMFILE trick), and the mqtt.js client sees ECONNRESET. So the load can run in a
 * child process of its own (`fork` of this file), which leaves the broker's process with the
 * broker alone, and its event loop not shared with the load: if anything, kind to the anchor.
 *
 * Every wait has a limit and fails with what it waited for, so a broken anchor is reported,
 * never hangs the bench.
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { DASHBOARD_FILTERS, sensorTopic } from './fleet-world.ts';

export interface FleetLoad {
  sensors: number;
  seconds: number;
  /** Deliveries to wait for at the end. */
  expected: number;
}

export interface FleetLoadResult {
  deliveries: number;
  /** Client errors seen after the clients connected (a reset connection, ...). */
  errors: string[];
}

/** How long one phase (a batch of connects, a round of publishes, the last deliveries) may take. */
const PHASE_LIMIT_MS = 60_000;
/** Sensors connected at once. */
const CONNECT_BATCH = 100;

/** `promise`, or a rejection naming `what` when it takes longer than the limit. */
function within<T>(what: () => string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what()} not done after ${PHASE_LIMIT_MS / 1000} s`)), PHASE_LIMIT_MS);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** Runs the fleet's workload against the broker at `url`; rejects with the phase that failed. */
export async function driveFleet(url: string, { sensors: count, seconds, expected }: FleetLoad): Promise<FleetLoadResult> {
  const errors: Error[] = [];
  const clients: mqtt.MqttClient[] = [];
  const connect = (id: string) =>
    new Promise<mqtt.MqttClient>((resolve, reject) => {
      const c = mqtt.connect(url, { clientId: id, keepalive: 60, reconnectPeriod: 0 });
      clients.push(c);
      c.once('connect', () => resolve(c));
      c.once('error', (error) => reject(new Error(`client ${id}: ${String(error)}`)));
      c.once('close', () => reject(new Error(`client ${id}: connection closed before CONNACK`)));
      // A connection reset later (the anchor overloaded) fails the anchor's run, not the process.
      c.on('error', (error) => errors.push(error));
    });
  try {
    let deliveries = 0;
    const dashboards = await within(() => 'the dashboards\' connects', Promise.all(DASHBOARD_FILTERS.map((_, i) => connect(`dash${i}`))));
    await within(() => 'the dashboards\' subscriptions', Promise.all(dashboards.map((d, i) => d.subscribeAsync(DASHBOARD_FILTERS[i]!, { qos: 1 }))));
    for (const d of dashboards) d.on('message', () => deliveries++);
    const sensors: mqtt.MqttClient[] = [];
    for (let i = 0; i < count; i += CONNECT_BATCH) {
      const batch = Array.from({ length: Math.min(CONNECT_BATCH, count - i) }, (_, k) => connect(`s${i + k}`));
      const what = () => `connecting sensors ${i}..${i + batch.length - 1} (${sensors.length} connected; ${clients.length * 2} sockets, ulimit -n ${openFileLimit()})`;
      sensors.push(...(await within(what, Promise.all(batch)).catch((error: unknown) => Promise.reject(new Error(`${what()}: ${error instanceof Error ? error.message : String(error)}`)))));
    }
    // Same workload, as fast as the broker takes it: each second's round of publishes, acked.
    for (let t = 1; t <= seconds; t++) {
      let acked = 0;
      const round = sensors.map((s, i) => s.publishAsync(sensorTopic(i), '21.5', { qos: 1 }).then(() => void acked++));
      await within(() => `round ${t} of ${seconds}: ${acked} of ${count} PUBACKs`, Promise.all(round));
    }
    const lastDelivery = new Promise<void>((resolve) => {
      const poll = (): void => void (deliveries >= expected ? resolve() : setTimeout(poll, 5));
      poll();
    });
    await within(() => `deliveries: ${deliveries} of ${expected}`, lastDelivery);
    return { deliveries, errors: errors.map((e) => e.message) };
  } finally {
    for (const c of clients) c.end(true);
  }
}

/** Sockets one process may hold (`ulimit -n`), when the system says. */
export function openFileLimit(): number {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = Number(line?.split(/\s+/)[3]);
    return Number.isFinite(soft) ? soft : Number.POSITIVE_INFINITY;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

type ChildMessage = { ready: true } | { done: FleetLoadResult } | { failed: string };

/**
 * The load in a child process. Resolves once the child has started (node and its modules
 * loaded, outside any clock) with `go`, which runs the load and resolves with its result.
 */
export async function forkFleetLoad(): Promise<{ go: (url: string, load: FleetLoad) => Promise<FleetLoadResult> }> {
  const child = fork(fileURLToPath(import.meta.url), ['--fleet-load-child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const messages: ChildMessage[] = [];
  let wake: () => void = () => {};
  let exited: string | undefined;
  child.on('message', (m: ChildMessage) => {
    messages.push(m);
    wake();
  });
  child.on('exit', (code, signal) => {
    exited = `the anchor's load process exited (${signal ?? `code ${code}`})`;
    wake();
  });
  child.on('error', (error) => {
    exited = `the anchor's load process failed: ${String(error)}`;
    wake();
  });
  const nextMessage = async (): Promise<ChildMessage> => {
    for (;;) {
      const m = messages.shift();
      if (m !== undefined) return m;
      if (exited !== undefined) throw new Error(exited);
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  const first = await nextMessage();
  if (!('ready' in first)) throw new Error('the anchor\'s load process did not start');
  return {
    go: async (url, load) => {
      try {
        child.send({ url, load });
        const m = await nextMessage();
        if ('failed' in m) throw new Error(m.failed);
        if (!('done' in m)) throw new Error('the anchor\'s load process said something unexpected');
        return m.done;
      } finally {
        child.kill();
      }
    },
  };
}

// The child's side: one load, then exit.
if (process.argv.includes('--fleet-load-child') && process.send) {
  const send = (m: ChildMessage): void => void process.send!(m);
  process.once('message', ({ url, load }: { url: string; load: FleetLoad }) => {
    driveFleet(url, load).then(
      (done) => send({ done }),
      (error: unknown) => send({ failed: error instanceof Error ? error.message : String(error) }),
    );
  });
  send({ ready: true });
}
