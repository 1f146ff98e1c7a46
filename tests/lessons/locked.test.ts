/** Exercises own their locked start lines and the end of their run (issue #23.1, #14). */
import { describe, expect, it } from 'vitest';
import { checkExercise, lockedLines, lockProblems, type Exercise } from '../../src/lessons/index.ts';
import { runScenario } from '../../src/scenario/index.ts';
import { de } from '../../src/ui/i18n/de.ts';
import { en } from '../../src/ui/i18n/en.ts';

const START = `client a
client b
at 0s  a connect
at 3s  b connect            # locked
at 3.1s b subscribe -t x    # locked: the dashboard starts late
at 4s  a publish -t x -m 1
at 20s end
`;

const exercise = (start: string, goal: string): Exercise =>
  ({ id: '1-x', key: '00-x/1-x', lessonId: '00-x', index: 1, start, solution: start, goal, predict: [], cheats: [] }) as unknown as Exercise;

describe('locked lines', () => {
  it('finds the marked lines of a start, without the marker', () => {
    expect(lockedLines(START)).toEqual([
      { line: 4, text: 'at 3s b connect' },
      { line: 5, text: 'at 3.1s b subscribe -t x' },
    ]);
  });

  it('accepts them with other spacing or another comment, and reports a changed or deleted one in English and German', () => {
    expect(lockProblems(START, 'at 3s   b connect\nat 3.1s b subscribe -t x # mine')).toEqual([]);
    const problems = lockProblems(START, 'at 0s b connect\nat 3.1s b subscribe -t x');
    expect(problems.map((p) => [p.line, p.message, p.messageDe])).toEqual([[4, 'Line 4 of the exercise must stay as it is: at 3s b connect', 'Zeile 4 der Aufgabe muss so bleiben: at 3s b connect']]);
  });

  it('says a changed locked line in the words of the exercise card (lessons.lockedLine), capital first', () => {
    const [p] = lockProblems(START, 'at 0s b connect\nat 3.1s b subscribe -t x');
    const card = (template: string): string => template.replace('{line}', '4').replace('{text}', 'at 3s b connect');
    expect(p!.message).toBe(card(en.lessons.lockedLine));
    expect(p!.messageDe).toBe(card(de.lessons.lockedLine));
    expect([p!.message[0], p!.messageDe[0]]).toEqual(['L', 'Z']);
  });

  it('makes a check fail although every goal passes', () => {
    const x = exercise(START, 'expect b receives x "1"');
    expect(checkExercise(x, START).solved).toBe(true);
    const changed = checkExercise(x, START.replace('at 3s  b connect            # locked', 'at 2s b connect'));
    expect(changed.goalResults.every((r) => r.pass)).toBe(true);
    expect([changed.solved, changed.locked.length]).toEqual([false, 1]);
  });
});

describe("the exercise's end", () => {
  it('ignores a learner\'s end line: the start\'s end, else the settle time', () => {
    const x = exercise(START, 'expect b receives x "1"');
    expect(checkExercise(x, START.replace('at 20s end', 'at 4s end')).solved).toBe(true);
    const noEnd = exercise(START.replace('at 20s end\n', ''), 'expect b receives x "1"');
    expect(checkExercise(noEnd, START.replace('at 20s end', 'at 4s end')).solved).toBe(true);
    expect(runScenario(`${START.replace('at 20s end', 'at 4s end')}\nexpect b receives x "1"`).results[0]!.pass).toBe(false);
  });

  it('runScenario takes the end as an option', () => {
    expect(runScenario(START, { end: 5000 }).compiled?.endMs).toBe(5000);
    expect(runScenario(START, { end: 'settle' }).compiled?.endMs).toBe(4000 + 95_000);
  });
});
