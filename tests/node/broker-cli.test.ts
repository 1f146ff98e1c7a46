/**
 * `npm run broker` as a teacher runs it (issue #13 items 6 and 7): a port in use or an address
 * this machine does not have ends the process with exit code 1 and the reason; SIGTERM and
 * SIGINT send 5.0 clients DISCONNECT 0x8B (server shutting down) before closing, and the
 * closing line is printed. Each process is started as `node --import tsx` and stopped by its PID.
 */
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { RawClient } from '../fidelity/raw-client.ts';
import { killAll, startProcess, type Proc } from './broker-process.ts';

type Cli = Proc;

const servers: Server[] = [];
afterEach(async () => {
  killAll();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** Starts `src/node/broker-cli.ts` with `args`; the exit promise gives up (null) after `ms`. */
function startCli(args: string[], ms = 20_000): Cli {
  return startProcess(process.execPath, ['--import', 'tsx', 'src/node/broker-cli.ts', ...args], ms);
}

/** Resolves with the port once the CLI prints `listening on`, bounded. */
async function listeningPort(cli: Cli, ms = 20_000): Promise<number> {
  const deadline = Date.now() + ms;
  for (;;) {
    const m = /listening on 127\.0\.0\.1:(\d+)/.exec(cli.output());
    if (m) return Number(m[1]);
    if (Date.now() > deadline || cli.child.exitCode !== null) throw new Error(`no listening line:\n${cli.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function occupiedPort(): Promise<number> {
  return new Promise((r) => {
    const s = createServer();
    servers.push(s);
    s.listen({ host: '127.0.0.1', port: 0 }, () => r((s.address() as { port: number }).port));
  });
}

describe('npm run broker: cannot listen', () => {
  test('a port in use: exit code 1 and the reason, no hang', async () => {
    const port = await occupiedPort();
    const cli = startCli(['--port', String(port)]);
    expect(await cli.exited).toBe(1);
    expect(cli.output()).toMatch(new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE`));
  }, 30_000);

  test('an address this machine does not have: exit code 1 and the reason', async () => {
    const cli = startCli(['--host', '192.0.2.1', '--port', '0']);
    expect(await cli.exited).toBe(1);
    expect(cli.output()).toMatch(/cannot listen on 192\.0\.2\.1:0: .*EADDRNOTAVAIL/);
  }, 30_000);
});

describe('npm run broker: shutting down', () => {
  test.each(['SIGTERM', 'SIGINT'] as const)('%s: 5.0 clients get DISCONNECT 0x8B, 3.1.1 clients a closed socket, and the closing line', async (signal) => {
    const cli = startCli(['--port', '0']);
    const port = await listeningPort(cli);
    const v5 = await RawClient.connect(port, { protocolVersion: 5, clientId: 'v5', clean: true, keepAliveSec: 0 });
    const v4 = await RawClient.connect(port, { protocolVersion: 4, clientId: 'v4', clean: true, keepAliveSec: 0 });
    process.kill(cli.child.pid!, signal);
    expect(await cli.exited).toBe(0);
    await Promise.all([v5.waitClosed(), v4.waitClosed()]);
    expect(v5.received.map((p) => (p.type === 'disconnect' ? `disconnect 0x${(p.reasonCode ?? 0).toString(16)}` : p.type))).toEqual(['connack', 'disconnect 0x8b']);
    expect(v4.received.map((p) => p.type)).toEqual(['connack']);
    expect(cli.output()).toContain(`${signal}: stopped, 2 connections closed`);
  }, 30_000);
});
