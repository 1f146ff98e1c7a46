/**
 * A run cut short by its step limit: a goal that failed says that the run stopped, and when,
 * instead of a reason that only looks true on the part that ran ("no client published on x").
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/index.ts';

describe('a run stopped at its step limit', () => {
  it('says so in each failed goal, with the time it stopped and the end it did not reach (en, de)', () => {
    const text = ['client a', 'client b', 'at 0s a connect', 'at 0s b connect', 'at 100ms b subscribe -t x', 'at 10s a publish -t x -m late', 'expect b receives x', 'expect b connack 0'].join('\n');
    const run = runScenario(text, { maxSteps: 10 });
    expect(run.truncated).toBe(true);
    const [late, connack] = run.results;
    expect(connack!.pass).toBe(true);
    expect(late!.pass).toBe(false);
    const at = (run.world!.nowMs / 1000).toFixed(3);
    expect(late!.message).toBe(`b received nothing on x; it received no messages at all — but the run stopped at its step limit at ${at}s, before its end at ${(run.compiled!.endMs / 1000).toFixed(3)}s: what was due later never happened`);
    expect(late!.message).not.toContain('no client published');
    expect(late!.messageDe).toContain('aber der Lauf hielt bei');
    // The whole run: the message arrives, and nothing is said about a limit.
    expect(runScenario(text).results.map((r) => [r.pass, r.message.includes('step limit')])).toEqual([[true, false], [true, false]]);
  });
});
