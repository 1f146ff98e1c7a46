/**
 * `npm run bench -- fuzz/guarantees`: the delivery-guarantee fuzzer at scale.
 *
 * Random fault scenarios (tests/sim/generators.ts, a fixed fast-check seed, so every bench run
 * checks the same scenarios) run in the simulated world with the real broker and clients and are
 * checked against their traces (tests/sim/guarantees-run.ts, guarantees-check.ts). Up to 10,000 runs, stopped after
 * a time budget of about 60 s (GUARANTEES_BENCH_RUNS / GUARANTEES_BENCH_BUDGET_MS change both);
 * the work is split over worker threads, one per core, at most 4. The line reports runs/s, the
 * number of runs and the violations (target 0); the first violations are printed on stderr with
 * the scenario's index, so `replayReport` can show its trace.
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { scenarioArb } from '../../../tests/sim/generators.ts';
import { checkGuarantees, runScenario } from '../../../tests/sim/guarantees-check.ts';
import { report } from './measure.ts';

const SEED = 0x6a7e;
const BATCH = 50;

interface Job {
  worker: number;
  workers: number;
  maxRuns: number;
  deadline: number;
}

interface Result {
  runs: number;
  violatingRuns: number;
  violations: string[];
}

/** Runs batches `worker, worker + workers, ...` of the fixed scenario sequence until the deadline. */
function work(job: Job): Result {
  const result: Result = { runs: 0, violatingRuns: 0, violations: [] };
  for (let batch = job.worker; batch * BATCH < job.maxRuns; batch += job.workers) {
    if (Date.now() >= job.deadline) break;
    const scenarios = fc.sample(scenarioArb, { numRuns: Math.min(BATCH, job.maxRuns - batch * BATCH), seed: SEED + batch });
    scenarios.forEach((scenario, i) => {
      if (Date.now() >= job.deadline) return;
      const { violations } = checkGuarantees(runScenario(scenario));
      result.runs++;
      if (violations.length === 0) return;
      result.violatingRuns++;
      if (result.violations.length < 5) result.violations.push(`scenario ${batch * BATCH + i} (fc.sample seed ${SEED + batch}, index ${i}): ${violations[0]}`);
    });
  }
  return result;
}

if (!isMainThread && parentPort && (workerData as { guaranteesBench?: Job } | null)?.guaranteesBench) {
  parentPort.postMessage(work((workerData as { guaranteesBench: Job }).guaranteesBench));
}

/** Run the fuzzer and print its line. */
export async function run(): Promise<void> {
  const maxRuns = Number(process.env.GUARANTEES_BENCH_RUNS ?? 10_000);
  const budgetMs = Number(process.env.GUARANTEES_BENCH_BUDGET_MS ?? 60_000);
  const workers = Math.max(1, Math.min(4, availableParallelism()));
  const t0 = performance.now();
  const deadline = Date.now() + budgetMs;
  const results = await Promise.all(
    Array.from({ length: workers }, (_, worker) => {
      const job: Job = { worker, workers, maxRuns, deadline };
      return new Promise<Result>((resolve, reject) => {
        // The worker loads this TypeScript file itself, so it registers tsx's loader first.
        const entry = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); });`;
        const w = new Worker(entry, { eval: true, workerData: { guaranteesBench: job } });
        w.once('message', (r: Result) => resolve(r));
        w.once('error', reject);
      });
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const runs = results.reduce((n, r) => n + r.runs, 0);
  const violations = results.reduce((n, r) => n + r.violatingRuns, 0);
  for (const line of results.flatMap((r) => r.violations)) console.error(`fuzz/guarantees violation: ${line}`);
  // The target is the rate that fits 10,000 runs into the minute.
  report({ name: 'fuzz/guarantees/runs', unit: 'runs/s', ours: runs / seconds, runs, violations, workers, target: Math.round(maxRuns / (budgetMs / 1000)) });
}
