import type { PrintResult } from '../protocol/index.js';
import type { Ticket } from '../domain/index.js';

/** How long a request waits for the printer before it answers without it. */
export const PRINT_WAIT_MS = 8_000;

export type PrintTicket = (ticket: Ticket, kioskId: string | null, origin: string) => Promise<PrintResult>;

/** Prints a ticket, answering `failed` when the printer throws or does not answer within PRINT_WAIT_MS. */
export async function printWithin(print: PrintTicket, ticket: Ticket, kioskId: string | null, base: string): Promise<PrintResult> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<PrintResult>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'failed', deviceId: 'unknown', message: 'The printer did not answer in time.' }), PRINT_WAIT_MS);
  });
  try {
    return await Promise.race([print(ticket, kioskId, base), late]);
  } catch (err) {
    return { status: 'failed', deviceId: 'unknown', message: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
