/**
 * `npm run bench -- ui`: the browser part of the budgets (issue "The sandbox UI").
 *
 * - `ui/bundle/initial-gzip`: JS + CSS that index.html loads before the first render (the entry
 *   chunk and its stylesheet; lazily imported chunks such as the simulation kernel, the packet
 *   inspector and Monaco are not counted), gzip level 9, in kB. Target 100.
 * - `ui/first-render`: ms from navigation start to the `mqttlab:first-render` mark (set by
 *   main.ts right after mounting the shell) in headless Chromium on a local `vite preview`,
 *   median of 5 fresh page loads. Target 500.
 * - `ui/history/step-back-10k`: ms for one step back (and `ui/history/step-10k`: one step
 *   forward over an already computed world) at 10,000 steps of history: the timeline move plus
 *   the trace prefix and step entries the UI publishes per move, median of 200. Target 16.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { build, preview } from 'vite';
import { Timeline } from '../../sim/history.ts';
import { clientCommand, createMqttWorld } from '../../sim/mqtt-world.ts';
import { schedule } from '../../sim/world.ts';
import { report } from './measure.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function bundleAndFirstRender(): Promise<void> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'mqttlab-bench-ui-'));
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: ROOT, mode: 'production', logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  try {
    const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
    const initial = [...html.matchAll(/(?:src|href)="\.?\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    const bytes = initial.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(outDir, file)), { level: 9 }).length, 0);
    const lazy = readdirSync(path.join(outDir, 'assets')).filter((f) => /\.(js|css)$/.test(f) && !initial.includes(`assets/${f}`)).length;
    report({ name: 'ui/bundle/initial-gzip', unit: 'kB', ours: bytes / 1024, target: 100, files: initial.length, lazyChunks: lazy });

    const server = await preview({ root: ROOT, logLevel: 'silent', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
    const address = server.httpServer.address();
    if (!address || typeof address === 'string') throw new Error('vite preview did not report a port');
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
        const page = await context.newPage();
        await page.goto(`http://127.0.0.1:${address.port}/?play=0`);
        await page.waitForFunction(() => performance.getEntriesByName('mqttlab:first-render').length > 0);
        times.push(await page.evaluate(() => performance.getEntriesByName('mqttlab:first-render')[0]!.startTime));
        await context.close();
      }
      report({ name: 'ui/first-render', unit: 'ms', ours: median(times), target: 500 });
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

function history10k(): void {
  const text = (s: string) => new TextEncoder().encode(s);
  let world = createMqttWorld({ seed: 1, broker: { sysIntervalSec: 0 }, clients: ['sensor', 'dashboard'] });
  world = schedule(world, 0, clientCommand('sensor', { type: 'APP.CONNECT', options: { clientId: 'sensor', keepAliveSec: 60, protocolVersion: 5 } }));
  world = schedule(world, 0, clientCommand('dashboard', { type: 'APP.CONNECT', options: { clientId: 'dashboard', protocolVersion: 5 } }));
  world = schedule(world, 100, clientCommand('dashboard', { type: 'APP.SUBSCRIBE', subscriptions: [{ topicFilter: 'plant/#', qos: 1 }] }));
  for (let i = 0; i < 2500; i++) {
    world = schedule(world, 1000 + i * 50, clientCommand('sensor', { type: 'APP.PUBLISH', topic: 'plant/hall1/temp', payload: text(String(20 + (i % 10) / 10)), qos: 1, retain: false }));
  }
  const t = new Timeline(world);
  t.forwardUntil(Number.POSITIVE_INFINITY, 10_000);
  const steps = t.position;
  const traceEntries = t.trace.length;
  // What the UI does per cursor move besides the timeline (src/ui/state/simulation.svelte.ts
  // sync): take the trace prefix and the step's entries; the sequence diagram then only
  // binary-searches its row count (node code may not import src/ui, so that part is left out).
  const uiStep = () => t.trace.length + t.lastEntries.length;
  const back: number[] = [];
  const forward: number[] = [];
  for (let i = 0; i < 200; i++) {
    let t0 = performance.now();
    t.back();
    uiStep();
    back.push(performance.now() - t0);
    t0 = performance.now();
    t.forward();
    uiStep();
    forward.push(performance.now() - t0);
  }
  report({ name: 'ui/history/step-back-10k', unit: 'ms', ours: median(back), target: 16, steps, traceEntries });
  report({ name: 'ui/history/step-10k', unit: 'ms', ours: median(forward), target: 16, steps });
}

export async function run(): Promise<void> {
  history10k();
  await bundleAndFirstRender();
}
