/**
 * The expectation words of issues #16 and #23: each is parsed, its misuse is reported, and it
 * passes or fails on a run with the evidence or the closest miss, in English and German.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario, type ExpectationResult } from '../../src/scenario/index.ts';
import { diags, PRELUDE } from './helpers.ts';

const d = (line: string): string[] => diags(`${PRELUDE}${line}`);
const parsed = (line: string): unknown => {
  const { scenario, diagnostics } = parseScenario(`${PRELUDE}${line}`);
  expect(diagnostics).toEqual([]);
  const { range: _r, text: _t, ...rest } = scenario.expectations[0]!;
  return rest;
};

/** Run `body` with `goals` appended; the results of the goals in order. */
function run(body: string, goals: string): ExpectationResult[] {
  const r = runScenario(`${body}\n${goals}`);
  expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
  for (const x of r.results) expect(x.messageDe).not.toBe(x.message);
  return r.results;
}
const verdicts = (rs: readonly ExpectationResult[]): [boolean, string][] => rs.map((r) => [r.pass, r.message]);

const WILL = `broker version=5
client sensor
client dash
at 0s    sensor connect -i s1 -k 10 --will-topic a/st --will-payload off
at 0s    dash connect -c -x 100
at 100ms dash subscribe -t 'a/#' -q 1 -D subscribe subscription-identifier 7
at 1s    sensor publish -t a/b -m 1 -q 1 -D publish content-type text/plain -D publish user-property room h1 -D publish message-expiry-interval 60
at 1.1s  sensor publish -t a/b -m 2 -q 1 -D publish payload-format-indicator 1 -D publish response-topic r/x -D publish correlation-data abc
at 2s    sensor disconnect
at 3s    dash disconnect --reason-code 4
at 4s    dash connect -c -x 100`;

const MISUSE: [line: string, diagnostic: string][] = [
  ['expect dash connack session-present 2', 'error expect.flag 3:37-38'],
  ['expect dash connack session-present', 'error expect.flag 3:21-36'],
  ['expect dash connack property recieve-maximum 5', 'error expect.property-suggest 3:30-45'],
  ['expect dash connack property content-type', 'error expect.property 3:30-42'],
  ['expect dash receives a property receive-maximum', 'error expect.property 3:33-48'],
  ['expect dash receives a property user-property', 'error line.missing 3:33-46'],
  ['expect dash receives a retained not-retained', 'error expect.flag-conflict 3:33-45'],
  ['expect dash receives a exactly 2 at-most 3', 'error expect.conflict 3:34-41'],
  ['expect dash receives a at-least 0', 'error count.bad 3:33-34'],
  ['expect dash receives a before', 'error line.missing 3:24-30'],
  ['expect dash suback 0x01 0x100', 'error expect.code 3:25-30'],
  ['expect dash puback 0 0', 'error line.extra 3:22-23'],
  ['expect broker receives a/b sensor', 'error line.missing 3:28-34'],
  ['expect broker receives a/b from snsor', 'error client.undeclared-suggest 3:33-38'],
  ['expect broker disconnect dash', 'error expect.unknown-suggest 3:15-25'],
  ['expect broker disconnects dash nope', 'error expect.code 3:32-36'],
  ['expect dash will-registered a b', 'error line.extra 3:31-32'],
  ['expect dash disconnects-cleanly 5s', 'error line.extra 3:33-35'],
  ['expect dash closed-without-connack now', 'error line.extra 3:36-39'],
  ['expect dash will-registerd', 'error expect.unknown-suggest 3:13-27'],
];

describe('parsing the new expectation words', () => {
  it('reads each form', () => {
    expect(parsed('expect sensor will-registered')).toEqual({ kind: 'will-registered', client: 'sensor' });
    expect(parsed('expect sensor will-registered a/+')).toEqual({ kind: 'will-registered', client: 'sensor', topic: 'a/+' });
    expect(parsed('expect sensor disconnects-cleanly by 5s')).toEqual({ kind: 'disconnects-cleanly', client: 'sensor', byMs: 5000 });
    expect(parsed('expect sensor closed-without-connack')).toEqual({ kind: 'closed-without-connack', client: 'sensor' });
    expect(parsed('expect broker receives a/b "1" from sensor qos 1 not-retained exactly 2')).toEqual({ kind: 'broker-receives', client: 'sensor', topic: 'a/b', payload: '1', qos: 1, retained: false, times: 2 });
    expect(parsed('expect broker disconnects dash 0x8e')).toEqual({ kind: 'broker-disconnects', client: 'dash', code: 0x8e });
    expect(parsed('expect broker disconnects dash')).toEqual({ kind: 'broker-disconnects', client: 'dash' });
    expect(parsed('expect dash connack session-present 1')).toEqual({ kind: 'session-present', client: 'dash', present: true });
    expect(parsed('expect dash connack property receive-maximum 20')).toEqual({ kind: 'connack-property', client: 'dash', property: { name: 'receive-maximum', value: '20' } });
    expect(parsed('expect dash connack property assigned-client-identifier')).toEqual({ kind: 'connack-property', client: 'dash', property: { name: 'assigned-client-identifier' } });
    expect(parsed('expect dash suback 0x01 0x80')).toEqual({ kind: 'ack', client: 'dash', packet: 'suback', code: 1, codes: [1, 0x80] });
    expect(parsed('expect dash unsuback 0 0x11')).toEqual({ kind: 'ack', client: 'dash', packet: 'unsuback', code: 0, codes: [0, 0x11] });
    expect(parsed('expect dash receives a/b not-dup at-least 1 at-most 3')).toEqual({ kind: 'receives', client: 'dash', topic: 'a/b', dup: false, atLeast: 1, atMost: 3 });
    expect(parsed('expect dash receives a/b at-most 0')).toEqual({ kind: 'receives', client: 'dash', topic: 'a/b', atMost: 0 });
    expect(parsed('expect dash receives a/b "1" before a/b "2"')).toEqual({ kind: 'receives', client: 'dash', topic: 'a/b', payload: '1', before: { topic: 'a/b', payload: '2' } });
    expect(parsed('expect dash receives a/b property user-property room h1 property content-type "text/plain" property subscription-identifier 7')).toEqual({
      kind: 'receives',
      client: 'dash',
      topic: 'a/b',
      properties: [{ name: 'user-property', key: 'room', value: 'h1' }, { name: 'content-type', value: 'text/plain' }, { name: 'subscription-identifier', value: '7' }],
    });
    expect(parseScenario('broker queue-qos0=on').scenario.broker.queueQos0).toBe(true);
  });

  it.each(MISUSE)('reports misuse: %s', (line, diagnostic) => {
    expect(d(line)).toEqual([diagnostic]);
  });

  it('reports a bad queue-qos0 value', () => {
    expect(diags('broker queue-qos0=maybe')).toHaveLength(1);
  });
});

describe('checking the new expectation words', () => {
  it('will-registered, disconnects-cleanly, broker receives ... from', () => {
    const rs = run(WILL, `expect sensor will-registered
expect sensor will-registered a/x
expect dash will-registered
expect sensor disconnects-cleanly
expect dash disconnects-cleanly
expect broker receives a/b "1" from sensor qos 1 not-dup
expect broker receives a/b from sensor exactly 2
expect broker receives a/b from sensor at-most 1
expect broker receives a/b from dash`);
    expect(verdicts(rs)).toEqual([
      [true, 'the broker accepted sensor\'s CONNECT with the will a/st "off" at 0.060s'],
      [false, 'sensor\'s will is on a/st "off" (at 0.060s), not on a/x'],
      [false, "dash's CONNECT at 4.060s carries no will"],
      [true, "sensor's DISCONNECT (0x00) arrived at the broker at 2.020s"],
      [false, "dash's DISCONNECT at 3.020s has reason code 0x04, not 0x00 (normal disconnection)"],
      [true, 'the broker received a/b "1" (QoS 1) from sensor at 1.020s'],
      [true, 'the broker received a/b "1" (QoS 1) from sensor at 1.020s (2 times)'],
      [false, expect.stringMatching(/^the broker received 2 matching messages from sensor, expected at most 1 \(at \d+\.\d{3}s, \d+\.\d{3}s\)$/)],
      [false, 'the broker received nothing on a/b from dash; no message from dash arrived at all'],
    ]);
    expect(rs[0]!.evidence).toHaveLength(1);
    expect(rs[4]!.messageDe).toBe('das DISCONNECT von dash um 3,020 s hat den Reason Code 0x04, nicht 0x00 (normale Trennung)');
  });

  it('flags, exact QoS, properties, order and counts on receives', () => {
    const rs = run(WILL, `expect dash receives a/b "1" qos 1 not-retained not-dup property subscription-identifier 7 property content-type text/plain property user-property room h1
expect dash receives a/b "1" property message-expiry-interval
expect dash receives a/b "2" property payload-format-indicator 1 property response-topic r/x property correlation-data abc
expect dash receives a/b "2" property content-type
expect dash receives a/b qos 0
expect dash receives a/b retained
expect dash receives a/b "1" before a/b "2"
expect dash receives a/b "2" before a/b "1"
expect dash receives a/b "1" before a/c
expect dash receives a/b at-most 2
expect dash receives a/b exactly 1`);
    expect(verdicts(rs).map(([p]) => p)).toEqual([true, true, true, false, false, false, true, false, false, true, false]);
    expect(rs[3]!.message).toBe('dash received no matching message on a/b (expected the goal’s properties); the closest was a/b "2" (QoS 1) at 1.140s');
    expect(rs[7]!.message).toBe('dash received a/b "1" (QoS 1) at 1.040s, before a/b "2" (QoS 1) at 1.140s');
    expect(rs[8]!.message).toBe('dash received a/b "1" (QoS 1) at 1.040s but never a/c');
    expect(rs[10]!.message).toMatch(/^dash received 2 matching messages, expected exactly 1 \(at \d+\.\d{3}s, \d+\.\d{3}s\)$/);
  });

  it('CONNACK session present and properties, SUBACK per filter', () => {
    const rs = run(WILL, `expect dash connack session-present 1
expect sensor connack session-present 1
expect dash connack property receive-maximum 20
expect dash connack property topic-alias-maximum 3
expect dash connack property assigned-client-identifier
expect dash suback 0x01
expect dash suback 0x01 0x80`);
    expect(verdicts(rs)).toEqual([
      [true, 'dash got CONNACK with session present = 1 at 4.080s'],
      [false, "sensor's CONNACKs had session present = 0 at 0.080s, never 1"],
      [true, 'dash got CONNACK with receive-maximum 20 at 0.080s'],
      [false, 'no CONNACK to dash had topic-alias-maximum=3; topic-alias-maximum was: 10 at 0.080s, 10 at 4.080s'],
      [false, 'no CONNACK to dash had assigned-client-identifier; assigned-client-identifier was: none at 0.080s, none at 4.080s'],
      [true, 'dash got SUBACK 0x01 at 0.140s'],
      [false, 'dash got SUBACK 0x01 at 0.140s, not 0x01/0x80'],
    ]);
    const two = run(`client dash\nat 0s dash connect\nat 100ms dash subscribe -t a -q 1 -t b`, 'expect dash suback 0x01 0x01\nexpect dash suback 0x01');
    expect(two.map((r) => r.pass)).toEqual([true, true]);
  });

  it('the broker disconnects a client; a connection closed without CONNACK; queue-qos0', () => {
    const body = `broker version=5 queue-qos0=on
client a
client b
client c
client e
at 0s    a connect -i same
at 0s    c connect -i c
at 0s    e connect -i e -c -x 100
at 50ms  c disconnect
at 100ms e subscribe -t q/0
at 200ms e disconnect
at 300ms a publish -t q/0 -m zero
at 400ms e connect -i e -c -x 100
at 1s    b connect -i same`;
    const goals = `expect broker disconnects a 0x8e
expect broker disconnects a 0x8f
expect broker disconnects b
expect c closed-without-connack
expect a closed-without-connack
expect e receives q/0 "zero" qos 0`;
    expect(verdicts(run(body, goals))).toEqual([
      [true, 'the broker sent DISCONNECT 0x8e to a at 1.060s'],
      [false, 'the broker sent DISCONNECT 0x8e to a at 1.060s, not 0x8f'],
      [false, 'the broker never disconnected b'],
      [true, "c's connection closed at 0.050s with no CONNACK after its CONNECT at 0.040s"],
      [false, 'a got a CONNACK at 0.080s'],
      [true, 'e received q/0 "zero" (QoS 0) at 0.480s'],
    ]);
    const off = run(body.replace(' queue-qos0=on', ''), 'expect e receives q/0 "zero"');
    expect(off.map((r) => r.pass)).toEqual([false]);
  });

  it('the broker closing a silent client counts as disconnecting it (keep-alive)', () => {
    const body = `client p\nat 0s p connect -k 2\nat 1s p cable-cut\nat 20s end`;
    expect(run(body, 'expect broker disconnects p').map((r) => r.pass)).toEqual([true]);
    expect(run(body.replace('p cable-cut', 'p crash'), 'expect broker disconnects p').map((r) => r.pass)).toEqual([false]);
  });
});
