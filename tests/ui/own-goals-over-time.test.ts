/**
 * The learner's own `expect` lines over time, in the goals list under the editor: each is judged
 * over the whole run and shown at the cursor as an exercise's goals are, with the same words in
 * English and German. A goal the run fails ("times 2" of three readings) reads "not met in this
 * run" wherever the cursor is, never "waiting" before the third reading; one met later reads
 * "will be met at"; "never" and "at-most" goals are judged at the end; the summary says "met by
 * now · whole run" apart while they differ. Evidence later than the cursor goes there on a click.
 * The run is real (the kernel, the language, the component), only the DOM is happy-dom's.
 */
import { fireEvent, render } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/index.ts';
import { simulationKernel } from '../../src/ui/default-scenario.ts';
import { setupI18n } from '../../src/ui/i18n/bundled.ts';
import ExpectationChecklist from '../../src/ui/scenario/ExpectationChecklist.svelte';
import { ScenarioDocument } from '../../src/ui/state/scenario.svelte.ts';
import { Simulation, provideSimulationKernel } from '../../src/ui/state/simulation.svelte.ts';
import { readingsScenario } from './exercise-fixture.ts';

const TEXT = readingsScenario(
  ['21.5', '21.6', '21.7'],
  [
    'expect dashboard receives plant/hall1/temp times 2',
    'expect dashboard receives plant/hall1/temp times 3',
    'expect dashboard never-receives plant/hall1/alarm',
    'expect dashboard receives plant/hall1/temp at-most 5',
  ],
);

const docs: ScenarioDocument[] = [];
beforeAll(() => provideSimulationKernel(simulationKernel));
afterEach(() => {
  for (const d of docs.splice(0)) d.dispose();
  setupI18n('en');
});

async function shown(lang: 'en' | 'de') {
  setupI18n(lang);
  const scenario = ScenarioDocument.open({ simulation: new Simulation(), storage: null, defaultText: TEXT });
  docs.push(scenario);
  await scenario.start();
  const { container } = render(ExpectationChecklist, { props: { scenario } });
  const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
  return {
    scenario,
    container,
    statuses: () => [...container.querySelectorAll<HTMLElement>('li.item')].map((li) => li.dataset.status),
    words: () => [...container.querySelectorAll('li.item .status-word')].map((w) => squash(w.textContent)),
    summary: () => squash(container.querySelector('header .summary')?.textContent),
    row: (i: number) => container.querySelectorAll<HTMLElement>('li.item')[i]!,
  };
}

/** The readings' arrivals at the dashboard, in order (the "times 3" goal's evidence in a headless run of the same text). */
const headless = runScenario(TEXT).results[1]!.evidence;
const arrivals = () => headless.map((e) => e.atMs).sort((a, b) => a - b);

describe('own goals over time', () => {
  it.each([
    ['en', 'not met in this run', 'will be met at', 'nothing contradicts it so far; judged at the end of the run', '0 of 4 met by now · whole run: 3', '1 of 4 met by now · whole run: 3', '3 of 4 met', 'met at'],
    ['de', 'in diesem Lauf nicht erreicht', 'wird um', 'bisher spricht nichts dagegen; entschieden am Ende des Laufs', '0 von 4 bis jetzt erreicht · ganzer Lauf: 3', '1 von 4 bis jetzt erreicht · ganzer Lauf: 3', '3 von 4 erreicht', 'erreicht um'],
  ] as const)('%s: a goal the run fails is not met anywhere; one met later says when; the summary says by now and whole run', async (_lang, failRun, willBeMet, atEnd, homeSummary, midSummary, endSummary, metAt) => {
    const { scenario, statuses, words, summary, row } = await shown(_lang);
    const [, second, third] = arrivals();
    expect(third).toBeGreaterThan(3000);

    // Home: nothing has arrived, yet "times 2" is already not met (three arrive in this run).
    scenario.simulation.reset();
    await Promise.resolve();
    expect(statuses()).toEqual(['fail', 'upcoming', 'upcoming', 'upcoming']);
    expect(words()[0]).toBe(failRun);
    expect(words()[1]).toMatch(new RegExp(`^${willBeMet} 3[.,]\\d{3} s`));
    expect(words()[2]).toMatch(new RegExp(`^${atEnd} \\(`));
    expect(words()[3]).toMatch(new RegExp(`^${atEnd} \\(`));
    expect(summary()).toBe(homeSummary);
    expect(Number(row(1).dataset.atMs)).toBe(third);

    // After the second reading, the count matches "times 2" by now: it stays not met in this run.
    scenario.simulation.seekTime(second! + 1);
    await Promise.resolve();
    expect(statuses()).toEqual(['fail', 'upcoming', 'upcoming', 'upcoming']);
    expect(words()[0]).toBe(failRun);

    // Past the third: "times 3" met by now, at its moment.
    scenario.simulation.seekTime(third! + 1);
    await Promise.resolve();
    expect(statuses()).toEqual(['fail', 'pass', 'upcoming', 'upcoming']);
    expect(words()[1]).toMatch(new RegExp(`^${metAt} 3[.,]\\d{3} s`));
    expect(summary()).toBe(midSummary);

    // At the end: by now and the whole run agree.
    scenario.simulation.seekTime(scenario.simulation.endMs);
    await Promise.resolve();
    expect(scenario.simulation.atEnd).toBe(true);
    expect(statuses()).toEqual(['fail', 'pass', 'pass', 'pass']);
    expect(summary()).toBe(endSummary);
  });

  it('evidence later than the cursor is shown, and a click on it goes there and selects it', async () => {
    const { scenario, row } = await shown('en');
    const [first, , third] = arrivals();
    scenario.simulation.seekTime(first! + 1);
    await Promise.resolve();
    const chips = [...row(1).querySelectorAll<HTMLButtonElement>('.evidence button')];
    expect(chips.map((c) => c.classList.contains('later'))).toEqual([false, true, true]);
    expect(chips[2]!.title).toBe('Later in the run: go to this step and select it');
    expect(row(1).dataset.status).toBe('upcoming');

    await fireEvent.click(chips[2]!);
    const evidence = headless.find((e) => e.atMs === third)!;
    expect(scenario.simulation.world!.nowMs).toBeGreaterThanOrEqual(third!);
    expect(scenario.simulation.selectedEntry?.seq).toBe(evidence.seq);
    expect(row(1).dataset.status).toBe('pass');
    expect(row(1).querySelector('.evidence button.later')).toBeNull();
  });
});
