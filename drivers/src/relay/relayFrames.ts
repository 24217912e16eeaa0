/** Supported relay-board command sets. */
export type RelayProtocol = 'lcus' | 'kmtronic' | 'numato';

/**
 * Channel numbering follows what is printed on each board:
 * LCUS and KMTronic count from 1, Numato from 0.
 */
export const FIRST_CHANNEL: Record<RelayProtocol, number> = { lcus: 1, kmtronic: 1, numato: 0 };
const LAST_CHANNEL: Record<RelayProtocol, number> = { lcus: 255, kmtronic: 255, numato: 31 };

/** LCUS-type (CH340 USB relay) frame start byte. */
export const LCUS_START = 0xa0;
/** KMTronic USB/RS485 relay frame start byte. */
export const KMTRONIC_START = 0xff;

/**
 * LCUS: A0 <channel> <0|1> <sum>, sum = (A0 + channel + state) & 0xFF.
 * Channel 1 on = A0 01 01 A2, channel 1 off = A0 01 00 A1.
 */
export function lcusFrame(channel: number, on: boolean): Buffer {
  const state = on ? 1 : 0;
  return Buffer.from([LCUS_START, channel, state, (LCUS_START + channel + state) & 0xff]);
}

/** KMTronic: FF <channel> <00|01>. Channel 1 on = FF 01 01. */
export function kmtronicFrame(channel: number, on: boolean): Buffer {
  return Buffer.from([KMTRONIC_START, channel, on ? 0x01 : 0x00]);
}

/**
 * Numato Lab USB relay modules (ASCII CLI): "relay on 0\r" / "relay off 0\r".
 * Relays 10 and above are written as letters A…V, as Numato's firmware expects.
 */
export function numatoFrame(channel: number, on: boolean): Buffer {
  const index = channel < 10 ? String(channel) : String.fromCharCode(0x41 + channel - 10);
  return Buffer.from(`relay ${on ? 'on' : 'off'} ${index}\r`, 'ascii');
}

/** The frame for `protocol`, or an Error saying why the channel is not valid. */
export function relayFrame(protocol: RelayProtocol, channel: number, on: boolean): Buffer | Error {
  const first = FIRST_CHANNEL[protocol];
  const last = LAST_CHANNEL[protocol];
  if (!Number.isInteger(channel) || channel < first || channel > last) {
    return new Error(`relay channel ${channel} is not valid for ${protocol} boards (use ${first}–${last})`);
  }
  switch (protocol) {
    case 'lcus':
      return lcusFrame(channel, on);
    case 'kmtronic':
      return kmtronicFrame(channel, on);
    case 'numato':
      return numatoFrame(channel, on);
  }
}

export function isRelayProtocol(value: string): value is RelayProtocol {
  return value === 'lcus' || value === 'kmtronic' || value === 'numato';
}
