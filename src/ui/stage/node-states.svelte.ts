/**
 * The stage's clients' connection states, one reactive cell per client: a step writes only the
 * cells of the clients whose state changed, so the nodes of a crowd of 1,000 are neither re-run
 * nor even checked by Svelte on a step that only moves packets (a `$derived` Map of all states
 * made every node's effects depend on the world, and Svelte walked all of them on every step).
 */
import { nodeState, type NodeState } from './node-state.ts';

class Cell {
  value = $state<NodeState>('disconnected');
}

type Snapshot = Parameters<typeof nodeState>[0];
/** The world's actors (an Immutable map): looked up by name, or walked. */
interface Actors {
  get(name: string): Snapshot;
  forEach(fn: (snapshot: Snapshot, name: string) => void): unknown;
}

export class NodeStates {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- the cells are the reactive part; the map only finds them
  #cells = new Map<string, Cell>();
  /** The snapshot each cell was computed from: an unchanged actor is not looked at again. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never read reactively
  #from = new Map<string, Snapshot>();
  #names: readonly string[] = [];
  #actors: Actors | undefined;
  /** Bumped when any client's state changed (the legend and the groups' counts follow it). */
  version = $state(0);

  /** A client's state (reactive on that client alone). */
  get(name: string): NodeState {
    return this.#cell(name).value;
  }

  /** Every state, without tracking the cells (read `version` to follow changes). */
  peek(name: string): NodeState {
    return this.#cells.get(name)?.value ?? 'disconnected';
  }

  /**
   * Take the states of `names` from the world's actors; only changed clients notify. The same
   * actors map is skipped at once, an unchanged snapshot is not looked at again, and the map is
   * walked once (cheaper than 1,000 look-ups by name).
   */
  update(names: readonly string[], actors: Actors | undefined): void {
    let changed = false;
    const take = (name: string, snapshot: Snapshot) => {
      if (this.#from.has(name) && this.#from.get(name) === snapshot) return;
      this.#from.set(name, snapshot);
      const cell = this.#cell(name);
      const next = nodeState(snapshot);
      if (cell.value !== next) {
        cell.value = next;
        changed = true;
      }
    };
    if (names !== this.#names || !actors) {
      this.#names = names;
      this.#actors = actors;
      this.#from.clear();
      for (const name of names) take(name, actors?.get(name));
    } else if (actors !== this.#actors) {
      this.#actors = actors;
      actors.forEach((snapshot, name) => {
        if (this.#cells.has(name)) take(name, snapshot);
      });
    }
    if (changed) this.version++;
  }

  #cell(name: string): Cell {
    let cell = this.#cells.get(name);
    if (!cell) {
      cell = new Cell();
      this.#cells.set(name, cell);
    }
    return cell;
  }
}
