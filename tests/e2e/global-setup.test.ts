/**
 * The e2e global setup gives each run a build folder of its own, so two runs at once (two
 * terminals, or CI and a developer) do not delete each other's files: a second setup while this
 * run's server is up builds elsewhere, and its teardown removes only its own folder.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import setup from './global-setup.ts';
import { servesThePage as servesTheApp } from './served-page.ts';

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
