/** The CLI, spawned as a teacher would run it: exit codes, output, JSON lines, folders. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, TSX_LOADER } from '../node/cli.ts';

const ROOT = join(import.meta.dirname, '../..');
const FIX = 'tests/scenario/fixtures';

const cli = (...args: string[]) => runCli('src/node/scenario-cli.ts', args);

describe('npm run scenario', { timeout: 60_000 }, () => {
  it('exits 0 when every expectation passes and prints the trace and the results', () => {
    const r = cli(`${FIX}/pass.mqtts`);
    expect(r.code).toBe(0);
    expect(r.out).toContain('   1.000s  command: a publishes');
    expect(r.out).toContain('   1.040s  b received PUBLISH q0 greet "hello"');
    expect(r.out).toContain(`PASS  ${FIX}/pass.mqtts:7  expect b receives greet "hello" by 2s\n      b received greet "hello" (QoS 0) at 1.040s\n1 passed, 0 failed\n`);
    expect(r.err).toBe('');
  });

  it('writes trace lines in German as the German UI does (decimal comma, space before the unit, German words)', () => {
    const r = cli(`${FIX}/pass.mqtts`, '--lang', 'de');
    expect(r.code).toBe(0);
    expect(r.out).toContain('  1,000 s  Befehl: a veröffentlicht');
    expect(r.out).toContain('  1,040 s  b empfängt PUBLISH q0 greet "hello"');
    expect(r.out).toContain('(angekommen)');
    expect(r.out).toContain('Client-ID a, clean ja, Keep Alive 60 s, Testament nein.');
    expect(r.out).not.toMatch(/\(arrived\)| received | is "/);
    expect(r.out).toContain('      b hat greet "hello" (QoS 0) um 1,040 s empfangen\n1 erfüllt, 0 nicht erfüllt\n');
    expect(r.out).not.toMatch(/\d\.\d{3}s/);
  });

  it('stops quietly when the reader of its output goes away (| head)', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; ${process.execPath} --import ${TSX_LOADER} src/node/scenario-cli.ts src/scenario/examples | head -1`], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toBe('== src/scenario/examples/acl-refusal.mqtts\n');
    expect(r.stderr).not.toContain('EPIPE');
    expect(r.status).toBe(0);
  });

  it('exits 1 when an expectation fails', () => {
    const r = cli(`${FIX}/fail.mqtts`, '--seed', '5');
    expect(r.code).toBe(1);
    expect(r.out).toContain(`FAIL  ${FIX}/fail.mqtts:6  expect b receives greet "hello"\n      b received nothing on greet; it received no messages at all: b has no granted subscription whose filter matches greet\n0 passed, 1 failed`);
  });

  it('exits 2, with each place, on option values the protocol forbids (it crashed with exit 1)', () => {
    const r = cli(`${FIX}/protocol-values.mqtts`);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const places = r.err.trim().split('\n').map((l) => l.split(': ')[0]);
    const f = `${FIX}/protocol-values.mqtts`;
    expect(places).toEqual([`${f}:6:24`, `${f}:7:35`, `${f}:9:20`, `${f}:9:58`, `${f}:9:95`, `${f}:9:128`]);
    expect(r.err).toContain('MQTT-3.8.3-4');
    expect(r.err).not.toContain('CodecEncodeError');
  });

  it('exits 2 on scenario errors with FILE:LINE:COL: message on stderr', () => {
    const r = cli(`${FIX}/error.mqtts`);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(`${FIX}/error.mqtts:2:9: Unknown command \`publsh\`. Did you mean \`publish\`?\n${FIX}/error.mqtts:3:18: Unknown option \`--qso\`. Did you mean \`--qos\`?\n`);
    expect(cli(`${FIX}/error.mqtts`, '--lang', 'de').err).toContain('Meintest du `publish`?');
    expect(cli(`${FIX}/missing.mqtts`).code).toBe(2);
    expect(cli().code).toBe(2);
    expect(cli(`${FIX}/pass.mqtts`, '--seed', 'x').code).toBe(2);
  });

  it('prints JSON lines with bytes as hex', () => {
    const r = cli(`${FIX}/pass.mqtts`, '--json');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const connect = lines.find((l) => l.kind === 'deliver' && (l.packet as { type: string }).type === 'connect')!;
    expect(connect.bytes).toMatch(/^10[0-9a-f]+$/);
    expect(lines.at(-1)).toMatchObject({ kind: 'expectation', line: 7, pass: true });
  });

  it('runs a folder of scenarios and exits with the worst result', () => {
    const r = cli(`${FIX}/folder`);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`== ${FIX}/folder/one.mqtts`);
    expect(r.out).toContain(`== ${FIX}/folder/two.mqtts`);
    expect(cli(`${FIX}/folder`, `${FIX}/error.mqtts`).code).toBe(2);
  });
});
