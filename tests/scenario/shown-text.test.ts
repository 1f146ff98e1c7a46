/**
 * Goal results quote topics and payloads from the run, and the goal's own line. A bidi override
 * (U+202E) in a topic would make `x/\u202egnp.exe` read as `x/exe.png` in the goals list, and a
 * control character would drive a terminal: both are shown escaped, as the scenario language
 * writes them. Emoji (with their joiners) stay as they are.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/index.ts';

describe('goal texts with deceiving characters', () => {
  it('shows a bidi override and a control character escaped in the goal line and its result, en and de', () => {
    const text = [
      'client sensor',
      'client dash',
      'at 0s sensor connect',
      'at 0s dash connect',
      'at 100ms dash subscribe -t "#"',
      'at 1s sensor publish -t "x/\u202Egnp.exe" -m "\u202Ekcatta"',
      'at 1s sensor publish -t "fam" -m "👨‍👩‍👧"',
      'expect dash receives "x/\u202Egnp.exe"',
      'expect dash receives fam "👨‍👩‍👧" qos 1',
    ].join('\n');
    const run = runScenario(text);
    const [spoof, family] = run.results;
    expect(spoof!.expectation.text).toBe('expect dash receives "x/\\u{202e}gnp.exe"');
    expect(spoof!.message).toBe('dash received x/\\u{202e}gnp.exe "\\u{202e}kcatta" (QoS 0) at 1.040s');
    expect(spoof!.messageDe).toContain('x/\\u{202e}gnp.exe');
    for (const r of run.results) expect(`${r.expectation.text} ${r.message} ${r.messageDe}`).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(family!.message).toBe('dash received no matching message on fam (expected QoS 1); the closest was fam "👨‍👩‍👧" (QoS 0) at 1.040s');
  });
});
