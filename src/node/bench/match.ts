/**
 * `npm run bench -- match`: topic matching in the subscription store vs qlobber.
 *
 * Filters look like a plant's: `plant/hall{h}/line{l}/{sensor}` mostly exact, some with `+`
 * or a trailing `#`, a few `$SYS/...` and one catch-all `#`, each with its own subscriber.
 * Topics rotate through a fixed, seeded set of sensor topics, `$SYS` topics and misses. Both
 * sides return every matching subscription (qlobber: `match()` returns all added values).
 * qlobber has no `$` rule (MQTT-4.7.2-1), so it returns the `#` subscriber for `$SYS` topics
 * too; that is one extra value on a few topics, in its disfavour only by a push.
 */
import { createRequire } from 'node:module';
import { SubscriptionStore } from '../../core/mqtt/index.ts';
import { benchOps, compareOps, report } from './measure.ts';
import { mulberry32 as rng } from '../../sim/rng.ts';

interface QlobberLike {
  add(topic: string, value: string): unknown;
  match(topic: string): string[];
}
type QlobberCtor = new (options: Record<string, unknown>) => QlobberLike;
const { Qlobber } = createRequire(import.meta.url)('qlobber') as { Qlobber: QlobberCtor };

const QLOBBER_MQTT = { separator: '/', wildcard_one: '+', wildcard_some: '#', match_empty_levels: true };
const SENSORS = ['temp', 'humidity', 'pressure', 'vibration', 'power', 'status', 'speed', 'count', 'alarm', 'rpm'];
const LINES = 40;


function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

/** `n` filters (with subscriber ids) over a plant big enough that most are distinct. */
function makeFilters(n: number, seed: number): [filter: string, id: string][] {
  const r = rng(seed);
  const halls = Math.max(1, Math.ceil(n / (LINES * SENSORS.length)));
  const out: [string, string][] = [['#', 'logger'], ['$SYS/#', 'monitor'], ['$SYS/broker/+', 'monitor2']];
  for (let i = out.length; i < n; i++) {
    const h = `hall${1 + Math.floor(r() * halls)}`;
    const l = `line${1 + Math.floor(r() * LINES)}`;
    const s = pick(r, SENSORS);
    const x = r();
    const filter =
      x < 0.8 ? `plant/${h}/${l}/${s}`
      : x < 0.88 ? `plant/${h}/+/${s}`
      : x < 0.96 ? `plant/${h}/${l}/#`
      : x < 0.98 ? `plant/+/${l}/${s}`
      : `$SYS/broker/clients/c${i}`;
    out.push([filter, `c${i}`]);
  }
  return out;
}

/** A rotating set of topics: mostly sensor readings, some `$SYS`, some that match little. */
function makeTopics(n: number, count: number, seed: number): string[] {
  const r = rng(seed);
  const halls = Math.max(1, Math.ceil(n / (LINES * SENSORS.length)));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const x = r();
    const h = `hall${1 + Math.floor(r() * halls)}`;
    const l = `line${1 + Math.floor(r() * LINES)}`;
    if (x < 0.85) out.push(`plant/${h}/${l}/${pick(r, SENSORS)}`);
    else if (x < 0.9) out.push(`$SYS/broker/clients/c${Math.floor(r() * n)}`);
    else if (x < 0.95) out.push(`office/${h}/coffee/level`);
    else out.push(`plant/${h}/${l}/${pick(r, SENSORS)}/raw/${i}`);
  }
  return out;
}

function matchCase(n: number, label: string): void {
  const filters = makeFilters(n, n);
  const topics = makeTopics(n, 1024, n + 1);
  const store = SubscriptionStore.from(filters.map(([f, id]) => [f, id, id] as const));
  const q = new Qlobber(QLOBBER_MQTT);
  for (const [f, id] of filters) q.add(f, id);
  let i = 0;
  let j = 0;
  let sink = 0;
  benchOps(
    `match/trie/${label}`,
    'qlobber',
    () => (sink += store.match(topics[i++ & 1023] as string).length),
    () => (sink += q.match(topics[j++ & 1023] as string).length),
  );
  if (sink < 0) console.log(sink);
}

function insertCase(n: number, label: string): void {
  const filters = makeFilters(n, 7 * n);
  const entries = filters.map(([f, id]) => [f, id, id] as const);
  const r = compareOps(
    () => SubscriptionStore.from(entries),
    () => {
      const q = new Qlobber(QLOBBER_MQTT);
      for (const [f, id] of filters) q.add(f, id);
      return q;
    },
    { rounds: 5, batchMs: 40 },
  );
  report({ name: `match/insert/${label}`, unit: 'ops/s', ours: r.ours * n, anchor: r.anchor * n, anchorName: 'qlobber', ratio: r.ours / r.anchor });
}

/** Run every case of this suite. */
export function run(): void {
  matchCase(1_000, '1k');
  matchCase(10_000, '10k');
  matchCase(100_000, '100k');
  insertCase(100_000, '100k');
}
