/**
 * Fleet benchmark (issue "The simulated world", part 5; issue 21 §2): 1,000 sensors publish
 * QoS 1 once a second for 60 virtual seconds; 5 dashboards subscribe with wildcards. The
 * simulated world runs it with every packet really encoded and decoded and the trace kept in
 * full. The anchor is the same workload through aedes in-process, with mqtt.js clients on
 * loopback TCP, measured in the same run; the ratio compares deliveries per wall-clock second
 * with the connect phase inside both clocks (the 1,005 connects and the subscriptions; ours is
 * also shown apart as `setupWallMs`). `--sensors N` and `--seconds N` (or FLEET_SENSORS,
 * FLEET_SECONDS) change the fleet's size and length (`npm run bench -- fleet --sensors 10000`);
 * `--trace store|objects` how the trace is kept (TRACE_KEEPING); `--anchor none` runs ours alone.
 * The heap is sampled along the run (`peakHeapMb`, garbage included) and measured after a full
 * garbage collection at the end (`liveHeapMb`: the final world and the whole trace); the store
 * also gives its own size (`traceStoreMb`, `traceBytesPerEntry`).
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Aedes } from 'aedes';
import type { World } from '../../sim/world.ts';
import { runUntil } from '../../sim/run.ts';
import { TraceLog } from '../../sim/trace-log.ts';
import type { TraceEntry } from '../../sim/trace.ts';
import { DASHBOARD_FILTERS, fleetWorld as fleetWorldOf, sensorTopic } from './fleet-world.ts';
import { driveFleet, openFileLimit } from './fleet-load.ts';
import { startAedes } from './loopback-brokers.ts';
import { report } from './measure.ts';

/** A whole number from `--NAME N` on the command line, else from the environment, else the default. */
function option(name: string, env: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const text = at >= 0 ? process.argv[at + 1] : process.env[env];
  const value = Number(text ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`fleet: --${name} wants a whole number above 0, got ${JSON.stringify(text)}`);
  return value;
}

const SENSORS = option('sensors', 'FLEET_SENSORS', 1000);
const SECONDS = option('seconds', 'FLEET_SECONDS', 60);

/**
 * How the full trace is kept: `store`, the compact trace store (src/sim/trace-log.ts, ~23 bytes
 * an entry, which the steps write their entries into as they make them), or `objects`, an array of the entries
 * as the world makes them (as the app's UI keeps them, ~200 bytes an entry). `--trace`
 * (or FLEET_TRACE) chooses; `store` unless told.
 */
const TRACE_KEEPING = ((): 'store' | 'objects' => {
  const at = process.argv.indexOf('--trace');
  const asked = at >= 0 ? process.argv[at + 1] : process.env.FLEET_TRACE;
  if (asked === undefined || asked === 'store' || asked === 'objects') return asked ?? 'store';
  throw new Error(`fleet: --trace wants store or objects, got ${JSON.stringify(asked)}`);
})();

/**
 * Whether aedes runs at all: `--anchor aedes` (the default) or `--anchor none`, which measures
 * ours alone (no anchor, no ratio): at 10,000 sensors aedes takes about 6 minutes, ours about 1.
 */
const ANCHOR = ((): 'aedes' | 'none' => {
  const at = process.argv.indexOf('--anchor');
  const asked = at >= 0 ? process.argv[at + 1] : undefined;
  if (asked === undefined || asked === 'aedes' || asked === 'none') return asked ?? 'aedes';
  throw new Error(`fleet: --anchor wants aedes or none, got ${JSON.stringify(asked)}`);
})();

function fleetWorld(): World {
  return fleetWorldOf({ sensors: SENSORS, seconds: SECONDS });
}

/** Virtual time by which every client has connected and every dashboard subscribed (the first publish comes at 1 s). */
const SETUP_MS = 999;

/** A full garbage collection (node's `gc`, reached without --expose-gc on the command line). */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/**
 * The heap in use: V8's heap and the memory of ArrayBuffers, where typed arrays keep their
 * contents outside it (the trace store's columns and the codec's shared blocks).
 */
function heapBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** The heap in use (`heapBytes`) after a full garbage collection, in MB. */
function heapAfterGcMb(): number {
  collectGarbage();
  return heapBytes() / 2 ** 20;
}

interface OursRun {
  deliveries: number;
  wallMs: number;
  setupWallMs: number;
  /** This process's CPU time (user + system) for the run and for its connect phase: steadier than wall time on a busy machine. */
  cpuMs: number;
  setupCpuMs: number;
  steps: number;
  peakHeapMb: number;
  /** The whole trace (`TRACE_KEEPING`). */
  trace: TraceLog | TraceEntry[];
  /** The world at the end. */
  world: World;
}

/** The fleet in the simulated world, its trace kept in full (as the UI keeps it). */
function runOurs(): OursRun {
  let peak = heapBytes();
  const trace: TraceLog | TraceEntry[] = TRACE_KEEPING === 'store' ? new TraceLog() : [];
  const kindAt = trace instanceof TraceLog ? (i: number) => trace.kindAt(i) : (i: number) => trace[i]!.kind;
  // Connecting and subscribing first (in the clock), also timed apart.
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  // Each entry goes into the store as the step makes it: no entry object outlives its step.
  const setup = runUntil(fleetWorld(), SETUP_MS, { into: trace });
  const setupWallMs = performance.now() - t0;
  const setupCpuMs = cpuMsSince(cpu0);
  // Only the newest world is held: an older one would keep what the run has consumed since.
  let w = setup.world;
  let deliveries = 0;
  let steps = setup.steps;
  // Run in slices of virtual time so memory can be sampled along the way, until every message
  // is delivered.
  const expected = expectedDeliveries();
  for (let until = SETUP_MS + 1; until <= (SECONDS + 600) * 1000 && (until <= SECONDS * 1000 || deliveries < expected); until += 1000) {
    const from = trace.length;
    const r = runUntil(w, until, { into: trace });
    w = r.world;
    steps += r.steps;
    for (let i = from; i < trace.length; i++) if (kindAt(i) === 'app') deliveries++;
    peak = Math.max(peak, heapBytes());
  }
  return { deliveries, wallMs: performance.now() - t0, setupWallMs, cpuMs: cpuMsSince(cpu0), setupCpuMs, steps, peakHeapMb: peak / 2 ** 20, trace, world: w };
}

/** This process's CPU time since `start` (`process.cpuUsage()`), in ms. */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** What the store says of itself (nothing for objects), after checking that its newest entry reads back. */
function traceFigures(trace: TraceLog | TraceEntry[]): { traceEntries: number; traceStoreMb?: number; traceSideEntries?: number } {
  if (trace.length === 0 || trace.at(-1)?.seq !== trace.length - 1) throw new Error('fleet: the trace does not read back');
  if (!(trace instanceof TraceLog)) return { traceEntries: trace.length };
  return { traceEntries: trace.length, traceStoreMb: trace.byteSize / 2 ** 20, traceSideEntries: trace.sideCount };
}

async function ours(): Promise<{ deliveries: number; wallMs: number; setupWallMs: number; cpuMs: number; setupCpuMs: number; steps: number; traceEntries: number; peakHeapMb: number; liveHeapMb: number; traceStoreMb?: number; traceSideEntries?: number }> {
  heapAfterGcMb(); // the run starts from a collected heap
  const run = runOurs();
  const { traceEntries, traceStoreMb, traceSideEntries } = traceFigures(run.trace);
  // What stays live at the end: the final world and the whole trace, after a full collection.
  const liveHeapMb = heapAfterGcMb();
  if (run.world.nowMs < SECONDS * 1000) throw new Error('fleet: the world stopped early'); // (and it was held until here)
  const { deliveries, wallMs, setupWallMs, cpuMs, setupCpuMs, steps, peakHeapMb } = run;
  return { deliveries, wallMs, setupWallMs, cpuMs, setupCpuMs, steps, traceEntries, peakHeapMb, liveHeapMb, traceStoreMb, traceSideEntries };
}

/** Errors of the anchor's clients after they connected. */
const anchorErrors: Error[] = [];

/**
 * Where aedes runs: in the `same` process as its mqtt.js clients (as at 1,000 sensors), or in a
 * `child` process of its own (`aedes-server.ts`, as the loopback suite runs it), when the two
 * file descriptors each connection needs on the two ends do not fit one process's `ulimit -n`
 * (fleet-load.ts): at 10,000 sensors. `--anchor-process same|child` chooses.
 */
function anchorProcess(): 'same' | 'child' {
  const at = process.argv.indexOf('--anchor-process');
  const asked = at >= 0 ? process.argv[at + 1] : undefined;
  if (asked === 'same' || asked === 'child') return asked;
  if (asked !== undefined) throw new Error(`fleet: --anchor-process wants same or child, got ${JSON.stringify(asked)}`);
  return 2 * (SENSORS + DASHBOARD_FILTERS.length) + 100 <= openFileLimit() ? 'same' : 'child';
}

export async function aedes(): Promise<{ deliveries: number; wallMs: number; process: 'same' | 'child'; cpuMs?: number }> {
  const where = anchorProcess();
  const load = { sensors: SENSORS, seconds: SECONDS, expected: expectedDeliveries() };
  if (where === 'child') {
    // Started (node and aedes loaded) before the clock starts.
    const broker = await startAedes();
    try {
      const cpu0 = broker.cpuMs();
      const t0 = performance.now(); // the connect phase is inside the clock, as ours is
      const gone = () => (Number.isNaN(broker.cpuMs()) ? "aedes's process is gone" : undefined);
      const result = await driveFleet(`mqtt://127.0.0.1:${broker.port}`, load, gone);
      const wallMs = performance.now() - t0;
      for (const e of result.errors) anchorErrors.push(new Error(e));
      return { deliveries: result.deliveries, wallMs, process: where, cpuMs: broker.cpuMs() - cpu0 };
    } finally {
      await broker.stop();
    }
  }
  const broker = await Aedes.createBroker();
  const server = net.createServer(broker.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  try {
    const t0 = performance.now(); // the connect phase is inside the clock, as ours is
    const result = await driveFleet(`mqtt://127.0.0.1:${port}`, load);
    const wallMs = performance.now() - t0;
    for (const e of result.errors) anchorErrors.push(new Error(e));
    return { deliveries: result.deliveries, wallMs, process: where };
  } finally {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    server.close();
  }
}

/** Deliveries the workload causes: per publish, one per dashboard whose filter matches. */
function expectedDeliveries(): number {
  const re = DASHBOARD_FILTERS.map((f) => new RegExp(`^${f.replace(/\+/g, '[^/]+').replace(/#$/, '.*')}$`));
  let perRound = 0;
  for (let i = 0; i < SENSORS; i++) perRound += re.filter((r) => r.test(sensorTopic(i))).length;
  return perRound * SECONDS;
}

export async function run(): Promise<void> {
  const expected = expectedDeliveries();
  const o = await ours();
  const a = ANCHOR === 'none' ? { deliveries: 0, wallMs: Number.NaN, error: 'not run (--anchor none)' } : await aedes().catch((error: unknown) => ({ deliveries: 0, wallMs: Number.NaN, error: String(error) }));
  if (anchorErrors.length > 0 && !('error' in a)) Object.assign(a, { error: `${anchorErrors.length} client errors, first: ${String(anchorErrors[0])}` });
  const oursRate = (o.deliveries * 1000) / o.wallMs;
  const aedesRate = (a.deliveries * 1000) / a.wallMs;
  report({
    name: `fleet/deliveries/${SENSORS}-sensors-qos1-${SECONDS}s`,
    unit: 'deliveries/s',
    ours: oursRate,
    anchor: aedesRate,
    anchorName: 'aedes',
    ratio: oursRate / aedesRate,
    target: 2,
    deliveries: o.deliveries,
    expectedDeliveries: expected,
    anchorDeliveries: a.deliveries,
    wallMs: Math.round(o.wallMs),
    anchorWallMs: Math.round(a.wallMs),
    // Why the anchor has no figure (or a doubtful one), when its run failed.
    ...('error' in a ? { anchorError: a.error } : {}),
    // Where aedes ran (fleet-load.ts): with its clients, or alone in a child process (and its CPU time there).
    ...('process' in a ? { anchorProcess: a.process, anchorCpuMs: a.cpuMs === undefined ? undefined : Math.round(a.cpuMs) } : {}),
    // Inside wallMs (the connect phase and the subscriptions), shown apart for the record.
    setupWallMs: Math.round(o.setupWallMs),
    // Our process's CPU time for the whole run and for the connect phase (also inside wallMs).
    cpuMs: Math.round(o.cpuMs),
    setupCpuMs: Math.round(o.setupCpuMs),
    steps: o.steps,
    traceEntries: o.traceEntries,
    traceKeeping: TRACE_KEEPING,
    // The most the heap held when sampled (garbage included), and what is live at the end (the
    // final world and the trace, after a full garbage collection).
    peakHeapMb: Math.round(o.peakHeapMb),
    liveHeapMb: Math.round(o.liveHeapMb),
    // The store's typed arrays alone, per entry, and the entries that keep fields in its side table (states, ...).
    ...(o.traceStoreMb === undefined
      ? {}
      : { traceStoreMb: Math.round(o.traceStoreMb), traceBytesPerEntry: Math.round((o.traceStoreMb * 2 ** 20) / o.traceEntries), traceSideEntries: o.traceSideEntries }),
  });
}
