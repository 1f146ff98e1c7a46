/**
 * `npm run scenario -- FILE --lang de` on a scenario that sends a malformed packet on purpose
 * (`send-hex`, a PUBLISH with Topic Alias 0): the broker's note says what is wrong in German,
 * with no English detail; in English it keeps the decoder's words.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../node/cli.ts';

const FILE = 'tests/scenario/fixtures/malformed-topic-alias-zero.mqtts';

function run(lang: 'en' | 'de', file = FILE): { stdout: string; stderr: string } {
  const r = runCli('src/node/scenario-cli.ts', [file, '--lang', lang]);
  expect(r.err).not.toMatch(/: error: /); // only the send's info: sent on purpose, against MQTT-3.3.2-8
  expect(r.code).toBe(0);
  return { stdout: r.out, stderr: r.err };
}

function note(lang: 'en' | 'de', file = FILE): string {
  const { stdout } = run(lang, file);
  return stdout.split('\n').find((line) => /broker: (Ein fehlerhaftes|A malformed)/.test(line)) ?? stdout;
}

describe('the broker\'s note on a malformed packet sent with send-hex', { timeout: 60_000 }, () => {
  it('reads German with --lang de', () => {
    expect(note('de')).toBe('  1,020 s  broker: Ein fehlerhaftes Paket von sensor: Topic Alias darf nicht 0 sein. Der Broker schließt die Verbindung (Grund 130). [MQTT-3.3.2-8]');
  });

  it('keeps the decoder\'s English detail in English', () => {
    expect(note('en')).toBe('   1.020s  broker: A malformed packet from sensor: Topic Alias must not be 0. The broker closes the connection (reason 130). [MQTT-3.3.2-8]');
  });
});

describe('the mark on a packet sent on purpose (send-hex, Topic Alias 0) gives the decoder\'s detail', { timeout: 60_000 }, () => {
  it('in German, in German words, on stderr and in the trace', () => {
    const { stdout, stderr } = run('de');
    const mark = 'absichtlich gesendet, gegen MQTT-3.3.2-8: Byte 6: Eine Property hat einen unzulässigen Wert (Topic Alias darf nicht 0 sein)';
    // The diagnostic after "Hinweis:" is a sentence, as the trace's note is.
    expect(stderr).toContain(`malformed-topic-alias-zero.mqtts:7:14: Hinweis: A${mark.slice(1)}.\n`);
    expect(stdout).toContain(`  1,000 s  sensor: A${mark.slice(1)} [MQTT-3.3.2-8]\n`);
    // The packet's summary and the broker's limits as the German UI shows them.
    expect(stdout).toContain('  1,020 s  sensor -> broker  PUBLISH 10 Bytes, fehlerhaft (angekommen)\n');
    expect(stdout).toContain('  0,080 s  sensor: Der Broker hat seine Grenzen mitgeteilt: Receive Maximum 20, Topic Alias Maximum 10. [3.2.2.3]\n');
  });

  it('in English, the decoder\'s words in brackets', () => {
    const { stdout } = run('en');
    expect(stdout).toContain('   1.000s  sensor: Sent on purpose, against MQTT-3.3.2-8: byte 6: a property has a value it may not have (Topic Alias must not be 0) [MQTT-3.3.2-8]\n');
  });
});

describe('the broker\'s note on a malformed CONNECT names the connection, which has no client id yet', { timeout: 60_000 }, () => {
  const WILL_QOS_3 = 'src/scenario/examples/raw-will-qos-3.mqtts';
  it('in German', () => {
    expect(note('de', WILL_QOS_3)).toBe('  0,060 s  broker: Ein fehlerhaftes Paket auf Verbindung v5#1 (noch ohne Client-ID): Will QoS darf nicht 3 sein. Der Broker schließt die Verbindung (Grund 129). [MQTT-3.1.2-12]');
  });

  it('in English', () => {
    expect(note('en', WILL_QOS_3)).toBe('   0.060s  broker: A malformed packet on connection v5#1 (no client id yet): Will QoS must not be 3. The broker closes the connection (reason 129). [MQTT-3.1.2-12]');
  });
});
