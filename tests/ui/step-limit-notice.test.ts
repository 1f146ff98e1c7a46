/**
 * A scenario whose run has more steps before its end than the UI computes ahead
 * (PRECOMPUTE_MAX_STEPS): the goals list says that the run reached its step limit, when, and the
 * end it did not reach, in English and German, until playing on reaches the end; an ordinary run
 * says nothing of it.
 */
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { simulationKernel } from '../../src/ui/default-scenario.ts';
import { setupI18n } from '../../src/ui/i18n/bundled.ts';
import ExpectationChecklist from '../../src/ui/scenario/ExpectationChecklist.svelte';
import { ScenarioDocument } from '../../src/ui/state/scenario.svelte.ts';
import { PRECOMPUTE_MAX_STEPS, Simulation, provideSimulationKernel } from '../../src/ui/state/simulation.svelte.ts';

beforeAll(() => provideSimulationKernel(simulationKernel));

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** 1,000 QoS 2 messages to five subscribers: about 25 steps each, more than the UI computes ahead. */
function busyScenario(): string {
  const subs = ['s1', 's2', 's3', 's4', 's5'];
  return [
    'client a',
    ...subs.map((s) => `client ${s}`),
    'at 0s a connect',
    ...subs.map((s) => `at 0s ${s} connect`),
    ...subs.map((s) => `at 100ms ${s} subscribe -t x -q 2`),
    ...Array.from({ length: 1000 }, () => 'at 1s a publish -t x -q 2 -m m'),
    'at 50s a publish -t x -m bye',
    'expect s1 receives x "bye"',
  ].join('\n');
}

async function run(text: string) {
  const simulation = new Simulation();
  const doc = ScenarioDocument.open({ simulation, storage: null, defaultText: text });
  cleanups.push(() => doc.dispose());
  await doc.languageLoaded;
  expect(doc.run()).toEqual({ ok: true });
  return doc;
}

function shown(doc: ScenarioDocument, lang: 'en' | 'de'): string {
  setupI18n(lang);
  const target = document.createElement('div');
  document.body.append(target);
  const component = mount(ExpectationChecklist, { target, props: { scenario: doc } });
  flushSync();
  cleanups.push(() => {
    unmount(component);
    target.remove();
  });
  return target.querySelector('.step-limit')?.textContent?.trim() ?? '';
}

/**
 * The run is the work itself: computing PRECOMPUTE_MAX_STEPS (20,000) steps ahead takes about
 * 1.2 s of CPU time, playing on to the end another 0.15 s (measured: the parse, the goals and the
 * checklist take a few ms). With two cores shared by several test runs that is more than
 * vitest's 5 s in wall-clock time, so this test has a wall-clock budget that fits the work.
 */
const BIG_RUN_TIMEOUT_MS = 60_000;

describe('a UI run cut short by its step limit', () => {
  it('says so beside the goals, with when it stopped and the end it did not reach, en and de', { timeout: BIG_RUN_TIMEOUT_MS }, async () => {
    const doc = await run(busyScenario());
    const limit = doc.stepLimit;
    expect(limit).not.toBeNull();
    expect(limit!.steps).toBe(PRECOMPUTE_MAX_STEPS);
    expect(limit!.atMs).toBeLessThan(limit!.endMs);
    const en = shown(doc, 'en');
    expect(en).toMatch(/^The run reached its step limit \(20,000 steps\) at .+, before its end at .+: it was computed ahead only up to there\. Goals waiting for later events stay open/);
    const de = shown(doc, 'de');
    expect(de).toMatch(/^Der Lauf erreichte bei .+ seine Schrittgrenze \(20\.000 Schritte\), vor seinem Ende bei .+: Nur bis dahin/);
    // Playing on computes the rest: at the end, the notice is gone and the late message arrived.
    doc.simulation.seekTime(doc.simulation.endMs);
    expect(doc.simulation.atEnd).toBe(true);
    expect(doc.stepLimit).toBeNull();
    expect(doc.expectations.map((v) => [v.status, v.result.message])).toEqual([['pass', 's1 received x "bye" (QoS 0) at 50.040s']]);
  });

  it('says nothing of a limit for a run that reaches its end', async () => {
    const doc = await run(['client a', 'at 0s a connect', 'at 1s a publish -t x -m hi', 'expect a connack 0'].join('\n'));
    expect(doc.stepLimit).toBeNull();
    expect(shown(doc, 'en')).toBe('');
  });
});
