/**
 * The transport: where the learner is on the timeline and whether it plays.
 *
 * For now there is no world, so `ready` is false and every command is refused (returns false,
 * so a keyboard shortcut falls through to the browser). When the simulation lands, this class
 * gets the history (a list of worlds) and its commands move an index through it; components
 * and the keyboard handler already talk to it through `dispatch` and the fields below.
 */
export type TransportCommand = 'reset' | 'step-back' | 'toggle-play' | 'step-forward';

/** Playback speeds offered, as multiples of real time. */
export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const;
export type Speed = (typeof SPEEDS)[number];

export class Transport {
  /** True once a scenario is loaded and there is a timeline to move along. */
  ready = $state(false);
  playing = $state(false);
  speed = $state<Speed>(1);
  /** Virtual time of the current step, and of the last known step. */
  positionMs = $state(0);
  durationMs = $state(0);

  /** Run a command; returns false when it does not apply (nothing loaded yet). */
  dispatch(command: TransportCommand): boolean {
    if (!this.ready) return false;
    switch (command) {
      case 'toggle-play':
        this.playing = !this.playing;
        return true;
      case 'reset':
      case 'step-back':
      case 'step-forward':
        // Wired to the history when the simulation lands.
        return true;
    }
  }

  setSpeed(speed: Speed): void {
    this.speed = speed;
  }
}
