/**
 * The height the learner gave an exercise's goals list with the handle above it
 * (GoalsSplitter.svelte), in rem so that projector mode's larger text keeps the same lines in
 * view; undefined until the handle is used (the list then takes the layout's own share). Kept
 * for the browser tab's session (sessionStorage): another exercise, a reload or projector mode
 * switched on keep it, a new visit starts from the layout's default.
 */
const KEY = 'mqttlab.goalsHeightRem';

function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function stored(): number | undefined {
  const value = Number(sessionStore()?.getItem(KEY) ?? NaN);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

class GoalsHeight {
  #rem = $state<number | undefined>(stored());

  /** The goals list's height in rem, once the learner set it. */
  get rem(): number | undefined {
    return this.#rem;
  }

  set(rem: number): void {
    this.#rem = Math.round(rem * 100) / 100;
    try {
      sessionStore()?.setItem(KEY, String(this.#rem));
    } catch {
      // Storage full or blocked: the height holds until the page closes.
    }
  }
}

/** The one goals height of the page (one editor column). */
export const goalsHeight = new GoalsHeight();
