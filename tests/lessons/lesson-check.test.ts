/**
 * The author's lesson check (`npm run lesson:check -- lessons/NN-slug`): every problem names the
 * file it is in and its line, the way the author opens it.
 */
import { mkdtempSync, cpSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../node/cli.ts';
import { checkLessonFolder, formatProblem } from '../../src/lessons/index.ts';
import { LESSONS_DIR, readLessonFiles } from './helpers.ts';

const LESSON = '12-last-will';
const X = `/lessons/${LESSON}/exercises/2-planned-maintenance`;
const Y = `/lessons/${LESSON}/exercises/1-retained-status`;
const real = readLessonFiles();

/** The problems of lesson 12 after replacing some of its files, as `path:line: message`. */
function check(changes: Record<string, string>): string[] {
  return checkLessonFolder({ ...real, ...changes }, LESSON).problems.map((p) => formatProblem(p));
}

describe('checkLessonFolder', () => {
  it('finds nothing wrong with lesson 12 as it is', () => {
    expect(check({})).toEqual([]);
  });

  it('reports an error in goal.mqtts line 3 as goal.mqtts:3', () => {
    const goal = real[`${X}/goal.mqtts`]!.split('\n');
    goal[2] = 'expect control recieves hall1/press4/status "maintenance"';
    const problems = check({ [`${X}/goal.mqtts`]: goal.join('\n') });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.startsWith(`${LESSON}/exercises/2-planned-maintenance/goal.mqtts:3: `))).toBe(true);
  });

  it('reports an error in the start at its own line, with or without a last newline', () => {
    for (const end of ['', '\n']) {
      const start = real[`${X}/start.mqtts`]!.trimEnd().split('\n');
      start[1] = 'client control --nonsense';
      const problems = check({ [`${X}/start.mqtts`]: start.join('\n') + end });
      expect(problems.some((p) => p.startsWith(`${LESSON}/exercises/2-planned-maintenance/start.mqtts:2: `))).toBe(true);
      expect(problems.some((p) => p.includes('goal.mqtts'))).toBe(false);
    }
  });

  it('names the goal line a solution fails', () => {
    const solution = real[`${X}/solution.mqtts`]!.split('\n').filter((l) => !/ -r\b/.test(l) || !/maintenance/.test(l));
    const problems = check({ [`${X}/solution.mqtts`]: solution.join('\n') });
    expect(problems.some((p) => /^12-last-will\/exercises\/2-planned-maintenance\/goal\.mqtts:\d: fails with solution\.mqtts/.test(p))).toBe(true);
  });

  it('says a start that already reaches the goal', () => {
    expect(check({ [`${X}/start.mqtts`]: real[`${X}/solution.mqtts`]! })).toEqual([`${LESSON}/exercises/2-planned-maintenance/start.mqtts: already reaches the goal: the learner would have nothing to do (at least one expectation must fail)`]);
  });

  it('reports a syntax error in a predict check as such, not as a wrong answer', () => {
    const predict = JSON.parse(real[`${Y}/predict.json`]!) as { check: string }[];
    predict[0]!.check = 'expect panel recieves hall1/press3/status "offline"';
    const problems = check({ [`${Y}/predict.json`]: JSON.stringify(predict) });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^12-last-will\/exercises\/1-retained-status\/predict\.json: question 1: its check has errors \(check line 1, column \d+: /);
  });

  it('reports a predict answer the simulation contradicts', () => {
    const predict = JSON.parse(real[`${Y}/predict.json`]!) as { check: string }[];
    predict[0]!.check = 'expect panel never-receives hall1/press3/status "offline"';
    expect(check({ [`${Y}/predict.json`]: JSON.stringify(predict) })).toEqual([expect.stringMatching(/predict\.json: question 1: its check fails on the solution, so the answer is not what the simulation does/)]);
  });

  it('flags `## Hints` in a German exercise and `## Tipps` in an English one', () => {
    const de = real[`${X}/exercise.de.md`]!.replace('## Tipps', '## Hints');
    const en = real[`${X}/exercise.en.md`]!.replace('## Hints', '## Tipps');
    const problems = check({ [`${X}/exercise.de.md`]: de, [`${X}/exercise.en.md`]: en });
    expect(problems).toContainEqual(expect.stringMatching(/^12-last-will\/exercises\/2-planned-maintenance\/exercise\.de\.md:\d+: the hints heading in German is `## Tipps`, not `## Hints`$/));
    expect(problems).toContainEqual(expect.stringMatching(/^12-last-will\/exercises\/2-planned-maintenance\/exercise\.en\.md:\d+: the hints heading in English is `## Hints`, not `## Tipps`$/));
  });

  it('checks cheat files: a wrong answer that reaches the goal is a problem, one that fails is fine', () => {
    const cheatPath = `${X}/cheat-no-retain.mqtts`;
    expect(check({ [cheatPath]: real[`${X}/start.mqtts`]! })).toEqual([]);
    expect(check({ [cheatPath]: real[`${X}/solution.mqtts`]! })).toEqual([`${LESSON}/exercises/2-planned-maintenance/cheat-no-retain.mqtts: reaches the goal: the wrong answer it shows is accepted (close the loophole in goal.mqtts)`]);
  });

  it('asks for the exercise to be listed in the lesson and for realistic minutes', () => {
    const en = real[`/lessons/${LESSON}/lesson.en.md`]!;
    const unlisted = en.replace(/^2\. \[Planned maintenance\].*$/m, '2. Planned maintenance');
    // It names the `## Exercises` heading's line, where the link goes.
    const heading = unlisted.split('\n').indexOf('## Exercises') + 1;
    expect(heading).toBeGreaterThan(0);
    expect(check({ [`/lessons/${LESSON}/lesson.en.md`]: unlisted })).toContainEqual(expect.stringMatching(new RegExp(`^12-last-will/lesson\\.en\\.md:${heading}: exercise 2-planned-maintenance is not listed`)));
    const quick = (t: string): string => t.replace(/^minutes: \d+$/m, 'minutes: 5');
    const problems = check({ [`/lessons/${LESSON}/lesson.en.md`]: quick(en), [`/lessons/${LESSON}/lesson.de.md`]: quick(real[`/lessons/${LESSON}/lesson.de.md`]!) });
    // The problem names the `minutes:` line (7) of the front matter.
    expect(problems).toContain('12-last-will/lesson.en.md:7: `minutes: 5` is less than 5 per exercise (4 exercises): update it');
    // Enough for the exercises, not for the reading and the try-its as well.
    const twenty = (t: string): string => t.replace(/^minutes: \d+$/m, 'minutes: 20');
    const short = check({ [`/lessons/${LESSON}/lesson.en.md`]: twenty(en), [`/lessons/${LESSON}/lesson.de.md`]: twenty(real[`/lessons/${LESSON}/lesson.de.md`]!) });
    expect(short).toContainEqual(expect.stringMatching(/^12-last-will\/lesson\.en\.md:7: `minutes: 20` is less than a realistic 2\d \(\d+ words to read at 150 a minute, 1 try-it\(s\) at 3, 4 exercise\(s\) at 5\): update it$/));
  });

  it('says when there is no such lesson', () => {
    expect(checkLessonFolder(real, '99-nothing').problems.map((p) => formatProblem(p))).toEqual(['99-nothing: no such lesson (a folder NN-slug with lesson.en.md and lesson.de.md)']);
  });
});

describe('npm run lesson:check', () => {
  it('prints FILE:LINE from the repository root and exits 1 on a problem, 0 when sound', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lesson-check-'));
    try {
      cpSync(LESSONS_DIR, join(dir, 'lessons'), { recursive: true });
      const run = () => runCli('src/node/lesson-check-cli.ts', [`lessons/${LESSON}`], { cwd: dir });
      const ok = run();
      expect(ok.code).toBe(0);
      expect(ok.out).toContain(`lessons/${LESSON}: ok (4 exercise(s))`);
      const goal = join(dir, `lessons/${LESSON}/exercises/2-planned-maintenance/goal.mqtts`);
      writeFileSync(goal, 'expect broker no-will press\nexpect control receives hall1/press4/status "maintenance"\nexpect retaind hall1/press4/status "maintenance"\n');
      const bad = run();
      expect(bad.code).toBe(1);
      expect(bad.out).toMatch(/^lessons\/12-last-will\/exercises\/2-planned-maintenance\/goal\.mqtts:3: /m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
