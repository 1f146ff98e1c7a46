/**
 * `npm run bench [-- FILTER]`: every benchmark, one JSON line per case on stdout.
 * A FILTER runs only the suites whose name starts with it (`npm run bench -- codec`).
 */
export {};

interface Suite {
  name: string;
  run: () => Promise<void> | void;
}

const suites: Suite[] = [
  { name: 'codec', run: async () => (await import('./codec.ts')).run() },
  { name: 'match', run: async () => (await import('./match.ts')).run() },
  { name: 'fuzz', run: async () => (await import('./fuzz.ts')).run() },
  { name: 'fuzz/guarantees', run: async () => (await import('./guarantees.ts')).run() },
  { name: 'loopback', run: async () => (await import('./loopback.ts')).run() },
  { name: 'history', run: async () => (await import('./history.ts')).run() },
  { name: 'fleet', run: async () => (await import('./fleet.ts')).run() },
  { name: 'scenario', run: async () => (await import('./scenario.ts')).run() },
  { name: 'ui', run: async () => (await import('./ui.ts')).run() },
  { name: 'ui-stage', run: async () => (await import('./stage.ts')).run() },
];

const filter = process.argv[2];
for (const suite of suites) {
  if (filter && !suite.name.startsWith(filter)) continue;
  await suite.run();
}
