/**
 * Small, honest measurements for `npm run bench`.
 *
 * `compareOps` runs ours and the anchor in alternating rounds (so machine noise hits both the
 * same way), each round a batch of calls timed as one, and reports the median ops/s of each.
 * Every case prints one JSON line (ARCHITECTURE.md, Contracts): `ratio` is "higher is better".
 */
import { performance } from 'node:perf_hooks';

export interface BenchLine {
  name: string;
  unit: string;
  ours: number;
  anchor?: number;
  anchorName?: string;
  ratio?: number;
  target?: number;
  [extra: string]: unknown;
}

/** Print one result line and return it. */
export function report(line: BenchLine): BenchLine {
  const round = (x: number) => (Math.abs(x) >= 100 ? Math.round(x) : Number(x.toPrecision(4)));
  const out: BenchLine = { ...line, ours: round(line.ours) };
  if (line.anchor !== undefined) out.anchor = round(line.anchor);
  if (line.ratio !== undefined) out.ratio = Math.round(line.ratio * 100) / 100;
  console.log(JSON.stringify(out));
  return out;
}

/** Calls per second of `fn`, measured over `rounds` batches of at least `batchMs` each. */
function batchSize(fn: () => unknown, batchMs: number): number {
  let n = 1;
  for (let guard = 0; guard < 40; guard++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    const dt = performance.now() - t0;
    if (dt >= batchMs / 4) return Math.max(1, Math.ceil((n * batchMs) / Math.max(dt, 0.001)));
    n *= 2;
  }
  return n;
}

function timeBatch(fn: () => unknown, n: number): number {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn();
  return (n * 1000) / (performance.now() - t0);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** Median ops/s of ours and of the anchor, measured in alternating rounds. */
export function compareOps(
  ours: () => unknown,
  anchor: () => unknown,
  { rounds = 9, batchMs = 40 }: { rounds?: number; batchMs?: number } = {},
): { ours: number; anchor: number } {
  const nOurs = batchSize(ours, batchMs);
  const nAnchor = batchSize(anchor, batchMs);
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < rounds; r++) {
    a.push(timeBatch(ours, nOurs));
    b.push(timeBatch(anchor, nAnchor));
  }
  return { ours: median(a), anchor: median(b) };
}

/** Median ops/s of one function. */
export function measureOps(fn: () => unknown, { rounds = 9, batchMs = 40 } = {}): number {
  const n = batchSize(fn, batchMs);
  const xs: number[] = [];
  for (let r = 0; r < rounds; r++) xs.push(timeBatch(fn, n));
  return median(xs);
}

/** Compare ops/s of ours and the anchor and print the line. */
export function benchOps(name: string, anchorName: string, ours: () => unknown, anchor: () => unknown): BenchLine {
  const r = compareOps(ours, anchor);
  return report({ name, unit: 'ops/s', ours: r.ours, anchor: r.anchor, anchorName, ratio: r.ours / r.anchor });
}
