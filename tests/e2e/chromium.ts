/**
 * How the e2e tests start Chromium: Debian's /usr/bin/chromium driven by playwright-core (no
 * browser downloads). Kept apart from browser.ts (which uses vitest's hooks) so the global
 * setup can import it.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
