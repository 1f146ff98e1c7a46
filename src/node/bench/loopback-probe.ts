/**
 * A probe inside a broker process for `loopback-ab.ts` (`LOOPBACK_PROBE=1`): preloaded with
 * `--import` after tsx, it watches the event loop and the garbage collector without touching
 * the broker's code, and on SIGUSR2 prints one line `loopback-probe {json}` on stderr with what
 * happened since the previous SIGUSR2:
 *
 * - `loopDelayP50Ms`, `loopDelayP99Ms`, `loopDelayMaxMs`: event-loop delay (`monitorEventLoopDelay`,
 *   1 ms resolution, so ~1 ms is an idle loop), how long a ready socket can wait to be read;
 * - `scavenges`, `scavengeMs`, `markCompacts`, `markCompactMs`: GC pauses (`PerformanceObserver`
 *   on `gc` entries: minor and major collections, their total duration);
 * - `writes`, `reads`: socket writes and `data` events (one per read syscall that got bytes);
 * - `allocatedMb`: heap allocated (`heap-allocated.ts`: V8's heap statistics at each collection);
 *   `newSpaceMb`: the young generation's size at the end (V8 grows it up to
 *   `--max-semi-space-size` when much survives): allocations / that size ≈ scavenges.
 */
import net from 'node:net';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import { countAllocations } from './heap-allocated.ts';

const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
const counts = { scavenges: 0, scavengeMs: 0, markCompacts: 0, markCompactMs: 0, writes: 0, reads: 0 };

new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
      counts.scavenges++;
      counts.scavengeMs += e.duration;
    } else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
      counts.markCompacts++;
      counts.markCompactMs += e.duration;
    }
  }
}).observe({ entryTypes: ['gc'] });

const write = net.Socket.prototype.write;
net.Socket.prototype.write = function (this: net.Socket, ...args: Parameters<net.Socket['write']>) {
  counts.writes++;
  return write.apply(this, args);
} as net.Socket['write'];
const emit = net.Socket.prototype.emit as (this: net.Socket, event: string | symbol, ...args: unknown[]) => boolean;
net.Socket.prototype.emit = function (this: net.Socket, event: string | symbol, ...args: unknown[]) {
  if (event === 'data') counts.reads++;
  return emit.call(this, event, ...args);
} as net.Socket['emit'];

let allocations = countAllocations();

/** Heap bytes allocated since the last call (`heap-allocated.ts`). */
function allocatedSinceLast(): number {
  const { bytes } = allocations.stop();
  allocations = countAllocations();
  return bytes;
}

const mb = (bytes: number): number => Math.round(bytes / 2 ** 17) / 8;
const ms = (ns: number): number => Math.round(ns / 1e4) / 100;
process.on('SIGUSR2', () => {
  const newSpace = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  const line = {
    loopDelayP50Ms: ms(delay.percentile(50)),
    loopDelayP99Ms: ms(delay.percentile(99)),
    loopDelayMaxMs: ms(delay.max),
    ...counts,
    allocatedMb: mb(allocatedSinceLast()),
    newSpaceMb: mb(newSpace?.space_size ?? 0),
  };
  line.scavengeMs = Math.round(line.scavengeMs * 10) / 10;
  line.markCompactMs = Math.round(line.markCompactMs * 10) / 10;
  process.stderr.write(`loopback-probe ${JSON.stringify(line)}\n`);
  delay.reset();
  for (const k of Object.keys(counts) as (keyof typeof counts)[]) counts[k] = 0;
});
