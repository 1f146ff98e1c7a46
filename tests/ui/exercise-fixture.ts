/** A small exercise for the UI tests (lesson 1's first one, empty texts): `start`, `solution` and `goal` as each test needs them. */
import type { Exercise } from '../../src/lessons/lesson-model.ts';

const outline = { headings: [], links: [], blocks: [] };

export function firstExercise(texts: Pick<Exercise, 'start' | 'solution' | 'goal'>): Exercise {
  return {
    id: '1-first-message',
    key: '01-why-mqtt/1-first-message',
    lessonId: '01-why-mqtt',
    index: 1,
    cheats: [],
    text: { en: { title: 'Your first reading', task: '', hints: [], outline }, de: { title: 'Dein erster Messwert', task: '', hints: [], outline } },
    predict: [],
    ...texts,
  };
}

/** A sensor publishes `payloads` on plant/hall1/temp to a dashboard, one a second from 1 s on; then `goals`. */
export function readingsScenario(payloads: readonly string[], goals: readonly string[] = []): string {
  const head = ['broker', 'client sensor', 'client dashboard', 'at 0s    sensor connect', 'at 0s    dashboard connect', 'at 100ms dashboard subscribe -t plant/hall1/temp'];
  return [...head, ...payloads.map((p, i) => `at ${i + 1}s    sensor publish -t plant/hall1/temp -m ${p}`), ...goals].join('\n') + '\n';
}
