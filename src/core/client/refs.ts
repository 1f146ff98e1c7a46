/**
 * The client cites rules by name from the one rule table (src/core/mqtt/rules.ts); the names it
 * uses are CLIENT_RULES there. The keep-alive rule, for instance, is MQTT-3.1.2-23 in 3.1.1 and
 * MQTT-3.1.2-20 in 5.0, and the name picks the ID of the version in use.
 */
export { ruleRef as ref, type RuleName as RefName } from '../mqtt/rules.ts';
