/**
 * What a diagnostic says about odd input: a word of megabytes is quoted cut short (the range
 * still covers all of it), an empty word gets no "did you mean", and a keyword typed wrong after
 * an expectation's topic (read as the payload) gets a warning with the fix.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.ts';

const diagnostics = (text: string) => parseScenario(text).diagnostics;

describe('diagnostic texts for odd input', () => {
  it('cuts a huge word in the message, in both languages, but not its range', () => {
    const word = 'x'.repeat(2_000_000);
    const [d] = diagnostics(`client a\n${word}`);
    expect(d!.code).toBe('line.unknown');
    expect(d!.endColumn).toBe(word.length + 1);
    expect(d!.message.length).toBeLessThan(300);
    expect(d!.messageDe!.length).toBeLessThan(300);
    expect(d!.message).toContain('`' + 'x'.repeat(60) + '…`');
    const [level] = diagnostics(`client a\nat 0s a subscribe -t "a/${'b'.repeat(5000)}#"`).filter((x) => x.severity === 'error');
    expect(level!.message).toBe(`The multi-level wildcard \`#\` must stand alone in its level, but the level \`${'b'.repeat(60)}…\` mixes it with other characters.`);
  });

  it('offers no "did you mean" for an empty word', () => {
    const [line] = diagnostics('client a\n""');
    expect(line!.code).toBe('line.unknown');
    expect(line!.fix).toBeUndefined();
    const [client] = diagnostics('client a\nat 0s "" connect');
    expect(client!.code).toBe('client.undeclared');
    expect(client!.fix).toBeUndefined();
  });

  it('warns when a keyword typed wrong is read as the payload, with a fix to the keyword', () => {
    const found = diagnostics('client a\nclient b\nexpect a receives x timez 2\nexpect broker receives x frm b\nexpect a receives x bye\nexpect a receives x "timez" qos 1')
      .filter((d) => d.code === 'expect.payload-keyword')
      .map((d) => `${d.line}:${d.column}-${d.endColumn} ${d.fix?.text}`);
    expect(found).toEqual(['3:21-26 times', '4:26-29 from']);
    const d = diagnostics('client a\nexpect a receives x qso 1')[0]!;
    expect(d.message).toBe('`qso` is read as the payload: did you mean `qos`? (quote a payload that is such a word: "qso")');
    expect(d.messageDe).toBe('`qso` wird als Nutzdaten gelesen: meintest du `qos`? (Nutzdaten, die so ein Wort sind, in Anführungszeichen: "qso")');
  });
});
