// Test doubles for ESC/POS printers: a parser of the bytes a printer receives and a printer that answers like one.
// Imported as "@vuoro/drivers/testing" by tests and device simulators; not part of the package's main entry.
export { EscPosParser, parseEscPos } from './EscPosParser.js';
export { FakeEscPosPrinter, type FakeEscPosPrinterEvents } from './FakeEscPosPrinter.js';
