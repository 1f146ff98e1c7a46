/**
 * Words the German walk through the examples found still English in `npm run scenario -- --lang
 * de` (spawned as a teacher runs it): the CONNECT note's will flag and the decoder's will
 * verdicts say "Testament" (the terminology table's word), English keeps "will"; the CLI's own
 * lines (checked as an exercise, an unreadable file, a capture written) are German too.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../node/cli.ts';

function run(file: string, ...args: string[]): { out: string; err: string } {
  const r = runCli('src/node/scenario-cli.ts', [file, '--all', ...args]);
  return { out: r.out, err: r.err };
}

function cli(file: string, ...args: string[]): string {
  const r = run(file, ...args);
  return r.out + r.err;
}

describe('the will in German CLI output', { timeout: 60_000 }, () => {
  it('the decoder\'s Will QoS verdict and the CONNECT note say Testament', () => {
    const de = cli('src/scenario/examples/raw-will-qos-3.mqtts', '--lang', 'de');
    expect(de).toContain('Byte 9: Die Will QoS ist 3 oder ohne Testament gesetzt (Will QoS darf nicht 3 sein)');
    expect(de).not.toMatch(/ohne Will\b|, Will (ja|nein)\./);
    const sensor = cli('src/scenario/examples/will-on-cable-cut.mqtts', '--lang', 'de');
    expect(sensor).toContain('sensor: CONNECT gesendet: Client-ID sensor-17, clean ja, Keep Alive 10 s, Testament ja. [MQTT-3.1.0-1]');
    const en = cli('src/scenario/examples/will-on-cable-cut.mqtts');
    expect(en).toContain('sensor: CONNECT sent: client id sensor-17, clean true, keep-alive 10 s, will true. [MQTT-3.1.0-1]');
  });

  it('a crash and a clean DISCONNECT: the broker publishes or deletes das Testament', () => {
    const crash = 'lessons/11-keep-alive/exercises/1-notice-the-silence/cheat-crash.mqtts';
    expect(cli(crash, '--lang', 'de')).toContain('Es wurde kein DISCONNECT gesendet, also veröffentlicht der Broker das Testament. [4.1]');
    expect(cli(crash)).toContain('No DISCONNECT was sent, so the broker will publish the will. [4.1]');
    const clean = cli('lessons/12-last-will/exercises/2-planned-maintenance/solution.mqtts', '--lang', 'de');
    expect(clean).toContain('press: Ein sauberes DISCONNECT fordert den Broker auf, das Testament auf hall1/press4/status zu löschen, ohne es zu veröffentlichen.');
    // The trace's notes (the goals' own messages are the scenario language's, src/scenario/expectations.ts).
    expect(clean.split('\n').filter((l) => /^ *[\d,]+ s {2}/.test(l) && /\b(den|ihren) Will\b/.test(l))).toEqual([]);
  });
});

describe('a goal\'s message about a retained message', { timeout: 60_000 }, () => {
  it('German says gehaltene Nachricht (the terminology table), English retained', () => {
    const file = 'lessons/12-last-will/exercises/1-retained-status/solution.mqtts';
    const de = run(file, '--lang', 'de').out;
    expect(de).toMatch(/panel hat hall1\/press3\/status "offline" \(QoS 1, gehaltene Nachricht\) um [\d,]+ s empfangen/);
    expect(de).not.toMatch(/, retained\)/);
    expect(run(file).out).toMatch(/panel received hall1\/press3\/status "offline" \(QoS 1, retained\) at [\d.]+s/);
  });
});

describe('the CLI\'s own lines in German', { timeout: 60_000 }, () => {
  const cheat = 'lessons/11-keep-alive/exercises/2-broker-limit/cheat-raise-limit.mqtts';

  it('a file in an exercise folder: checked as the exercise, its locked line in German', () => {
    const de = run(cheat, '--lang', 'de');
    expect(de.out).toContain('geprüft als die Aufgabe lessons/11-keep-alive/exercises/2-broker-limit: ihre Ziele angehängt, ihr Ende, ihre gesperrten Zeilen');
    expect(de.out).toContain('      Zeile 5 der Aufgabe muss so bleiben: broker version=311 max-keepalive=60');
    expect(de.out).not.toMatch(/checked as|goal appended/);
    expect(run(cheat).out).toContain('checked as the exercise lessons/11-keep-alive/exercises/2-broker-limit: its goal appended, its end, its locked lines');
  });

  it('an unreadable file and a capture written', () => {
    expect(run('no/such/file.mqtts', '--lang', 'de').err).toMatch(/^no\/such\/file\.mqtts:1:1: die Datei ist nicht lesbar: ENOENT/);
    const dir = mkdtempSync(join(tmpdir(), 'cli-de-pcap-'));
    try {
      const pcap = join(dir, 'run.pcapng');
      const r = run('src/scenario/examples/qos2-lost-pubrec.mqtts', '--lang', 'de', '--pcap', pcap);
      expect(r.err).toContain(`Mitschnitt in ${pcap} geschrieben (in Wireshark öffnen, oder: tshark -r ${pcap})`);
      expect(existsSync(pcap)).toBe(true);
      const bad = run('src/scenario/examples/qos2-lost-pubrec.mqtts', '--lang', 'de', '--pcap', join(dir, 'missing', 'x.pcapng'));
      expect(bad.err).toMatch(/x\.pcapng: der Mitschnitt ist nicht schreibbar: ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
