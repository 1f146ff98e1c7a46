/**
 * `npm run lesson:check -- lessons/NN-slug --lang de`, spawned as an author runs it, on a copy of
 * lesson 12 with a predict check the simulation contradicts and a solution that misses a goal:
 * German says the verdicts, the per-exercise lines and the exercise runs' problems in German
 * (no `FAIL`, `passes`, `fails`); English prints what it always printed.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const LESSON = 'lessons/12-last-will';
const Y = `${LESSON}/exercises/1-retained-status`;
const X = `${LESSON}/exercises/2-planned-maintenance`;
let dir = '';

function cli(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'src/node/lesson-check-cli.ts'), ...args], { cwd: dir, encoding: 'utf8', timeout: 90_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

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
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}12-last-will\/2-planned-maintenance: start: nicht erfüllt goal\.mqtts:\d+.*; solution: nicht erfüllt goal\.mqtts:\d+.*; \d+ Vorhersagefrage\(n\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}12-last-will\/1-retained-status: start: nicht erfüllt .*; solution: alle \d+ Ziele erfüllt; 1 Vorhersagefrage\(n\)$/));
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
