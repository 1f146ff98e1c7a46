/**
 * `npm run broker` and the mosquitto clients as real processes, for the recording and live-view
 * tests: started with `node --import tsx`, read line by line, stopped by their own PIDs; and the
 * live view's feed as the app reads it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { MqttClient } from 'mqtt';
import WebSocket from 'ws';
import { readTraceLine, type TraceLine } from '../../src/sim/trace-json.ts';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** Resolves with the first match of `re` in the output (bounded). */
  waitFor: (re: RegExp, ms?: number) => Promise<RegExpExecArray>;
  /** Sends `signal` to this process (by its PID) if it still runs. */
  kill: (signal?: NodeJS.Signals) => void;
}

const started: ChildProcess[] = [];

/** Kills every process still running (call from `afterEach`/`afterAll`). */
export function killAll(): void {
  for (const c of started.splice(0)) if (c.exitCode === null && c.signalCode === null && c.pid !== undefined) process.kill(c.pid, 'SIGKILL');
}

export function startProcess(command: string, args: string[], ms = 60_000, cwd = ROOT): Proc {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  // 'exit' can come before the last output is read: the exit code resolves once both pipes have
  // ended too (at most 1 s later: a process it started in the background may keep them open).
  const drained = Promise.all([child.stdout!, child.stderr!].map((s) => new Promise<void>((r) => s.once('close', () => r()))));
  const exited = new Promise<number | null>((r) => {
    const timer = setTimeout(() => r(null), ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      void Promise.race([drained, new Promise((d) => setTimeout(d, 1000))]).then(() => r(code));
    });
  });
  const waitFor = async (re: RegExp, waitMs = 30_000): Promise<RegExpExecArray> => {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const m = re.exec(out);
      if (m) return m;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${re} not seen in the output of ${command} ${args.join(' ')}:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const kill = (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) process.kill(child.pid, signal);
  };
  return { child, output: () => out, exited, waitFor, kill };
}

/** `npm run broker -- ARGS`, as a process of its own. */
export function startBroker(args: string[]): Proc {
  return startProcess(process.execPath, ['--import', 'tsx', 'src/node/broker-cli.ts', ...args]);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves with the child's output so far once it matches `pattern`; rejects after 20 s or when the child exits. */
export function waitFor(child: ChildProcess, pattern: RegExp, what: string): Promise<string> {
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start: ${log}`)), 20_000);
    const on = (d: Buffer) => {
      log += d.toString();
      if (pattern.test(log)) {
        clearTimeout(timer);
        resolve(log);
      }
    };
    child.stdout?.on('data', on);
    child.stderr?.on('data', on);
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}): ${log}`)));
  });
}

/** A stop function for a child process: SIGTERM, then wait for it to exit. */
export const stopChild = (child: ChildProcess) => async (): Promise<void> => {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(child.pid, 'SIGTERM');
  await exited;
};

/** Opens the feed and collects its lines (decoded); `closed` resolves with the close code and reason. */
export function openFeed(url: string) {
  const ws = new WebSocket(url);
  const lines: TraceLine[] = [];
  const closed = new Promise<{ code: number; reason: string }>((r) => ws.on('close', (code, reason) => r({ code, reason: reason.toString() })));
  ws.on('message', (data) => {
    const r = readTraceLine(String(data));
    if (r.ok) lines.push(r.line);
  });
  const waitFor = async (pred: (l: TraceLine[]) => boolean, ms = 20_000) => {
    const deadline = Date.now() + ms;
    while (!pred(lines)) {
      if (Date.now() > deadline) throw new Error(`feed: not seen; got ${JSON.stringify(lines).slice(0, 2000)}`);
      await sleep(50);
    }
  };
  return { ws, lines, closed, waitFor };
}

/**
 * What an MQTT client receives, as `topic payload` lines; `untilEnd()` waits for the payload
 * `end` and fails after `ms` with what came.
 */
export function collectMessages(client: MqttClient): { got: string[]; untilEnd: (ms?: number) => Promise<void> } {
  const got: string[] = [];
  const ended = new Promise<void>((r) =>
    client.on('message', (topic, payload) => {
      got.push(`${topic} ${payload.toString()}`);
      if (payload.toString() === 'end') r();
    }),
  );
  const untilEnd = (ms = 15_000) => Promise.race([ended, sleep(ms).then(() => Promise.reject(new Error(`only got ${got.join(', ')}`)))]);
  return { got, untilEnd };
}
