/** `npm run broker`'s parts: the TCP driver and the mosquitto.conf subset. */
export { TcpBroker, type TcpBrokerOptions } from './tcp-broker.ts';
export { ConfigError, loadBrokerConfig, parseBrokerConfig, type Listener, type LoadedConfig } from './config.ts';
