/**
 * Human words where a learner reads the trace (issue 14): no internal names (`TIMER.KEEPALIVE`,
 * `APP.SUBSCRIBE`), booleans as yes/no (ja/nein), and "QoS 1, packet id 1" instead of "QoS 1 1".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { get } from 'svelte/store';
import { _ } from 'svelte-i18n';
import { formatEntry, type TraceEntry } from '../../src/sim/trace.ts';
import { codecMessage, commandText, explanationTables } from '../../src/ui/default-scenario.ts';
import { explainText, provideExplanations } from '../../src/ui/format/explain.ts';
import { setupI18n } from '../../src/ui/i18n/bundled.ts';
import { de } from '../../src/ui/i18n/de.ts';
import { rowText } from '../../src/ui/sequence/row-text.ts';
import { runScenario } from '../../src/scenario/index.ts';

beforeAll(() => provideExplanations(explanationTables, codecMessage, commandText));

const entry = (e: Partial<TraceEntry>) => ({ seq: 0, atMs: 0, step: 0, from: 'sensor', ...e }) as TraceEntry;

describe('human words in the trace', () => {
  it('says yes and no, and names the packet id', () => {
    const connect = { key: 'client.connect.sent', params: { clientId: 's', clean: true, keepAliveSec: 10, will: false } };
    expect(explainText(connect, 'en')).toBe('CONNECT sent: client id s, clean yes, keep-alive 10 s, will no.');
    expect(explainText(connect, 'de')).toBe('CONNECT gesendet: Client-ID s, clean ja, Keep Alive 10 s, Testament nein.');
    expect(explainText({ key: 'connect.accepted', params: { clientId: 's', sessionPresent: false, keepAliveSec: 10 } }, 'de')).toContain('Session Present: nein');
    // How a connection ended, in words of the UI language (the English keeps the code the golden traces print).
    expect(explainText({ key: 'net.closed-without-disconnect', params: { clientId: 's', reason: 'reset' } }, 'de')).toBe('Die Verbindung von s wurde ohne DISCONNECT beendet (zurückgesetzt).');
    expect(explainText({ key: 'net.closed-without-disconnect', params: { clientId: 's', reason: 'peer-closed' } }, 'en')).toBe('The connection of s closed without DISCONNECT (peer-closed).');
    const qos1 = { key: 'client.receive.qos1', params: { packetId: 1, topic: 't' } };
    expect(explainText(qos1, 'en')).toBe('Received QoS 1 (packet id 1) on t: delivered to the application and acknowledged with PUBACK.');
    expect(explainText(qos1, 'de')).toMatch(/^QoS 1 \(Paket-ID 1\) auf t empfangen/);
  });

  it('names timers and commands in words, in English and German', () => {
    for (const [lang, timer, command, cut] of [
      ['en', 'sensor: timer keep-alive fired', 'Command: dashboard subscribes', 'Command: The cable of sensor is cut'],
      ['de', 'sensor: Timer Keep Alive', 'Befehl: dashboard abonniert', 'Befehl: Das Kabel von sensor wird getrennt'],
    ] as const) {
      setupI18n(lang);
      const t = get(_);
      expect(rowText(entry({ kind: 'timer', summary: 'timer TIMER.KEEPALIVE' }), t, lang)).toContain(timer);
      expect(rowText(entry({ kind: 'command', from: 'world', to: 'dashboard', command: { key: 'subscribe' } }), t, lang)).toBe(command);
      expect(rowText(entry({ kind: 'command', from: 'world', to: 'sensor', command: { key: 'cable-cut' } }), t, lang)).toBe(cut);
    }
  });
});

describe('command and raw rows of a real run in German', () => {
  it('says a raw send, a fault rule, a broker restart and malformed bytes in German', () => {
    const run = runScenario(`client sensor
client dash
at 0s     dash connect
at 100ms  dash subscribe -t a/b
at 500ms  drop next PUBACK to sensor
at 600ms  duplicate next 2 PUBLISH to dash
at 1s     sensor send-hex "10 0d 00 04 4d 51 54 54" | "04 02 00 3c 00 01 73"
at 2s     sensor send-hex "30 0a 00 03 61 2f 62" | "68 65 6c 6c 6f"
at 3s     sensor send-hex "30 ff ff ff ff 01"
at 4s     broker restart persistence=on
`);
    setupI18n('de');
    const t = get(_);
    const rows = run.trace.filter((e) => e.kind === 'command' || e.summary?.includes('bytes,')).map((e) => rowText(e, t, 'de'));
    expect(rows).toContain('Befehl: sensor sendet absichtlich 15 Bytes, in 2 TCP-Segmenten');
    expect(rows).toContain('Befehl: Das nächste PUBACK vom Broker zu sensor geht verloren');
    expect(rows).toContain('Befehl: Der Broker startet neu (mit Persistenz)');
    expect(rows).toContain('Befehl: Die nächsten 2 PUBLISH vom Broker zu dash kommen doppelt an');
    expect(rows.some((r) => /PUBLISH 6 Bytes, fehlerhaft/.test(r))).toBe(true);
    for (const r of rows) expect(r).not.toMatch(/\b(sends|bytes|next|malformed|restart|on purpose)\b/);
  });

  it('says every command of the scenario language in German, and each differently from English', () => {
    const run = runScenario(`client sensor
client dash
at 0s     sensor connect
at 0s     dash connect
at 100ms  dash subscribe -t a/b
at 150ms  link sensor latency=50ms jitter=5ms loss=2.5%
at 200ms  sensor publish -t a/b -m x -q 1
at 700ms  delay next PUBLISH from sensor by 300ms
at 800ms  drop next 2 ANY on dash
at 2500ms dash unsubscribe -t a/b
at 3s     sensor cable-cut
at 3100ms sensor cable-restore
at 3200ms dash crash
at 4s     sensor disconnect
at 5s     broker restart
`);
    const commands = run.trace.filter((e) => e.kind === 'command');
    const rowsIn = (lang: 'en' | 'de') => {
      setupI18n(lang);
      const t = get(_);
      return commands.map((e) => rowText(e, t, lang));
    };
    const en = rowsIn('en');
    const de = rowsIn('de');
    expect(de).toEqual([
      'Befehl: sensor verbindet sich',
      'Befehl: dash verbindet sich',
      'Befehl: dash abonniert',
      'Befehl: Die Leitung von sensor ändert sich: Latenz 50 ms, Jitter 5 ms, Verlust 2,5 %',
      'Befehl: sensor veröffentlicht',
      'Befehl: Das nächste PUBLISH von sensor zum Broker wird um 300 ms verzögert',
      'Befehl: Die nächsten 2 Pakete zwischen dash und dem Broker gehen verloren',
      'Befehl: dash kündigt ein Abonnement',
      'Befehl: Das Kabel von sensor wird getrennt',
      'Befehl: Das Kabel von sensor ist wieder da',
      'Befehl: dash stürzt ab',
      'Befehl: sensor trennt die Verbindung',
      'Befehl: Der Broker startet neu',
    ]);
    expect(en.slice(3, 7)).toEqual([
      'Command: The link of sensor changes: latency 50 ms, jitter 5 ms, loss 2.5 %',
      'Command: sensor publishes',
      'Command: Delay the next PUBLISH from sensor to the broker by 300 ms',
      'Command: Lose the next 2 packets between dash and the broker',
    ]);
    en.forEach((row, i) => expect(de[i]).not.toBe(row));
    // The CLI's lines (npm run scenario -- --lang de) say the same words.
    expect(commands.map((e) => formatEntry(e, 'de').replace(/^.*?Befehl: /, 'Befehl: '))).toEqual(de);
  });
});

describe('npm run scenario -- --lang de says what the German UI shows for the same entry', () => {
  // A 5.0 client (the broker announces its limits in CONNACK), a payload that is no text, a
  // PUBLISH with Topic Alias 0 sent on purpose (malformed), and a keep-alive timer.
  const run = runScenario(`broker version=5
client sensor
client dash
at 0s     sensor connect -i sensor -V mqttv5 -k 5
at 0s     dash connect -i dash -V mqttv5
at 100ms  dash subscribe -t a
at 200ms  sensor publish -t a -m "\\x00\\x01"
at 1s     sensor send-hex "30 08 00 01 61 03 23 00 00 78"
`);
  const cliLine = (e: TraceEntry) => formatEntry(e, 'de').replace(/^ *[\d,]+ s {2}/, '');

  it('a packet summary: the protocol words as they are, the sandbox\'s words in German', () => {
    setupI18n('de');
    const t = get(_);
    const packets = run.trace.filter((e) => e.kind === 'send' || e.kind === 'deliver' || e.kind === 'app');
    const malformed = packets.find((e) => e.kind === 'deliver' && e.summary?.includes('malformed'))!;
    expect(cliLine(malformed)).toBe('sensor -> broker  PUBLISH 10 Bytes, fehlerhaft (angekommen)');
    expect(rowText(malformed, t, 'de')).toBe('broker empfängt PUBLISH 10 Bytes, fehlerhaft');
    const binary = packets.find((e) => e.kind === 'app' && e.to === 'dash')!;
    expect(cliLine(binary)).toBe('dash empfängt PUBLISH q0 a <2 Bytes>');
    for (const e of packets) {
      // The summary the UI shows is the one the CLI prints.
      const shown = rowText(e, t, 'de').replace(/^.*?(: | empfängt )/, '').replace(/^.*?Anwendung: /, '');
      expect(cliLine(e)).toContain(shown);
      expect(cliLine(e)).not.toMatch(/\b(bytes|malformed|unfinished)\b/);
    }
  });

  it('the broker\'s limits: property names as the spec spells them, in the CLI and the UI', () => {
    const limits = run.trace.find((e) => e.explain?.key === 'client.connack.limits')!;
    expect(cliLine(limits)).toBe('sensor: Der Broker hat seine Grenzen mitgeteilt: Receive Maximum 20, Topic Alias Maximum 10. [3.2.2.3]');
    expect(explainText(limits.explain!, 'de')).toBe('Der Broker hat seine Grenzen mitgeteilt: Receive Maximum 20, Topic Alias Maximum 10.');
    // English keeps the golden traces' words.
    expect(formatEntry(limits, 'en')).toContain('The broker announced its limits: receive maximum 20, topic alias maximum 10.');
    // The note carries each limit as a value, and says it in either language from the values.
    expect(limits.explain!.params).toEqual({ limits: 'receive maximum 20, topic alias maximum 10', receiveMaximum: 20, topicAliasMaximum: 10 });
    const values = { key: 'client.connack.limits', params: { limits: 'receive maximum 5, maximum QoS 1, retain not available, maximum packet size 1024', receiveMaximum: 5, maximumQoS: 1, retainAvailable: 0, maximumPacketSize: 1024 } };
    const german = 'Der Broker hat seine Grenzen mitgeteilt: Receive Maximum 5, Maximum QoS 1, keine gehaltenen Nachrichten (Retain Available 0), Maximum Packet Size 1024.';
    expect(explainText(values, 'de')).toBe(german);
    expect(explainText({ ...values, params: { ...values.params, limits: 'something else' } }, 'de')).toBe(german);
    // A note of an older trace has the English words only: read back part by part.
    const old = { key: 'client.connack.limits', params: { limits: values.params.limits } };
    expect(explainText(old, 'de')).toBe(german);
    expect(explainText(old, 'en')).toBe(explainText(values, 'en'));
  });

  it('a state change, as the German diagram\'s row says it, for every state name the German UI has', () => {
    setupI18n('de');
    const t = get(_);
    const states = run.trace.filter((e) => e.kind === 'state');
    expect(states.length).toBeGreaterThan(3);
    for (const e of states) expect(cliLine(e)).toBe(rowText(e, t, 'de'));
    for (const name of Object.keys(de.panels.stage.states)) {
      const e = entry({ kind: 'state', state: { value: { [name]: name } } });
      expect(cliLine(e)).toBe(rowText(e, t, 'de'));
    }
    expect(formatEntry(states[0]!, 'en')).toMatch(/^ +[\d.]+s {2}sensor is "opening"$/);
  });

  it('a reason code\'s name in German, a client\'s name as it is', () => {
    const refused = { key: 'client.connack.refused', params: { code: '0x87', name: 'not authorized' } };
    expect(explainText(refused, 'de')).toContain('mit Code 0x87 (nicht autorisiert) abgelehnt');
    expect(explainText(refused, 'en')).toContain('with code 0x87 (not authorized);');
    const byBroker = entry({ kind: 'note', explain: { ref: '3.14.2.1', key: 'client.disconnect.by-server', params: { code: '0x8E', name: 'session taken over' } } });
    expect(cliLine(byBroker)).toBe('sensor: Der Broker hat DISCONNECT mit 0x8E (Sitzung übernommen) gesendet und schließt die Verbindung. [3.14.2.1]');
    expect(explainText(byBroker.explain!, 'de')).toBe(cliLine(byBroker).replace(/^sensor: | \[.*$/g, ''));
    // `{name}` of a note without a reason code is a client's: `banned` stays `banned`.
    expect(explainText({ key: 'client.connect.already', params: { name: 'banned' } }, 'de')).toMatch(/^banned ist bereits verbunden/);
  });

  it('a timer, as the German diagram names it', () => {
    setupI18n('de');
    const t = get(_);
    const timer = run.trace.find((e) => e.kind === 'timer')!;
    expect(cliLine(timer)).toBe(rowText(timer, t, 'de'));
    expect(formatEntry(timer, 'en')).toMatch(/: timer TIMER\.\w+$/);
  });
});
