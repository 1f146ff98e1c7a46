/**
 * `npm run scenario -- FILE --lang de`, spawned as a teacher would run it, on a scenario with a
 * refused CONNECT (wrong password, 0x87), a malformed SUBSCRIBE (DISCONNECT 0x81), the broker's
 * limits in CONNACK, topic warnings and a goal that fails: German prints no English verdicts,
 * reason-code names, state values or severities; English prints exactly what it always printed.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../node/cli.ts';

const FILE = 'tests/scenario/fixtures/refused-and-failing.mqtts';

const cli = (...args: string[]) => runCli('src/node/scenario-cli.ts', [FILE, ...args]);

describe('npm run scenario on a refused CONNECT and a failing goal', { timeout: 60_000 }, () => {
  it('--lang de: verdicts, reason-code names, states, limits and severities in German', () => {
    const r = cli('--all', '--lang', 'de');
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines).toContain(`NICHT ERFÜLLT  ${FILE}:13  expect mallory connack 0x00`);
    expect(lines).toContain(`ERFÜLLT  ${FILE}:14  expect alice connack 0x00`);
    expect(lines).toContain('1 erfüllt, 1 nicht erfüllt');
    expect(lines).toContain('  0,080 s  mallory: CONNACK hat die Verbindung mit Code 0x87 (nicht autorisiert) abgelehnt; der Client schließt die Netzwerkverbindung. [MQTT-3.2.2-7]');
    expect(lines).toContain('  0,240 s  dash: Der Broker hat DISCONNECT mit 0x81 (fehlerhaftes Paket) gesendet und schließt die Verbindung. [3.14.2.1]');
    expect(lines).toContain('  0,220 s  broker: Ein fehlerhaftes Paket von dash: Die Flags im festen Header von Pakettyp 8 müssen 0010 sein. Der Broker schließt die Verbindung (Grund 129). [MQTT-3.8.1-1]');
    expect(lines).toContain('  0,080 s  alice: Der Broker hat seine Grenzen mitgeteilt: Receive Maximum 20, Topic Alias Maximum 10. [3.2.2.3]');
    expect(lines).toContain('  0,080 s  mallory ist jetzt im Zustand „abgewiesen“');
    expect(lines).toContain('  0,080 s  alice ist jetzt im Zustand „verbunden (bereit)“');
    expect(lines).toContain('  0,000 s  alice ist jetzt im Zustand „baut die Verbindung auf“');
    expect(r.out).not.toMatch(/\b(PASS|FAIL|passed|failed)\b|\(not authorized\)|\(malformed packet\)| is "| is \{|announced|refused the/);
    expect(r.err).toContain(`${FILE}:12:28: Warnung: Vermeide Leerzeichen`);
    expect(r.err).toContain(`${FILE}:11:16: Hinweis: Absichtlich gesendet`);
    expect(r.err).not.toMatch(/warning:|info:/);
  });

  it('English: the same lines as before, word for word', () => {
    const r = cli('--all');
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines).toContain(`FAIL  ${FILE}:13  expect mallory connack 0x00`);
    expect(lines).toContain(`PASS  ${FILE}:14  expect alice connack 0x00`);
    expect(lines).toContain('1 passed, 1 failed');
    expect(lines).toContain('   0.080s  mallory: CONNACK refused the connection with code 0x87 (not authorized); the client closes the network connection. [MQTT-3.2.2-7]');
    expect(lines).toContain('   0.240s  dash: The broker sent DISCONNECT with 0x81 (malformed packet) and closes the connection. [3.14.2.1]');
    expect(lines).toContain('   0.220s  broker: A malformed packet from dash: the fixed-header flags of packet type 8 must be 0010. The broker closes the connection (reason 129). [MQTT-3.8.1-1]');
    expect(lines).toContain('   0.080s  alice: The broker announced its limits: receive maximum 20, topic alias maximum 10. [3.2.2.3]');
    expect(lines).toContain('   0.080s  mallory is "refused"');
    expect(lines).toContain('   0.080s  alice is {"connected":"idle"}');
    expect(r.err).toContain(`${FILE}:12:28: warning: Avoid spaces`);
    expect(r.err).toContain(`${FILE}:11:16: info: Sent on purpose`);
  });
});
