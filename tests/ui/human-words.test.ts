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
