/**
 * Scenario bench: parse + compile time of a generated 1,000-line scenario
 * (`scenario/parse-compile/1000-lines`, ms, median, target 20) and the gzip size of the lazily
 * loaded Monaco chunk (`ui/bundle/monaco-gzip`, kB), read from a production build; and the run
 * of 16,000 QoS 1 publishes queued before CONNACK (`scenario/run/queued-qos1-16k/...`, ms, target
 * 2,000; #13: the client's queue was quadratic, 33 s), behind a send quota of 20 (5.0) and with
 * none (3.1.1).
 *
 * The scenario mixes every kind of line a teacher writes: declarations, connects with wills,
 * subscriptions, publishes with quoted payloads, faults, comments and expectations.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { compileScenario, parseScenario, runScenario } from '../../scenario/index.ts';
import { report } from './measure.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A valid scenario of exactly `lines` lines (about 20 clients, commands every 100 ms). */
export function generatedScenario(lines = 1000): string {
  const clients = Array.from({ length: 20 }, (_, i) => `c${i}`);
  const head: string[] = ['# Generated bench scenario: twenty clients talk about rooms', 'broker version=5 persistence=on max-inflight=20', 'seed 7'];
  for (const c of clients) head.push(`client ${c} latency=20ms jitter=2ms`);
  const expects: string[] = [];
  for (const [i, c] of clients.entries()) {
    expects.push(`expect ${c} receives room/${(i + 1) % 20}/temp qos 1 at-least 1 by 10min`);
    expects.push(`expect ${c} never-receives secret/${i}`);
  }
  const body: string[] = [];
  let t = 0;
  for (const [i, c] of clients.entries()) {
    body.push(`at ${t}ms ${c} connect -i ${c}-id -k 30 --will-topic room/${i}/status --will-payload offline --will-qos 1 --will-retain`);
    body.push(`at ${t}ms ${c} subscribe -t 'room/${(i + 1) % 20}/#' -q 1`);
  }
  const room = (n: number) => n % 20;
  let n = 0;
  while (head.length + body.length + expects.length < lines) {
    t += 100;
    const c = clients[n % 20]!;
    switch (n % 10) {
      case 0:
        body.push(`# round ${n}: ${c} reports`);
        break;
      case 7:
        body.push(`at ${t}ms drop next PUBACK to ${c}`);
        break;
      case 9:
        body.push(`at ${t}ms ${c} publish -t room/${room(n)}/status -m "still here, round ${n}" -q 2 -r`);
        break;
      default:
        body.push(`at ${t}ms ${c} publish -t room/${room(n)}/temp -m "${(20 + (n % 7) / 2).toFixed(1)} °C" -q 1`);
    }
    n++;
  }
  return [...head, ...body, ...expects].slice(0, lines).join('\n') + '\n';
}

/** Median ms of parse + compile of `text` over `rounds` runs (after warm-up). */
export function parseCompileMs(text: string, rounds = 31): number {
  for (let i = 0; i < 5; i++) compileScenario(parseScenario(text).scenario);
  const xs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    compileScenario(parseScenario(text).scenario);
    xs.push(performance.now() - t0);
  }
  xs.sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)] ?? 0;
}

/** One client queues `count` QoS 1 publishes while it connects; 5.0 with a send quota of 20. */
export function queuedPublishScenario(count: number, version: '5' | '311'): string {
  const lines = [`broker version=${version} max-inflight=20`, 'client sensor', 'at 0s sensor connect -i sensor'];
  for (let i = 0; i < count; i++) lines.push(`at 0s sensor publish -t plant/hall${i % 10}/temp -m ${20 + (i % 50) / 10} -q 1`);
  return lines.join('\n') + '\n';
}

/**
 * Median ms of parse + run of `text` over `rounds` runs, with the process's CPU ms of that run
 * (on a shared machine the wall clock also counts other jobs), and how many PUBACKs arrived.
 */
function runMs(text: string, rounds = 3): { ms: number; cpuMs: number; pubacks: number } {
  const xs: { ms: number; cpuMs: number }[] = [];
  let pubacks = 0;
  for (let i = 0; i < rounds; i++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const run = runScenario(text, { maxSteps: 1_000_000 });
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    xs.push({ ms, cpuMs: (cpu.user + cpu.system) / 1000 });
    pubacks = run.trace.filter((e) => e.kind === 'deliver' && e.packet?.type === 'puback').length;
  }
  xs.sort((a, b) => a.ms - b.ms);
  const median = xs[Math.floor(xs.length / 2)] ?? { ms: 0, cpuMs: 0 };
  return { ms: median.ms, cpuMs: Math.round(median.cpuMs), pubacks };
}

/** Build the app into a temporary folder; gzip kB of the largest JS chunk whose name says monaco. */
async function monacoChunkGzipKb(): Promise<{ kb: number; file: string; entryKb: number }> {
  const { build } = await import('vite');
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'mqttlab-bench-'));
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: ROOT, mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    const assets = path.join(outDir, 'assets');
    const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
    const gz = (f: string) => gzipSync(readFileSync(path.join(assets, f))).length / 1024;
    const monaco = js.filter((f) => /^monaco/i.test(f)).sort((a, b) => gz(b) - gz(a))[0];
    const entry = js.find((f) => f.startsWith('index-'));
    return { kb: monaco ? gz(monaco) : NaN, file: monaco ?? '(none)', entryKb: entry ? gz(entry) : NaN };
  } finally {
    process.env.NODE_ENV = nodeEnv;
    rmSync(outDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const text = generatedScenario(1000);
  const { diagnostics } = parseScenario(text);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  report({ name: 'scenario/parse-compile/1000-lines', unit: 'ms', ours: parseCompileMs(text), target: 20, errors });
  for (const version of ['5', '311'] as const) {
    const r = runMs(queuedPublishScenario(16_000, version));
    report({ name: `scenario/run/queued-qos1-16k/${version === '5' ? '5.0' : '3.1.1'}`, unit: 'ms', ours: r.ms, target: 2000, cpuMs: r.cpuMs, pubacks: r.pubacks });
  }
  const bundle = await monacoChunkGzipKb();
  report({ name: 'ui/bundle/monaco-gzip', unit: 'kB', ours: bundle.kb, file: bundle.file, entryGzipKb: Math.round(bundle.entryKb * 10) / 10 });
}
