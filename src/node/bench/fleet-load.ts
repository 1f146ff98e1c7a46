/**
 * The fleet benchmark's anchor load (fleet.ts `aedes()`): mqtt.js clients on loopback TCP doing
 * the fleet's workload against a broker at `url`: the dashboards connect and subscribe, the
 * sensors connect in batches of 100, then each second's round of QoS 1 publishes goes out as
 * fast as the broker acks it, and the dashboards count what they receive.
 *
 * Each loopback connection costs two file descriptors, one on each end, so 10,000 sensors with
 * their broker in the same process need 20,010: past this machine's `ulimit -n` of 20,000. libuv
 * then accepts the connection over the limit only to close it at once (its EMFILE trick), and
 * the mqtt.js client sees ECONNRESET. `openFileLimit` lets fleet.ts put aedes in a process of
 * its own when the sockets do not fit one.
 *
 * Every wait fails, naming what it waited for, when nothing moves for a minute or the broker is
 * gone, so a broken anchor is reported and never hangs the bench; a slow one is waited for.
 */
import { readFileSync } from 'node:fs';
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

/** How long a phase may go without progress (a connect, a PUBACK, a delivery) before it fails. */
const STALL_LIMIT_MS = 60_000;
/** Sensors connected at once. */
const CONNECT_BATCH = 100;

/**
 * `promise`, or a rejection naming `what` when `progress()` (a count) stands still for the stall
 * limit or `gone()` says the broker is gone. A slow broker that keeps going is waited for.
 */
function progressing<T>(what: () => string, progress: () => number, gone: () => string | undefined, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let last = progress();
  let lastAt = Date.now();
  const limit = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      const why = gone();
      if (why !== undefined) return reject(new Error(`${what()}: ${why}`));
      const now = progress();
      if (now !== last) [last, lastAt] = [now, Date.now()];
      else if (Date.now() - lastAt >= STALL_LIMIT_MS) reject(new Error(`${what()}: no progress for ${STALL_LIMIT_MS / 1000} s`));
    }, 500);
  });
  return Promise.race([promise, limit]).finally(() => clearInterval(timer));
}

/** Runs the fleet's workload against the broker at `url`; rejects with the phase that failed. */
export async function driveFleet(url: string, { sensors: count, seconds, expected }: FleetLoad, gone: () => string | undefined = () => undefined): Promise<FleetLoadResult> {
  const errors: Error[] = [];
  const clients: mqtt.MqttClient[] = [];
  let connected = 0;
  /** Set when the load ends, failed or not: stops the polling. */
  let over = false;
  const connect = (id: string) =>
    new Promise<mqtt.MqttClient>((resolve, reject) => {
      const c = mqtt.connect(url, { clientId: id, keepalive: 60, reconnectPeriod: 0 });
      clients.push(c);
      c.once('connect', () => {
        connected++;
        resolve(c);
      });
      c.once('error', (error) => reject(new Error(`client ${id}: ${String(error)}`)));
      c.once('close', () => reject(new Error(`client ${id}: connection closed before CONNACK`)));
      // A connection reset later (the anchor overloaded) fails the anchor's run, not the process.
      c.on('error', (error) => errors.push(error));
    });
  try {
    let deliveries = 0;
    const within = <T>(what: () => string, progress: () => number, promise: Promise<T>) => progressing(what, progress, gone, promise);
    const dashboards = await within(() => 'the dashboards\' connects', () => connected, Promise.all(DASHBOARD_FILTERS.map((_, i) => connect(`dash${i}`))));
    await within(() => 'the dashboards\' subscriptions', () => 0, Promise.all(dashboards.map((d, i) => d.subscribeAsync(DASHBOARD_FILTERS[i]!, { qos: 1 }))));
    for (const d of dashboards) d.on('message', () => deliveries++);
    const sensors: mqtt.MqttClient[] = [];
    for (let i = 0; i < count; i += CONNECT_BATCH) {
      const batch = Array.from({ length: Math.min(CONNECT_BATCH, count - i) }, (_, k) => connect(`s${i + k}`));
      const what = () => `connecting sensors ${i}..${i + batch.length - 1} (${sensors.length} connected; ${clients.length * 2} sockets, ulimit -n ${openFileLimit()})`;
      sensors.push(...(await within(what, () => connected, Promise.all(batch)).catch((error: unknown) => Promise.reject(new Error(`${what()}: ${error instanceof Error ? error.message : String(error)}`)))));
    }
    // Same workload, as fast as the broker takes it: each second's round of publishes, acked.
    for (let t = 1; t <= seconds; t++) {
      let acked = 0;
      const round = sensors.map((s, i) => s.publishAsync(sensorTopic(i), '21.5', { qos: 1 }).then(() => void acked++));
      await within(() => `round ${t} of ${seconds}: ${acked} of ${count} PUBACKs`, () => acked, Promise.all(round));
    }
    const lastDelivery = new Promise<void>((resolve) => {
      const poll = (): void => void (deliveries >= expected ? resolve() : !over && setTimeout(poll, 5));
      poll();
    });
    await within(() => `deliveries: ${deliveries} of ${expected}`, () => deliveries, lastDelivery);
    return { deliveries, errors: errors.map((e) => e.message) };
  } finally {
    over = true;
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
