/**
 * `npm run scenario` on an exercise's files checks them as the app and `npm test` do
 * (src/lessons/check.ts): goal appended, the exercise's own end (a learner's `end` line does not
 * cut the run short), and the start's `# locked` lines kept. It ran them as plain scenarios
 * before, so a cheat that only changed a locked line passed there.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../node/cli.ts';

const ROOT = join(import.meta.dirname, '../..');
const LIMIT = 'lessons/11-keep-alive/exercises/2-broker-limit';
const SILENCE = 'lessons/11-keep-alive/exercises/1-notice-the-silence';
const tmp = mkdtempSync(join(tmpdir(), 'mqtt-lab-cli-exercise-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const cli = (...args: string[]) => runCli('src/node/scenario-cli.ts', args);

describe('npm run scenario on an exercise', { timeout: 60_000 }, () => {
  it('a solution in its exercise folder passes the goal, each result at its line in goal.mqtts', () => {
    const r = cli(`${LIMIT}/solution.mqtts`);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`checked as the exercise ${LIMIT}: its goal appended, its end, its locked lines`);
    expect(r.out).toContain(`PASS  ${LIMIT}/goal.mqtts:1  expect meter connack 0`);
    expect(r.out).toContain(`PASS  ${LIMIT}/goal.mqtts:2  expect billing receives energy/hall1/meter "1234.5 kWh" qos 1`);
    expect(r.out).toContain('2 passed, 0 failed');
    expect(cli(`${LIMIT}/start.mqtts`).code).toBe(1); // the start does not reach the goal
  });

  it('a cheat that changes a locked line reaches the goal and still fails, by that line (text, JSON with German)', () => {
    const r = cli(`${LIMIT}/cheat-raise-limit.mqtts`);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`PASS  ${LIMIT}/goal.mqtts:1`);
    expect(r.out).toContain(`FAIL  ${LIMIT}/start.mqtts:5  broker version=311 max-keepalive=60   # locked\n      Line 5 of the exercise must stay as it is: broker version=311 max-keepalive=60\n2 passed, 1 failed`);
    const json = cli(`${LIMIT}/cheat-raise-limit.mqtts`, '--json').out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(json.filter((l) => l.kind === 'expectation').map((l) => [l.file, l.line, l.pass])).toEqual([[`${LIMIT}/goal.mqtts`, 1, true], [`${LIMIT}/goal.mqtts`, 2, true]]);
    expect(json.at(-1)).toMatchObject({ kind: 'locked', file: `${LIMIT}/start.mqtts`, line: 5, pass: false, messageDe: 'Zeile 5 der Aufgabe muss so bleiben: broker version=311 max-keepalive=60' });
  });

  it('--exercise DIR: a learner file elsewhere runs to the exercise end, not to its own earlier end line', () => {
    const file = join(tmp, 'mine.mqtts');
    // The solution with the run cut at 6 s: the will (1.5 × 10 s after the last packet) would never come.
    writeFileSync(file, readFileSync(join(ROOT, SILENCE, 'solution.mqtts'), 'utf8').replace('at 40s    end', 'at 6s     end'));
    const checked = cli(file, '--exercise', SILENCE);
    expect(checked.code).toBe(0);
    expect(checked.out).toContain('3 passed, 0 failed');
    expect(checked.out).toContain('16.040s  control received PUBLISH q1 id=2 hall1/press3/status "offline"'); // the will, after 6 s
    const plain = cli(file, '--plain');
    expect(plain.code).toBe(0);
    expect(plain.out).not.toContain('checked as the exercise');
    expect(plain.out).toContain('0 passed, 0 failed');
    expect(plain.out).not.toMatch(/ (?:[7-9]|\d\d)\.\d{3}s /); // nothing after its own end at 6 s
  });

  it('--exercise on a folder that is not an exercise, or with --plain: exit 2 and why', () => {
    const r = cli(`${LIMIT}/solution.mqtts`, '--exercise', 'tests/scenario/fixtures');
    expect(r.code).toBe(2);
    expect(r.err).toContain('tests/scenario/fixtures: not an exercise folder (it needs start.mqtts and goal.mqtts)');
    expect(cli(`${LIMIT}/solution.mqtts`, '--exercise', LIMIT, '--plain').err).toContain('--plain and --exercise exclude each other');
  });
});
