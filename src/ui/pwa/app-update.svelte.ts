/**
 * Offline and updates, as the UI sees them. The service worker (made by vite-plugin-pwa with
 * Workbox, `registerType: 'prompt'`) precaches the whole build on the first visit; when a new
 * build is deployed, its worker installs beside the old one and waits. `needRefresh` then asks
 * the learner to reload: only their click lets the new worker take over (and the page reloads
 * with it), so a page never runs a mix of old and new files.
 *
 * The registration function is passed in (`virtual:pwa-register`'s `registerSW` in the app,
 * see start.ts), so this state can be driven without a service worker.
 */
import type { RegisterSWOptions } from 'vite-plugin-pwa/types';

/** `registerSW` of `virtual:pwa-register`: registers, and returns "activate the waiting worker". */
export type RegisterServiceWorker = (options: RegisterSWOptions) => (reloadPage?: boolean) => Promise<void>;

export class AppUpdate {
  /** A new version is installed and waits for a reload. */
  needRefresh = $state(false);
  /** The first install finished: the app works offline from now on. */
  offlineReady = $state(false);
  #activate: ((reloadPage?: boolean) => Promise<void>) | undefined;
  readonly #register: RegisterServiceWorker;

  constructor(register: RegisterServiceWorker) {
    this.#register = register;
  }

  /** Register the service worker (once). */
  start(): void {
    if (this.#activate) return;
    this.#activate = this.#register({
      onNeedRefresh: () => {
        this.needRefresh = true;
      },
      onOfflineReady: () => {
        this.offlineReady = true;
      },
      onRegisterError: (error: unknown) => {
        // No service worker (blocked, or plain http on a school server): the app works online.
        console.warn('MQTT Lab: the service worker could not be registered; the app works online only', error);
      },
    });
  }

  /** Let the waiting version take over; the page reloads when it controls the page. */
  async reload(): Promise<void> {
    await this.#activate?.(true);
  }

  /** Keep the running version for now (the notice comes back on the next visit). */
  later(): void {
    this.needRefresh = false;
  }

  dismissOfflineReady(): void {
    this.offlineReady = false;
  }
}
