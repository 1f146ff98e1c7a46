/**
 * Stage bench: frame times of the topology with 30 clients and 100 packets in flight, in
 * headless Chromium (`ui/stage/fps-30-clients-100-packets`, fps, median, target 55).
 *
 * It builds the stage harness page (src/ui/stage/harness/index.html: the stage and the actor
 * inspector over a Simulation, no transport) in production mode, serves it with `vite preview`,
 * and sweeps the display time across the packets' flight for a few seconds while counting
 * requestAnimationFrame intervals. `serveStageHarness` is shared with tests/e2e/stage.test.ts.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveBuild } from '../serve-build.ts';
import { report } from './measure.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const HARNESS_PATH = 'src/ui/stage/harness/index.html';

/**
 * Build the harness page into a folder of this call's own and serve it on 127.0.0.1
 * (serve-build.ts): the URL of the page, the folder, and `close` (stops the server, removes
 * the folder).
 */
export async function serveStageHarness(): Promise<{ url: string; outDir: string; close: () => Promise<void> }> {
  const served = await serveBuild({ root: ROOT, name: 'mqttlab-stage-harness', input: HARNESS_PATH });
  return { url: `${served.origin}${HARNESS_PATH}`, outDir: served.outDir, close: served.close };
}

const CLIENTS = 30;
const PACKETS = 100;
const MEASURE_MS = 4000;

/** Sweep the display time for MEASURE_MS and return the frame intervals (ms). */
const SWEEP = `(async () => {
  const measureMs = MEASURE_MS;
  const sim = window.__stageHarness.simulation;
  const from = sim.world.nowMs;
  // The packets left between 1.0 s and 1.3 s and fly for 2 s: sweep 1.5 s of their flight.
  const sweepMs = 1500;
  const inFlight = document.querySelectorAll('[data-packet]').length;
  const frames = [];
  await new Promise((resolve) => {
    let last = 0;
    let start = 0;
    const tick = (t) => {
      if (start === 0) start = t;
      else frames.push(t - last);
      last = t;
      sim.displayMs = from + (((t - start) / measureMs) * sweepMs) % sweepMs;
      if (t - start < measureMs) requestAnimationFrame(tick);
      else resolve();
    };
    requestAnimationFrame(tick);
  });
  return { frames, inFlight };
})()`;

export async function run(): Promise<void> {
  const { chromium } = await import('playwright-core');
  const served = await serveStageHarness();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    await page.goto(`${served.url}?world=crowd&clients=${CLIENTS}&packets=${PACKETS}`);
    await page.locator('[data-node="client-30"]').waitFor();
    // A string, not a function: tsx would wrap a function's inner closures in a `__name` helper
    // that does not exist in the page.
    const result = (await page.evaluate(SWEEP.replace('MEASURE_MS', String(MEASURE_MS)))) as { frames: number[]; inFlight: number };
    const sorted = [...result.frames].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? Infinity;
    const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? Infinity;
    report({
      name: `ui/stage/fps-${CLIENTS}-clients-${PACKETS}-packets`,
      unit: 'fps',
      ours: 1000 / median,
      target: 55,
      frames: result.frames.length,
      p95FrameMs: Math.round(p95 * 10) / 10,
      packetsOnStage: result.inFlight,
    });
  } finally {
    await browser.close();
    await served.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await run();
