/**
 * The `mqtts` Monarch tokenizer (src/ui/editor/language.ts) as a tokenization table, run by
 * Monaco's own Monarch compiler and lexer (without an editor or a DOM), and the pure completion
 * and hover functions of the editor.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { completionsAt, scenarioNames } from '../../src/ui/editor/completion.ts';
import { hoverAt } from '../../src/ui/editor/hover.ts';
import { FORGE_PROPERTY_IDS } from '../../src/core/codec/forge.ts';
import { LANGUAGE_ID, conf, language } from '../../src/ui/editor/language.ts';
import { DEFAULT_SCENARIO } from '../../src/ui/default-scenario.ts';

interface LineTokens {
  tokens: { offset: number; type: string }[];
  endState: unknown;
}
interface Tokenizer {
  getInitialState(): unknown;
  tokenize(line: string, hasEOL: boolean, state: unknown): LineTokens;
}

let tokenizer: Tokenizer;

beforeAll(async () => {
  // Monaco's Monarch modules have no type declarations of their own; the specifiers are
  // variables so TypeScript does not look for them.
  const base = 'monaco-editor/editor/standalone/common/monarch/';
  const { compile } = (await import(/* @vite-ignore */ `${base}monarchCompile`)) as { compile: (id: string, def: unknown) => unknown };
  const { MonarchTokenizer } = (await import(/* @vite-ignore */ `${base}monarchLexer`)) as {
    MonarchTokenizer: new (languageService: unknown, themeService: unknown, id: string, lexer: unknown, config: unknown) => Tokenizer;
  };
  const config = { getValue: () => 20_000, onDidChangeConfiguration: () => ({ dispose() {} }) };
  tokenizer = new MonarchTokenizer({}, {}, LANGUAGE_ID, compile(LANGUAGE_ID, language), config);
}, 60_000);

/** `[text, type]` pairs of each line (whitespace left out), the state carried across lines. */
function tokenize(text: string): [string, string][][] {
  let state = tokenizer.getInitialState();
  return text.split('\n').map((line) => {
    const result = tokenizer.tokenize(line, true, state);
    state = result.endState;
    return result.tokens
      .map((t, i, all) => [line.slice(t.offset, all[i + 1]?.offset ?? line.length), t.type.replace(/\.mqtts$/, '')] as [string, string])
      .filter(([, type]) => type !== 'white');
  });
}

describe('mqtts tokenization table', () => {
  const table: [string, [string, string][]][] = [
    ['# a comment, with "quotes" and -t options', [['# a comment, with "quotes" and -t options', 'comment']]],
    ['broker version=5 persistence=on', [['broker', 'keyword'], ['version', 'attribute.name'], ['=', 'delimiter'], ['5', 'constant'], ['persistence', 'attribute.name'], ['=', 'delimiter'], ['on', 'constant']]],
    ['client sensor latency=20ms loss=10%', [['client', 'keyword'], ['sensor', 'identifier'], ['latency', 'attribute.name'], ['=', 'delimiter'], ['20ms', 'constant'], ['loss', 'attribute.name'], ['=', 'delimiter'], ['10%', 'constant']]],
    [
      'at 0s sensor connect -i sensor-17 -k 10 --will-topic plant/s17/status --will-retain',
      [['at', 'keyword'], ['0s', 'number'], ['sensor', 'identifier'], ['connect', 'keyword.verb'], ['-i', 'attribute.name'], ['sensor-17', 'identifier'], ['-k', 'attribute.name'], ['10', 'number'], ['--will-topic', 'attribute.name'], ['plant/s17/status', 'string.topic'], ['--will-retain', 'attribute.name']],
    ],
    // A lone `#` after a topic option is the wildcard; the `#` after it starts a comment.
    ['dash subscribe -t # # everything', [['dash', 'identifier'], ['subscribe', 'keyword.verb'], ['-t', 'attribute.name'], ['#', 'string.topic'], ['# everything', 'comment']]],
    // `plant/#` is one word, never a comment.
    ['dash subscribe -t plant/# -q 1', [['dash', 'identifier'], ['subscribe', 'keyword.verb'], ['-t', 'attribute.name'], ['plant/#', 'string.topic'], ['-q', 'attribute.name'], ['1', 'number']]],
    [
      `after 2s s publish -t 'a b' -m "21.5 \\u{00B0}C\\n" -r`,
      [['after', 'keyword'], ['2s', 'number'], ['s', 'identifier'], ['publish', 'keyword.verb'], ['-t', 'attribute.name'], ["'", 'string.quote'], ['a b', 'string'], ["'", 'string.quote'], ['-m', 'attribute.name'], ['"', 'string.quote'], ['21.5 ', 'string'], ['\\u{00B0}', 'string.escape'], ['C', 'string'], ['\\n', 'string.escape'], ['"', 'string.quote'], ['-r', 'attribute.name']],
    ],
    ["s publish -t x/y -m don't", [['s', 'identifier'], ['publish', 'keyword.verb'], ['-t', 'attribute.name'], ['x/y', 'string.topic'], ['-m', 'attribute.name'], ["don't", 'identifier']]],
    ['drop next 2 PUBREC to meter', [['drop', 'keyword'], ['next', 'keyword'], ['2', 'number'], ['PUBREC', 'type'], ['to', 'keyword'], ['meter', 'identifier']]],
    ['delay next PUBCOMP from m by 2s', [['delay', 'keyword'], ['next', 'keyword'], ['PUBCOMP', 'type'], ['from', 'keyword'], ['m', 'identifier'], ['by', 'keyword'], ['2s', 'number']]],
    [
      'expect dash receives # "x" qos 1 retained times 2 by 25s',
      [['expect', 'keyword'], ['dash', 'identifier'], ['receives', 'keyword'], ['#', 'string.topic'], ['"', 'string.quote'], ['x', 'string'], ['"', 'string.quote'], ['qos', 'keyword'], ['1', 'number'], ['retained', 'keyword'], ['times', 'keyword'], ['2', 'number'], ['by', 'keyword'], ['25s', 'number']],
    ],
    ['expect retained plant/s17/status "offline"', [['expect', 'keyword'], ['retained', 'keyword'], ['plant/s17/status', 'string.topic'], ['"', 'string.quote'], ['offline', 'string'], ['"', 'string.quote']]],
    ['expect broker sent-will sensor by 17s', [['expect', 'keyword'], ['broker', 'keyword'], ['sent-will', 'keyword'], ['sensor', 'identifier'], ['by', 'keyword'], ['17s', 'number']]],
    ['at 3s dash connect # locked', [['at', 'keyword'], ['3s', 'number'], ['dash', 'identifier'], ['connect', 'keyword.verb'], ['# locked', 'comment.locked']]],
    ['expect broker receives a/b from dash not-dup', [['expect', 'keyword'], ['broker', 'keyword'], ['receives', 'keyword'], ['a/b', 'string.topic'], ['from', 'keyword'], ['dash', 'identifier'], ['not-dup', 'keyword']]],
    ['expect meter connack 0x87', [['expect', 'keyword'], ['meter', 'identifier'], ['connack', 'keyword'], ['0x87', 'number']]],
    ['monitor subscribe -t $SYS/broker/#', [['monitor', 'identifier'], ['subscribe', 'keyword.verb'], ['-t', 'attribute.name'], ['$SYS/broker/#', 'string.topic']]],
    ['at 5s sensor cable-cut   # the network dies', [['at', 'keyword'], ['5s', 'number'], ['sensor', 'identifier'], ['cable-cut', 'keyword.verb'], ['# the network dies', 'comment']]],
    ['at 20s broker restart persistence=off', [['at', 'keyword'], ['20s', 'number'], ['broker', 'keyword'], ['restart', 'keyword'], ['persistence', 'attribute.name'], ['=', 'delimiter'], ['off', 'constant']]],
  ];

  it.each(table)('%s', (line, expected) => {
    expect(tokenize(line)[0]).toEqual(expected);
  });

  it('ends every state at the end of its line (a topic option or an open string does not colour the next line)', () => {
    const lines = tokenize('s publish -t\nclient b\ns publish -m "open\nclient c\nexpect d receives\nclient e');
    expect(lines[1]).toEqual([['client', 'keyword'], ['b', 'identifier']]);
    expect(lines[3]).toEqual([['client', 'keyword'], ['c', 'identifier']]);
    expect(lines[5]).toEqual([['client', 'keyword'], ['e', 'identifier']]);
  });

  it('tokenizes every example and the default scenario without unknown tokens', async () => {
    const examples = import.meta.glob<string>('../../src/scenario/examples/*.mqtts', { query: '?raw', import: 'default', eager: true });
    for (const text of [DEFAULT_SCENARIO, ...Object.values(examples)]) {
      for (const line of tokenize(text)) for (const [, type] of line) expect(type).toMatch(/^(comment(\.locked)?|keyword(\.verb)?|attribute\.name|delimiter|constant|number|type|string(\.quote|\.escape|\.topic)?|identifier)$/);
    }
  });

  it('has a line comment for Ctrl+/ and auto-closes quotes', () => {
    expect(conf.comments?.lineComment).toBe('#');
    expect(conf.autoClosingPairs?.map((p) => ('open' in p ? p.open : p[0]))).toEqual(['"', "'"]);
  });
});

describe('completion', () => {
  const text = `broker version=5
client sensor
client dashboard
at 0s sensor connect -i s1 --will-topic plant/s17/status
at 1s dashboard subscribe -t 'plant/+/status'
`;
  const at = (line: string, lang: 'en' | 'de' = 'en') => {
    const all = `${text}${line}`;
    const lines = all.split('\n');
    return completionsAt(all, lines.length, lines[lines.length - 1]!.length + 1, lang);
  };
  const labels = (line: string) => at(line).items.map((i) => i.label);

  it('collects declared clients and the topics used', () => {
    expect(scenarioNames(text)).toEqual({ clients: ['sensor', 'dashboard'], topics: ['plant/s17/status', 'plant/+/status'] });
  });

  it('offers clients and line words at the start of a line, and after a time', () => {
    expect(labels('')).toEqual(expect.arrayContaining(['sensor', 'dashboard', 'client', 'expect', 'at', 'drop']));
    expect(labels('at 2s ')).toEqual(expect.arrayContaining(['sensor', 'dashboard', 'drop', 'end']));
    expect(labels('at 2s ')).not.toContain('client');
    expect(labels('at ')).toEqual([]);
  });

  it('offers the commands after a client, with their meaning', () => {
    const result = at('at 2s sensor pu');
    expect(result.items.map((i) => i.label)).toEqual(['connect', 'disconnect', 'subscribe', 'unsubscribe', 'publish', 'cable-cut', 'cable-restore', 'crash', 'send', 'send-hex']);
    expect(result.items.find((i) => i.label === 'publish')?.documentation).toContain('Publish a message');
    expect(result.startColumn).toBe('at 2s sensor '.length + 1);
  });

  it('offers the options of the command (with help in the UI language), leaving out the ones given', () => {
    const publish = at('at 2s sensor publish -t a/b ');
    expect(publish.items.map((i) => i.label)).toEqual(expect.arrayContaining(['-m', '--message', '-q', '--qos', '-r', '-t']));
    expect(publish.items.map((i) => i.label)).not.toContain('--will-topic');
    const qos = at('at 2s sensor publish -t a/b --q', 'de').items.find((i) => i.label === '--qos');
    expect(qos?.documentation).toContain('höchstens einmal');
    expect(qos?.detail).toBe('-q');
    expect(labels('at 2s sensor connect -i x ')).not.toContain('-i');
  });

  it('offers values after an option: QoS levels, versions and topics used in the scenario', () => {
    expect(labels('at 2s sensor publish -q ')).toEqual(['0', '1', '2']);
    expect(labels('at 2s sensor connect -V ')).toEqual(['mqttv5', 'mqttv311']);
    expect(labels('at 2s sensor publish -t ')).toEqual(['plant/s17/status', 'plant/+/status']);
    const quoted = at("at 2s sensor publish -t 'pl");
    expect(quoted.startColumn).toBe("at 2s sensor publish -t '".length + 1);
  });

  it('offers packet types after `drop next`, then the direction and the clients', () => {
    expect(labels('drop next ')).toEqual(expect.arrayContaining(['PUBACK', 'PUBREC', 'PUBLISH', 'ANY']));
    expect(labels('drop next 2 ')).toContain('PUBCOMP');
    expect(labels('drop next PUBACK ')).toEqual(['to', 'from', 'on']);
    expect(labels('drop next PUBACK to ')).toEqual(['sensor', 'dashboard']);
    expect(labels('delay next PUBACK to sensor ')).toEqual(['by']);
  });

  it('offers the forms of expect', () => {
    expect(labels('expect ')).toEqual(['sensor', 'dashboard', 'broker', 'session', 'retained', 'no-retained', 'topics']);
    expect(labels('expect dashboard ')).toEqual(['receives', 'never-receives', 'connack', 'suback', 'unsuback', 'puback', 'pubrec', 'disconnect', 'will-registered', 'disconnects-cleanly', 'closed-without-connack']);
    expect(labels('expect dashboard receives ')).toEqual(['plant/s17/status', 'plant/+/status']);
    expect(labels('expect dashboard receives a/b "x" qos 1 ')).toEqual(['retained', 'not-retained', 'dup', 'not-dup', 'property', 'times', 'exactly', 'at-least', 'at-most', 'after', 'by', 'before']);
    expect(labels('expect dashboard receives a/b not-dup at-most 2 ')).toEqual(['qos', 'retained', 'not-retained', 'property', 'at-least', 'after', 'by', 'before']);
    expect(labels('expect dashboard receives a/b property ')).toEqual(expect.arrayContaining(['content-type', 'subscription-identifier', 'user-property']));
    expect(labels('expect broker ')).toEqual(['sent-will', 'no-will', 'receives', 'disconnects']);
    expect(labels('expect broker receives a/b ')).toEqual(['from']);
    expect(labels('expect broker receives a/b "x" from ')).toEqual(['sensor', 'dashboard']);
    expect(labels('expect broker receives a/b from sensor ')).toContain('dup');
    expect(labels('expect broker disconnects ')).toEqual(['sensor', 'dashboard']);
    expect(labels('expect dashboard connack ')).toEqual(['session-present', 'property']);
    expect(labels('expect dashboard connack session-present ')).toEqual(['0', '1']);
    expect(labels('expect dashboard connack property ')).toEqual(expect.arrayContaining(['receive-maximum', 'assigned-client-identifier']));
    expect(labels('expect dashboard will-registered ')).toEqual(['plant/s17/status', 'plant/+/status']);
    expect(labels('expect dashboard disconnects-cleanly ')).toEqual(['after', 'by']);
    expect(labels('expect session sensor ')).toEqual(['exists', 'absent']);
  });

  it('offers the packets of `send`, then only the fields of that packet, then their values (issue 16)', () => {
    expect(labels('at 2s sensor send ')).toEqual(expect.arrayContaining(['CONNECT', 'PUBLISH', 'PINGREQ', 'RESERVED']));
    const connect = labels('at 2s sensor send CONNECT ');
    expect(connect).toEqual(expect.arrayContaining(['--protocol-level', '--will-qos', '--password-flag', '--reserved-flag', '--flags', '-D']));
    expect(connect).not.toContain('--payload-hex');
    const publish = at('at 2s sensor send PUBLISH -t a ', 'de').items;
    expect(publish.map((i) => i.label)).toEqual(expect.arrayContaining(['--payload-hex', '--packet-id', '--dup', '-t']));
    expect(publish.map((i) => i.label)).not.toContain('--will-qos');
    expect(publish.find((i) => i.label === '--payload-hex')?.documentation).toContain('kein gültiges UTF-8');
    expect(labels('at 2s sensor send CONNECT --protocol-level ')).toEqual(['4', '5', '6']);
    expect(labels('at 2s sensor send CONNECT --will-qos ')).toEqual(['0', '1', '2', '3']);
    expect(labels('at 2s sensor send PUBLISH -D ')).toEqual(expect.arrayContaining(['topic-alias', 'session-expiry-interval', 'payload-format-indicator']));
    expect(labels('at 2s sensor send-hex "30 00" ')).toEqual(['|', '\\']);
  });

  it('offers `disconnect CODE` and `disconnect property NAME` in expectations (issue 16)', () => {
    expect(labels('expect sensor disconnect ')).toEqual(expect.arrayContaining(['property', '0x8e']));
    expect(labels('expect sensor disconnect property ')).toEqual(['session-expiry-interval', 'reason-string', 'server-reference', 'user-property']);
  });

  it('offers settings on declaration lines, and their values', () => {
    expect(labels('broker version=5 ')).toEqual(expect.arrayContaining(['persistence=', 'anonymous=', 'max-inflight=']));
    expect(labels('broker version=5 ')).not.toContain('version=');
    expect(labels('broker persistence=')).toEqual(['on', 'off']);
    expect(at('broker persistence=o').startColumn).toBe('broker persistence='.length + 1);
    expect(labels('client extra ')).toEqual(['latency=', 'jitter=', 'loss=', 'tls=']);
  });

  it('offers nothing inside a comment or a string', () => {
    expect(labels('# sensor ')).toEqual([]);
    expect(labels('at 2s sensor publish -m "hello ')).toEqual([]);
  });
});

describe('hover', () => {
  it('documents options, commands, settings, packet types and words, in English and German', () => {
    const line = 'at 1s sensor publish -t a/b -m hi --qos 1 -r';
    const qos = hoverAt(line, line.indexOf('--qos') + 2, 'en');
    expect(qos).toMatchObject({ startColumn: line.indexOf('--qos') + 1, endColumn: line.indexOf('--qos') + 6 });
    expect(qos?.markdown).toContain('`-q`, `--qos`');
    expect(qos?.markdown).toContain('at most once');
    expect(hoverAt(line, line.indexOf('--qos') + 2, 'de')?.markdown).toContain('höchstens einmal');
    expect(hoverAt(line, line.indexOf('publish') + 1, 'en')?.markdown).toContain('Publish a message');
    expect(hoverAt(line, line.indexOf('publish') + 1, 'de')?.markdown).toContain('Nachricht veröffentlichen');
    expect(hoverAt('broker persistence=on', 10, 'en')?.markdown).toContain('Keep sessions and retained messages');
    expect(hoverAt('drop next PUBREC to meter', 12, 'en')?.markdown).toContain('QoS 2, step 1');
    expect(hoverAt('expect broker sent-will sensor', 16, 'de')?.markdown).toContain('das Testament des Clients');
    expect(hoverAt('at 0s c connect -D connect receive-maximum 5', 30, 'en')?.markdown).toContain('receive-maximum');
    expect(hoverAt(line, line.indexOf('a/b') + 1, 'en')).toBeNull();
    expect(hoverAt('# --qos in a comment', 4, 'en')).toBeNull();
  });

  it('documents every word of expectations, in English and German', () => {
    const words = ['will-registered', 'disconnects-cleanly', 'closed-without-connack', 'disconnects', 'session-present', 'property', 'not-retained', 'not-dup', 'exactly', 'at-most', 'before', 'receives', 'from', 'after'];
    for (const w of words) {
      const line = `expect x ${w}`;
      const en = hoverAt(line, line.length, 'en')?.markdown;
      const de = hoverAt(line, line.length, 'de')?.markdown;
      expect(en, w).toBeTruthy();
      expect(de, w).not.toBe(en);
    }
    const line = 'expect d receives a/b property content-type x';
    expect(hoverAt(line, line.indexOf('content-type') + 2, 'en')?.markdown).toContain('MQTT 5.0 property');
    expect(hoverAt(line, line.indexOf('content-type') + 2, 'de')?.markdown).toContain('Property, am Paket');
  });

  it('documents `send` packets, fields and properties and `disconnect`, in English and German (issue 16)', () => {
    const line = 'at 1s sensor send CONNECT --protocol-level 6 -D topic-alias 1';
    expect(hoverAt(line, line.indexOf('CONNECT') + 1, 'en')?.markdown).toContain('packet type 1');
    expect(hoverAt(line, line.indexOf('CONNECT') + 1, 'de')?.markdown).toContain('Pakettyp 1');
    expect(hoverAt(line, line.indexOf('--protocol-level') + 2, 'en')?.markdown).toContain('6 is a version that does not exist');
    expect(hoverAt(line, line.indexOf('--protocol-level') + 2, 'de')?.markdown).toContain('6 ist eine Version, die es nicht gibt');
    expect(hoverAt(line, line.indexOf('topic-alias') + 2, 'en')?.markdown).toContain('Topic Alias');
    expect(hoverAt('at 1s sensor send-hex "30 00"', 15, 'de')?.markdown).toContain('rohe Bytes');
    expect(hoverAt('at 1s sensor send-hex "30" | "00"', 28, 'en')?.markdown).toContain('new TCP segment');
    expect(hoverAt('expect sensor disconnect 0x8e', 17, 'de')?.markdown).toContain('in beide Richtungen');
    const prop = 'expect sensor disconnect property reason-string bye';
    expect(hoverAt(prop, prop.indexOf('reason-string') + 2, 'en')?.markdown).toContain('MQTT 5.0 property');
  });

  it('explains every property of a `send` in the UI language (German, not the codec\'s English)', () => {
    for (const [name, def] of FORGE_PROPERTY_IDS) {
      const line = `at 1s sensor send PUBLISH -D ${name} 1`;
      const column = line.indexOf(name) + 2;
      expect(hoverAt(line, column, 'en')?.markdown, name).toContain(def.meaning);
      const de = hoverAt(line, column, 'de')?.markdown ?? '';
      expect(de, name).toContain(def.name); // the spec's name stays
      expect(de, name).not.toContain(def.meaning);
    }
    const alias = 'at 1s sensor send PUBLISH -D topic-alias 1';
    expect(hoverAt(alias, alias.indexOf('topic-alias') + 2, 'de')?.markdown).toContain('Zahl, die für den Topic-Namen steht');
  });

  it('has documentation for every verb and every option spelling', async () => {
    const { CLIENT_OPTIONS, VERBS } = await import('../../src/scenario/options.ts');
    for (const verb of Object.keys(VERBS)) expect(hoverAt(`c ${verb}`, 3, 'en'), verb).not.toBeNull();
    for (const o of CLIENT_OPTIONS) {
      for (const name of o.names) {
        const line = `c ${o.verbs[0]} ${name}`;
        expect(hoverAt(line, line.length, 'de')?.markdown, name).toContain(o.help.de);
      }
    }
  });
});
