/**
 * e2e global setup: build the app with Vite (production mode, into a private folder so a
 * developer's `dist/` is left alone), serve it with `vite preview` on 127.0.0.1 and a free port,
 * and hand the URL to the tests (`inject('baseUrl')`); start one Chromium for the whole run and
 * hand its endpoint to the tests (`inject('browserWsEndpoint')`, see browser.ts). The returned
 * function stops the browser and the server and removes the folder.
 *
 * Each run builds into a folder of its own (`node_modules/.cache/mqttlab-e2e-dist-<pid>-XXXXXX`,
 * made with mkdtemp): Vite empties its output folder before a build, so a shared folder let one
 * run delete the files another run was still serving.
 */
import { chromium } from 'playwright-core';
import { serveBuild } from '../../src/node/serve-build.ts';
import type { TestProject } from 'vitest/node';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The folder this run built into (removed at teardown). */
    distDir: string;
    /** The run's Chromium (`chromium.connect`); empty when there is none. */
    browserWsEndpoint: string;
  }
}

export default async function setup(project: Pick<TestProject, 'config' | 'provide'>): Promise<() => Promise<void>> {
  const served = await serveBuild({ root: project.config.root, name: 'mqttlab-e2e-dist' });
  const browser = await chromium.launchServer({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }).catch(async (error: unknown) => {
    await served.close();
    throw error;
  });
  project.provide('baseUrl', served.origin);
  project.provide('distDir', served.outDir);
  project.provide('browserWsEndpoint', browser.wsEndpoint());
  return async () => {
    try {
      await browser.close();
    } finally {
      await served.close();
    }
  };
}
