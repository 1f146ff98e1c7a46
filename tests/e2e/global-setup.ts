/**
 * e2e global setup: build the app with Vite (production mode, into a private folder so a
 * developer's `dist/` is left alone), serve it with `vite preview` on 127.0.0.1 and a free port,
 * and hand the URL to the tests (`inject('baseUrl')`). The returned function stops the server
 * and removes the folder.
 *
 * Each run builds into a folder of its own (`node_modules/.cache/mqttlab-e2e-dist-<pid>-XXXXXX`,
 * made with mkdtemp): Vite empties its output folder before a build, so a shared folder let one
 * run delete the files another run was still serving.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The folder this run built into (removed at teardown). */
    distDir: string;
  }
}

export default async function setup(project: Pick<TestProject, 'config' | 'provide'>): Promise<() => Promise<void>> {
  const root = project.config.root;
  const cacheDir = path.join(root, 'node_modules', '.cache');
  await mkdir(cacheDir, { recursive: true });
  const outDir = await mkdtemp(path.join(cacheDir, `mqttlab-e2e-dist-${process.pid}-`));
  const removeOutDir = () => rm(outDir, { recursive: true, force: true });
  try {
    // vitest sets NODE_ENV=test; Vite (and Svelte's plugin) would then build in dev mode.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ root, mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
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
    project.provide('baseUrl', `http://127.0.0.1:${address.port}/`);
    project.provide('distDir', outDir);
    return async () => {
      try {
        await server.close();
      } finally {
        await removeOutDir();
      }
    };
  } catch (error) {
    await removeOutDir();
    throw error;
  }
}
