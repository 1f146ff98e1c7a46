/**
 * The app's Live mode: the real broker's trace (`npm run broker -- --live`, its `/live-feed`
 * WebSocket) or a recording file, shown in the simulation's own views through a timeline that
 * grows (src/sim/live-world.ts, `Simulation.loadTimeline` / `grown`).
 *
 * - Following: while not paused and the cursor is on the newest step, each new step is shown
 *   at once (at most once per animation frame). Pause freezes the picture; the feed goes on and
 *   is kept. Stepping back (here or with the transport) also stops following. "Back to live"
 *   jumps to the newest step and follows again.
 * - A recording (`openFile`) replaces what is shown; a bad file leaves it and says which line.
 *   Nothing received is lost without the user choosing it: while the feed's events are not
 *   saved (`unsaved`), the bar asks first (save, then open; open without saving; cancel), and
 *   the page asks before it is closed or reloaded. From a recording, `backToFeed` connects to
 *   the feed again: the broker sends what it kept (its last `--ring` entries) and what follows.
 */
import { traceToScenario } from '../../scenario/from-trace.ts';
import { readTrace, readTraceLine, writeTrace, type TraceHeader } from '../../sim/trace-json.ts';
import { LiveWorld, liveWorldOf } from '../../sim/live-world.ts';
import type { Simulation } from '../state/simulation.svelte.ts';
import { INSTANT_FLIGHT_MS } from '../state/flights.ts';
import { clientCommand, type ClientCommand } from './client-command.ts';
import { WsClient } from './ws-client.ts';

/**
 * Most steps the page keeps: a day-long class must not fill the browser's memory. Beyond it,
 * while following, the older half is dropped (the timeline is rebuilt from the newer half; the
 * broker view's replica then knows only what happened in it). The broker's own ring (`--ring`)
 * bounds what a page gets when it joins.
 */
export const LIVE_MAX_STEPS = 40_000;

export type FeedStatus = 'connecting' | 'live' | 'closed' | 'refused' | 'recording' | 'client';

/** The in-app client's scenario name (its client id unless `connect -i` names another). */
export const APP_CLIENT = 'web';

/** Where the feed is: the page's own host, path `/live-feed`, with the page's `?token=`. */
export function feedUrl(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- read once, never reactive
  const token = new URLSearchParams(location.search).get('token');
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/live-feed${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

export class LiveSession {
  status = $state<FeedStatus>('connecting');
  /** Why the feed closed or a file was refused (shown as it is: it names the line). */
  problem = $state<string | undefined>(undefined);
  paused = $state(false);
  /** Steps received so far. */
  steps = $state(0);
  /** The header of what is shown (its title, when it started). */
  header = $state.raw<TraceHeader | undefined>(undefined);
  /** A recording's file name, when one is shown. */
  fileName = $state<string | undefined>(undefined);
  /** The feed this session connected to (`connect`), for `backToFeed`. */
  feed = $state<string | undefined>(undefined);
  /** Steps received when the user last saved them (`markSaved`). */
  #savedSteps = $state(0);

  /** The in-app client's connection: open, closed, and why it could not connect. */
  clientOpen = $state(false);
  clientProblem = $state<string | undefined>(undefined);

  #client: { url: string; ws: WsClient } | undefined;
  #live: LiveWorld | undefined;
  #socket: WebSocket | undefined;
  #frame = 0;
  #flightFrame = 0;
  #lastLength = 0;
  #badLines = 0;

  constructor(private readonly simulation: Simulation) {}

  /** Connects to the feed at `url`; lines arrive one per message. */
  connect(url: string): void {
    this.disconnect();
    this.feed = url;
    this.#savedSteps = 0;
    this.status = 'connecting';
    this.problem = undefined;
    this.fileName = undefined;
    const socket = new WebSocket(url);
    this.#socket = socket;
    this.#start(new LiveWorld());
    socket.onmessage = (event) => {
      if (socket !== this.#socket || typeof event.data !== 'string') return;
      const r = readTraceLine(event.data);
      if (!r.ok) {
        if (++this.#badLines <= 3) console.warn(`live feed: ${r.message}`);
        return;
      }
      if ('header' in r.line) {
        this.header = r.line.header;
        this.status = 'live';
        // The replica of the broker view takes the real broker's configuration from it.
        this.#live?.add(r.line);
        return;
      }
      if (this.#live?.add(r.line)) this.#schedule();
    };
    socket.onclose = (event) => {
      if (socket !== this.#socket) return;
      this.status = event.code === 4401 ? 'refused' : 'closed';
      this.problem = event.reason || undefined;
    };
  }

  disconnect(): void {
    const s = this.#socket;
    this.#socket = undefined;
    if (s && s.readyState <= 1) s.close();
  }

  /** A recording file's text: shown instead of the feed. False (and `problem` set) when it is bad. */
  openText(text: string, name: string): boolean {
    const read = this.#read(text, name);
    if (!read?.header) return false;
    this.disconnect();
    this.problem = undefined;
    this.status = 'recording';
    this.fileName = name;
    this.#savedSteps = 0;
    this.header = read.header;
    this.#start(liveWorldOf(read.header, read.conns, read.entries));
    // A recording opens at its start, paused: step through it, or play it.
    this.paused = true;
    this.simulation.seek(0);
    return true;
  }

  /** True when `text` is a recording; else false, and `problem` says which line (nothing else changes). */
  isRecording(text: string, name: string): boolean {
    if (this.#read(text, name) === undefined) return false;
    // An earlier bad file's message is over (the feed's closing reason stays).
    if (this.status !== 'closed' && this.status !== 'refused') this.problem = undefined;
    return true;
  }

  #read(text: string, name: string): ReturnType<typeof readTrace> | undefined {
    const read = readTrace(text);
    if (read.errors.length === 0 && read.header) return read;
    const first = read.errors[0];
    this.problem = first ? `${name}:${first.line}: ${first.message}` : `${name}: empty, not a recording`;
    return undefined;
  }

  /** The in-app client (`#client`): shows its own packets; nothing is connected until a command says so. */
  startClient(): void {
    this.status = 'client';
    this.#start(new LiveWorld());
  }

  /**
   * One command of the scenario language for the in-app client on the broker at `url` (a `connect`
   * opens the WebSocket). Returns the parse result; its packets appear as they happen.
   */
  runClientCommand(url: string, line: string): ClientCommand {
    const parsed = clientCommand(APP_CLIENT, line);
    if (!parsed.ok) return parsed;
    if (!this.#client || (this.#client.url !== url && !this.clientOpen)) {
      this.#client?.ws.dispose();
      const ws = new WsClient({
        url,
        name: APP_CLIENT,
        // Watching the broker's feed, the feed shows this client's packets already.
        onLine: (l) => {
          if (this.status !== 'live' && this.#live?.add(l)) this.#schedule();
        },
        onStatus: (status, message) => {
          this.clientOpen = status === 'open';
          this.clientProblem = message;
        },
      });
      this.#client = { url, ws };
    }
    this.clientProblem = undefined;
    this.#client.ws.send(parsed.event);
    return parsed;
  }

  /**
   * True when what is shown came from the feed or the in-app client (not from a file) and has
   * events that were not saved since they came: replacing or leaving it would lose them.
   */
  get unsaved(): boolean {
    return this.status !== 'recording' && this.steps > this.#savedSteps;
  }

  /** "Save recording" wrote what is shown to a file. */
  markSaved(): void {
    this.#savedSteps = this.steps;
  }

  /** From a recording back to the feed this page was opened on (the broker sends what it kept). */
  backToFeed(): void {
    if (this.feed !== undefined) this.connect(this.feed);
  }

  /** What is shown, as a recording file (trace-json), for "Save recording". */
  recordingText(): string | undefined {
    const live = this.#live;
    if (!live || live.original.length === 0) return undefined;
    const { startedAt, broker } = this.header ?? {};
    return writeTrace(live.original, { source: 'broker', ...(startedAt !== undefined ? { startedAt } : {}), title: this.header?.title ?? 'MQTT Lab live view', ...(broker ? { broker } : {}) }, [...live.conns.values()]);
  }

  /** What is shown, as a scenario (src/scenario/from-trace.ts; 1 ms links, as `npm run recording`). */
  scenarioText(): string | undefined {
    const live = this.#live;
    if (!live || live.original.length === 0) return undefined;
    const from = this.fileName ?? this.header?.title ?? 'the live view';
    const broker = this.header?.broker;
    return traceToScenario(live.original, { latencyMs: 1, title: `recorded: ${from}`, ...(broker ? { broker } : {}) });
  }

  pause(): void {
    this.paused = true;
    this.simulation.setPlaying(false);
  }

  /** Back to the newest step, following again. */
  backToLive(): void {
    this.paused = false;
    this.#flush(true);
  }

  #start(live: LiveWorld): void {
    this.#live = live;
    this.paused = false;
    this.#lastLength = 1;
    this.simulation.loadTimeline(live.timeline, Math.max(1, live.nowMs));
    this.#update();
  }

  #schedule(): void {
    if (this.#frame) return;
    const run = () => {
      this.#frame = 0;
      this.#flush(false);
    };
    this.#frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(run) : (setTimeout(run, 16) as unknown as number);
  }

  #flush(force: boolean): void {
    const live = this.#live;
    if (!live) return;
    // Following: not paused, and the cursor was on the newest step (nobody stepped back).
    const following = force || (!this.paused && this.simulation.position >= this.#lastLength - 1);
    if (following && live.steps > LIVE_MAX_STEPS) {
      const kept = liveWorldOf(live.header, [...live.conns.values()], live.original.slice(-Math.floor(live.original.length / 2)));
      this.#start(kept);
      this.#flush(true);
      return;
    }
    if (!following && !this.paused && this.simulation.position < this.#lastLength - 1) this.paused = true;
    this.simulation.grown(live.nowMs, following);
    this.#lastLength = live.timeline.length;
    this.#update();
    if (following) this.#flyPackets();
  }

  /**
   * Real packets take no time on the wire (both ends are recorded at one instant), so the stage
   * gives each a short flight of `INSTANT_FLIGHT_MS` (src/ui/state/flights.ts). While following,
   * after each new step the display time runs on the wall clock for that long, from the step's
   * time: the packets of that step fly to their receivers, then the picture rests. Stepping,
   * pausing or playing with the transport takes the display time back.
   */
  #flyPackets(): void {
    if (typeof requestAnimationFrame !== 'function') return;
    if (this.#flightFrame) cancelAnimationFrame(this.#flightFrame);
    const sim = this.simulation;
    const fromMs = sim.displayMs;
    const position = sim.position;
    let startedAt: number | undefined;
    const tick = (now: number) => {
      this.#flightFrame = 0;
      if (this.paused || sim.playing || sim.position !== position) return;
      startedAt ??= now;
      const elapsed = Math.min(now - startedAt, INSTANT_FLIGHT_MS + 1);
      sim.setDisplayMs(fromMs + elapsed);
      if (elapsed <= INSTANT_FLIGHT_MS) this.#flightFrame = requestAnimationFrame(tick);
    };
    this.#flightFrame = requestAnimationFrame(tick);
  }

  #update(): void {
    this.steps = this.#live?.steps ?? 0;
  }

  /** Steps received and not shown (the cursor is before them). */
  get behind(): number {
    return Math.max(0, this.simulation.totalSteps - this.simulation.position);
  }
}
