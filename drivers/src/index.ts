// Devices and their shared status vocabulary.
export * from './deviceStatus.js';
export * from './createDevice.js';

// Transports.
export * from './link/Link.js';
export { SerialLink, type SerialLinkOptions } from './link/SerialLink.js';
export { TcpLink, type TcpLinkOptions } from './link/TcpLink.js';
export type { LinkOptions } from './link/ReconnectingLink.js';
export { backoffDelay, DEFAULT_RECONNECT } from './link/backoff.js';
export { listPorts, readByIdLinks, SERIAL_BY_ID_DIR, type ListPortsOptions, type PortListing } from './link/listPorts.js';

// ESC/POS receipt printers.
export { EscPosPrinter, type EscPosPrinterOptions, type PrintOutcome } from './escpos/EscPosPrinter.js';
export { renderTicket, DEFAULT_TICKET_LAYOUT, type TicketLayout, type TicketPrintData } from './escpos/renderTicket.js';
export * from './escpos/escPosCommand.js';
export * from './escpos/printerStatus.js';
export { encodeWpc1252, decodeWpc1252 } from './escpos/wpc1252.js';
export { wrapText } from './escpos/wrapText.js';
export {
  INIT,
  SELECT_WPC1252,
  WPC1252_CODE_PAGE,
  STATUS_REQUEST_NAMES,
  statusRequest,
  isStatusRequestKind,
  qrCode,
  textSize,
  type StatusRequestKind,
  type QrCorrection,
} from './escpos/commands.js';

// Relay boards.
export { RelayBoard, type RelayBoardOptions, type RelayOutcome } from './relay/RelayBoard.js';
export * from './relay/relayFrames.js';

// Modbus RTU counter displays.
export { CounterDisplay, type CounterDisplayOptions, type DisplayOutcome } from './display/CounterDisplay.js';
export { registersFor, type CounterDisplayMapping, type RegisterWrite } from './display/counterDisplayMapping.js';
export { crc16Modbus, withCrc, hasValidCrc } from './modbus/crc16.js';
export * from './modbus/modbusFrames.js';
