import { EventEmitter } from 'node:events';
import { isStatusRequestKind } from '../escpos/commands.js';
import { EscPosParser } from './EscPosParser.js';
import { textLines, type EscPosCommand } from '../escpos/escPosCommand.js';
import { statusAnswer, type PrinterState } from '../escpos/printerStatus.js';

export interface FakeEscPosPrinterEvents {
  /** Every parsed command, in order. */
  command: [EscPosCommand];
  /** A ticket ended with a cut: its commands since the previous cut. */
  ticket: [EscPosCommand[]];
  /** A DLE EOT query arrived (answered or not). */
  statusQuery: [number];
}

/**
 * Plays an ESC/POS printer for tests: feed it what the driver sent
 * (`receive`), and it answers DLE EOT queries through `send` according to
 * `state`. Transport-agnostic: wire `send` to a mock port's `emitData` or to
 * the far end of a socat pty.
 */
export class FakeEscPosPrinter extends EventEmitter<FakeEscPosPrinterEvents> {
  /** What the printer reports in its DLE EOT answers. */
  state: PrinterState = 'ready';
  /** Set to false to play a printer that is powered but silent. */
  answering = true;
  readonly commands: EscPosCommand[] = [];
  readonly tickets: EscPosCommand[][] = [];
  readonly #parser = new EscPosParser();
  #current: EscPosCommand[] = [];

  constructor(private readonly send: (bytes: Buffer) => void) {
    super();
  }

  receive(chunk: Uint8Array): void {
    for (const command of this.#parser.push(chunk)) this.#handle(command);
  }

  /** The printed lines of each completed ticket. */
  ticketLines(): string[][] {
    return this.tickets.map((ticket) => textLines(ticket));
  }

  #handle(command: EscPosCommand): void {
    this.commands.push(command);
    this.emit('command', command);
    if (command.type === 'statusQuery') {
      this.emit('statusQuery', command.n);
      if (this.answering && isStatusRequestKind(command.n)) {
        this.send(Buffer.from([statusAnswer(command.n, this.state)]));
      }
      return;
    }
    this.#current.push(command);
    if (command.type === 'cut') {
      const ticket = this.#current;
      this.#current = [];
      this.tickets.push(ticket);
      this.emit('ticket', ticket);
    }
  }
}
