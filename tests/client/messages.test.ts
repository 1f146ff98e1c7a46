import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { clientMessages, formatClientMessage } from '../../src/core/client/index.ts';

describe('client messages', () => {
  const dir = join(import.meta.dirname, '../../src/core/client');
  const source = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  const used = new Set([...source.matchAll(/'(client\.[a-z0-9.-]+)'/g)].map((m) => m[1]));

  it('every explain key used has an English and a German text', () => {
    const missing = [...used].filter((k) => k !== undefined && !(k in clientMessages));
    expect(missing).toEqual([]);
  });

  it('both languages use the same placeholders', () => {
    for (const [key, m] of Object.entries(clientMessages)) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
      expect(names(m.de), key).toEqual(names(m.en));
    }
  });

  it('fills placeholders', () => {
    expect(formatClientMessage('client.ack.puback', 'de', { packetId: 3 })).toBe(
      'PUBACK 3: Die Nachricht gehört jetzt dem Broker; Paket-ID 3 ist wieder frei.',
    );
  });

  it('names the packet id of a received message in words, not as a bare number after the QoS', () => {
    expect(formatClientMessage('client.receive.qos1', 'en', { packetId: 2, topic: 't' })).toBe(
      'Received QoS 1 (packet id 2) on t: delivered to the application and acknowledged with PUBACK.',
    );
    expect(formatClientMessage('client.receive.qos2-stored', 'de', { packetId: 2, topic: 't' })).toMatch(/^QoS 2 \(Paket-ID 2\) auf t empfangen:/);
    for (const [key, m] of Object.entries(clientMessages)) {
      for (const text of [m.en, m.de]) expect(text, key).not.toMatch(/QoS [0-2] \{packetId\}/);
    }
  });
});
