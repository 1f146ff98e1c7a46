/**
 * A timer for any delay up to MQTT's longest (Session Expiry or Will Delay of 2^32−1 s, about
 * 136 years). Node's `setTimeout` holds at most 2^31−1 ms (24.8 days) and fires a longer delay
 * after 1 ms instead, so a long delay is waited out in segments of at most that length, each
 * armed when the previous one ends, against a deadline on the monotonic clock.
 */
import { performance } from 'node:perf_hooks';

/** The longest delay one `setTimeout` holds: 2^31−1 ms. */
export const MAX_TIMEOUT_SEGMENT_MS = 0x7fffffff;

/** A running long timer; `cancel()` stops it (idempotent). */
export interface LongTimer {
  cancel(): void;
}

/**
 * Calls `fire` once, `delayMs` from now (negative: at once, as `setTimeout`). `segmentMs` is
 * the longest single wait (tests shorten it to see the chaining).
 */
export function setLongTimeout(fire: () => void, delayMs: number, segmentMs = MAX_TIMEOUT_SEGMENT_MS): LongTimer {
  const deadline = performance.now() + Math.max(0, delayMs);
  let handle: ReturnType<typeof setTimeout>;
  const arm = () => {
    const left = deadline - performance.now();
    if (left <= 0) {
      fire();
      return;
    }
    handle = setTimeout(left > segmentMs ? arm : fire, Math.min(Math.ceil(left), segmentMs));
  };
  const first = Math.max(0, delayMs);
  handle = setTimeout(first > segmentMs ? arm : fire, Math.min(first, segmentMs));
  return { cancel: () => clearTimeout(handle) };
}
