/**
 * Draws the app icons of the web app manifest (static/icons/*.png) from their SVG sources
 * (static/icons/icon.svg, maskable.svg) with headless Chromium: `npx tsx scripts/pwa-icons.ts`.
 * The PNGs are committed; run this again only after changing an SVG.
 */
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const ICONS: [source: string, sizePx: number, out: string][] = [
  ['icon', 192, 'icon-192'],
  ['icon', 512, 'icon-512'],
  ['maskable', 512, 'maskable-512'],
  ['icon', 180, 'apple-touch-icon'],
];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  for (const [source, size, out] of ICONS) {
    const svg = readFileSync(`static/icons/${source}.svg`, 'utf8').replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<style>html,body{margin:0;background:transparent}</style>${svg}`);
    await page.screenshot({ path: `static/icons/${out}.png`, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  }
} finally {
  await browser.close();
}
