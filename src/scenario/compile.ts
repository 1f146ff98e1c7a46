/**
 * Compiling a parsed scenario into what the world needs: a `WorldConfig` (seed, broker config,
 * client actors), the commands to schedule, the expectations (with each client's MQTT client
 * identifier resolved), and the time the run ends.
 *
 * The run ends at the `at T end` line if there is one; otherwise when everything had time to
 * settle after the last command (keep-alive timeouts and wills need up to 1.5 times the largest
 * keep-alive), and never before the latest `by` time of an expectation. The world itself never
 * goes idle while keep-alive or `$SYS` timers run, so the end time is what bounds a run.
 */
import { KEEP_ALIVE_GRACE_MS_PER_SEC, type BrokerConfig } from '../core/broker/index.ts';
import type { EventObject } from 'xstate';
import type { LinkSettings, WorldCommand, WorldConfig } from '../sim/world.ts';
import { defaultActors, type ActorFactories } from './actors.ts';
import type { Action, Expectation, Scenario } from './ast.ts';

/** An expectation with the client identifier its client used (for sessions and wills). */
export type CompiledExpectation = Expectation & { clientId?: string };

export interface CompiledScenario {
  worldConfig: WorldConfig;
  /** In time order; commands at the same time run in this order. */
  commands: { atMs: number; command: WorldCommand }[];
  expectations: CompiledExpectation[];
  /** Link settings of the client declarations, in place from time 0. */
  links: Record<string, Partial<LinkSettings>>;
  /** Virtual time at which the run stops. */
  endMs: number;
}

export interface CompileOptions {
  /** Overrides the scenario's `seed` line. Default: the scenario's seed, else 1. */
  seed?: number;
  actors?: ActorFactories;
}

/** Settling time after the last command: 1.5 × keep-alive + 5 s, between 10 s and 10 min. */
export function settleMs(scenario: Scenario): number {
  return Math.min(600_000, Math.max(10_000, Math.ceil(scenario.maxKeepAliveSec * KEEP_ALIVE_GRACE_MS_PER_SEC) + 5000));
}

/** The broker configuration a scenario declares (sys-interval defaults to off in scenarios). */
export function brokerConfig(scenario: Scenario): BrokerConfig {
  const b = scenario.broker;
  const config: BrokerConfig = { sysIntervalSec: b.sysIntervalMs === undefined ? 0 : Math.round(b.sysIntervalMs / 1000) };
  if (b.anonymous !== undefined) config.allowAnonymous = b.anonymous;
  if (b.users.length > 0) config.users = Object.fromEntries(b.users.map((u) => [u.name, u.password]));
  if (b.aclLines.length > 0) config.acl = b.aclLines.join('\n') + '\n';
  if (b.maxInflight !== undefined) config.maxInflightMessages = b.maxInflight;
  if (b.maxQueued !== undefined) config.maxQueuedMessages = b.maxQueued;
  if (b.persistence !== undefined) config.persistence = b.persistence;
  if (b.retain !== undefined) config.retainAvailable = b.retain;
  if (b.maxPacketSize !== undefined) config.maxPacketSize = b.maxPacketSize;
  if (b.maxKeepalive !== undefined) config.maxKeepAliveSec = b.maxKeepalive;
  if (b.maxTopicAlias !== undefined) config.topicAliasMaximum = b.maxTopicAlias;
  if (b.queueQos0 !== undefined) config.queueQos0Messages = b.queueQos0;
  return config;
}

/** A client app event (the client machine's `APP.*` events; the world carries any EventObject). */
function app(client: string, type: string, fields: object): WorldCommand {
  return { type: 'client.event', client, event: { type, ...fields } as EventObject };
}

function toCommand(action: Action, scenario: Scenario): WorldCommand | undefined {
  switch (action.kind) {
    case 'connect':
      return app(action.client, 'APP.CONNECT', { options: action.options });
    case 'publish': {
      const { kind: _k, client, ...request } = action;
      return app(client, 'APP.PUBLISH', request);
    }
    case 'subscribe':
      return app(action.client, 'APP.SUBSCRIBE', { subscriptions: action.subscriptions, ...(action.properties ? { properties: action.properties } : {}) });
    case 'unsubscribe':
      return app(action.client, 'APP.UNSUBSCRIBE', { topicFilters: action.topicFilters, ...(action.properties ? { properties: action.properties } : {}) });
    case 'disconnect': {
      const { kind: _k, client, ...rest } = action;
      return app(client, 'APP.DISCONNECT', rest);
    }
    case 'cable-cut':
      return { type: 'cable.cut', client: action.client };
    case 'cable-restore':
      return { type: 'cable.restore', client: action.client };
    case 'crash':
      return { type: 'client.crash', client: action.client };
    case 'broker-restart':
      return { type: 'broker.restart', persistence: action.persistence ?? scenario.broker.persistence ?? false };
    case 'link':
      return { type: 'link.set', client: action.client, settings: action.settings };
    case 'fault':
      return { type: 'fault.add', rule: action.rule };
    case 'raw':
      return { type: 'raw.send', client: action.client, bytes: action.bytes, ...(action.segments ? { segments: action.segments } : {}), explain: action.explain };
    case 'end':
      return undefined;
  }
}

/** Compile a parsed scenario (parse errors should have been checked first). */
export function compileScenario(scenario: Scenario, options: CompileOptions = {}): CompiledScenario {
  const actors = options.actors ?? defaultActors;
  const worldConfig: WorldConfig = {
    seed: options.seed ?? scenario.seed ?? 1,
    broker: actors.broker(brokerConfig(scenario)),
    clients: scenario.clients.map((c) => ({ name: c.name, ...actors.client(c.name) })),
  };
  const commands: CompiledScenario['commands'] = [];
  const links: CompiledScenario['links'] = {};
  for (const c of scenario.clients) if (Object.keys(c.link).length > 0) links[c.name] = c.link;
  const clientIds = new Map<string, string>();
  let lastMs = 0;
  for (const s of scenario.steps) {
    if (s.action.kind === 'connect') clientIds.set(s.action.client, s.action.options.clientId);
    const command = toCommand(s.action, scenario);
    if (command) commands.push({ atMs: s.atMs, command });
    lastMs = Math.max(lastMs, s.atMs);
  }
  const expectations = scenario.expectations.map((e): CompiledExpectation => {
    const id = 'client' in e && e.client !== undefined ? clientIds.get(e.client) : undefined;
    return id === undefined ? e : { ...e, clientId: id };
  });
  const latestBy = Math.max(0, ...scenario.expectations.map((e) => ('byMs' in e && e.byMs !== undefined ? e.byMs : 0)));
  const endMs = scenario.endAtMs ?? Math.max(lastMs + settleMs(scenario), latestBy);
  return { worldConfig, commands, expectations, links, endMs };
}
