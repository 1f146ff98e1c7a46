/**
 * `npm run lesson:check -- lessons/NN-slug --lang de`, spawned as an author runs it, on a copy of
 * lesson 12 with a predict check the simulation contradicts and a solution that misses a goal:
 * German says the verdicts, the per-exercise lines and the exercise runs' problems in German
 * (no `FAIL`, `passes`, `fails`); English prints what it always printed.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';

const ROOT = join(import.meta.dirname, '../..');
const LESSON = 'lessons/12-last-will';
const Y = `${LESSON}/exercises/1-retained-status`;
const X = `${LESSON}/exercises/2-planned-maintenance`;
let dir = '';

const cli = (...args: string[]) => runCli('src/node/lesson-check-cli.ts', args, { cwd: dir, timeoutMs: 90_000 });

describe('npm run lesson:check --lang de', { timeout: 90_000 }, () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lesson-check-de-'));
    cpSync(join(ROOT, 'lessons'), join(dir, 'lessons'), { recursive: true });
    const predictPath = join(dir, Y, 'predict.json');
    const predict = JSON.parse(readFileSync(predictPath, 'utf8')) as { check: string }[];
    predict[0]!.check = 'expect panel never-receives hall1/press3/status "offline"';
    writeFileSync(predictPath, JSON.stringify(predict));
    const solutionPath = join(dir, X, 'solution.mqtts');
    writeFileSync(solutionPath, readFileSync(solutionPath, 'utf8').split('\n').filter((l) => !/ -r\b/.test(l) || !/maintenance/.test(l)).join('\n'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('German: verdicts, exercise lines and the runs\' problems', () => {
    const r = cli(LESSON, '--lang', 'de');
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${Y}/predict\\.json: Frage 1: ihre Prüfung scheitert mit der Lösung, die Antwort ist also nicht, was die Simulation tut: NICHT ERFÜLLT expect panel never-receives hall1/press3/status "offline": `)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${X}/goal\\.mqtts:\\d+: scheitert mit solution\\.mqtts: `)));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}12-last-will\/2-planned-maintenance: Start: nicht erfüllt goal\.mqtts:\d+.*; Lösung: nicht erfüllt goal\.mqtts:\d+.*; \d+ Vorhersagefrage\(n\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}12-last-will\/1-retained-status: Start: nicht erfüllt .*; Lösung: alle \d+ Ziele erfüllt; 1 Vorhersagefrage\(n\)$/));
    expect(lines).toContain(`${LESSON}: 3 Problem(e)`);
    expect(r.out).not.toMatch(/\bFAIL\b|\bpasses\b|\bfails\b|problem\(s\)|question|its check/);
  });

  it('English: as before, FAIL and all', () => {
    const r = cli(LESSON);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${Y}/predict\\.json: question 1: its check fails on the solution, so the answer is not what the simulation does: FAIL expect panel never-receives`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${X}/goal\\.mqtts:\\d+: fails with solution\\.mqtts: `)));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}12-last-will\/1-retained-status: start fails .*; solution passes all \d+ goals; 1 predict question\(s\)$/));
    expect(lines).toContain(`${LESSON}: 3 problem(s)`);
  });

  it('--lang needs en or de: a usage error, exit 2', () => {
    const r = cli(LESSON, '--lang', 'fr');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--lang needs en or de');
  });
});

/**
 * The loader's, structure's and front matter's problems in German too (by id and values, not by
 * the English sentence): a copy of lesson 12 with a broken front matter, an exercise text without
 * its hints section and a goal line that is not an expect line; each names its file and line.
 */
describe('npm run lesson:check --lang de: a broken front matter, a missing section, a bad goal line', { timeout: 90_000 }, () => {
  let broken = '';
  const run = (...args: string[]): { code: number | null; out: string } => {
    const r = runCli('src/node/lesson-check-cli.ts', args, { cwd: broken, timeoutMs: 90_000 });
    return { code: r.code, out: r.out };
  };
  beforeAll(() => {
    broken = mkdtempSync(join(tmpdir(), 'lesson-check-de-broken-'));
    cpSync(join(ROOT, 'lessons'), join(broken, 'lessons'), { recursive: true });
    const en = join(broken, LESSON, 'lesson.en.md');
    writeFileSync(en, readFileSync(en, 'utf8').replace(/^level: .*$/m, '$&\ncolour blue\nauthor: me'));
    const de = join(broken, X, 'exercise.de.md');
    writeFileSync(de, readFileSync(de, 'utf8').replace(/## Tipps[\s\S]*/, ''));
    writeFileSync(join(broken, X, 'goal.mqtts'), `${readFileSync(join(broken, X, 'goal.mqtts'), 'utf8')}at 50s press publish -t x -m y\n`);
  });
  afterAll(() => rmSync(broken, { recursive: true, force: true }));

  it('German, each with FILE:LINE; English the sentences it always printed', () => {
    const lines = readFileSync(join(broken, LESSON, 'lesson.en.md'), 'utf8').split('\n');
    const colour = lines.indexOf('colour blue') + 1;
    const goalLine = readFileSync(join(broken, X, 'goal.mqtts'), 'utf8').split('\n').indexOf('at 50s press publish -t x -m y') + 1;
    const de = run(LESSON, '--lang', 'de');
    expect(de.code).toBe(1);
    const out = de.out.split('\n');
    expect(out).toContain(`${LESSON}/lesson.en.md:${colour}: keine \`Schlüssel: Wert\`-Zeile: colour blue`);
    expect(out).toContain(`${LESSON}/lesson.en.md:${colour + 1}: Front Matter: unbekannter Schlüssel \`author\``);
    expect(out).toContain(`${X}/exercise.de.md: kein Abschnitt \`## Hints\` (auf Deutsch: \`## Tipps\`)`);
    expect(out).toContain(`${X}: die Zahl der Tipps unterscheidet sich: en 2, de 0`);
    expect(out).toContain(`${X}/goal.mqtts:${goalLine}: hierher gehören nur expect-Zeilen, nicht \`at 50s press publish -t x -m y\``);
    expect(de.out).not.toMatch(/front matter:|unknown key|not a `key|no `## Hints` section|hint counts|only expect lines/);

    const en = run(LESSON).out.split('\n');
    expect(en).toContain(`${LESSON}/lesson.en.md:${colour}: not a \`key: value\` line: colour blue`);
    expect(en).toContain(`${LESSON}/lesson.en.md:${colour + 1}: front matter: unknown key \`author\``);
    expect(en).toContain(`${X}/exercise.de.md: no \`## Hints\` section (German: \`## Tipps\`)`);
    expect(en).toContain(`${X}: hint counts differ: en 2 vs de 0`);
    expect(en).toContain(`${X}/goal.mqtts:${goalLine}: only expect lines belong here, not \`at 50s press publish -t x -m y\``);
  });
});
