/**
 * The state behind an exercise link (src/ui/teacher/linked.svelte.ts): a link opens its exercise
 * (the teacher's link the teacher's view), a bad one is refused with its reason and opens
 * nothing; the class table checks pasted codes, reads progress files (valid, made-up, not solved,
 * not a progress file) and is kept per exercise.
 */
import { describe, expect, it } from 'vitest';
import { completionCode } from '../../src/lessons/completion.ts';
import { exerciseDigest, exerciseUrl, type SharedExercise } from '../../src/lessons/exercise-link.ts';
import { emptyProgress, linkedExerciseKey, markSolved, recordCompletion, serializeProgress } from '../../src/lessons/progress.ts';
import { LinkedExercise, parseExerciseHash, teacherUrl } from '../../src/ui/teacher/linked.svelte.ts';

const X: SharedExercise = {
  title: { de: 'Der erste Messwert' },
  task: { de: 'Veröffentliche **21**.' },
  start: 'client sensor\nclient dash\nat 0s sensor connect\nat 0s dash connect\nat 0.5s dash subscribe -t halle/temp\n',
  goal: 'expect dash receives halle/temp "21" by 3s\n',
  hints: {},
  cheats: [],
};
const digest = exerciseDigest(X);

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k), clear: () => data.clear(), key: () => null, length: 0 } as Storage;
}

describe('an exercise link in the app', () => {
  it('opens the exercise, and the teacher link the teacher view', () => {
    const url = exerciseUrl('https://school.example/lab/', X);
    const linked = new LinkedExercise(null);
    expect(linked.openHash(`#${url.split('#')[1]}`)).toBe(true);
    expect(linked.exercise?.key).toBe(`x/${digest}`);
    expect(linked.exercise?.text.en.title).toBe('Der erste Messwert');
    expect(linked.teacher).toBe(false);
    expect(linked.openHash(`#${teacherUrl(url).split('#')[1]}`)).toBe(true);
    expect(linked.teacher).toBe(true);
    expect(parseExerciseHash('#s=abc')).toBeNull();
    expect(linked.openHash('#s=abc')).toBe(false);
    expect(linked.exercise).not.toBeNull(); // another kind of link changes nothing
  });

  it('refuses an edited or oversized link and drops the exercise that was open', () => {
    const linked = new LinkedExercise(null);
    const value = exerciseUrl('https://x/', X).split('#x=')[1]!;
    linked.openHash(`#x=${value}`);
    expect(linked.openHash(`#x=${value.slice(0, -3)}`)).toBe(false);
    expect(linked.exercise).toBeNull();
    expect(linked.refused?.problem).toMatch(/corrupt|not-base64/);
    linked.openHash(`#x=${'A'.repeat(300_000)}`);
    expect(linked.refused).toEqual({ problem: 'too-long', length: 300_000 });
  });

  it('checks pasted codes and progress files into one class table, kept per exercise', () => {
    const storage = memoryStorage();
    const linked = new LinkedExercise(storage);
    linked.openHash(`#x=${exerciseUrl('https://x/', X).split('#x=')[1]}`);
    const solved = `${X.start}at 1s sensor publish -t halle/temp -m 21\n`;
    const ada = completionCode(digest, 'Ada L.', solved);
    expect(linked.checkPasted(`Ada L.: ${ada}\nBen: ${ada}\n\n# a comment`, '2026-12-06T21:00:00.000Z')).toBe(2);
    expect(linked.rows.map((r) => [r.name, r.status])).toEqual([['Ada L.', 'valid'], ['Ben', 'invalid']]);

    const key = linkedExerciseKey(digest);
    const cem = recordCompletion(markSolved(emptyProgress(), key, '2026-12-06T20:00:00.000Z'), key, 'Cem', completionCode(digest, 'Cem', solved));
    const forged = recordCompletion(markSolved(emptyProgress(), key, ''), key, 'Dora', 'ABCDEF-1234');
    linked.importFiles([
      { name: 'cem.json', text: serializeProgress(cem) },
      { name: 'dora.json', text: serializeProgress(forged) },
      { name: 'empty.json', text: serializeProgress(emptyProgress()) },
      { name: 'photo.json', text: '\u0089PNG' },
    ]);
    expect(linked.rows.map((r) => [r.name, r.status, r.when])).toEqual([
      ['Ada L.', 'valid', '2026-12-06T21:00:00.000Z'],
      ['Ben', 'invalid', '2026-12-06T21:00:00.000Z'],
      ['Cem', 'valid', '2026-12-06T20:00:00.000Z'],
      ['Dora', 'invalid', ''],
      ['empty.json', 'unsolved', ''],
      ['photo.json', 'unreadable', ''],
    ]);
    expect(linked.rows.find((r) => r.name === 'Cem')?.sameAs).toEqual(['Ada L.']);

    const again = new LinkedExercise(storage);
    again.openHash(`#x=${exerciseUrl('https://x/', X).split('#x=')[1]}`);
    expect(again.rows.length).toBe(6);
    again.clearRows();
    const third = new LinkedExercise(storage);
    third.openHash(`#x=${exerciseUrl('https://x/', X).split('#x=')[1]}`);
    expect(third.rows).toEqual([]);
  });

  it("marks a valid code whose solution is the exercise's own solution text (Show solution, then Check)", () => {
    const withSolution: SharedExercise = { ...X, solution: `${X.start}at 1s sensor publish -t halle/temp -m 21\n` };
    const linked = new LinkedExercise(memoryStorage());
    expect(linked.openHash(`#${teacherUrl(exerciseUrl('https://school.example/', withSolution)).split('#')[1]}`)).toBe(true);
    const own = completionCode(linked.digest, 'Ada', withSolution.solution!);
    const mine = completionCode(linked.digest, 'Ben', `${withSolution.solution!}# mein Kommentar\n`);
    linked.checkPasted(`Ada: ${own}\nBen: ${mine}`, '2026-12-07T10:00:00Z');
    expect(linked.rows.map((r) => [r.name, r.status, r.shownSolution])).toEqual([
      ['Ada', 'valid', true],
      ['Ben', 'valid', false],
    ]);
  });
});
