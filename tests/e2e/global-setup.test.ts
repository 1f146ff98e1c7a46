/**
 * The e2e global setup gives each run a build folder of its own, so two runs at once (two
 * terminals, or CI and a developer) do not delete each other's files: a second setup while this
 * run's server is up builds elsewhere, and its teardown removes only its own folder.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import setup from './global-setup.ts';

/** The page and every script it loads answer 200 with JavaScript (not the SPA fallback). */
async function servesTheApp(baseUrl: string): Promise<void> {
  const html = await (await fetch(baseUrl)).text();
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => new URL(m[1]!, baseUrl).href);
  expect(scripts.length).toBeGreaterThan(0);
  for (const src of scripts) {
    const response = await fetch(src);
    expect(response.status, src).toBe(200);
    expect(response.headers.get('content-type'), src).toMatch(/javascript/);
  }
}

describe('e2e global setup', () => {
  it('builds a second run into its own folder and removes only that one at its teardown', async () => {
    const ours = inject('distDir');
    expect(existsSync(path.join(ours, 'index.html'))).toBe(true);

    const provided: Record<string, string> = {};
    const root = path.resolve(import.meta.dirname, '../..');
    const teardown = await setup({ config: { root }, provide: (key: string, value: string) => (provided[key] = value) } as never);
    const theirs = provided.distDir!;
    try {
      expect(theirs).not.toBe(ours);
      expect(path.dirname(theirs)).toBe(path.dirname(ours));
      await servesTheApp(provided.baseUrl!);
    } finally {
      await teardown();
    }
    expect(existsSync(theirs)).toBe(false);
    expect(existsSync(path.join(ours, 'index.html'))).toBe(true);
    await servesTheApp(inject('baseUrl'));
  });
});
