/**
 * A keyword typed wrong where the line needs it gets "did you mean" with a quick fix, instead of
 * a message about something else (`at 1s broker restrat` was "`broker` cannot have a time";
 * `persistance=on` was "should be key=value") or the whole form of the line without a hint.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.ts';

const LINES = [
  'client a',
  'acl topik read x',
  'acl usr alice',
  'at 1s broker restrat',
  'at 2s broker restart persistance=on',
  'drop nxt PUBACK to a',
  'drop next PUBACK too a',
  'delay next PUBACK to a bye 2s',
  'expect a receives x qos 1 retaind',
  'expect a connack sesion-present 1',
];

describe('keywords typed wrong', () => {
  it('get "did you mean" at the word, and the fixes make the scenario valid', () => {
    const text = LINES.join('\n');
    const found = parseScenario(text).diagnostics.map((d) => `${d.line}:${d.column}-${d.endColumn} ${d.code} ${d.fix?.text}`);
    expect(found).toEqual([
      '2:5-10 line.unknown-suggest topic',
      '3:5-8 line.unknown-suggest user',
      '4:14-21 line.unknown-suggest restart',
      '5:22-33 setting.unknown-suggest persistence',
      '6:6-9 line.unknown-suggest next',
      '7:18-21 line.unknown-suggest to',
      '8:24-27 line.unknown-suggest by',
      '9:27-34 line.unknown-suggest retained',
      '10:18-32 line.unknown-suggest session-present',
    ]);
    const lines = text.split('\n');
    for (const d of parseScenario(text).diagnostics) {
      const line = lines[d.line - 1]!;
      lines[d.line - 1] = line.slice(0, d.fix!.range.column - 1) + d.fix!.text + line.slice(d.fix!.range.endColumn - 1);
    }
    expect(parseScenario(lines.join('\n')).diagnostics).toEqual([]);
  });

  it('keeps the line\'s own message where nothing is close', () => {
    expect(parseScenario('client a\ndrop PUBACK to a').diagnostics.map((d) => d.code)).toEqual(['fault.bad']);
    expect(parseScenario('client a\nacl xyz read x').diagnostics.map((d) => d.code)).toEqual(['acl.bad']);
    expect(parseScenario('client a\nat 1s broker').diagnostics.map((d) => d.code)).toEqual(['time.not-here']);
  });
});
