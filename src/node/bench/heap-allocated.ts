/**
 * Heap bytes allocated over a stretch of time, from V8's statistics at each garbage collection
 * (`GCProfiler`): what each collection found in use minus what the previous one left, plus the
 * growth since the last one. Used by the `core` bench and the loopback probe.
 */
import { GCProfiler } from 'node:v8';

/** Starts counting; `stop()` gives the bytes allocated since, and how many collections ran. */
export function countAllocations(): { stop(): { bytes: number; collections: number } } {
  const profiler = new GCProfiler();
  profiler.start();
  const before = process.memoryUsage().heapUsed;
  return {
    stop() {
      const after = process.memoryUsage().heapUsed;
      const { statistics } = profiler.stop();
      let bytes = 0;
      let last = before;
      for (const gc of statistics) {
        bytes += gc.beforeGC.heapStatistics.usedHeapSize - last;
        last = gc.afterGC.heapStatistics.usedHeapSize;
      }
      bytes += after - last;
      return { bytes, collections: statistics.length };
    },
  };
}
