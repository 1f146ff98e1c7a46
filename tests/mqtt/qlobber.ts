/**
 * qlobber (a dev dependency without type declarations) configured for MQTT, as the reference
 * matcher in property tests. qlobber has no `$` rule (MQTT-4.7.2-1): callers apply it.
 */
import { createRequire } from 'node:module';

interface QlobberLike {
  add(topic: string, value: string): unknown;
  match(topic: string): string[];
}
type QlobberCtor = new (options: Record<string, unknown>) => QlobberLike;
const { Qlobber } = createRequire(import.meta.url)('qlobber') as { Qlobber: QlobberCtor };

/** The options that make qlobber an MQTT matcher. */
export const QLOBBER_MQTT = { separator: '/', wildcard_one: '+', wildcard_some: '#', match_empty_levels: true };

/** A fresh MQTT-configured qlobber. */
export function mqttQlobber(): QlobberLike {
  return new Qlobber(QLOBBER_MQTT);
}

/** qlobber's verdict on one filter and one topic. */
export function qlobberMatches(filter: string, topic: string): boolean {
  const q = mqttQlobber();
  q.add(filter, 'x');
  return q.match(topic).length > 0;
}
