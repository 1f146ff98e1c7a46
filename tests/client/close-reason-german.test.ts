/**
 * The client inspector's "last close reason" (`clientView(...).lastCloseReason`, the words the
 * inspector shows) after real runs in the simulated world: German names the reason code in
 * German with the specification's English name after it; English reads as it always did.
 */
import { describe, expect, it } from 'vitest';
import { clientView, type ClientSnapshotLike } from '../../src/core/client/index.ts';
import { decode } from '../../src/core/codec/index.ts';
import { runScenario } from '../../src/scenario/index.ts';
import { ClientHarness } from './harness.ts';

function lastClose(text: string, client: string): { en: string; de: string } | null {
  const r = runScenario(text);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const snapshot = r.world!.actors.get(client) as unknown as ClientSnapshotLike;
  return clientView(snapshot).lastCloseReason;
}

describe('the last close reason in German and English', () => {
  it('5.0 CONNACK 0x87: abgelehnt: nicht autorisiert (not authorized)', () => {
    const text = ['broker version=5 anonymous=off', 'user alice wonderland', 'client mallory', 'at 0s mallory connect -u alice -P guess'].join('\n');
    expect(lastClose(text, 'mallory')).toEqual({ en: 'refused: not authorized', de: 'abgelehnt: nicht autorisiert (not authorized)' });
  });

  it('3.1.1 CONNACK return code 5 (the broker refuses a wrong password so): the same German name', () => {
    const text = ['broker anonymous=off', 'user alice wonderland', 'client mallory', 'at 0s mallory connect -V mqttv311 -u alice -P guess'].join('\n');
    expect(lastClose(text, 'mallory')).toEqual({ en: 'refused: not authorized', de: 'abgelehnt: nicht autorisiert (not authorized)' });
  });

  it('the broker disconnects a malformed SUBSCRIBE (0x81): vom Broker getrennt: fehlerhaftes Paket', () => {
    const text = ['broker version=5', 'client dash', 'at 0s dash connect', 'at 100ms dash send SUBSCRIBE -t a/# -q 1 --flags 0'].join('\n');
    expect(lastClose(text, 'dash')).toEqual({ en: 'disconnected by the broker: malformed packet', de: 'vom Broker getrennt: fehlerhaftes Paket (malformed packet)' });
  });

  it('a client taken over by another connection with its client ID: Sitzung übernommen', () => {
    const text = ['broker version=5', 'client a1', 'client a2', 'at 0s a1 connect -i same', 'at 100ms a2 connect -i same'].join('\n');
    expect(lastClose(text, 'a1')).toEqual({ en: 'disconnected by the broker: session taken over', de: 'vom Broker getrennt: Sitzung übernommen (session taken over)' });
  });
});

describe('a malformed packet from the broker', () => {
  it('the decoder\'s own error, in German from its detail, English as the decoder wrote it', () => {
    // SUBACK (type 9) with fixed-header flags 0010 instead of 0000: the real decoder's error.
    const decoded = decode(new Uint8Array([0x92, 0x03, 0x00, 0x01, 0x00]), 4);
    if (decoded.kind !== 'error') throw new Error(`expected a decode error, got ${decoded.kind}`);
    const c = new ClientHarness();
    c.connect({ clientId: 'a' });
    c.send({ type: 'NET.MALFORMED', error: decoded.error });
    const reason = clientView(c.snapshot).lastCloseReason!;
    expect(reason.en).toBe(`malformed packet: ${decoded.error.message}`);
    expect(reason.en).toMatch(/flags/);
    expect(reason.de).toMatch(/^fehlerhaftes Paket: Die Flags im festen Header von Pakettyp 9 müssen 0000 sein/);
  });
});
