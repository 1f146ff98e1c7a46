/**
 * Stage bench (`npm run bench -- ui-stage`): frame times of the topology in headless Chromium,
 * fps from the median frame, target 55:
 * - `ui/stage/fps-30-clients-100-packets`: 30 clients, each on the stage, 100 packets flying;
 * - `ui/stage/200-clients`, `ui/stage/1000-clients`: a fleet (sensors, dashboards, a gateway,
 *   an alarm; drawn by groups) with 100 packets flying, and `…-open`: the sensors' group open,
 *   every client a node of its own;
 * and the cost of one step at those sizes (`ui/stage/step-200-clients`, ms, median of 40 with the
 * p95, target 16): the simulation step plus the stage's and the sequence diagram's DOM update
 * and layout (paint not included).
 *
 * `npm run bench -- ui-stage 1000` measures only the fleets named (here 1,000 clients, without
 * the 30-client sweep): a quick run on a busy machine.
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
/** Fleet sizes (clients). */
const FLEETS = [200, 1000];
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
      sim.setDisplayMs(from + (((t - start) / measureMs) * sweepMs) % sweepMs);
      if (t - start < measureMs) requestAnimationFrame(tick);
      else resolve();
    };
    requestAnimationFrame(tick);
  });
  return { frames, inFlight };
})()`;

/**
 * One step, `STEPS` times: ms from the step until the DOM is updated and laid out (Svelte
 * flushes in a microtask; reading offsetHeight forces style and layout).
 */
const STEP_COST = `(async () => {
  const costs = [];
  for (let i = 0; i < STEPS; i++) {
    const t0 = performance.now();
    window.__stageHarness.step();
    await Promise.resolve();
    await Promise.resolve();
    void document.body.offsetHeight;
    costs.push(performance.now() - t0);
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  }
  return costs;
})()`;

type Page = import('playwright-core').Page;

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Infinity;

/** Sweep the packets' flight and report the frame rate as `name`. */
async function reportFps(page: Page, name: string, extra: Record<string, unknown>): Promise<void> {
  // A string, not a function: tsx would wrap a function's inner closures in a `__name` helper
  // that does not exist in the page.
  const result = (await page.evaluate(SWEEP.replace('MEASURE_MS', String(MEASURE_MS)))) as { frames: number[]; inFlight: number };
  const sorted = [...result.frames].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? Infinity;
  report({
    name,
    unit: 'fps',
    ours: 1000 / median(result.frames),
    target: 55,
    ...extra,
    frames: result.frames.length,
    p95FrameMs: Math.round(p95 * 10) / 10,
    packetsOnStage: result.inFlight,
    nodes: await page.locator('[data-node]').count(),
  });
}

async function reportStepCost(page: Page, name: string, extra: Record<string, unknown>): Promise<void> {
  const costs = (await page.evaluate(STEP_COST.replace('STEPS', '40'))) as number[];
  const p95 = [...costs].sort((a, b) => a - b)[Math.floor(costs.length * 0.95)] ?? Infinity;
  report({ name, unit: 'ms', ours: Math.round(median(costs) * 100) / 100, target: 16, ...extra, p95Ms: Math.round(p95 * 10) / 10, maxMs: Math.round(Math.max(...costs) * 10) / 10 });
}

/** `fleets`: only these sizes, and no 30-client sweep (default: everything). */
export async function run(fleets: readonly number[] = []): Promise<void> {
  const { chromium } = await import('playwright-core');
  const served = await serveStageHarness();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    if (fleets.length === 0) {
      await page.goto(`${served.url}?world=crowd&clients=${CLIENTS}&packets=${PACKETS}`);
      await page.locator('[data-node="client-30"]').waitFor();
      await reportFps(page, `ui/stage/fps-${CLIENTS}-clients-${PACKETS}-packets`, {});
    }
    for (const clients of fleets.length > 0 ? fleets : FLEETS) {
      await page.goto(`${served.url}?world=fleet&clients=${clients}&packets=${PACKETS}`);
      await page.locator('[data-node="group:sensor"]').waitFor({ timeout: 120_000 });
      await reportFps(page, `ui/stage/${clients}-clients`, { clients, packets: PACKETS });
      await page.locator('[data-group-toggle="sensor"]').first().click();
      await page.locator('[data-node="sensor-001"]').waitFor();
      await reportFps(page, `ui/stage/${clients}-clients-open`, { clients, packets: PACKETS });
      await reportStepCost(page, `ui/stage/step-${clients}-clients`, { clients, sensorsOpen: true });
    }
  } finally {
    await browser.close();
    await served.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await run();
