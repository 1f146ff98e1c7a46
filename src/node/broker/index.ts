/** `npm run broker`'s parts: the TCP driver and the mosquitto.conf subset. */
export { TcpBroker } from './tcp-broker.ts';
export { DEFAULT_CONNECT_TIMEOUT_SEC, DEFAULT_MAX_PACKET_BYTES, DEFAULT_MAX_QUEUED_BYTES, engineConfig, type TcpBrokerOptions } from './tcp-broker-options.ts';
export { ConfigError, escapeUnprintable, loadBrokerConfig, MAX_CONFIG_FILE_BYTES, parseBrokerConfig, readCapped, type Listener, type LoadedConfig } from './config.ts';
