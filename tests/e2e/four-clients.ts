/** The projector tests' scenario: four clients (five lanes with the broker) connect, one subscribes, one publishes. */
export const CLIENTS = ['sensor', 'dashboard', 'logger', 'alarm'];

export const FOUR_CLIENTS_SCENARIO = [
  'broker',
  ...CLIENTS.map((c) => `client ${c}`),
  ...CLIENTS.map((c) => `at 0s ${c} connect`),
  "at 100ms dashboard subscribe -t 'plant/#'",
  'at 1s sensor publish -t plant/t -m 21 -q 1',
].join('\n');
