/**
 * e2e global setup: build the app with Vite (production mode, into a private folder so a
 * developer's `dist/` is left alone), serve it with `vite preview` on 127.0.0.1 and a free port,
 * and hand the URL to the tests (`inject('baseUrl')`). The returned function stops the server.
 */
import path from 'node:path';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = project.config.root;
  const outDir = path.join(root, 'node_modules', '.cache', 'mqttlab-e2e-dist');
  // vitest sets NODE_ENV=test; Vite (and Svelte's plugin) would then build in dev mode.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root, mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const server = await preview({ root, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('vite preview did not report a port');
  project.provide('baseUrl', `http://127.0.0.1:${address.port}/`);
  return async () => {
    await server.close();
  };
}
