/**
 * `npm run broker` and the mosquitto clients as real processes, for the recording and live-view
 * tests: started with `node --import tsx`, read line by line, stopped by their own PIDs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

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

export function startProcess(command: string, args: string[], ms = 60_000): Proc {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => {
    const timer = setTimeout(() => r(null), ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      r(code);
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
