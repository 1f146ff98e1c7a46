/**
 * Build a page of the app with Vite (production mode) into a folder of this call's own and
 * serve it with `vite preview` on 127.0.0.1 and a free port: for the e2e tests and the stage
 * bench.
 *
 * The folder (`node_modules/.cache/<name>-<pid>-XXXXXX`, made with mkdtemp) is private because
 * Vite empties its output folder before a build: a shared one let two runs at once delete the
 * files the other was serving. `close` stops the server and removes the folder; a failed build
 * removes it too.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { build, preview } from 'vite';

export interface ServedBuild {
  /** `http://127.0.0.1:PORT/` */
  origin: string;
  outDir: string;
  close: () => Promise<void>;
}

/**
 * A page other than the app (the stage harness) registers both locales at once
 * (src/ui/i18n/bundled.ts), so the locales' `import()` in src/ui/i18n/index.ts stays in that
 * page's bundle, as intended; Rolldown warns about it (INEFFECTIVE_DYNAMIC_IMPORT). The app's
 * build never imports bundled.ts: each locale stays a chunk of its own there.
 */
function bundledLocalesWarning(warning: { code?: string; message: string }, warn: (warning: { code?: string; message: string }) => void): void {
  if (warning.code === 'INEFFECTIVE_DYNAMIC_IMPORT' && warning.message.includes('src/ui/i18n/bundled.ts')) return;
  warn(warning);
}

export async function serveBuild(options: { root: string; name: string; input?: string }): Promise<ServedBuild> {
  const { root, name, input } = options;
  const cacheDir = path.join(root, 'node_modules', '.cache');
  await mkdir(cacheDir, { recursive: true });
  const outDir = await mkdtemp(path.join(cacheDir, `${name}-${process.pid}-`));
  const removeOutDir = () => rm(outDir, { recursive: true, force: true });
  try {
    // vitest sets NODE_ENV=test; Vite (and Svelte's plugin) would then build in dev mode.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({
        root,
        mode: 'production',
        logLevel: 'warn',
        build: { outDir, emptyOutDir: true, ...(input !== undefined ? { rollupOptions: { input: path.join(root, input), onwarn: bundledLocalesWarning } } : {}) },
      });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
    const server = await preview({ root, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
    const address = server.httpServer.address();
    if (!address || typeof address === 'string') {
      await server.close();
      throw new Error('vite preview did not report a port');
    }
    const close = async () => {
      try {
        await server.close();
      } finally {
        await removeOutDir();
      }
    };
    return { origin: `http://127.0.0.1:${address.port}/`, outDir, close };
  } catch (error) {
    await removeOutDir();
    throw error;
  }
}
