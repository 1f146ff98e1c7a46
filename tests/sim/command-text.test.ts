/**
 * Commands in words (src/sim/command-text.ts): every kind of WorldCommand, as the world records
 * it, reads as a sentence in English and in German, with no internal name (`APP.CONNECT`,
 * `cable.cut`) and no placeholder left.
 */
import { describe, expect, it } from 'vitest';
import { COMMAND_TEXTS, commandText, commandWords } from '../../src/sim/command-text.ts';
import { runFor } from '../../src/sim/run.ts';
import { createMqttWorld } from '../../src/sim/mqtt-world.ts';
import { schedule, type WorldCommand } from '../../src/sim/world.ts';
import { BROKER } from '../../src/sim/world-types.ts';

/** Samples of every kind: the mapped type makes tsc refuse the file when a kind is added and missing here. */
const SAMPLES: { [K in WorldCommand['type']]: Array<Extract<WorldCommand, { type: K }>> } = {
  'client.event': [
    { type: 'client.event', client: 'sensor', event: { type: 'APP.CONNECT' } },
    { type: 'client.event', client: 'sensor', event: { type: 'APP.PUBLISH', topic: 'a', payload: new Uint8Array(), qos: 0 } },
    { type: 'client.event', client: 'sensor', event: { type: 'APP.SUBSCRIBE', subscriptions: [] } },
    { type: 'client.event', client: 'sensor', event: { type: 'APP.UNSUBSCRIBE', topicFilters: ['a'] } },
    { type: 'client.event', client: 'sensor', event: { type: 'APP.DISCONNECT' } },
    { type: 'client.event', client: 'sensor', event: { type: 'TOY.PING' } },
  ],
  'broker.event': [{ type: 'broker.event', event: { type: 'BROKER.RESTART' } }],
  'cable.cut': [{ type: 'cable.cut', client: 'sensor' }],
  'cable.restore': [{ type: 'cable.restore', client: 'sensor' }],
  'client.crash': [{ type: 'client.crash', client: 'sensor' }],
  'broker.restart': [{ type: 'broker.restart' }, { type: 'broker.restart', persistence: true }],
  'link.set': [
    { type: 'link.set', client: 'sensor', settings: { latencyMs: 80, lossRatio: 0.125 } },
    { type: 'link.set', client: 'sensor', settings: { jitterMs: 4, tls: true } },
    { type: 'link.set', client: 'sensor', settings: { tls: false } },
    { type: 'link.set', client: 'sensor', settings: {} },
  ],
  'fault.add': [
    { type: 'fault.add', rule: { client: 'sensor', direction: 'up', packetType: 'publish', action: 'drop', remaining: 1 } },
    { type: 'fault.add', rule: { client: 'sensor', direction: 'down', packetType: 'pubrec', action: 'duplicate', remaining: 3 } },
    { type: 'fault.add', rule: { client: 'sensor', direction: 'both', packetType: '*', action: 'delay', delayMs: 250, remaining: 1 } },
    { type: 'fault.add', rule: { client: 'sensor', direction: 'both', packetType: '*', action: 'drop', remaining: 2 } },
  ],
  'fault.clear': [{ type: 'fault.clear', client: 'sensor' }, { type: 'fault.clear' }],
  'raw.send': [
    { type: 'raw.send', client: 'sensor', bytes: new Uint8Array(14) },
    { type: 'raw.send', client: 'sensor', bytes: new Uint8Array(15), segments: [8] },
  ],
};

const ALL = Object.values(SAMPLES).flat() as WorldCommand[];

/** The entry the world records for a command (to: the client, else the broker). */
function entryOf(c: WorldCommand) {
  return { to: 'client' in c && c.client !== undefined ? c.client : BROKER, command: commandWords(c) };
}

describe('commands in words', () => {
  it('say every kind of command in English and in German, differently, without internal names or placeholders', () => {
    const rows = ALL.map((c) => ({ type: c.type, en: commandText(entryOf(c), 'en'), de: commandText(entryOf(c), 'de') }));
    for (const r of rows) {
      expect(r.en, r.type).not.toBe('');
      expect(r.de, r.type).not.toBe('');
      expect(r.de, `${r.type}: ${r.en}`).not.toBe(r.en);
      for (const text of [r.en, r.de]) expect(text, r.type).not.toMatch(/[{}]|\b(APP|cable|client|link|fault|raw)\.[a-z]/i);
    }
    // Distinct commands read differently.
    expect(new Set(rows.map((r) => r.en)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.de)).size).toBe(rows.length);
    expect(rows.map((r) => r.de)).toEqual([
      'sensor verbindet sich',
      'sensor veröffentlicht',
      'sensor abonniert',
      'sensor kündigt ein Abonnement',
      'sensor trennt die Verbindung',
      'sensor erhält das Ereignis TOY.PING',
      'broker erhält das Ereignis BROKER.RESTART',
      'Das Kabel von sensor wird getrennt',
      'Das Kabel von sensor ist wieder da',
      'sensor stürzt ab',
      'Der Broker startet neu',
      'Der Broker startet neu (mit Persistenz)',
      'Die Leitung von sensor ändert sich: Latenz 80 ms, Verlust 12,5 %',
      'Die Leitung von sensor ändert sich: Jitter 4 ms, TLS an',
      'Die Leitung von sensor ändert sich: TLS aus',
      'Die Leitung von sensor bleibt, wie sie ist',
      'Das nächste PUBLISH von sensor zum Broker geht verloren',
      'Die nächsten 3 PUBREC vom Broker zu sensor kommen doppelt an',
      'Das nächste Paket zwischen sensor und dem Broker wird um 250 ms verzögert',
      'Die nächsten 2 Pakete zwischen sensor und dem Broker gehen verloren',
      'Die Fehlerregeln von sensor werden aufgehoben',
      'Alle Fehlerregeln werden aufgehoben',
      'sensor sendet absichtlich 14 Bytes',
      'sensor sendet absichtlich 15 Bytes, in 2 TCP-Segmenten',
    ]);
    expect(rows.filter((r) => r.type === 'fault.add').map((r) => r.en)).toEqual([
      'Lose the next PUBLISH from sensor to the broker',
      'Duplicate the next 3 PUBREC from the broker to sensor',
      'Delay the next packet between sensor and the broker by 250 ms',
      'Lose the next 2 packets between sensor and the broker',
    ]);
  });

  it('has both languages for every text', () => {
    for (const [id, t] of Object.entries(COMMAND_TEXTS)) {
      expect(t.en.trim(), id).not.toBe('');
      expect(t.de.trim(), id).not.toBe('');
      expect(t.de, id).not.toBe(t.en);
    }
  });

  it('shares one words object among the entries of commands without values', () => {
    const connect = SAMPLES['client.event'][0]!;
    expect(commandWords(connect)).toBe(commandWords({ ...connect, client: 'other' }));
    expect(commandWords(connect)).toEqual({ key: 'connect' });
  });

  it('are what the world records for a command, for the actor it is for', () => {
    let w = createMqttWorld({ clients: ['sensor'] });
    w = schedule(w, 0, { type: 'client.event', client: 'sensor', event: { type: 'APP.CONNECT' } });
    w = schedule(w, 10, { type: 'fault.add', rule: { client: 'sensor', direction: 'down', packetType: 'puback', action: 'drop', remaining: 1 } });
    const commands = runFor(w, 100).entries.filter((e) => e.kind === 'command');
    expect(commands.map((e) => [e.to, e.summary, commandText(e, 'en'), commandText(e, 'de')])).toEqual([
      ['sensor', undefined, 'sensor connects', 'sensor verbindet sich'],
      ['broker', undefined, 'Lose the next PUBACK from the broker to sensor', 'Das nächste PUBACK vom Broker zu sensor geht verloren'],
    ]);
  });

  it('show an older entry that has only its English summary as it is', () => {
    expect(commandText({ to: 'sensor', summary: 'sensor APP.CONNECT' }, 'de')).toBe('sensor APP.CONNECT');
    // A key this version does not know (a newer file): its summary, else the actor and the key.
    expect(commandText({ to: 'sensor', command: { key: 'teleport' }, summary: 'sensor teleports' }, 'de')).toBe('sensor teleports');
    expect(commandText({ to: 'sensor', command: { key: 'teleport' } }, 'de')).toBe('sensor teleport');
  });
});
