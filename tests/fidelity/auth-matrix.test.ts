/**
 * Who gets in (issue #13 item 1): every combination of `allow_anonymous`, `password_file` and
 * `acl_file`, the same CONNECT probes sent to a real Mosquitto 2.0.11 and to ours (the same
 * configuration file, read by `loadBrokerConfig`, on the TCP driver), in 3.1.1 and 5.0. The
 * CONNACK codes must be equal: 0 accepted, 0x05 (3.1.1) / 0x87 (5.0) refused.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkCredentials } from '../../src/core/broker/index.ts';
import type { ProtocolVersion } from '../../src/core/codec/index.ts';
import { loadBrokerConfig, TcpBroker } from '../../src/node/broker/index.ts';
import { startMosquitto } from './brokers.ts';
import { RawClient } from './raw-client.ts';

const USERS = { alice: 'secret' };
const ACL = 'topic read public/#\n\nuser alice\ntopic readwrite alice/#\n';

interface Probe {
  name: string;
  username?: string;
  password?: string;
}

const PROBES: Probe[] = [
  { name: 'no user name' },
  { name: 'alice, right password', username: 'alice', password: 'secret' },
  { name: 'alice, wrong password', username: 'alice', password: 'guess' },
  { name: 'alice, no password', username: 'alice' },
  { name: 'unknown user', username: 'mallory', password: 'anything' },
  { name: 'empty user name', username: '', password: 'x' },
  { name: 'empty user name, no password', username: '' },
];

async function connackCode(port: number, version: ProtocolVersion, probe: Probe, n: number): Promise<number | 'closed'> {
  const c = await RawClient.connect(port, {
    protocolVersion: version,
    clientId: `probe-${version}-${n}`,
    clean: true,
    keepAliveSec: 30,
    ...(probe.username !== undefined ? { username: probe.username } : {}),
    ...(probe.password !== undefined ? { password: new TextEncoder().encode(probe.password) } : {}),
  });
  const ack = c.received.find((p) => p.type === 'connack');
  c.cut();
  return ack && ack.type === 'connack' ? ack.reasonCode : 'closed';
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function answersOfOurs(allowAnonymous: boolean, withPasswords: boolean, withAcl: boolean): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-lab-auth-'));
  dirs.push(dir);
  const lines = [`allow_anonymous ${allowAnonymous}`, 'sys_interval 0'];
  if (withPasswords) {
    writeFileSync(join(dir, 'passwd'), Object.entries(USERS).map(([u, p]) => `${u}:${p}\n`).join(''));
    lines.push('password_file passwd');
  }
  if (withAcl) {
    writeFileSync(join(dir, 'acl'), ACL);
    lines.push('acl_file acl');
  }
  writeFileSync(join(dir, 'broker.conf'), lines.join('\n') + '\n');
  chmodSync(dir, 0o755);
  const broker = new TcpBroker({ port: 0, closeGraceMs: 100, config: loadBrokerConfig(join(dir, 'broker.conf')).broker });
  const { port } = await broker.start();
  try {
    return await probeAll(port);
  } finally {
    await broker.stop();
  }
}

async function probeAll(port: number): Promise<string[]> {
  const out: string[] = [];
  let n = 0;
  for (const version of [4, 5] as const) {
    for (const probe of PROBES) out.push(`v${version} ${probe.name}: ${String(await connackCode(port, version, probe, n++))}`);
  }
  return out;
}

const COMBINATIONS = [false, true].flatMap((allowAnonymous) =>
  [false, true].flatMap((withPasswords) => [false, true].map((withAcl) => ({ allowAnonymous, withPasswords, withAcl }))),
);

describe('who gets in: allow_anonymous × password_file × acl_file (Mosquitto 2.0.11 vs ours)', () => {
  test.each(COMBINATIONS)('allow_anonymous $allowAnonymous, password_file $withPasswords, acl_file $withAcl', async ({ allowAnonymous, withPasswords, withAcl }) => {
    const mosquitto = await startMosquitto({ allowAnonymous, ...(withPasswords ? { users: USERS } : {}), ...(withAcl ? { acl: ACL } : {}) });
    let theirs: string[];
    try {
      theirs = await probeAll(mosquitto.port);
    } finally {
      await mosquitto.stop();
    }
    const ours = await answersOfOurs(allowAnonymous, withPasswords, withAcl);
    expect(ours).toEqual(theirs);
  }, 60_000);

  test('anonymous off, an acl_file and no password_file: nobody gets in (the bypass of issue #13)', async () => {
    const answers = await answersOfOurs(false, false, true);
    expect(answers.filter((a) => !/: (5|135)$/.test(a))).toEqual([]);
  }, 30_000);

  test('the refusal says why: no user name, an unchecked name, a wrong password', () => {
    const pw = new TextEncoder().encode('secret');
    expect(checkCredentials(undefined, false, '', pw)).toBe('anonymous-denied');
    expect(checkCredentials(undefined, false, 'alice', pw)).toBe('no-password-file');
    expect(checkCredentials(USERS, false, 'alice', new TextEncoder().encode('guess'))).toBe('bad-credentials');
    expect(checkCredentials(USERS, true, '', undefined)).toBe('ok');
  });
});
