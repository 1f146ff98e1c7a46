/**
 * Human words where a learner reads the trace (issue 14): no internal names (`TIMER.KEEPALIVE`,
 * `APP.SUBSCRIBE`), booleans as yes/no (ja/nein), and "QoS 1, packet id 1" instead of "QoS 1 1".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { get } from 'svelte/store';
import { _ } from 'svelte-i18n';
import type { TraceEntry } from '../../src/sim/trace.ts';
import { explanationTables } from '../../src/ui/default-scenario.ts';
import { explainText, provideExplanations } from '../../src/ui/format/explain.ts';
import { setupI18n } from '../../src/ui/i18n/index.ts';
import { rowText } from '../../src/ui/sequence/row-text.ts';
import { runScenario } from '../../src/scenario/index.ts';

beforeAll(() => provideExplanations(explanationTables));

const entry = (e: Partial<TraceEntry>) => ({ seq: 0, atMs: 0, step: 0, from: 'sensor', ...e }) as TraceEntry;

describe('human words in the trace', () => {
  it('says yes and no, and names the packet id', () => {
    const connect = { key: 'client.connect.sent', params: { clientId: 's', clean: true, keepAliveSec: 10, will: false } };
    expect(explainText(connect, 'en')).toBe('CONNECT sent: client id s, clean yes, keep-alive 10 s, will no.');
    expect(explainText(connect, 'de')).toBe('CONNECT gesendet: Client-ID s, clean ja, Keep Alive 10 s, Will nein.');
    expect(explainText({ key: 'connect.accepted', params: { clientId: 's', sessionPresent: false, keepAliveSec: 10 } }, 'de')).toContain('Sitzung vorhanden: nein');
    const qos1 = { key: 'client.receive.qos1', params: { packetId: 1, topic: 't' } };
    expect(explainText(qos1, 'en')).toBe('Received QoS 1, packet id 1, on t: delivered to the application and acknowledged with PUBACK.');
    expect(explainText(qos1, 'de')).toMatch(/^QoS 1, Paket-ID 1, auf t empfangen/);
  });

  it('names timers and commands in words, in English and German', () => {
    for (const [lang, timer, command, cut] of [
      ['en', 'sensor: timer keep-alive fired', 'Command: dashboard subscribes', 'Command: the cable of sensor is cut'],
      ['de', 'sensor: Timer Keep Alive', 'Befehl: dashboard abonniert', 'Befehl: das Kabel von sensor wird getrennt'],
    ] as const) {
      setupI18n(lang);
      const t = get(_);
      expect(rowText(entry({ kind: 'timer', summary: 'timer TIMER.KEEPALIVE' }), t, lang)).toContain(timer);
      expect(rowText(entry({ kind: 'command', from: 'world', to: 'dashboard', summary: 'dashboard APP.SUBSCRIBE' }), t, lang)).toBe(command);
      expect(rowText(entry({ kind: 'command', from: 'world', to: 'sensor', summary: 'sensor cable.cut' }), t, lang)).toBe(cut);
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
    expect(rows).toContain('Befehl: das nächste PUBACK vom Broker zu sensor geht verloren');
    expect(rows).toContain('Befehl: der Broker startet neu (mit Persistenz)');
    expect(rows).toContain('Befehl: die nächsten 2 PUBLISH vom Broker zu dash kommen doppelt an');
    expect(rows.some((r) => /PUBLISH 6 Bytes, fehlerhaft/.test(r))).toBe(true);
    for (const r of rows) expect(r).not.toMatch(/\b(sends|bytes|next|malformed|restart|on purpose)\b/);
  });
});
