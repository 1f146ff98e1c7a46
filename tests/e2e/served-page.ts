/** Checks on a page served by `vite preview` (the e2e build, the stage harness). */
import { expect } from 'vitest';

/** The page and every script it loads answer 200 with JavaScript (not the SPA fallback). */
export async function servesThePage(pageUrl: string): Promise<void> {
  const html = await (await fetch(pageUrl)).text();
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => new URL(m[1]!, pageUrl).href);
  expect(scripts.length).toBeGreaterThan(0);
  for (const src of scripts) {
    const response = await fetch(src);
    expect(response.status, src).toBe(200);
    expect(response.headers.get('content-type'), src).toMatch(/javascript/);
  }
}
