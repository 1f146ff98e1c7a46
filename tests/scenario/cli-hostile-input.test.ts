/**
 * The command-line tools with hostile or broken input, spawned as a user runs them: text from a
 * scenario or a recording (a topic with a terminal escape sequence, a title with an OSC sequence)
 * is printed escaped, never driving the terminal; a device or an unwritable output is a message
 * and exit code 2, never a hang or a stack trace; a missing option value is a usage error.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../node/cli.ts';
import { runScenario } from '../../src/scenario/index.ts';
import { writeTrace } from '../../src/sim/trace-json.ts';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'mqttlab-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (cli: string, args: string[], cwd = ROOT) => runCli(`src/node/${cli}`, args, { cwd });

/** ESC, BEL, a C1 CSI and a bidi override: what must never reach a terminal raw. */
// eslint-disable-next-line no-control-regex -- the test looks for exactly these control characters
const RAW_CONTROL = /[\x1b\x07\x9b\u202e]/;

const HOSTILE = [
  'client a',
  'at 0s a connect -i "a\\u{202E}b"',
  'at 0s a subscribe -t "x/#"',
  'at 1s a publish -t "x/\\x1b]0;pwned\\x07" -m hi',
  'expect a receives "x/\\x1b[2J"',
].join('\n');

describe('npm run scenario with hostile text', { timeout: 60_000 }, () => {
  it('prints topics and ids with escape sequences escaped; --json stays JSON with the same values', () => {
    const file = join(dir, 'hostile.mqtts');
    writeFileSync(file, HOSTILE);
    const r = run('scenario-cli.ts', [file]);
    expect(r.code).toBe(1);
    expect(r.out).not.toMatch(RAW_CONTROL);
    expect(r.err).not.toMatch(RAW_CONTROL);
    expect(r.out).toContain('PUBLISH q0 x/\\x1b]0;pwned\\x07 "hi"');
    expect(r.err).toContain('warning: Avoid the special character');
    const json = run('scenario-cli.ts', [file, '--json']);
    expect(json.out).not.toMatch(RAW_CONTROL);
    const entries = json.out.trim().split('\n').map((l) => JSON.parse(l) as { packet?: { type: string; topic?: string; clientId?: string } });
    expect(entries.some((e) => e.packet?.topic === 'x/\x1b]0;pwned\x07')).toBe(true);
    expect(entries.some((e) => e.packet?.clientId === 'a\u202eb')).toBe(true);
  });

  it('refuses a device such as /dev/zero at once instead of reading forever', () => {
    const r = run('scenario-cli.ts', ['/dev/zero']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('/dev/zero:1:1: cannot read the file: a device, not a file\n');
  });
});

describe('npm run recording with hostile text and unwritable outputs', { timeout: 60_000 }, () => {
  const file = join(dir, 'rec.jsonl');
  writeFileSync(file, writeTrace(runScenario(HOSTILE.replace(/\nexpect.*/, '')).trace, { source: 'broker', title: 'class \x1b]0;owned\x07' }));

  it('prints the title, ids and topics escaped', () => {
    const r = run('recording-cli.ts', [file]);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(RAW_CONTROL);
    expect(r.out).toContain('class \\x1b]0;owned\\x07');
  });

  it('an output it cannot write is a message and exit code 2, not a stack trace', () => {
    for (const option of ['--scenario', '--pcap']) {
      const r = run('recording-cli.ts', [file, option, join(dir, 'missing-folder', 'out')]);
      expect(r.code, option).toBe(2);
      expect(r.err, option).toContain(`${join(dir, 'missing-folder', 'out')}: cannot write: ENOENT`);
      expect(r.err, option).not.toContain('    at ');
    }
  });
});

describe('npm run export with missing values and hostile notes', { timeout: 60_000 }, () => {
  it('--out or --host without a value is a usage error, and nothing is written into the current folder', () => {
    const file = join(dir, 'broker.mqtts');
    writeFileSync(file, 'broker anonymous=off\nclient a\nat 0s a connect');
    const cwd = mkdtempSync(join(dir, 'cwd-'));
    const out = run('export-cli.ts', [file, 'broker', 'mosquitto', '--out'], cwd);
    expect(out.code).toBe(2);
    expect(out.err).toContain('--out needs a value');
    expect(existsSync(join(cwd, 'mosquitto.conf'))).toBe(false);
    const host = run('export-cli.ts', [file, 'a', 'python', '--host'], cwd);
    expect(host.code).toBe(2);
    expect(host.err).toContain('--host needs a value');
    expect(host.out).toBe('');
  });

  it('lists what a target cannot express on one line each, escaped', () => {
    const file = join(dir, 'notes.mqtts');
    writeFileSync(file, 'client a\nat 0s a connect\nat 0s a subscribe -t x\nat 1s a unsubscribe -t "s/\\x1b[2J\\nline two"');
    const r = run('export-cli.ts', [file, 'a', 'mosquitto-cli']);
    expect(r.code).toBe(0);
    expect(r.err).not.toMatch(RAW_CONTROL);
    expect(r.err).toContain('note: not expressible in mosquitto-cli: unsubscribe from s/\\x1b[2J\\x0aline two at 1000 ms');
  });
});

describe('--help of the command-line tools', { timeout: 60_000 }, () => {
  it('prints the usage on stdout and exits 0 (asked for, not an error); a wrong option still exits 2', () => {
    for (const cli of ['scenario-cli.ts', 'export-cli.ts', 'recording-cli.ts']) {
      const r = run(cli, ['--help']);
      expect(r.code, cli).toBe(0);
      expect(r.out, cli).toMatch(/^usage: npm run /);
      expect(r.err, cli).toBe('');
    }
    const wrong = run('scenario-cli.ts', ['--bogus']);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/^unknown option --bogus\nusage: /);
  });
});
