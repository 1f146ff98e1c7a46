/**
 * Goals that can never pass are said so at their place before anything runs, instead of a FAIL
 * after the run that only reports "received nothing": an empty time window, contradictory
 * counts, a window that opens after the run's `end`. And a file saved with a byte order mark
 * (Windows editors) reads like the same file without it.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario } from '../../src/scenario/index.ts';

const PRELUDE = 'client a\nclient b\nat 0s a connect\nat 0s b connect\nat 100ms b subscribe -t x\nat 1s a publish -t x -m hi\n';
const found = (text: string): string[] => parseScenario(PRELUDE + text).diagnostics.map((d) => `${d.severity} ${d.code} ${d.line - 6}:${d.column}-${d.endColumn}`);

describe('goals that can never pass', () => {
  it('`after` later than `by` is an error at the second of the two times, for messages and for wills alike', () => {
    expect(found('expect b receives x after 10s by 5s')).toEqual(['error expect.window-empty 1:34-36']);
    expect(found('expect b receives x by 5s after 10s')).toEqual(['error expect.window-empty 1:33-36']);
    expect(found('expect broker sent-will a after 2min by 1s')).toEqual(['error expect.window-empty 1:41-43']);
    const d = parseScenario(PRELUDE + 'expect b receives x after 10s by 5s').diagnostics[0]!;
    expect(d.message).toBe('Nothing can happen after 10s and by 5s: the window ends before it starts, so this goal could never pass. Are the times swapped?');
    expect(d.messageDe).toContain('Zeitfenster endet, bevor es beginnt');
    // The same instant is a window: the message at 1.04 s falls into it.
    const same = runScenario(PRELUDE + 'expect b receives x after 1040ms by 1040ms');
    expect(same.diagnostics).toEqual([]);
    expect(same.results.map((r) => r.pass)).toEqual([true]);
  });

  it('`at-least` above `at-most` is an error at the second count, in either order', () => {
    expect(found('expect b receives x at-least 5 at-most 2')).toEqual(['error expect.count-empty 1:40-41']);
    expect(found('expect b receives x at-most 2 at-least 5')).toEqual(['error expect.count-empty 1:40-41']);
    expect(found('expect b receives x at-least 2 at-most 2')).toEqual([]);
    expect(runScenario(PRELUDE + 'expect b receives x at-least 5 at-most 2').ran).toBe(false);
  });

  it('a goal whose window opens after the run\'s end is a warning that says when the run ends; a second `end` is never reached', () => {
    expect(found('at 10s end\nexpect b receives x after 15s')).toEqual(['warning expect.after-end 2:1-30']);
    const d = parseScenario(PRELUDE + 'at 10s end\nexpect b receives x after 15s').diagnostics[0]!;
    expect(d.message).toBe("The run ends at 10s (`at 10s end`), before this goal's window opens after 15s: it could never pass.");
    expect(found('at 2s end\nat 20s end')).toEqual(['warning end.repeated 2:1-11']);
    // The first `end` stops the run: the message published at 3 s is not there.
    const run = runScenario(PRELUDE + 'at 2s end\nat 3s a publish -t x -m late\nat 20s end\nexpect b receives x "late"');
    expect(run.results.map((r) => r.pass)).toEqual([false]);
    expect(run.trace.every((e) => e.atMs <= 2000)).toBe(true);
  });
});

describe('a byte order mark', () => {
  it('before the first word is not part of it', () => {
    const run = runScenario('\uFEFF' + PRELUDE + 'expect b receives x "hi"');
    expect(run.diagnostics).toEqual([]);
    expect(run.results.map((r) => r.pass)).toEqual([true]);
  });
});
