/**
 * How the packet inspector shows the bytes: as MQTT puts them on a TCP connection, or wrapped in
 * a WebSocket frame (lesson 15). One choice for the whole inspector, so it stays when the learner
 * selects the next packet.
 */
export type WireFormat = 'mqtt' | 'websocket';

class InspectorWire {
  format = $state<WireFormat>('mqtt');
}

export const inspectorWire = new InspectorWire();
