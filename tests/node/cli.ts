/**
 * The project's command-line tools as a user runs them: `npm run scenario` (and `export`,
 * `lesson:check`, ...) runs `tsx src/node/<tool>.ts`. Here each run is one node process with
 * tsx's loader (`node --import tsx`), the loader the `tsx` command starts a second process for
 * (and `npx` a third): the same code, arguments, output and exit code, at about half the CPU
 * time of `npx tsx`, which counts in CI where these tests spawn the tools a hundred times.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '../..');

/** tsx's loader by its file URL: it resolves from any working folder (a test's temp folder too). */
export const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** What a run printed and how it ended. */
export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

/** Runs `src/node/<tool>` (a path from the repository root) with `args` in `cwd` (the root unless given). */
export function runCli(tool: string, args: readonly string[], options: { cwd?: string; timeoutMs?: number } = {}): CliRun {
  const r = spawnSync(process.execPath, ['--import', TSX_LOADER, join(ROOT, tool), ...args], { cwd: options.cwd ?? ROOT, encoding: 'utf8', timeout: options.timeoutMs ?? 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
