/**
 * The exercise bar beside the editor: it shows the active exercise with its goals reached, checks
 * the editor's text with the button or Alt+Enter (from anywhere), shows the verdict, and shares
 * its result with the Lesson tab and the goals list under the editor through LessonsState. Also
 * the interactive wire-cost figure: its controls recompute the bytes and the crossover.
 */
import { fireEvent, render } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkExercise, type ExerciseCheck } from '../../src/lessons/check.ts';
import { goalCount, type Exercise } from '../../src/lessons/lesson-model.ts';
import { simulationKernel } from '../../src/ui/default-scenario.ts';
import { setupI18n } from '../../src/ui/i18n/bundled.ts';
import ExerciseBar from '../../src/ui/lessons/ExerciseBar.svelte';
import WireCostExplorer from '../../src/ui/lessons/WireCostExplorer.svelte';
import ExpectationChecklist from '../../src/ui/scenario/ExpectationChecklist.svelte';
import { LessonsState, type LessonRuntime } from '../../src/ui/state/lessons.svelte.ts';
import { ScenarioDocument } from '../../src/ui/state/scenario.svelte.ts';
import { Simulation, provideSimulationKernel } from '../../src/ui/state/simulation.svelte.ts';
import { firstExercise, readingsScenario } from './exercise-fixture.ts';

setupI18n('en');

const exercise = firstExercise({ start: 'broker', solution: 'broker', goal: '# the goal\nexpect dashboard receives a "1"\n  expect logger receives a "1"\n' });

const goal = (pass: boolean, message: string) => ({ pass, message, messageDe: `${message} (de)`, evidence: [], expectation: { kind: 'receives' } }) as unknown as ExerciseCheck['goalResults'][number];

function stateWith(check: (text: string) => ExerciseCheck): LessonsState {
  const state = new LessonsState(null);
  state.runtime = { catalogue: { lessons: [], glossary: [], problems: [] }, checkExercise: (_x: Exercise, text: string) => check(text), runPredictCheck: vi.fn() } as unknown as LessonRuntime;
  return state;
}

const run = (goals: ExerciseCheck['goalResults']): ExerciseCheck => ({ solved: goals.every((g) => g.pass), ran: true, diagnostics: [], goalResults: goals, ownResults: [], truncated: false, locked: [] });

describe('ExerciseBar', () => {
  it('counts the goal lines of an exercise', () => {
    expect(goalCount(exercise)).toBe(2);
  });

  it('is empty until an exercise starts, then checks the editor text and shows goals reached', async () => {
    const texts: string[] = [];
    const lessons = stateWith((text) => {
      texts.push(text);
      return text.includes('fixed') ? run([goal(true, 'ok'), goal(true, 'ok')]) : run([goal(true, 'ok'), goal(false, 'logger received nothing')]);
    });
    // A stand-in document: its simulation has nothing loaded, so landing on the evidence is a no-op.
    const scenario = { text: 'broker', ranText: null, run: vi.fn(), simulation: new Simulation() } as unknown as ScenarioDocument;
    const onshowlesson = vi.fn();
    const { container, getByRole, getByText, queryByRole } = render(ExerciseBar, { props: { lessons, scenario, onshowlesson } });
    expect(queryByRole('button', { name: 'Check' })).toBeNull();

    lessons.startExercise(exercise);
    await Promise.resolve();
    await getByText('Your first reading');
    expect(getByText('2 goals')).toBeTruthy();

    await fireEvent.click(getByRole('button', { name: 'Check' }));
    expect(texts).toEqual(['broker']);
    expect(getByText('1/2 goals')).toBeTruthy();
    expect(getByRole('status').textContent).toContain('logger received nothing');
    expect(lessons.isSolved(exercise)).toBe(false);

    // Alt+Enter from anywhere checks again; the Lesson tab sees the same result
    scenario.text = 'broker fixed';
    await fireEvent.keyDown(window, { key: 'Enter', altKey: true });
    expect(texts).toEqual(['broker', 'broker fixed']);
    expect(getByText('2/2 goals')).toBeTruthy();
    expect(getByRole('status').textContent).toContain('Solved! Every goal is reached.');
    expect(lessons.isSolved(exercise)).toBe(true);
    expect(lessons.result(exercise)?.solved).toBe(true);

    // Ctrl+Enter (run) and Alt+Shift+Enter are not ours
    await fireEvent.keyDown(window, { key: 'Enter', ctrlKey: true });
    await fireEvent.keyDown(window, { key: 'Enter', altKey: true, shiftKey: true });
    expect(texts).toHaveLength(2);

    await fireEvent.click(getByRole('button', { name: 'Back to the lesson' }));
    expect(onshowlesson).toHaveBeenCalledOnce();
    await fireEvent.click(getByRole('button', { name: 'Close the exercise bar' }));
    expect(lessons.active).toBeNull();
    expect(container.querySelector('.exercise-bar')).toBeNull();
  });

  it('starting an exercise again forgets its last check', () => {
    const lessons = stateWith(() => run([goal(true, 'ok')]));
    lessons.startExercise(exercise);
    lessons.check(exercise, 'x');
    expect(lessons.result(exercise)).not.toBeNull();
    lessons.startExercise(exercise);
    expect(lessons.result(exercise)).toBeNull();
  });
});

describe('the goals list under the editor while an exercise is active', () => {
  const docs: ScenarioDocument[] = [];
  beforeAll(() => provideSimulationKernel(simulationKernel));
  afterEach(() => {
    for (const d of docs.splice(0)) d.dispose();
  });

  it('lists the exercise’s goals with the results the bar counts, then the learner’s own', async () => {
    const lessons = stateWith(() => run([goal(true, 'dashboard received it'), goal(false, 'logger received nothing')]));
    const scenario = ScenarioDocument.open({ simulation: new Simulation(), storage: null, defaultText: 'broker\nclient sensor\n' });
    docs.push(scenario);
    await scenario.start();
    const bar = render(ExerciseBar, { props: { lessons, scenario, onshowlesson: vi.fn() } });
    const { container, getByText, queryByText } = render(ExpectationChecklist, { props: { scenario, lessons } });
    const rows = () => [...container.querySelectorAll<HTMLElement>('li.item')].map((li) => [li.dataset.status, li.querySelector('code')?.textContent]);
    expect(getByText(/^No goals yet/)).toBeTruthy();

    lessons.startExercise(exercise);
    await Promise.resolve();
    expect(bar.getByText('2 goals')).toBeTruthy();
    expect(queryByText(/^No goals yet/)).toBeNull();
    expect(getByText(/The goals of the exercise “Your first reading”\. Check \(Alt\+Enter\) shows which of them your scenario reaches\./)).toBeTruthy();
    expect(rows()).toEqual([
      ['pending', 'expect dashboard receives a "1"'],
      ['pending', 'expect logger receives a "1"'],
    ]);

    await fireEvent.click(bar.getByRole('button', { name: 'Check' }));
    expect(bar.getByText('1/2 goals')).toBeTruthy();
    expect(getByText('1 of 2 met')).toBeTruthy();
    expect(rows().map(([status]) => status)).toEqual(['pass', 'fail']);
    expect(container.querySelector('[data-status="fail"] .message')?.textContent).toContain('not met in this run — logger received nothing');

    // The learner's own expect lines follow, checked on the run as before.
    scenario.edit('broker\nclient sensor\nexpect sensor connack 0x00\n');
    scenario.run();
    await Promise.resolve();
    expect(getByText('Your own goals')).toBeTruthy();
    expect(rows().map(([, text]) => text)).toEqual(['expect dashboard receives a "1"', 'expect logger receives a "1"', 'expect sensor connack 0x00']);

    lessons.stopExercise();
    await Promise.resolve();
    expect(queryByText('Your own goals')).toBeNull();
    expect(rows().map(([, text]) => text)).toEqual(['expect sensor connack 0x00']);
  });
});

describe('the exercise bar over time', () => {
  const docs: ScenarioDocument[] = [];
  beforeAll(() => provideSimulationKernel(simulationKernel));
  afterEach(() => {
    for (const d of docs.splice(0)) d.dispose();
    setupI18n('en');
  });

  const TEXT = readingsScenario(['21.5', '21.6']);
  const counted = firstExercise({ start: TEXT, solution: TEXT, goal: 'expect dashboard receives plant/hall1/temp times 2\n' });

  it.each([
    ['en', '0/1 met by now', 'whole run: 1/1', '1/1 goals', 'Solved! Every goal is reached.'],
    ['de', '0/1 bis jetzt erreicht', 'ganzer Lauf: 1/1', '1/1 Ziele', 'Gelöst! Alle Ziele sind erreicht.'],
  ] as const)('%s: after a Check the count follows the cursor as the goals list does; the verdict stays the whole run’s', async (lang, byNow, wholeRun, all, solved) => {
    setupI18n(lang);
    const lessons = stateWith((text) => checkExercise(counted, text));
    const scenario = ScenarioDocument.open({ simulation: new Simulation(), storage: null, defaultText: TEXT });
    docs.push(scenario);
    await scenario.start();
    const bar = render(ExerciseBar, { props: { lessons, scenario, onshowlesson: vi.fn() } });
    const list = render(ExpectationChecklist, { props: { scenario, lessons } });
    const heading = () => bar.container.querySelector('.heading .goals')?.textContent?.replace(/\s+/g, ' ').trim();
    const listed = () => list.container.querySelector('[data-goal="1"]')?.getAttribute('data-status');
    lessons.startExercise(counted);
    await Promise.resolve();
    await fireEvent.click(bar.getByRole('button', { name: lang === 'de' ? 'Prüfen' : 'Check' }));
    expect(lessons.result(counted)?.solved).toBe(true);

    // The check lands where the goal was met: met by now, as before.
    expect(listed()).toBe('pass');
    expect(heading()).toBe(`✓ ${all}`);
    const metAtMs = Number(list.container.querySelector('[data-goal="1"]')?.getAttribute('data-at-ms'));
    expect(metAtMs).toBeGreaterThanOrEqual(2000); // the second reading: the goal counts two

    // Home: not met by now, and the whole run's verdict beside it.
    scenario.simulation.reset();
    await Promise.resolve();
    expect(listed()).toBe('upcoming');
    expect(heading()).toBe(`${byNow} · ${wholeRun} ✓`);
    expect(bar.container.querySelector('.goals .run.all')).not.toBeNull();
    expect(bar.getByRole('status').textContent).toContain(solved);

    // After the first reading, still not: the goal counts two.
    scenario.simulation.seekTime(1500);
    await Promise.resolve();
    expect(listed()).toBe('upcoming');
    expect(heading()).toBe(`${byNow} · ${wholeRun} ✓`);

    // Past the second reading: met by now, the count as before.
    scenario.simulation.seekTime(metAtMs + 1);
    await Promise.resolve();
    expect(listed()).toBe('pass');
    expect(heading()).toBe(`✓ ${all}`);
  });
});

describe('WireCostExplorer', () => {
  const cell = (container: HTMLElement, row: string) => container.querySelector(`[data-row="${row}"] td.num`)?.textContent;

  it('starts at one reading (QoS 1: 31 bytes against 283) and recomputes when the controls change', async () => {
    const { container, getByLabelText, getByRole } = render(WireCostExplorer);
    expect(cell(container, 'mqtt')).toBe('31');
    expect(cell(container, 'http')).toBe('283');
    await fireEvent.click(getByLabelText('2'));
    expect(cell(container, 'mqtt')).toBe('39');
    await fireEvent.input(getByLabelText('Topic'), { target: { value: 't' } });
    // PUBLISH 1 + 1 + (2 + 1) + 2 + 4 = 11, three acks of 4 each; HTTP's path shrinks by 16 too
    expect(cell(container, 'mqtt')).toBe('23');
    expect(cell(container, 'http')).toBe('267');
    expect(getByRole('status').textContent).toContain('MQTT needs 244 bytes less');
  });

  it('shows where HTTP with gzip starts to win and goes there on request', async () => {
    const { container, getByRole } = render(WireCostExplorer);
    const crossover = Number(container.querySelector('.crossover')?.getAttribute('data-crossover'));
    expect(crossover).toBeGreaterThan(100);
    await fireEvent.click(getByRole('button', { name: 'Go there' }));
    expect(getByRole('checkbox', { name: 'HTTP body compressed with gzip' })).toHaveProperty('checked', true);
    expect((getByRole('spinbutton') as HTMLInputElement).value).toBe(String(crossover));
    expect(container.querySelector('.verdict')?.getAttribute('data-winner')).toBe('http');
  });
});
