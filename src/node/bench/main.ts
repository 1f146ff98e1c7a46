/**
 * `npm run bench [-- FILTER]`: every benchmark, one JSON line per case on stdout.
 * A FILTER runs only the suites whose name starts with it (`npm run bench -- codec`); the soak
 * of `npm run broker` (minutes) runs only when asked for: `npm run bench -- soak`.
 */
export {};

interface Suite {
  name: string;
  run: () => Promise<void> | void;
  /** Runs only when named (`npm run bench -- soak`): minutes long. */
  onRequest?: boolean;
}

const suites: Suite[] = [
  { name: 'codec', run: async () => (await import('./codec.ts')).run() },
  { name: 'core', run: async () => (await import('./core.ts')).run() },
  { name: 'match', run: async () => (await import('./match.ts')).run() },
  { name: 'fuzz', run: async () => (await import('./fuzz.ts')).run() },
  { name: 'fuzz/guarantees', run: async () => (await import('./guarantees.ts')).run() },
  { name: 'loopback', run: async () => (await import('./loopback.ts')).run() },
  { name: 'history', run: async () => (await import('./history.ts')).run() },
  { name: 'fleet', run: async () => (await import('./fleet.ts')).run() },
  { name: 'scenario', run: async () => (await import('./scenario.ts')).run() },
  { name: 'ui', run: async () => (await import('./ui.ts')).run() },
  // `npm run bench -- ui-stage 1000`: only the fleets named.
  { name: 'ui-stage', run: async () => (await import('./stage.ts')).run(process.argv.slice(3).map(Number).filter((n) => Number.isInteger(n) && n > 0)) },
  { name: 'soak', run: async () => (await import('./soak.ts')).run(), onRequest: true },
];

const filter = process.argv[2];
for (const suite of suites) {
  if (filter ? !suite.name.startsWith(filter) : suite.onRequest) continue;
  await suite.run();
}
