import { describe, expect, it } from 'vitest';
import { MESSAGES, parseScenario } from '../../src/scenario/index.ts';
import { lexLine } from '../../src/scenario/lexer.ts';
import { diags, PRELUDE } from './helpers.ts';

/** Parse with the prelude; line numbers in expectations count the two prelude lines. */
const parse = (body: string) => parseScenario(PRELUDE + body);
const d = (body: string) => diags(PRELUDE + body);

describe('the lexer', () => {
  it('splits words, keeps quoted strings with escapes, and reports columns from 1', () => {
    const out: never[] = [];
    const t = lexLine(`at 1s  a publish -m "two words\\n" -t 'x\\'y'`, 1, out);
    expect(t.map((x) => [x.text, x.column, x.endColumn, x.quoted])).toEqual([
      ['at', 1, 3, false],
      ['1s', 4, 6, false],
      ['a', 8, 9, false],
      ['publish', 10, 17, false],
      ['-m', 18, 20, false],
      ['two words\n', 21, 34, true],
      ['-t', 35, 37, false],
      ["x'y", 38, 44, true],
    ]);
    expect(out).toEqual([]);
  });

  it('starts a comment at a `#` that begins a word, but not inside a word or in a topic position', () => {
    const words = (s: string) => lexLine(s, 1, []).map((t) => t.text);
    expect(words('a subscribe -t plant/# # all of the plant')).toEqual(['a', 'subscribe', '-t', 'plant/#']);
    expect(words('a subscribe -t # -q 1')).toEqual(['a', 'subscribe', '-t', '#', '-q', '1']);
    expect(words('a subscribe --topic #')).toEqual(['a', 'subscribe', '--topic', '#']);
    expect(words("a subscribe -t '#' #comment")).toEqual(['a', 'subscribe', '-t', '#']);
    expect(words('# a comment with "an open quote')).toEqual([]);
    expect(words('expect dash receives # by 5s')).toEqual(['expect', 'dash', 'receives', '#', 'by', '5s']);
    expect(words('acl topic read # # everyone reads')).toEqual(['acl', 'topic', 'read', '#']);
    expect(words('a publish -m x#y')).toEqual(['a', 'publish', '-m', 'x#y']);
    expect(words('a publish -m x #y')).toEqual(['a', 'publish', '-m', 'x']);
  });

  it('reports an unterminated string and an unknown escape with their positions', () => {
    expect(diags(`client a\na publish -t x -m "abc`)).toEqual(['error lex.unterminated-string 2:19-23']);
    expect(diags(`client a\na publish -t x -m "a\\qb"`)).toEqual(['error lex.bad-escape 2:21-23']);
    const out: never[] = [];
    expect(lexLine('"\\x41\\u{1F600}\\u00e4"', 1, out)[0]!.text).toBe('A😀ä');
  });
});

describe('declarations', () => {
  it('reads broker settings, users, ACL lines, clients with links, link lines and the seed', () => {
    const { scenario, diagnostics } = parseScenario(
      [
        'broker version=5 persistence=on anonymous=off max-inflight=20 max-queued=1000 sys-interval=10s retain=off max-packet-size=1024 max-keepalive=120',
        'user alice secret',
        'acl user alice',
        'acl topic readwrite plant/#',
        'acl pattern write devices/%c/#',
        'acl topic $SYS/#',
        'client sensor latency=50ms jitter=5ms loss=10%',
        'client dash',
        'link dash latency=1s loss=0.5',
        'seed 42',
      ].join('\n'),
    );
    expect(diagnostics).toEqual([]);
    expect(scenario.seed).toBe(42);
    expect(scenario.broker).toEqual({
      version: 5, persistence: true, anonymous: false, maxInflight: 20, maxQueued: 1000, sysIntervalMs: 10_000, retain: false, maxPacketSize: 1024, maxKeepalive: 120,
      users: [{ name: 'alice', password: 'secret' }],
      aclLines: ['user alice', 'topic readwrite plant/#', 'pattern write devices/%c/#', 'topic readwrite $SYS/#'],
    });
    expect(scenario.clients.map((c) => [c.name, c.link])).toEqual([
      ['sensor', { latencyMs: 50, jitterMs: 5, lossRatio: 0.1 }],
      ['dash', { latencyMs: 1000, lossRatio: 0.5 }],
    ]);
  });

  it('reports bad settings with "did you mean" fixes on the key', () => {
    const r = parseScenario('broker persistance=on max-inflight=lots frob\nclient a latncy=1s');
    expect(r.diagnostics.map((x) => `${x.code} ${x.line}:${x.column}-${x.endColumn} ${x.fix?.text ?? ''}`)).toEqual([
      'setting.unknown-suggest 1:8-19 persistence',
      'setting.bad-value 1:36-40 ',
      'setting.not-key-value 1:41-45 ',
      'setting.unknown-suggest 2:10-16 latency',
    ]);
    expect(r.diagnostics[0]!.message).toBe('Unknown setting `persistance`. Did you mean `persistence`?');
    expect(r.diagnostics[0]!.messageDe).toBe('Unbekannte Einstellung `persistance`. Meintest du `persistence`?');
    expect(diags('broker colour=red')).toEqual(['error setting.unknown 1:8-14']);
    expect(diags('broker retain=on retain=off')).toEqual(['error setting.repeated 1:18-28']);
  });

  it('reports bad client names, duplicates, bad seeds, ACL lines and users', () => {
    expect(diags('client 9lives')).toEqual(['error client.bad-name 1:8-14']);
    expect(diags('client broker')).toEqual(['error client.bad-name 1:8-14']);
    expect(diags('client a\nclient a')).toEqual(['error client.duplicate 2:8-9']);
    expect(diags('seed -1')).toEqual(['error seed.bad 1:6-8']);
    expect(diags('seed')).toEqual(['error line.missing 1:1-5']);
    expect(diags('acl topc x')).toEqual(['error line.unknown-suggest 1:5-9']);
    expect(diags('acl xyz x')).toEqual(['error acl.bad 1:5-8']);
    expect(diags('acl topic raed x')).toEqual(['error option.unknown-suggest 1:11-15']);
    expect(diags('acl topic read a/#/b')).toEqual(['error topic.invalid 1:18-21']);
    expect(diags('user alice')).toEqual(['error line.missing 1:1-11']);
    expect(diags('at 1s client a')).toEqual(['error time.not-here 1:1-13']);
  });
});

describe('times', () => {
  it('schedules `at` absolutely, `after` relative to the previous timed line, and untimed lines with the previous one', () => {
    const { scenario, diagnostics } = parse('at 1s sensor connect\nafter 500ms dash connect\nsensor cable-cut\nafter 2min dash crash\nat 1h sensor cable-restore\nat 1.5h end');
    expect(diagnostics).toEqual([]);
    expect(scenario.steps.map((s) => [s.atMs, s.action.kind])).toEqual([
      [1000, 'connect'], [1500, 'connect'], [1500, 'cable-cut'], [121_500, 'crash'], [3_600_000, 'cable-restore'],
    ]);
    expect(scenario.endAtMs).toBe(5_400_000);
  });

  it('reports missing, unitless, invalid, too late and backwards times', () => {
    expect(d('at sensor connect')).toEqual(['error time.invalid 3:4-10']);
    expect(d('at')).toEqual(['error time.missing 3:1-3']);
    expect(d('at 5 sensor connect')).toEqual(['error time.no-unit 3:4-5']);
    expect(parse('at 5 sensor connect').diagnostics[0]!.fix?.text).toBe('5s');
    expect(d('at 25h sensor connect')).toEqual(['error time.too-late 3:4-7']);
    expect(d('at 5s sensor connect\nat 2s dash connect')).toEqual(['error time.backwards 4:1-6']);
    expect(parse('at 5s sensor connect\nat 2s dash connect').diagnostics[0]!.message).toBe('Time goes backwards: `at 2s` is before the previous line (5s). Write the lines in time order.');
    expect(d('at 1s')).toEqual(['error line.missing 3:1-6']);
    expect(d('end')).toEqual(['error time.missing 3:1-4']);
  });
});

describe('client commands', () => {
  it('compiles connect with mosquitto options, will and properties', () => {
    const { scenario, diagnostics } = parse(
      'at 0s sensor connect -i s-17 -k 10 -c -u bob -P pw -V mqttv5 --will-topic a/status --will-payload "gone away" --will-qos 1 --will-retain -x 60 -D connect receive-maximum 5 -D connect user-property k v -D will will-delay-interval 3',
    );
    expect(diagnostics).toEqual([]);
    const a = scenario.steps[0]!.action;
    expect(a).toEqual({
      kind: 'connect',
      client: 'sensor',
      options: {
        clientId: 's-17', protocolVersion: 5, clean: false, keepAliveSec: 10, sessionExpiryIntervalSec: 60, username: 'bob', password: new TextEncoder().encode('pw'),
        receiveMaximum: 5, userProperties: [['k', 'v']],
        will: { topic: 'a/status', payload: new TextEncoder().encode('gone away'), qos: 1, retain: true, properties: { willDelayIntervalSec: 3 } },
      },
    });
  });

  it('defaults: client id = name, 3.1.1 unless the broker line says otherwise, keep-alive 60, clean; -c in 5.0 keeps the session forever', () => {
    expect(parse('sensor connect').scenario.steps[0]!.action).toEqual({ kind: 'connect', client: 'sensor', options: { clientId: 'sensor', protocolVersion: 4, clean: true, keepAliveSec: 60 } });
    const v5 = parseScenario('broker version=5\n' + PRELUDE + 'sensor connect -c').scenario.steps[0]!.action;
    expect(v5).toMatchObject({ options: { protocolVersion: 5, clean: false, sessionExpiryIntervalSec: 0xffffffff } });
    expect(parse('sensor connect -D connect session-expiry-interval 5').scenario.steps[0]!.action).toMatchObject({ options: { protocolVersion: 5, sessionExpiryIntervalSec: 5 } });
  });

  it('compiles publish, subscribe, unsubscribe and disconnect', () => {
    const { scenario, diagnostics } = parse(
      [
        'sensor connect -V 5',
        'sensor publish -t a/b -m "21.5 °C" -q 2 -r -D publish message-expiry-interval 10 -D publish user-property unit C',
        'sensor publish --topic a/b --null-message --retain',
        'dash subscribe -t a/# -t b/+ -q 1 --no-local --retain-as-published --retain-handling 1',
        'dash subscribe -t x -R',
        'dash unsubscribe -t a/# -U b/+',
        'sensor disconnect --reason-code 4',
      ].join('\n'),
    );
    expect(diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    expect(scenario.steps.slice(1).map((s) => s.action)).toEqual([
      { kind: 'publish', client: 'sensor', topic: 'a/b', payload: new TextEncoder().encode('21.5 °C'), qos: 2, retain: true, properties: { messageExpiryIntervalSec: 10, userProperties: [['unit', 'C']] } },
      { kind: 'publish', client: 'sensor', topic: 'a/b', payload: new Uint8Array(), qos: 0, retain: true },
      { kind: 'subscribe', client: 'dash', subscriptions: [
        { topicFilter: 'a/#', qos: 1, noLocal: true, retainAsPublished: true, retainHandling: 1 },
        { topicFilter: 'b/+', qos: 1, noLocal: true, retainAsPublished: true, retainHandling: 1 },
      ] },
      { kind: 'subscribe', client: 'dash', subscriptions: [{ topicFilter: 'x', qos: 0, retainHandling: 2 }] },
      { kind: 'unsubscribe', client: 'dash', topicFilters: ['a/#', 'b/+'] },
      { kind: 'disconnect', client: 'sensor', reasonCode: 4 },
    ]);
  });

  it('reads faults: cable cut/restore, crash, broker restart, drop/duplicate/delay next packets', () => {
    const { scenario, diagnostics } = parse(
      ['sensor cable-cut', 'sensor cable-restore', 'dash crash', 'broker restart persistence=on', 'drop next PUBACK to sensor', 'drop next 2 PUBREC from sensor', 'duplicate next publish to dash', 'delay next PUBCOMP to sensor by 2s', 'drop next any on dash'].join('\n'),
    );
    expect(diagnostics).toEqual([]);
    expect(scenario.steps.map((s) => s.action)).toEqual([
      { kind: 'cable-cut', client: 'sensor' },
      { kind: 'cable-restore', client: 'sensor' },
      { kind: 'crash', client: 'dash' },
      { kind: 'broker-restart', persistence: true },
      { kind: 'fault', rule: { client: 'sensor', direction: 'down', packetType: 'puback', action: 'drop', remaining: 1 } },
      { kind: 'fault', rule: { client: 'sensor', direction: 'up', packetType: 'pubrec', action: 'drop', remaining: 2 } },
      { kind: 'fault', rule: { client: 'dash', direction: 'down', packetType: 'publish', action: 'duplicate', remaining: 1 } },
      { kind: 'fault', rule: { client: 'sensor', direction: 'down', packetType: 'pubcomp', action: 'delay', remaining: 1, delayMs: 2000 } },
      { kind: 'fault', rule: { client: 'dash', direction: 'both', packetType: '*', action: 'drop', remaining: 1 } },
    ]);
  });

  it('reads on/off the same way in a restart as in the settings: on, true, yes and off, false, no', () => {
    const restart = (text: string) => parse(`broker restart ${text}`).scenario.steps.map((s) => s.action);
    for (const yes of ['on', 'true', 'yes']) expect(restart(`persistence=${yes}`)).toEqual([{ kind: 'broker-restart', persistence: true }]);
    for (const no of ['off', 'false', 'no']) expect(restart(`persistence=${no}`)).toEqual([{ kind: 'broker-restart', persistence: false }]);
    expect(d('broker restart persistence=maybe')).toEqual(['error setting.not-key-value 3:16-33']);
  });

  it('reports option problems with positions and fixes', () => {
    const r = parse('sensor publish -t a -m x --qso 1');
    expect(r.diagnostics.map((x) => [x.code, x.line, x.column, x.endColumn, x.message, x.fix?.text])).toEqual([
      ['option.unknown-suggest', 3, 26, 31, 'Unknown option `--qso`. Did you mean `--qos`?', '--qos'],
    ]);
    expect(r.diagnostics[0]!.messageDe).toBe('Unbekannte Option `--qso`. Meintest du `--qos`?');
    expect(d('sensor publish -t a -m x --frobnicate')).toEqual(['error option.unknown 3:26-38']);
    expect(d('sensor subscribe -t a -m x')).toEqual(['error option.wrong-verb 3:23-25']);
    expect(d('sensor publish -t a -m')).toEqual(['error line.missing 3:8-15', 'error option.missing-value 3:21-23']);
    expect(d('sensor publish -t -q 1 -m x')).toEqual(['error line.missing 3:8-15', 'error option.missing-value 3:16-18']);
    expect(d('sensor connect -k ten')).toEqual(['error option.bad-value 3:19-22']);
    expect(d('sensor publish -t a -t b -m x')).toEqual(['warning option.repeated 3:21-23']);
    expect(d('sensor publish -t a -m two words')).toEqual(['error option.positional 3:28-33']);
    expect(d('sensor publish -t a -m x -n')).toEqual(['error option.conflict 3:26-28']);
    expect(d('sensor publish -t a')).toEqual(['error line.missing 3:8-15']);
    expect(d('sensor connect --will-payload x')).toEqual(['error option.requires 3:16-30']);
    expect(d('sensor publish -t a -m x -q 3')).toEqual(['error qos.range 3:29-30']);
    expect(d('sensor connect -V 7')).toEqual(['error version.bad 3:19-20']);
    expect(d('sensor connect -V mqttv31')).toEqual(['error version.v31 3:19-26']);
    expect(d('sensor subscribe --retain-handling 3 -t a')).toEqual(['error option.bad-value 3:36-37']);
    expect(d('sensor disconnect --reason-code 300')).toEqual(['error option.bad-value 3:33-36']);
    expect(d('sensor subscribe')).toEqual(['error line.missing 3:8-17']);
    expect(d('sensor unsubscribe')).toEqual(['error line.missing 3:8-19']);
  });

  it('reports -D property problems', () => {
    expect(d('sensor connect -D connect sesion-expiry-interval 5')).toEqual(['error property.unknown-suggest 3:27-49']);
    expect(d('sensor connect -D connect frob 5')).toEqual(['error property.unknown 3:27-31']);
    expect(d('sensor connect -D conect receive-maximum 5')).toEqual(['error property.bad-command-suggest 3:19-25']);
    expect(d('sensor connect -D zzz receive-maximum 5')).toEqual(['error property.bad-command 3:19-22']);
    expect(d('sensor connect -V 5\nsensor publish -t a -m x -D connect receive-maximum 5')).toEqual(['error property.wrong-command 4:26-28']);
    expect(d('sensor connect -D connect topic-alias 5')).toEqual(['error property.not-allowed 3:16-40']);
    expect(d('sensor connect -D connect request-problem-information 1')).toEqual(['warning property.unsupported 3:16-56']);
    expect(d('sensor connect -V 311 -D connect receive-maximum 5')).toEqual(['error property.v311 3:23-25']);
    expect(d('sensor connect\nsensor publish -t a -m x -D publish content-type text')).toEqual(['warning property.v311 4:26-28']);
    expect(d('sensor connect -D will content-type x')).toEqual(['error option.requires 3:16-18']);
    expect(d('sensor connect -D connect receive-maximum')).toEqual(['error option.missing-value 3:27-42']);
    expect(d('sensor connect -D connect receive-maximum lots')).toEqual(['error option.bad-value 3:43-47']);
  });

  it('checks topics with the validator and the linter', () => {
    expect(d('sensor publish -t a/+/b -m x')).toEqual(['error topic.invalid 3:21-22']);
    expect(d('sensor subscribe -t a/#/b')).toEqual(['error topic.invalid 3:23-26']);
    expect(parse('sensor subscribe -t a/#/b').diagnostics[0]!.message).toContain('`#` must be the last level');
    expect(d('sensor subscribe -t a/b#')).toEqual(['error topic.invalid 3:23-25']);
    expect(d('sensor publish -t /a/b -m x')).toEqual(['warning topic.lint 3:19-20']);
    expect(d("sensor publish -t 'a b' -m x")[0]).toMatch(/^warning topic.lint 3:19-24/);
    expect(d('sensor publish -t Plant/x -m 1\nsensor publish -t plant/y -m 2')).toEqual(['warning topic.lint 3:19-26', 'warning topic.lint 4:19-26']);
  });

  it('reports undeclared clients, unknown words and commands with suggestions', () => {
    const r = parse('at 1s sensr publish -t a -m x');
    expect(r.diagnostics.map((x) => [x.code, x.column, x.endColumn, x.message, x.fix?.text])).toEqual([
      ['client.undeclared-suggest', 7, 12, 'Client `sensr` is not declared. Did you mean `sensor`?', 'sensor'],
    ]);
    expect(d('robot connect')).toEqual(['error client.undeclared 3:1-6']);
    expect(d('expcet dash receives a')).toEqual(['error line.unknown-suggest 3:1-7']);
    expect(d('frobnicate everything')).toEqual(['error line.unknown 3:1-11']);
    expect(d('connect sensor')).toEqual(['error line.unknown-suggest 3:1-8']);
    expect(d('sensor publsh -t a -m x')).toEqual(['error verb.unknown-suggest 3:8-14']);
    expect(d('sensor explode')).toEqual(['error verb.unknown 3:8-15']);
    expect(d('sensor')).toEqual(['error verb.missing 3:1-7']);
    expect(d('sensor crash now')).toEqual(['error line.extra 3:14-17']);
    expect(d('broker restart now')).toEqual(['error setting.not-key-value 3:16-19']);
  });

  it('reports bad fault lines', () => {
    expect(d('drop PUBACK to sensor')).toEqual(['error fault.bad 3:6-12']);
    expect(d('drop next PUBAK to sensor')).toEqual(['error fault.packet-suggest 3:11-16']);
    expect(d('drop next BANANA to sensor')).toEqual(['error fault.packet 3:11-17']);
    expect(d('drop next PUBACK at sensor')).toEqual(['error fault.bad 3:18-20']);
    expect(d('drop next 0 PUBACK to sensor')).toEqual(['error count.bad 3:11-12']);
    expect(d('delay next PUBACK to sensor')).toEqual(['error fault.bad 3:22-28']);
    expect(d('drop next PUBACK to sensr')).toEqual(['error client.undeclared-suggest 3:21-26']);
  });
});

describe('expectations', () => {
  it('reads every form', () => {
    const { scenario, diagnostics } = parse(
      [
        'expect dash receives plant/s17/status "offline" qos 1 retained dup times 2 by 25s',
        'expect dash receives plant/+/status at-least 3',
        'expect dash never-receives plant/# "x"',
        'expect broker sent-will sensor by 20s',
        'expect broker no-will dash',
        'expect session sensor exists',
        'expect session dash absent',
        'expect retained plant/x "v"',
        'expect no-retained plant/y',
        'expect sensor connack 0x05',
        'expect dash suback 128',
        'expect dash receives a qos',
      ].join('\n'),
    );
    expect(scenario.expectations.map(({ range: _r, text: _t, ...e }) => e)).toEqual([
      { kind: 'receives', client: 'dash', topic: 'plant/s17/status', payload: 'offline', qos: 1, retained: true, dup: true, times: 2, byMs: 25_000 },
      { kind: 'receives', client: 'dash', topic: 'plant/+/status', atLeast: 3 },
      { kind: 'never-receives', client: 'dash', topic: 'plant/#', payload: 'x' },
      { kind: 'sent-will', client: 'sensor', byMs: 20_000 },
      { kind: 'no-will', client: 'dash' },
      { kind: 'session', client: 'sensor', exists: true },
      { kind: 'session', client: 'dash', exists: false },
      { kind: 'retained', topic: 'plant/x', payload: 'v' },
      { kind: 'no-retained', topic: 'plant/y' },
      { kind: 'ack', client: 'sensor', packet: 'connack', code: 5 },
      { kind: 'ack', client: 'dash', packet: 'suback', code: 128 },
      { kind: 'receives', client: 'dash', topic: 'a' },
    ]);
    expect(diagnostics.map((x) => `${x.code} ${x.line}:${x.column}`)).toEqual(['line.missing 14:24']);
    expect(scenario.expectations[0]!.text).toBe('expect dash receives plant/s17/status "offline" qos 1 retained dup times 2 by 25s');
  });

  it('reports bad expectations', () => {
    expect(d('expect')).toEqual(['error expect.bad 3:1-7']);
    expect(d('expect dash recieves a')).toEqual(['error expect.unknown-suggest 3:13-21']);
    expect(d('expect dash')).toEqual(['error expect.bad 3:8-12']);
    expect(d('expect dsh receives a')).toEqual(['error client.undeclared-suggest 3:8-11']);
    expect(d('expect sesion dash exists')).toEqual(['error expect.unknown-suggest 3:8-14']);
    expect(d('expect broker sent-wil sensor')).toEqual(['error expect.unknown-suggest 3:15-23']);
    expect(d('expect broker sent-will')).toEqual(['error line.missing 3:15-24']);
    expect(d('expect session dash maybe')).toEqual(['error expect.unknown 3:21-26']);
    expect(d('expect sensor connack ok')).toEqual(['error expect.code 3:23-25']);
    expect(d('expect dash receives a times 2 at-least 1')).toEqual(['error expect.conflict 3:32-40']);
    expect(d('expect dash receives a times 0')).toEqual(['error count.bad 3:30-31']);
    expect(d('expect dash receives a by 5')).toEqual(['error time.no-unit 3:27-28']);
    expect(d('expect dash receives a "x" "y"')).toEqual(['error line.extra 3:28-31']);
    expect(d('expect dash never-receives a "x" "y"')).toEqual(['error line.extra 3:34-37']);
    expect(d('expect retained a/+ v')).toEqual(['error topic.invalid 3:19-20']);
    expect(d('at 2s expect dash receives a')).toEqual(['error time.not-here 3:1-13']);
  });
});

describe('robustness', () => {
  it('keeps parsing after errors and reports every one', () => {
    const codes = d('sensr connect\nsensor publsh\ndash subscribe -t a/#/b\nexpect dash recieves a').map((x) => x.split(' ')[1]);
    expect(codes).toEqual(['client.undeclared-suggest', 'verb.unknown-suggest', 'topic.invalid', 'expect.unknown-suggest']);
  });

  it('handles Windows and old Mac line ends, empty text and comments only', () => {
    expect(parseScenario('client a\r\na connect\rat 1s a crash').scenario.steps).toHaveLength(2);
    expect(parseScenario('').diagnostics).toEqual([]);
    expect(parseScenario('# nothing\n   \n\t# more').diagnostics).toEqual([]);
  });

  it('has an English and a German text for every diagnostic code', () => {
    for (const [code, t] of Object.entries(MESSAGES)) {
      expect(t.en.length, code).toBeGreaterThan(0);
      expect(t.de.length, code).toBeGreaterThan(0);
    }
  });
});
