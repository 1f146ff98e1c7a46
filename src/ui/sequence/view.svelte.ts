/**
 * How the learner likes the sequence diagram: what it shows (`filter`: packets only, the
 * default; packets and rules; everything), which clients' columns are hidden and which groups of
 * a crowd are open. The first two are remembered in
 * localStorage under `SEQUENCE_VIEW_KEY`; the SVG export draws the same choice.
 */
import { SvelteSet } from 'svelte/reactivity';
import { pageStorage } from '../state/page-storage.ts';
import { SEQUENCE_FILTERS, type SequenceFilter } from './model.ts';

export const SEQUENCE_VIEW_KEY = 'mqttlab.sequence';

type ViewStorage = Pick<Storage, 'getItem' | 'setItem'>;

export class SequenceView {
  filter = $state<SequenceFilter>('packets');
  /** Client names whose columns are hidden. */
  hidden = $state.raw<readonly string[]>([]);
  /** Groups of clients (src/ui/client-groups.ts) shown one column per client (not remembered). */
  readonly openGroups = new SvelteSet<string>();
  #storage: ViewStorage | null;

  constructor(storage: ViewStorage | null) {
    this.#storage = storage;
    try {
      const data: unknown = JSON.parse(storage?.getItem(SEQUENCE_VIEW_KEY) ?? 'null');
      if (typeof data === 'object' && data !== null) {
        const { filter, hidden } = data as Record<string, unknown>;
        if (SEQUENCE_FILTERS.includes(filter as SequenceFilter)) this.filter = filter as SequenceFilter;
        if (Array.isArray(hidden)) this.hidden = hidden.filter((h): h is string => typeof h === 'string').slice(0, 500);
      }
    } catch {
      // storage blocked or not our JSON: the defaults
    }
  }

  setFilter(filter: SequenceFilter): void {
    this.filter = filter;
    this.#save();
  }

  isShown(client: string): boolean {
    return !this.hidden.includes(client);
  }

  /** Show or hide one client's column. */
  toggle(client: string, shown: boolean): void {
    const others = this.hidden.filter((h) => h !== client);
    this.hidden = shown ? others : [...others, client];
    this.#save();
  }

  /** Open a group's column into one per client, or close it again. */
  toggleGroup(key: string): void {
    if (!this.openGroups.delete(key)) this.openGroups.add(key);
  }

  /** Show every column again. */
  showAll(): void {
    this.hidden = [];
    this.#save();
  }

  #save(): void {
    try {
      this.#storage?.setItem(SEQUENCE_VIEW_KEY, JSON.stringify({ filter: this.filter, hidden: this.hidden }));
    } catch {
      // quota or blocked storage: the choice lasts until the page closes
    }
  }
}

let shared: SequenceView | undefined;

/** The app's one view state (with localStorage when the browser allows it). */
export function sharedSequenceView(): SequenceView {
  // Storage blocked (pageStorage() is null): the choice lasts until the page closes.
  shared ??= new SequenceView(pageStorage());
  return shared;
}
