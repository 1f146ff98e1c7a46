/**
 * The agenda: the commands scheduled ahead of time (a scenario's script, the fleet benchmark's
 * 60,000 publishes), kept apart from the event queue of `queue.ts`.
 *
 * Theory of operation: nearly every command is scheduled before the run and they run in time
 * order, so a sorted array read through a cursor serves each one in O(1) and allocates nothing,
 * where the heap would pay O(log n) new nodes for every pop and make every other push deeper.
 * The array is never changed once built: each world holds it with its own cursor, so the
 * history and its forks share it. A command scheduled later (a learner's action, a fork) goes
 * onto a short list, merged into the array (O(n)) at the next step. Items are ordered by
 * `(atMs, seq)` like the queue's, and the world takes whichever of the two heads comes first.
 */
import { before, type Queued } from './queue.ts';

interface Added<T> {
  readonly item: T;
  readonly rest: Added<T> | null;
}

export interface Agenda<T extends Queued> {
  /** In `(atMs, seq)` order; the items before `next` have run. Shared, never changed. */
  readonly sorted: readonly T[];
  readonly next: number;
  /** Scheduled since `sorted` was built, newest first; `settle` merges them in. */
  readonly added: Added<T> | null;
}

export const emptyAgenda: Agenda<never> = { sorted: [], next: 0, added: null };

/** The agenda with `item` added: O(1), merged in at the next `settle`. */
export function add<T extends Queued>(agenda: Agenda<T>, item: T): Agenda<T> {
  return { ...agenda, added: { item, rest: agenda.added } };
}

/** The same agenda with every added item merged into the sorted array. */
export function settle<T extends Queued>(agenda: Agenda<T>): Agenda<T> {
  if (agenda.added === null) return agenda;
  const added: T[] = [];
  for (let a: Added<T> | null = agenda.added; a !== null; a = a.rest) added.push(a.item);
  added.sort(compare);
  const merged: T[] = [];
  let i = agenda.next;
  let j = 0;
  while (i < agenda.sorted.length && j < added.length) merged.push(before(added[j]!, agenda.sorted[i]!) ? added[j++]! : agenda.sorted[i++]!);
  while (i < agenda.sorted.length) merged.push(agenda.sorted[i++]!);
  while (j < added.length) merged.push(added[j++]!);
  return { sorted: merged, next: 0, added: null };
}

/** The earliest item, or undefined when nothing is left. */
export function first<T extends Queued>(agenda: Agenda<T>): T | undefined {
  let earliest = agenda.sorted[agenda.next];
  for (let a = agenda.added; a !== null; a = a.rest) if (earliest === undefined || before(a.item, earliest)) earliest = a.item;
  return earliest;
}

/** A settled agenda without its earliest item. */
export function rest<T extends Queued>(agenda: Agenda<T>): Agenda<T> {
  if (agenda.added !== null) throw new Error('agenda: rest() needs a settled agenda');
  return { sorted: agenda.sorted, next: agenda.next + 1, added: null };
}

/** Items not run yet, in order (for views and tests). */
export function pending<T extends Queued>(agenda: Agenda<T>): T[] {
  const s = settle(agenda);
  return s.sorted.slice(s.next);
}

function compare(a: Queued, b: Queued): number {
  return before(a, b) ? -1 : before(b, a) ? 1 : 0;
}
