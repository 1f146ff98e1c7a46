/**
 * History benchmark: step back at 10,000 steps of history (target ≤ 1 ms) and the memory each
 * step of history costs. Stepping back is picking the previous world, so it should cost next to
 * nothing; the memory figure shows what structural sharing saves.
 */
import { performance } from 'node:perf_hooks';
import { Timeline } from '../../sim/history.ts';
import { schedule, type World } from '../../sim/world.ts';
import { clientCommand, createMqttWorld } from '../../sim/mqtt-world.ts';
import { report } from './measure.ts';

function busyWorld(): World {
  const clients = Array.from({ length: 20 }, (_, i) => `c${i}`);
  let w = createMqttWorld({ seed: 2, broker: { sysIntervalSec: 0 }, clients });
  const payload = new TextEncoder().encode('42');
  clients.forEach((c, i) => {
    w = schedule(w, 0, clientCommand(c, { type: 'APP.CONNECT', options: { clientId: c, keepAliveSec: 30 } }));
    w = schedule(w, 100, clientCommand(c, { type: 'APP.SUBSCRIBE', subscriptions: [{ topicFilter: `room/${(i + 1) % 20}/#`, qos: 2 }] }));
    for (let t = 1; t <= 200; t++) w = schedule(w, t * 250 + i, clientCommand(c, { type: 'APP.PUBLISH', topic: `room/${i}/temp`, payload, qos: ((t % 3) as 0 | 1 | 2), retain: false }));
  });
  return w;
}

export function run(): void {
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t = new Timeline(busyWorld());
  const STEPS = 10_000;
  const t0 = performance.now();
  for (let i = 0; i < STEPS && t.forward(); i++);
  const forwardMs = performance.now() - t0;
  globalThis.gc?.();
  const heap1 = process.memoryUsage().heapUsed;
  const steps = t.position;
  // Step back across the whole history, one step at a time.
  const b0 = performance.now();
  while (t.back());
  const backMs = (performance.now() - b0) / steps;
  report({ name: 'history/step-back/10k', unit: 'ms', ours: backMs, target: 1, steps });
  report({ name: 'history/step-forward-compute/10k', unit: 'ms', ours: forwardMs / steps, steps });
  report({ name: 'history/memory-per-step/10k', unit: 'kB', ours: (heap1 - heap0) / steps / 1024, steps, gcExposed: typeof globalThis.gc === 'function' });
}
