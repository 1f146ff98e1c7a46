/**
 * How `npm run broker` starts node (issue #21 loopback): the broker process gets the node flags
 * of package.json's `scripts.broker`, if it has any, and `npm run bench -- loopback` starts our
 * broker exactly so (`brokerNodeArgs`), so a flag measured there is what users run. Started
 * with the real `npm`, stopped by the broker's own PID (npm does not pass SIGTERM on).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import mqtt from 'mqtt';
import { afterEach, expect, test } from 'vitest';
import { brokerNodeArgs } from '../../src/node/bench/loopback-brokers.ts';
import { killAll, startProcess } from './broker-process.ts';

const ROOT = resolve(import.meta.dirname, '../..');

afterEach(() => killAll());

/** The PIDs of every process descended from `pid` (Linux /proc). */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of parentOf) {
      if (parent !== p) continue;
      out.push(child);
      walk(child);
    }
  };
  walk(pid);
  return out;
}

const cmdline = (pid: number): string[] => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);

test('npm run broker starts the broker in a node process with package.json’s node flags, and the bench starts it with the same ones', async () => {
  const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const flags = pkg.scripts.broker!.split(/\s+/).filter((w) => w.startsWith('--'));
  expect(brokerNodeArgs()).toEqual([...flags, '--import', 'tsx', 'src/node/broker-cli.ts']);

  const npm = startProcess('npm', ['run', 'broker', '--', '--port', '0'], 60_000);
  let brokerPid: number | undefined;
  try {
    const [, port] = await npm.waitFor(/listening on 127\.0\.0\.1:(\d+)/, 45_000);
    // The process that runs broker-cli.ts (tsx's child) carries the flags.
    const broker = descendants(npm.child.pid!).map((pid) => ({ pid, args: cmdline(pid) })).find((p) => p.args.includes('src/node/broker-cli.ts') && p.args.some((a) => a.endsWith('loader.mjs')));
    expect(broker, JSON.stringify(descendants(npm.child.pid!).map(cmdline))).toBeDefined();
    brokerPid = broker!.pid;
    for (const f of flags) expect(broker!.args).toContain(f);
    // And it serves: a message goes through it.
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { reconnectPeriod: 0, connectTimeout: 10_000 });
    const got = new Promise<string>((r) => client.on('message', (_t, payload) => r(payload.toString())));
    await client.subscribeAsync('start/test', { qos: 1 });
    await client.publishAsync('start/test', 'hello', { qos: 1 });
    expect(await got).toBe('hello');
    await client.endAsync();
  } finally {
    if (brokerPid !== undefined) process.kill(brokerPid, 'SIGTERM');
  }
  expect(await npm.exited).toBe(0);
}, 90_000);

test('the bench refuses a broker script it cannot start the same way, quoting it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-lab-broker-start-'));
  try {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { broker: 'NODE_ENV=x tsx src/node/broker-cli.ts' } }));
    expect(() => brokerNodeArgs(dir)).toThrow('scripts.broker is "NODE_ENV=x tsx src/node/broker-cli.ts"');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { broker: 'tsx --stack-size=2000 src/node/broker-cli.ts' } }));
    expect(brokerNodeArgs(dir)).toEqual(['--stack-size=2000', '--import', 'tsx', 'src/node/broker-cli.ts']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
