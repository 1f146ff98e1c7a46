/**
 * The two directions of a connection's TCP link, as objects: `UP` (client to broker) and `DOWN`
 * (broker to client). A `Connection` keeps each direction's bookkeeping in mirrored fields
 * (`lastUpMs`/`lastDownMs`, `sentUp`/`sentDown`, ...); a direction reads and writes its own, so
 * the link model in step.ts is written once for both directions instead of branching on a
 * boolean in every method. The connection passed in is one the run owns (edited in place).
 */
import type { Connection } from './world-types.ts';

export interface LinkDirection {
  /** The name fault rules use. */
  readonly name: 'up' | 'down';
  /** True for client to broker (the `toBroker` of queued events). */
  readonly toBroker: boolean;
  /** Whether the sending end still has the connection open. */
  senderOpen(c: Connection): boolean;
  /** Whether the receiving end still has the connection open. */
  receiverOpen(c: Connection): boolean;
  /** The latest arrival time queued in this direction (FIFO: jitter never reorders). */
  lastMs(c: Connection): number;
  /**
   * The next segment: it arrives no earlier than `earliestMs` and never before the segment ahead
   * of it (TCP is FIFO); `lastMs` becomes its arrival time. Returns its number.
   */
  nextSegment(c: Connection, earliestMs: number): number;
  /** The last segment delivered (or dropped with its connection) in order. */
  delivered(c: Connection): number;
  /** Counts segment `segment` as done. */
  passed(c: Connection, segment: number): void;
  /** Until when a lost segment of this direction is held for TCP's next try. */
  heldUntilMs(c: Connection): number;
  /** A lost segment is tried again at `atMs`: everything behind it waits until then. */
  hold(c: Connection, atMs: number): void;
}

export const UP: LinkDirection = {
  name: 'up',
  toBroker: true,
  senderOpen: (c) => c.clientOpen,
  receiverOpen: (c) => c.brokerOpen,
  lastMs: (c) => c.lastUpMs,
  nextSegment(c, earliestMs) {
    c.lastUpMs = Math.max(earliestMs, c.lastUpMs);
    return ++c.sentUp;
  },
  delivered: (c) => c.deliveredUp,
  passed(c, segment) {
    c.deliveredUp = Math.max(c.deliveredUp, segment);
  },
  heldUntilMs: (c) => c.heldUpUntilMs,
  hold(c, atMs) {
    c.lastUpMs = atMs;
    c.heldUpUntilMs = atMs;
  },
};

export const DOWN: LinkDirection = {
  name: 'down',
  toBroker: false,
  senderOpen: (c) => c.brokerOpen,
  receiverOpen: (c) => c.clientOpen,
  lastMs: (c) => c.lastDownMs,
  nextSegment(c, earliestMs) {
    c.lastDownMs = Math.max(earliestMs, c.lastDownMs);
    return ++c.sentDown;
  },
  delivered: (c) => c.deliveredDown,
  passed(c, segment) {
    c.deliveredDown = Math.max(c.deliveredDown, segment);
  },
  heldUntilMs: (c) => c.heldDownUntilMs,
  hold(c, atMs) {
    c.lastDownMs = atMs;
    c.heldDownUntilMs = atMs;
  },
};

/** The direction of a queued event (`toBroker`). */
export function directionOf(toBroker: boolean): LinkDirection {
  return toBroker ? UP : DOWN;
}
