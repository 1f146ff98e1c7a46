/**
 * Exercise links (a teacher's exercise in the URL fragment) and completion codes: a link
 * round-trips; a tampered, oversized or malformed link is refused with the reason and the field;
 * a code is checked against the learner's name, and equal solutions are shown as equal.
 */
import { deflateSync, inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkCodes, completionCode } from '../../src/lessons/completion.ts';
import { decodeExercise, encodeExercise, exerciseDigest, exerciseUrl, type SharedExercise } from '../../src/lessons/exercise-link.ts';
import { fromBase64Url, packText, toBase64Url } from '../../src/scenario/link-codec.ts';

const EXERCISE: SharedExercise = {
  title: { en: 'The late dashboard', de: 'Das späte Dashboard' },
  task: { en: 'Make the dashboard get the value although it starts at 3 s.', de: 'Sorge dafür, dass das Dashboard den Wert bekommt, obwohl es erst bei 3 s startet.' },
  start: 'client sensor\nclient dash\nat 0s sensor connect\nat 1s sensor publish -t hall/temp -m 21\nat 3s dash connect   # locked\nat 3.1s dash subscribe -t hall/temp\n',
  goal: 'expect dash receives hall/temp "21" by 4s\n',
  solution: 'client sensor\nclient dash\nat 0s sensor connect\nat 1s sensor publish -t hall/temp -m 21 -r\nat 3s dash connect   # locked\nat 3.1s dash subscribe -t hall/temp\n',
  hints: { en: ['What does the broker keep for a topic?'], de: ['Was hebt der Broker für ein Topic auf?'] },
  cheats: ['client sensor\nclient dash\nat 0s dash connect\nat 0.1s dash subscribe -t hall/temp\nat 0s sensor connect\nat 1s sensor publish -t hall/temp -m 21\n'],
};

describe('exercise links', () => {
  it('carry an exercise in the fragment and back, with a digest that names it', () => {
    const url = exerciseUrl('https://school.example/mqtt-lab/#old', EXERCISE);
    expect(url.startsWith('https://school.example/mqtt-lab/#x=')).toBe(true);
    const decoded = decodeExercise(url.split('#x=')[1]!);
    expect(decoded).toEqual({ ok: true, exercise: EXERCISE, digest: exerciseDigest(EXERCISE) });
    expect(exerciseDigest(EXERCISE)).toMatch(/^[0-9A-Z]{16}$/);
    expect(exerciseDigest({ ...EXERCISE, goal: 'expect dash receives hall/temp "22" by 4s\n' })).not.toBe(exerciseDigest(EXERCISE));
  });

  it('refuses a link that was edited by hand: the digest no longer matches', () => {
    const value = encodeExercise(EXERCISE);
    const json = JSON.parse(new TextDecoder().decode(inflate(value))) as { exercise: SharedExercise };
    json.exercise.goal = 'expect dash receives hall/temp by 60s\n'; // an easier goal
    expect(decodeExercise(packText(JSON.stringify(json)))).toEqual({ ok: false, problem: 'tampered' });
  });

  it('refuses oversized, corrupt and malformed links and says which field is wrong', () => {
    expect(decodeExercise('')).toEqual({ ok: false, problem: 'empty' });
    expect(decodeExercise('a'.repeat(300_000))).toEqual({ ok: false, problem: 'too-long' });
    expect(decodeExercise('not base64!')).toEqual({ ok: false, problem: 'not-base64' });
    // A "zip bomb": 10 MB of spaces deflate to a few kB, and are refused after 200 kB.
    expect(decodeExercise(toBase64Url(deflateSync(new Uint8Array(10_000_000).fill(32))))).toEqual({ ok: false, problem: 'too-large' });
    expect(decodeExercise(packText('{"v":1,'))).toEqual({ ok: false, problem: 'not-json' });
    expect(decodeExercise(packText('{"v":2}'))).toEqual({ ok: false, problem: 'bad-version' });
    const bad = (exercise: unknown) => decodeExercise(packText(JSON.stringify({ v: 1, digest: 'x', exercise })));
    expect(bad({ ...EXERCISE, title: {} })).toEqual({ ok: false, problem: 'bad-field', field: 'title' });
    expect(bad({ ...EXERCISE, start: 42 })).toEqual({ ok: false, problem: 'bad-field', field: 'start' });
    expect(bad({ ...EXERCISE, goal: 'at 1s sensor publish -t a -m b' })).toEqual({ ok: false, problem: 'bad-field', field: 'goal' });
    expect(bad({ ...EXERCISE, hints: { de: [1] } })).toEqual({ ok: false, problem: 'bad-field', field: 'hints.de' });
    expect(bad({ ...EXERCISE, cheats: Array(21).fill('x') })).toEqual({ ok: false, problem: 'bad-field', field: 'cheats' });
    expect(bad({ ...EXERCISE, task: { en: '<script>alert(1)</script>\0' } })).toEqual({ ok: false, problem: 'bad-field', field: 'task' });
  });
});

describe('completion codes', () => {
  const digest = exerciseDigest(EXERCISE);

  it('are checked against the name, ignoring case and spaces, and fail for another name or exercise', () => {
    const code = completionCode(digest, 'Anna K.', EXERCISE.solution!);
    expect(code).toMatch(/^[0-9A-Z]{6}-[0-9A-Z]{4}$/);
    const rows = checkCodes(digest, `# class 10b\nanna  k. : ${code.toLowerCase()}\nBen: ${code}\n\nCara\t${completionCode(exerciseDigest({ ...EXERCISE, goal: 'expect x' }), 'Cara', 'x')}\n`);
    expect(rows.map((r) => [r.name, r.valid])).toEqual([
      ['anna  k.', true],
      ['Ben', false],
      ['Cara', false],
    ]);
  });

  it('show which learners handed in the same solution text', () => {
    const same = EXERCISE.solution!;
    const other = same.replace('-r', '-r -q 1');
    const rows = checkCodes(digest, [`Anna: ${completionCode(digest, 'Anna', same)}`, `Ben: ${completionCode(digest, 'Ben', `${same}\n\n`)}`, `Cara: ${completionCode(digest, 'Cara', other)}`].join('\n'));
    expect(rows.map((r) => [r.name, r.valid, r.sameSolutionAs])).toEqual([
      ['Anna', true, ['Ben']],
      ['Ben', true, ['Anna']],
      ['Cara', true, []],
    ]);
  });
});

function inflate(value: string): Uint8Array {
  return inflateSync(fromBase64Url(value)!);
}
