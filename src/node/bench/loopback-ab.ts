/**
 * `npx tsx src/node/bench/loopback-ab.ts QOS [ROUNDS] [OTHER_CHECKOUT ...]`: the loopback load
 * (`loopback.ts`) at one QoS level, alternating between our broker from this checkout, Mosquitto,
 * and (when given) our broker from other checkouts of the project (e.g. a copy of `src` before a
 * change, with `node_modules`; each started with its own `npm run broker` flags), for an A/B
 * comparison on a noisy machine. Each broker process is started once, warmed up (not counted)
 * and runs ROUNDS cases (default 6), in turns (`alternate`: each broker follows each other one
 * equally often), so a drift of the machine's speed hits them alike. Prints one JSON line per broker (medians of
 * deliveries/s, p50, p99 and CPU ms, and every round's deliveries/s), then the median of the
 * round-by-round ratios of this checkout against each other broker (throughput: ours/theirs;
 * p99: theirs/ours; higher is better for both) with the load average at the end. Besides the
 * broker's CPU time, each broker's line gives the load's side (`clientCpuMs`: this process's CPU
 * per round, the mqtt.js clients; `subscriberReads`, `publisherReads`: the clients' socket reads
 * per round), which depend on how the broker's output is cut into writes and barely on the
 * machine's load. With `LOOPBACK_PROBE=1` our brokers run with
 * `loopback-probe.ts` preloaded and a line per broker gives the medians, per round of 20,000
 * messages, of its event-loop delay, GC pauses (scavenges, mark-compacts) and socket writes
 * and reads.
 */
import { loadavg } from 'node:os';
import { alternate, median, type CaseResult } from './loopback.ts';
import { startMosquitto, startOurs, type BrokerProcess } from './loopback-brokers.ts';

type QoS = 0 | 1 | 2;

const round2 = (x: number): number => Math.round(x * 100) / 100;

export async function runAB(qos: QoS, rounds: number, others: readonly string[] = [], probe = false): Promise<void> {
  const brokers: { label: string; broker: BrokerProcess; results: CaseResult[] }[] = [];
  /** Per broker of ours, the probe's line for each round (`LOOPBACK_PROBE=1`). */
  const probes = new Map<string, Record<string, number>[]>();
  try {
    brokers.push({ label: 'ours', broker: await startOurs(undefined, { probe }), results: [] });
    for (const other of others) brokers.push({ label: `ours@${other}`, broker: await startOurs(other, { probe }), results: [] });
    const mosquitto = await startMosquitto();
    if (mosquitto) brokers.push({ label: 'mosquitto', broker: mosquitto, results: [] });
    const results = await alternate(
      brokers.map((b) => b.broker),
      qos,
      rounds,
      async (i, run) => {
        const b = brokers[i]!;
        await b.broker.probe?.();
        const r = await run();
        const seen = await b.broker.probe?.();
        if (seen) probes.set(b.label, [...(probes.get(b.label) ?? []), seen]);
        if (!r.complete || (qos === 2 && r.duplicates > 0)) console.error(`${b.label}: lost ${r.lost}, duplicates ${r.duplicates}`);
        return r;
      },
    );
    brokers.forEach((b, i) => b.results.push(...results[i]!));
  } finally {
    await Promise.all(brokers.map((b) => b.broker.stop()));
  }
  for (const { label, results } of brokers) {
    console.log(
      JSON.stringify({
        name: `loopback-ab/qos${qos}`,
        broker: label,
        rounds: results.length,
        deliveriesPerSec: Math.round(median(results.map((r) => r.deliveriesPerSec))),
        p50Ms: round2(median(results.map((r) => r.p50Ms))),
        p99Ms: round2(median(results.map((r) => r.p99Ms))),
        cpuMs: Math.round(median(results.map((r) => r.cpuMs))),
        clientCpuMs: Math.round(median(results.map((r) => r.clientCpuMs))),
        subscriberReads: Math.round(median(results.map((r) => r.subscriberReads))),
        publisherReads: Math.round(median(results.map((r) => r.publisherReads))),
        each: results.map((r) => Math.round(r.deliveriesPerSec)),
      }),
    );
    const seen = probes.get(label);
    if (seen && seen.length > 0) {
      const medians = Object.fromEntries(Object.keys(seen[0]!).map((k) => [k, median(seen.map((p) => p[k]!))]));
      console.log(JSON.stringify({ name: `loopback-ab/qos${qos}/probe`, broker: label, perRoundMedians: medians }));
      // Round by round beside that round's p99: which rounds are slow, and what they had.
      const rows = seen.map((p, i) => ({ p99Ms: round2(results[i]?.p99Ms ?? Number.NaN), ...p }));
      console.log(JSON.stringify({ name: `loopback-ab/qos${qos}/probe-rounds`, broker: label, rounds: rows }));
    }
  }
  const [ours, ...rest] = brokers;
  for (const o of rest) {
    const pairs = ours!.results.map((r, i) => [r, o.results[i]!] as const);
    console.log(
      JSON.stringify({
        name: `loopback-ab/qos${qos}/ratio`,
        against: o.label,
        deliveries: round2(median(pairs.map(([a, b]) => a.deliveriesPerSec / Math.max(b.deliveriesPerSec, 1e-9)))),
        p99: round2(median(pairs.map(([a, b]) => b.p99Ms / Math.max(a.p99Ms, 1e-9)))),
        loadAverage: loadavg().map((x) => round2(x)),
      }),
    );
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const qos = Number(process.argv[2] ?? 1);
  const rounds = Number(process.argv[3] ?? 6);
  if (![0, 1, 2].includes(qos) || !Number.isInteger(rounds) || rounds < 1) {
    console.error('usage: npx tsx src/node/bench/loopback-ab.ts QOS(0|1|2) [ROUNDS] [OTHER_CHECKOUT ...]');
    process.exit(2);
  }
  await runAB(qos as QoS, rounds, process.argv.slice(4), process.env.LOOPBACK_PROBE === '1');
}
