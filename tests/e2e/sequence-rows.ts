/** The sequence diagram's command rows as a reader sees them, for e2e tests. */
import type { Page } from 'playwright-core';
import { sequenceRegion } from './browser.ts';

/** The texts of the command rows, scrolling the diagram from top to bottom (it renders the rows in view). */
export async function commandRows(page: Page): Promise<string[]> {
  const scroller = sequenceRegion(page).locator('.scroller');
  const seen = new Map<number, string>();
  await scroller.evaluate((el) => el.scrollTo(0, 0));
  for (let i = 0; i < 200; i++) {
    const rows = await scroller.locator('.row.kind-command').evaluateAll((els) => els.map((r) => [Number(r.querySelector('button')?.dataset.seq), r.querySelector('.text')?.getAttribute('title') ?? ''] as const));
    for (const [seq, text] of rows) seen.set(seq, text);
    const done = await scroller.evaluate((el) => {
      const before = el.scrollTop;
      el.scrollBy(0, el.clientHeight * 0.8);
      return el.scrollTop === before;
    });
    if (done) break;
    await page.waitForTimeout(50);
  }
  return [...seen.entries()].sort(([a], [b]) => a - b).map(([, text]) => text);
}

/**
 * The lifeline whose name stands above the mark of the command row that says `text` (scrolled
 * until the diagram renders it): the lane name whose centre is nearest the mark's centre.
 */
export async function markLane(page: Page, text: string): Promise<string> {
  const scroller = sequenceRegion(page).locator('.scroller');
  const row = sequenceRegion(page).locator('.row.kind-command button', { has: page.locator('.text', { hasText: text }) });
  let mark: { x: number; width: number } | null = null;
  // The diagram may still scroll to the cursor's row (late under load), taking the found row and
  // its mark out of the rendered window: find them again.
  for (let attempt = 1; mark === null; attempt++) {
    await scroller.evaluate((el) => el.scrollTo(0, 0));
    for (let i = 0; i < 100 && (await row.count()) === 0; i++) await scroller.evaluate((el) => el.scrollBy(0, el.clientHeight * 0.5));
    // Only x matters (the lane names stay on top): no need to scroll the row to the middle, where
    // the diagram would render it anew.
    try {
      const seq = await row.first().getAttribute('data-seq', { timeout: 5000 });
      mark = await sequenceRegion(page).locator(`path.mark.command[data-seq="${seq}"]`).boundingBox({ timeout: 5000 });
    } catch (error) {
      if (attempt >= 5) throw error;
    }
    if (mark === null && attempt >= 5) throw new Error(`no mark drawn for the command row "${text}"`);
  }
  const names = await sequenceRegion(page).locator('.lane-name').evaluateAll((els) => els.map((el) => {
    const r = el.getBoundingClientRect();
    return [el.textContent?.trim() ?? '', r.left + r.width / 2] as const;
  }));
  const x = mark.x + mark.width / 2;
  return names.reduce((best, n) => (Math.abs(n[1] - x) < Math.abs(best[1] - x) ? n : best))[0];
}
