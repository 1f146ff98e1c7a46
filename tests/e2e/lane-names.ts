/** The sequence diagram's lane names as the e2e tests read them: text, box, row, and whether the text is cut. */
import type { Page } from 'playwright-core';

export interface NameBox {
  text: string;
  left: number;
  right: number;
  /** Which row the name is on (every other name may go a row lower where one row would shorten them). */
  top: number;
  /** The text is wider than its box (cut). */
  cut: boolean;
}

export async function laneNames(page: Page): Promise<NameBox[]> {
  return page.locator('.lane-header .lane-name').evaluateAll((elements) =>
    elements.map((e) => {
      const box = e.getBoundingClientRect();
      const shown = (e.querySelector('[aria-hidden="true"]') ?? e) as HTMLElement;
      return { text: shown.textContent ?? '', left: box.left, right: box.right, top: Math.round(box.top), cut: e.scrollWidth > e.clientWidth + 1 };
    }),
  );
}

/** The next name on the same row as `names[i]` (names on two rows: two lanes further). */
export function nextOnRow<T extends { top: number }>(names: readonly T[], i: number): T | undefined {
  return names.slice(i + 1).find((n) => Math.abs(n.top - names[i]!.top) < 2);
}
