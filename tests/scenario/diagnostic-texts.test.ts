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
    expect(d.message).toBe('`qso` is read as the payload. Did you mean `qos`? Quote a payload that is such a word: "qso".');
    expect(d.messageDe).toBe('`qso` wird als Nutzdaten gelesen. Meintest du `qos`? Setz Nutzdaten, die so ein Wort sind, in Anführungszeichen: "qso".');
  });
});

/**
 * One style for every diagnostic, in both languages, wherever it is shown (the editor's marker,
 * `FILE:LINE:COL: message` in the CLI, "Line 3, column 5: message" in a lesson): complete
 * sentences that start with a capital (or with a quoted word, `x`) and end with a full stop or a
 * question mark; "did you mean" is a question of its own.
 */
describe('diagnostics read as sentences', () => {
  const SENTENCE = /^(\p{Lu}|`|\d)[^]*[.?]$/u;
  const BROKEN = [
    'broker persistance=on', 'broker colour=red', 'broker version=7', 'seed x', 'seed', 'user alice', 'user a:b pw', 'acl topc x', 'acl what',
    'client a', 'client a', 'client 9x', 'at', 'at 1s', 'at 5', 'at 1,5s a connect', 'at 5s a connect\nat 2s a connect', 'at 99999h a connect',
    'robot connect', 'sensr connect', 'frobnicate everything', 'expcet a receives x', 'a', 'a publsh -t x -m y', 'a explode',
    'a publish -t x -m y --qso 1', 'a publish -t x -m y --frobnicate', 'a publish -t x -m', 'a publish -t x', 'a publish -m x', 'a publish -t x -m y -q 3',
    'a publish -t x -m y -n', 'a publish -t x -m y -r -r', 'a publish -t x -m y extra', 'a connect -V 3', 'a connect -V 9', 'a connect -P pw -V 311',
    'a connect -P x --password-hex 00', 'a connect -k 99999999', 'a connect --will-payload x', 'a connect -D connect frob 5', 'a connect -D connect sesion-expiry-interval 5',
    'a connect -D frob x y', 'a connect -D publish message-expiry-interval 5', 'a subscribe -t a/#/b', 'a subscribe -t $share/g/x --nl', 'a subscribe',
    'a disconnect --reason-code 200', 'a send FOO', 'a send PUBLSH', 'a send-hex "zz"', 'a send-hex "123"', 'a send-hex "30 00" | ""', 'a send CONNECT --protocol-level 6',
    'drop next PUBAK to a', 'drop next PUBACK to sensr', 'drop next', 'drop next 0 PUBACK to a', 'at 1s expect a receives x', 'expect a recieves x', 'expect a frob x',
    'expect a receives x after 10s by 5s', 'expect a receives x times 1 at-least 1', 'expect a receives x at-least 3 at-most 1', 'expect a receives x qso 1',
    'expect a connack session-present 2', 'expect a connack property frob', 'expect a puback zz', 'at 10s end\nexpect a receives x after 15s', 'at 10s end\nat 20s end',
    'a publish -t x -m y \\\n\nb', 'a publish -t x -m y \\', 'a publish -t "x -m y', 'a publish -t "\\q" -m y', 'link a latency=fast', 'link a speed=1',
  ];

  it('every template, English and German', async () => {
    const { MESSAGES } = await import('../../src/scenario/diagnostics.ts');
    for (const [code, t] of Object.entries(MESSAGES)) {
      if (t.en === '{en}') continue; // the sentence is a parameter (checked below, on real input)
      for (const text of [t.en, t.de]) expect(text, code).toMatch(/^(\p{Lu}|`|\{\w+\})[^]*[.?]$/u);
      expect(t.en, code).not.toMatch(/, did you mean/);
      expect(t.de, code).not.toMatch(/, meintest du/);
    }
  });

  it('every diagnostic of broken lines, with its values filled in', () => {
    const seen = new Set<string>();
    for (const line of BROKEN) {
      for (const d of diagnostics(`client a\nclient b\n${line}`)) {
        seen.add(d.code);
        for (const text of [d.message, d.messageDe!]) {
          expect(text, `${line} -> ${d.code}`).toMatch(SENTENCE);
          expect(text, `${line} -> ${d.code}`).not.toMatch(/: [.]$|\s\.$|\.\.$/);
        }
      }
    }
    // The lines above reach most kinds of problem (a new kind can be added to them).
    expect(seen.size).toBeGreaterThan(45);
  });
});
