/**
 * The notice above the scenario text is kept as a key and parameters and translated when it is
 * shown: switching English/German after "Start exercise" rewords it, the exercise's title
 * included.
 */
import { fireEvent, render } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { locale } from 'svelte-i18n';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, simulationKernel } from '../../src/ui/default-scenario.ts';
import { setupI18n } from '../../src/ui/i18n/bundled.ts';
import ExerciseCard from '../../src/ui/lessons/ExerciseCard.svelte';
import ScenarioNotice from '../../src/ui/scenario/ScenarioNotice.svelte';
import { LessonsState } from '../../src/ui/state/lessons.svelte.ts';
import { ScenarioDocument } from '../../src/ui/state/scenario.svelte.ts';
import { Simulation, provideSimulationKernel } from '../../src/ui/state/simulation.svelte.ts';
import { firstExercise } from './exercise-fixture.ts';

const exercise = firstExercise({ start: '# start\nclient sensor\n', solution: '# solution\nclient sensor\n', goal: 'expect broker sent-will sensor\n' });

const docs: ScenarioDocument[] = [];
beforeAll(() => provideSimulationKernel(simulationKernel));
afterEach(() => {
  for (const d of docs.splice(0)) d.dispose();
  setupI18n('en');
});

describe('ScenarioNotice', () => {
  it('follows the language switch after an exercise was opened from the Lesson tab', async () => {
    setupI18n('de');
    const scenario = ScenarioDocument.open({ simulation: new Simulation(), storage: null, defaultText: DEFAULT_SCENARIO });
    docs.push(scenario);
    const card = render(ExerciseCard, { props: { exercise, lang: 'de', lessons: new LessonsState(null), scenario } });
    await fireEvent.click(card.getByRole('button', { name: 'Aufgabe starten' }));
    expect(scenario.text).toBe(exercise.start);

    const { getByRole } = render(ScenarioNotice, { props: { scenario, notice: scenario.notice! } });
    expect(getByRole('status').querySelector('p')?.textContent).toBe('Das Beispiel „Dein erster Messwert (Start)“ ist geöffnet.');
    locale.set('en');
    flushSync();
    expect(getByRole('status').querySelector('p')?.textContent).toBe('Opened the example “Your first reading (start)”.');
  });
});
