/**
 * Bad configuration input (issue #13 item 9): `/dev/zero` or a huge file as the configuration,
 * password or ACL file is refused after at most 1 MiB instead of growing the process; control
 * bytes from a binary file are printed escaped, never raw to the terminal.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ConfigError, loadBrokerConfig, MAX_CONFIG_FILE_BYTES } from '../../src/node/broker/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'mqtt-lab-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problemsOf(file: string): string[] {
  try {
    loadBrokerConfig(file);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error(`${file} was accepted`);
}

const runCli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/node/broker-cli.ts', ...args], { cwd: resolve(import.meta.dirname, '../..'), encoding: 'utf8', timeout: 20_000 });

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

describe('configuration files are read with a size cap', () => {
  test('/dev/zero as the configuration file is refused, not read forever', () => {
    expect(problemsOf('/dev/zero')).toEqual([`/dev/zero: cannot read: larger than ${MAX_CONFIG_FILE_BYTES} bytes`]);
  });

  test.each(['password_file', 'acl_file'])('/dev/zero as %s is refused', (option) => {
    const conf = join(dir, `zero-${option}.conf`);
    writeFileSync(conf, `${option} /dev/zero\n`);
    expect(problemsOf(conf)).toEqual([expect.stringMatching(new RegExp(`^${conf}:1: cannot read ${option} /dev/zero: larger than ${MAX_CONFIG_FILE_BYTES} bytes$`))]);
  });

  test('a file one byte over the cap is refused, one at the cap is read', () => {
    const big = join(dir, 'big.conf');
    writeFileSync(big, '#'.repeat(MAX_CONFIG_FILE_BYTES + 1));
    expect(problemsOf(big)).toEqual([`${big}: cannot read: larger than ${MAX_CONFIG_FILE_BYTES} bytes`]);
    writeFileSync(big, '#'.repeat(MAX_CONFIG_FILE_BYTES));
    expect(loadBrokerConfig(big).broker.allowAnonymous).toBe(true);
  });
});

describe('unprintable bytes are escaped', () => {
  const binary = join(dir, 'binary.conf');
  writeFileSync(binary, Buffer.concat([Buffer.from('\x1b[2J\x1b]0;pwned\x07 1\n'), Buffer.from([0xff, 0xfe, 0x00, 0x9b, 0x0a]), Buffer.alloc(50, 'A'), Buffer.from('\n')]));

  test('in the problems of a binary configuration file', () => {
    const problems = problemsOf(binary);
    expect(problems[0]!.startsWith(`${binary}:1: unknown option "\\x1b[2J\\x1b]0;pwned\\x07" (supported: `)).toBe(true);
    expect(problems[1]).toMatch(/^.*:2: unknown option "\\ufffd\\ufffd\\x00\\ufffd"/);
    expect(problems.join('\n')).not.toMatch(RAW_CONTROL);
  });

  test('in what npm run broker prints for it (exit code 2)', () => {
    const r = runCli(['--port', '0', '--config', binary, '\x1b[31m']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown argument \\x1b[31m');
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    const conf = runCli(['--port', '0', '--config', binary]);
    expect(conf.status).toBe(2);
    expect(conf.stderr).toContain('\\x1b[2J');
    expect(conf.stderr).not.toMatch(RAW_CONTROL);
  }, 45_000);
});
