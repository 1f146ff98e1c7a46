/**
 * The stage harness (`npm run bench -- ui-stage`, tests/e2e/stage.test.ts) builds into a folder of
 * each call's own and removes it when closed, so a bench run and a test run at the same time do
 * not delete each other's files, and nothing is left behind.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serveStageHarness } from '../../src/node/bench/stage.ts';
import { servesThePage } from './served-page.ts';

describe('stage harness server', { timeout: 120_000 }, () => {
  it('builds a second harness while the first is served into a folder of its own, and removes only its own on close', async () => {
    const first = await serveStageHarness();
    try {
      const second = await serveStageHarness();
      try {
        expect(second.outDir).not.toBe(first.outDir);
        expect(path.dirname(second.outDir)).toBe(path.dirname(first.outDir));
        expect(path.basename(second.outDir)).toMatch(new RegExp(`^mqttlab-stage-harness-${process.pid}-`));
        await servesThePage(second.url);
      } finally {
        await second.close();
      }
      expect(existsSync(second.outDir)).toBe(false);
      expect(existsSync(first.outDir)).toBe(true);
      await servesThePage(first.url);
    } finally {
      await first.close();
    }
    expect(existsSync(first.outDir)).toBe(false);
  });
});
