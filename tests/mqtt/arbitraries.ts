/** fast-check generators for topic names and filters (valid ones, few distinct levels). */
import fc from 'fast-check';

const LEVELS = ['a', 'b', 'c', '', 'A', 'sensor', 'Sensor'];

/** A valid topic name of 1..5 levels, sometimes starting with a `$` level. */
export const topicName = fc
  .tuple(fc.constantFrom('', '', '', '$SYS', '$x'), fc.array(fc.constantFrom(...LEVELS), { minLength: 1, maxLength: 5 }))
  .map(([dollar, levels]) => (dollar ? [dollar, ...levels] : levels).join('/'))
  .filter((t) => t.length > 0);

/** A topic name that does not start with `$`. */
export const plainTopicName = topicName.filter((t) => !t.startsWith('$'));

/** A valid topic filter: levels or `+`, optionally ending in `#`, sometimes under `$SYS`. */
export const topicFilter = fc
  .tuple(
    fc.constantFrom('', '', '', '$SYS'),
    fc.array(fc.constantFrom(...LEVELS, '+', '+'), { minLength: 0, maxLength: 4 }),
    fc.boolean(),
  )
  .map(([dollar, levels, hash]) => [...(dollar ? [dollar] : []), ...levels, ...(hash ? ['#'] : [])].join('/'))
  .filter((f) => f.length > 0);
