/**
 * The packet type numbers of the fixed header's high nibble (3.1.1 section 2.2.1, 5.0 section
 * 2.1.2), by name: the decoders' table, the property masks and the checks use these names.
 */
export const CONNECT = 1;
export const CONNACK = 2;
export const PUBLISH = 3;
export const PUBACK = 4;
export const PUBREC = 5;
export const PUBREL = 6;
export const PUBCOMP = 7;
export const SUBSCRIBE = 8;
export const SUBACK = 9;
export const UNSUBSCRIBE = 10;
export const UNSUBACK = 11;
export const PINGREQ = 12;
export const PINGRESP = 13;
export const DISCONNECT = 14;
/** 5.0 only. */
export const AUTH = 15;
