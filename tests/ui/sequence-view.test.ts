/**
 * The sequence diagram's view choice (src/ui/sequence/view.svelte.ts) is kept through
 * pageStorage(), the app's one way to localStorage: remembered across page loads where storage
 * works, and still usable for the page's lifetime where the browser blocks it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.restoreAllMocks();
  vi.resetModules();
  localStorage.clear();
});

describe('the sequence view choice', () => {
  it('is remembered in localStorage and read back on the next page load', async () => {
    const first = (await import('../../src/ui/sequence/view.svelte.ts')).sharedSequenceView();
    first.setFilter('all');
    first.toggle('sensor', false);
    vi.resetModules();
    const { sharedSequenceView, SEQUENCE_VIEW_KEY } = await import('../../src/ui/sequence/view.svelte.ts');
    const next = sharedSequenceView();
    expect(next).not.toBe(first);
    expect([next.filter, next.hidden]).toEqual(['all', ['sensor']]);
    expect(JSON.parse(localStorage.getItem(SEQUENCE_VIEW_KEY)!)).toEqual({ filter: 'all', hidden: ['sensor'] });
  });

  it('works for the page\'s lifetime where the browser blocks storage (reading localStorage throws)', async () => {
    vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    const view = (await import('../../src/ui/sequence/view.svelte.ts')).sharedSequenceView();
    expect(view.filter).toBe('packets');
    view.setFilter('rules');
    expect(view.filter).toBe('rules');
  });
});
