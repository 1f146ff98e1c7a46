/**
 * Words the German walk through the examples found still English in `npm run scenario -- --lang
 * de` (spawned as a teacher runs it): the CONNECT note's will flag and the decoder's will
 * verdicts say "Testament" (the terminology table's word), English keeps "will".
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

function cli(file: string, ...args: string[]): string {
  const r = spawnSync('npx', ['tsx', 'src/node/scenario-cli.ts', file, '--all', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return r.stdout + r.stderr;
}

describe('the will in German CLI output', { timeout: 60_000 }, () => {
  it('the decoder\'s Will QoS verdict and the CONNECT note say Testament', () => {
    const de = cli('src/scenario/examples/raw-will-qos-3.mqtts', '--lang', 'de');
    expect(de).toContain('Byte 9: die Will QoS ist 3 oder ohne Testament gesetzt (Will QoS darf nicht 3 sein)');
    expect(de).not.toMatch(/ohne Will\b|, Will (ja|nein)\./);
    const sensor = cli('src/scenario/examples/will-on-cable-cut.mqtts', '--lang', 'de');
    expect(sensor).toContain('sensor: CONNECT gesendet: Client-ID sensor-17, clean ja, Keep Alive 10 s, Testament ja. [MQTT-3.1.0-1]');
    const en = cli('src/scenario/examples/will-on-cable-cut.mqtts');
    expect(en).toContain('sensor: CONNECT sent: client id sensor-17, clean true, keep-alive 10 s, will true. [MQTT-3.1.0-1]');
  });
});
