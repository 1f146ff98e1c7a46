/**
 * Packets sent on purpose (issue 16): `CLIENT send PACKET [fields]` and `CLIENT send-hex`.
 * Each construct is parsed to the bytes it means (fixtures with commented bytes), its misuse is
 * reported with its position, and a run shows what the broker does, the trace marking the
 * packet with the rule it breaks in English and German. Raw sends stay deterministic and
 * survive a share link and the way back from world commands to text.
 */
import { describe, expect, it } from 'vitest';
import { forge } from '../../src/core/codec/forge.ts';
import { compileScenario, parseScenario, runScenario } from '../../src/scenario/index.ts';
import { decodeScenario, encodeScenario } from '../../src/scenario/link-codec.ts';
import { commandStatement } from '../../src/scenario/unparse.ts';
import { explainText } from '../../src/sim/explain-text.ts';
import { diags, PRELUDE } from './helpers.ts';

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
const bytes = (s: string): number[] => s.trim().split(/\s+/).map((x) => parseInt(x, 16));

/** The raw action of the last line of `PRELUDE + lines` (no errors allowed). */
function raw(lines: string): { bytes: string; segments?: number[]; ref: string; key: string; what?: string; whatDe?: string } {
  const { scenario, diagnostics } = parseScenario(`${PRELUDE}${lines}`);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const a = scenario.steps[scenario.steps.length - 1]!.action;
  if (a.kind !== 'raw') throw new Error(`not a raw action: ${a.kind}`);
  return { bytes: hex(a.bytes), ...(a.segments ? { segments: a.segments } : {}), ref: a.explain.ref, key: a.explain.key, what: a.explain.params?.what as string | undefined, whatDe: a.explain.params?.whatDe as string | undefined };
}

describe('send PACKET: the fields as chosen, byte for byte', () => {
  it('a 3.1.1 CONNECT with protocol level 6', () => {
    const r = raw('at 0s sensor send CONNECT --protocol-level 6 -i s -k 0');
    expect(r.bytes).toBe(hex(Uint8Array.from([
      0x10, 0x0d, //             CONNECT, remaining length 13
      0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, // "MQTT"
      0x06, //                   protocol level 6
      0x02, //                   connect flags: clean session
      0x00, 0x00, //             keep alive 0
      0x00, 0x01, 0x73, //       client id "s"
    ])));
    expect(r).toMatchObject({ ref: 'MQTT-3.1.2-2', key: 'raw.against' });
  });

  it('Will QoS 3, a password flag without a user name, an empty client id with clean 0 (3.1.1)', () => {
    const will = raw('at 0s sensor send CONNECT -V mqttv311 -i s -k 0 --will-topic t --will-payload x --will-qos 3');
    expect(will.bytes).toBe('10 13 00 04 4d 51 54 54 04 1e 00 00 00 01 73 00 01 74 00 01 78'); // flags 0x1e: will qos 3, will, clean
    expect(will.ref).toBe('MQTT-3.1.2-14');
    expect(will.what).toContain('byte 9');
    expect(will.whatDe).toContain('Byte 9');
    // The detail in brackets, as English has it, in German.
    expect(will.what).toBe('byte 9: the Will QoS is 3, or set without a will (Will QoS must not be 3)');
    expect(will.whatDe).toBe('Byte 9: Die Will QoS ist 3 oder ohne Testament gesetzt (Will QoS darf nicht 3 sein)');
    const pw = raw('at 0s sensor send CONNECT -V mqttv311 -i s -k 0 -P pw');
    expect(pw.bytes).toBe('10 11 00 04 4d 51 54 54 04 42 00 00 00 01 73 00 02 70 77'); // flags 0x42: password, clean
    expect(pw.ref).toBe('MQTT-3.1.2-22');
    const empty = raw('at 0s sensor send CONNECT -V mqttv311 -i "" -c -k 0');
    expect(empty.bytes).toBe('10 0c 00 04 4d 51 54 54 04 00 00 00 00 00'); // flags 0: clean session 0, id ""
    expect(empty).toMatchObject({ ref: 'MQTT-3.1.3-7', what: 'an empty client identifier with Clean Session 0', whatDe: 'eine leere Client-ID mit Clean Session 0' });
  });

  it('a second CONNECT on one connection', () => {
    const r = raw('at 0s sensor connect\nat 1s sensor send CONNECT');
    expect(r).toMatchObject({ ref: 'MQTT-3.1.0-2', what: 'a second CONNECT on one connection', whatDe: 'ein zweites CONNECT auf derselben Verbindung' });
    expect(raw('at 0s sensor connect\nat 1s sensor disconnect\nat 2s sensor send CONNECT').key).toBe('raw.on-purpose');
  });

  it('PUBLISH with a wildcard, a chosen packet id, DUP, reserved flags', () => {
    const w = raw("at 0s sensor connect\nat 1s sensor send PUBLISH -t 'a/+' -m x");
    expect(w.bytes).toBe('30 06 00 03 61 2f 2b 78'); // PUBLISH q0, "a/+", payload "x"
    expect(w.ref).toBe('MQTT-3.3.2-2');
    const id = raw('at 0s sensor connect\nat 1s sensor send PUBLISH -t a -m x -q 1 --packet-id 513');
    expect(id.bytes).toBe('32 06 00 01 61 02 01 78'); // QoS 1, packet id 0x0201
    expect(id.key).toBe('raw.on-purpose');
    const zero = raw('at 0s sensor connect\nat 1s sensor send PUBLISH -t a -m x -q 1 --packet-id 0');
    expect(zero.ref).toBe('MQTT-2.3.1-1');
    const dup = raw('at 0s sensor connect\nat 1s sensor send PUBLISH -t a -m x --dup');
    expect(dup.bytes.startsWith('38 ')).toBe(true); // DUP on QoS 0
    expect(dup.ref).toBe('MQTT-3.3.1-2');
    const flags = raw('at 0s sensor connect\nat 1s sensor send SUBSCRIBE -t a --flags 0');
    expect(flags.bytes).toBe('80 06 00 01 00 01 61 00'); // SUBSCRIBE with flags 0000 instead of 0010
    expect(flags.ref).toBe('MQTT-3.8.1-1'); // 3.1.1 states it for SUBSCRIBE itself
  });

  it('5.0: an alias-only PUBLISH, a payload that is not UTF-8 with indicator 1, a property PUBLISH does not allow', () => {
    const v5 = 'broker version=5\nat 0s sensor connect\n';
    const set = raw(`${v5}at 1s sensor send PUBLISH -t a -m x -D topic-alias 1`);
    expect(set.bytes).toBe('30 08 00 01 61 03 23 00 01 78'); // topic "a", properties: Topic Alias 1
    expect(set.key).toBe('raw.on-purpose');
    expect(raw(`${v5}at 1s sensor send PUBLISH -t a -m x -D topic-alias 1\nat 2s sensor send PUBLISH -t "" -m y -D topic-alias 1`).key).toBe('raw.on-purpose');
    const unknown = raw(`${v5}at 1s sensor send PUBLISH -t "" -m y -D topic-alias 2`);
    expect(unknown.bytes).toBe('30 07 00 00 03 23 00 02 79');
    expect(unknown.ref).toBe('3.3.2.3.4');
    const utf = raw(`${v5}at 1s sensor send PUBLISH -t a --payload-hex "ff fe" -D publish payload-format-indicator 1`);
    expect(utf.bytes).toBe('30 08 00 01 61 02 01 01 ff fe');
    expect(utf).toMatchObject({ ref: '3.3.2.3.2', whatDe: 'Payload Format Indicator 1 (UTF-8), aber die Nutzdaten sind kein UTF-8' });
    const notAllowed = raw(`${v5}at 1s sensor send PUBLISH -t a -m x -D session-expiry-interval 60`);
    expect(notAllowed.bytes).toBe('30 0a 00 01 61 05 11 00 00 00 3c 78');
    expect(notAllowed).toMatchObject({ ref: '2.2.2.2' });
    expect(notAllowed.whatDe).toContain('eine Property, die dieser Pakettyp nicht erlaubt');
  });

  it('a packet only a server sends, and the reserved type 0', () => {
    expect(raw('at 0s sensor connect\nat 1s sensor send CONNACK').bytes).toBe('20 02 00 00');
    expect(raw('at 0s sensor connect\nat 1s sensor send CONNACK').ref).toBe('mosquitto:server-only-packet');
    expect(raw('at 0s sensor connect\nat 1s sensor send RESERVED').bytes).toBe('00 00');
  });

  it('forge writes exactly the fields it is given (a valid packet by default)', () => {
    expect(Array.from(forge({ type: 12, version: 4 }))).toEqual([0xc0, 0x00]); // PINGREQ
    expect(Array.from(forge({ type: 14, version: 5, reasonCode: 0x04, properties: [{ id: 0x1f, value: 'bye' }] }))).toEqual([
      0xe0, 0x08, // DISCONNECT, remaining length 8
      0x04, //       reason code 0x04
      0x06, //       properties: 6 bytes
      0x1f, 0x00, 0x03, 0x62, 0x79, 0x65, // Reason String "bye"
    ]);
  });
});

describe('send-hex: raw bytes', () => {
  it('reads hex pairs, several strings, `|` for a new TCP segment, and a line ending in \\ going on', () => {
    expect(raw('at 0s sensor send-hex "30 0a 00 03 61 2f 62 68 65 6c 6c 6f"').bytes).toBe('30 0a 00 03 61 2f 62 68 65 6c 6c 6f');
    expect(raw('at 0s sensor send-hex "10 0d" | "00 04 4d 51 54 54 04 02 00 3c 00 01 73"')).toMatchObject({ segments: [2], key: 'raw.on-purpose' });
    const { scenario, diagnostics } = parseScenario(`${PRELUDE}at 0s sensor send-hex "30 0a 00 03" \\\n        "61 2f 62" | \\\n   "68 65 6c 6c 6f"\nat 1s sensor crash`);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const a = scenario.steps[0]!;
    expect(a.action.kind === 'raw' && hex(a.action.bytes)).toBe('30 0a 00 03 61 2f 62 68 65 6c 6c 6f');
    expect(a.action.kind === 'raw' && a.action.segments).toEqual([7]);
    expect(a.range).toMatchObject({ line: 3, endLine: 5 });
    expect(scenario.steps[1]!.atMs).toBe(1000);
  });
});

describe('misuse is reported where it is, never thrown', () => {
  const MISUSE: [line: string, diagnostic: string][] = [
    ['at 0s sensor send', 'error line.missing 3:14-18'],
    ['at 0s sensor send CONECT', 'error send.packet-suggest 3:19-25'],
    ['at 0s sensor send FOO', 'error send.packet 3:19-22'],
    ['at 0s sensor send PUBLISH -t a --will-qos 1', 'error send.option-packet 3:32-42'],
    ['at 0s sensor send PUBLISH -t a --pakcet-id 3', 'error option.unknown-suggest 3:32-43'],
    ['at 0s sensor send PUBLISH -t a -q 4', 'error option.bad-value 3:35-36'],
    ['at 0s sensor send CONNECT --protocol-level 256', 'error option.bad-value 3:44-47'],
    ['at 0s sensor send PUBLISH -t a -D topic-alia 1', 'error property.unknown-suggest 3:35-45'],
    ['at 0s sensor send PUBLISH -t a --split-at 99', 'error send.split-range 3:43-45'],
    ['at 0s sensor send CONNECT --will-qos 1', 'error option.requires 3:27-37'],
    ['at 0s sensor send-hex', 'error line.missing 3:14-22'],
    ['at 0s sensor send-hex "30 0g"', 'error send.hex-bad 3:28-29'],
    ['at 0s sensor send-hex "30 0"', 'error send.hex-odd 3:23-29'],
    ['at 0s sensor send-hex | "30 00"', 'error send.hex-empty-segment 3:23-24'],
    ['at 0s sensor send-hex "30 00" |', 'error send.hex-empty-segment 3:31-32'],
    ['at 0s sensor sned PUBLISH', 'error verb.unknown-suggest 3:14-18'],
  ];
  it.each(MISUSE)('%s', (line, want) => {
    const got = diags(`${PRELUDE}${line}`);
    expect(got).toContain(want);
    // Both languages, always.
    for (const d of parseScenario(`${PRELUDE}${line}`).diagnostics) expect(d.messageDe).not.toBe(d.message);
  });

  it('typos get a quick fix: the packet word, the option, the property', () => {
    const fixes = (line: string) => parseScenario(`${PRELUDE}${line}`).diagnostics.filter((d) => d.fix).map((d) => d.fix!.text);
    expect(fixes('at 0s sensor send PUBLSH -t a')).toEqual(['PUBLISH']);
    expect(fixes('at 0s sensor send CONNECT --protocol-levl 6')).toEqual(['--protocol-level']);
    expect(fixes('at 0s sensor send PUBLISH -t a -D topic-alais 1')).toEqual(['topic-alias']);
    expect(fixes('at 0s sensor sen-hex "c0 00"')).toEqual(['send-hex']);
  });

  it('a deliberate breach is an info on the line, in English and German', () => {
    const d = parseScenario(`${PRELUDE}at 0s sensor send CONNECT --protocol-level 6`).diagnostics;
    expect(d.map((x) => `${x.severity} ${x.code}`)).toEqual(['info send.against']);
    expect(d[0]!.message).toContain('against MQTT-3.1.2-2');
    expect(d[0]!.messageDe).toContain('Absichtlich gesendet, gegen MQTT-3.1.2-2');
  });
});

describe('what the broker does, marked in the trace', () => {
  const SCENARIO = `broker version=5
client sensor
client dash
at 0s     dash connect
at 100ms  dash subscribe -t 'a/#'
at 1s     sensor send-hex "10 0e 00 04 4d 51 54 54" | "05 02 00 3c 00 00 01 73"
at 2s     sensor send PUBLISH -t a/b -m hello
at 3s     sensor send CONNECT
expect dash receives a/b "hello"
expect sensor connack 0x00
expect broker disconnects sensor 0x82
expect sensor disconnect 0x82
`;

  it('a CONNECT in two segments is read whole; the second CONNECT ends the connection with 0x82', () => {
    const r = runScenario(SCENARIO);
    expect(r.results.map((x) => [x.pass, x.message])).toEqual(r.results.map((x) => [true, x.message]));
    const notes = r.trace.filter((e) => e.kind === 'note');
    expect(notes.some((e) => e.explain?.key === 'sim.raw-partial' && e.explain.params?.bytes === 8)).toBe(true);
    const marked = r.trace.filter((e) => e.kind === 'send' && e.explain?.key === 'raw.against');
    expect(marked).toHaveLength(1);
    expect(explainText(marked[0]!.explain!, 'en')).toBe('Sent on purpose, against MQTT-3.1.0-2: a second CONNECT on one connection');
    expect(explainText(marked[0]!.explain!, 'de')).toBe('Absichtlich gesendet, gegen MQTT-3.1.0-2: ein zweites CONNECT auf derselben Verbindung');
    const sends = r.trace.filter((e) => e.kind === 'send' && e.from === 'sensor');
    expect(sends.map((e) => e.summary)).toEqual(['CONNECT id=s clean k=60', 'PUBLISH q0 a/b "hello"', 'CONNECT id=sensor clean k=60']);
    // The broker read the CONNECT from its two pieces, as one frame of 16 bytes.
    expect(r.trace.find((e) => e.kind === 'deliver' && e.from === 'sensor' && e.packet?.type === 'connect')?.bytes?.length).toBe(16);
  });

  it('is deterministic: the same text gives the same trace, byte for byte', () => {
    const a = runScenario(SCENARIO).trace;
    const b = runScenario(SCENARIO).trace;
    expect(JSON.stringify(a, (_k, v: unknown) => (v instanceof Uint8Array ? hex(v) : v))).toBe(JSON.stringify(b, (_k, v: unknown) => (v instanceof Uint8Array ? hex(v) : v)));
  });

  it('survives a share link, and a raw command becomes a send-hex line that compiles to the same bytes', () => {
    expect(decodeScenario(encodeScenario(SCENARIO))).toEqual({ ok: true, text: SCENARIO });
    const compiled = compileScenario(parseScenario(SCENARIO).scenario);
    const rawCommands = compiled.commands.map((c) => c.command).filter((c) => c.type === 'raw.send');
    expect(rawCommands).toHaveLength(3);
    for (const c of rawCommands) {
      const line = commandStatement(c)!;
      expect(line).toMatch(/^sensor send-hex "/);
      const again = compileScenario(parseScenario(`${PRELUDE}at 0s ${line}`).scenario).commands[0]!.command;
      expect(again.type === 'raw.send' && hex(again.bytes)).toBe(hex(c.bytes));
      expect(again.type === 'raw.send' && again.segments).toEqual(c.segments);
    }
  });

  it('a malformed packet: the broker answers with the decoder\'s reason code, the inspector has its verdict', () => {
    const r = runScenario(`broker version=5
client sensor
at 0s sensor connect
at 1s sensor send PUBLISH -t a -m x -D session-expiry-interval 60
expect broker disconnects sensor 0x81
`);
    expect(r.results.every((x) => x.pass)).toBe(true);
    const sent = r.trace.find((e) => e.kind === 'send' && e.explain?.key === 'raw.against')!;
    expect(sent.packet).toBeUndefined();
    expect(sent.summary).toBe('PUBLISH 12 bytes, malformed');
    expect(Array.from(sent.bytes!)).toEqual(bytes('30 0a 00 01 61 05 11 00 00 00 3c 78'));
    expect(sent.explain!.params?.what).toContain('byte 6: a property that this packet type does not allow');
  });

  it('Topic Alias 0: the sender\'s mark and the broker\'s verdict cite the statement MQTT-3.3.2-8, not its section', () => {
    const r = runScenario(`broker version=5
client sensor
at 0s sensor connect
at 1s sensor send-hex "30 07 00 01 74 03 23 00 00"
expect broker disconnects sensor 0x82
`);
    expect(r.results.every((x) => x.pass)).toBe(true);
    const sent = r.trace.find((e) => e.kind === 'send' && e.explain?.key === 'raw.against')!;
    expect(sent.explain!.ref).toBe('MQTT-3.3.2-8');
    expect(sent.explain!.params?.what).toContain('byte 6: a property has a value it may not have (Topic Alias must not be 0)');
    const verdict = r.trace.find((e) => e.kind === 'note' && e.from === 'broker' && /Topic Alias must not be 0/.test(explainText(e.explain!, 'en')))!;
    expect(verdict.explain!.ref).toBe('MQTT-3.3.2-8');
  });
});

describe('expect CLIENT disconnect CODE / disconnect property NAME [VALUE]', () => {
  it('parses both forms', () => {
    const { scenario, diagnostics } = parseScenario(`${PRELUDE}expect sensor disconnect 0x8e\nexpect dash disconnect property reason-string "bye now"\nexpect dash disconnect property user-property k v`);
    expect(diagnostics).toEqual([]);
    expect(scenario.expectations.map(({ range: _r, text: _t, ...e }) => e)).toEqual([
      { kind: 'disconnect-code', client: 'sensor', code: 0x8e },
      { kind: 'disconnect-property', client: 'dash', property: { name: 'reason-string', value: 'bye now' } },
      { kind: 'disconnect-property', client: 'dash', property: { name: 'user-property', key: 'k', value: 'v' } },
    ]);
  });

  it.each([
    ['expect sensor disconnect', 'error line.missing 3:15-25'],
    ['expect sensor disconnect 0x1ff', 'error expect.code 3:26-31'],
    ['expect sensor disconnect property receive-maximum', 'error expect.property 3:35-50'],
    ['expect sensor disconnect property reason-strin x', 'error expect.property-suggest 3:35-47'],
    ['expect sensor disconnect 0x00 0x01', 'error line.extra 3:31-35'],
  ])('reports %s', (line, want) => {
    expect(diags(`${PRELUDE}${line}`)).toContain(want);
  });

  it('passes with the evidence and fails with the closest miss, in English and German', () => {
    const r = runScenario(`broker version=5
client sensor
client dash
at 0s sensor connect
at 0s dash connect
at 1s sensor disconnect --reason-code 4 -D disconnect reason-string "bye now"
at 1s dash send DISCONNECT -D session-expiry-interval 60
expect sensor disconnect 0x04
expect sensor disconnect property reason-string "bye now"
expect dash disconnect 0x82
expect sensor disconnect property reason-string "see you"
expect sensor disconnect 0x00
expect dash disconnect property server-reference
`);
    expect(r.results.map((x) => [x.pass, x.message])).toEqual([
      [true, "sensor's DISCONNECT at 1.020s has reason code 0x04"],
      [true, `sensor's DISCONNECT at 1.020s has reason-string "bye now"`],
      [true, "the broker's DISCONNECT to dash at 1.040s has reason code 0x82"],
      [false, 'no DISCONNECT between sensor and the broker had reason-string=see you; reason-string was: "bye now" (sensor, 1.020s)'],
      [false, 'no DISCONNECT between sensor and the broker had reason code 0x00; they had 0x04 (sensor, 1.020s)'],
      [false, 'no DISCONNECT between dash and the broker had server-reference; server-reference was: none (dash, 1.020s), none (broker, 1.040s)'],
    ]);
    for (const x of r.results) expect(x.messageDe).not.toBe(x.message);
    expect(r.results[1]!.messageDe).toBe(`das DISCONNECT von sensor um 1,020 s hat reason-string "bye now"`);
    expect(r.results[5]!.messageDe).toContain('server-reference war: keine (dash, 1,020 s), keine (Broker, 1,040 s)');
  });
});

describe('device exports', () => {
  it('say that a packet sent on purpose cannot be expressed with a client library, for every target', async () => {
    const { exportClient } = await import('../../src/scenario/export/device.ts');
    const { scenario } = parseScenario(`${PRELUDE}at 0s sensor connect\nat 1s sensor send PUBLISH -t 'a/+' -m x\nat 2s sensor send-hex "c0 00"`);
    for (const target of ['mosquitto-cli', 'mqttjs', 'python', 'arduino'] as const) {
      const out = exportClient(scenario, 'sensor', target);
      expect(out.unsupported.filter((u) => u.startsWith('a packet sent on purpose')), target).toHaveLength(2);
      for (const u of out.unsupported) expect(out.text).toContain(u);
    }
  });
});
