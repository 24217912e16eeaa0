import type { TicketPrintData } from '../escpos/renderTicket.js';

/** A Finnish ticket with ä, ö, Å and € in it, for tests that print. */
export const FINNISH_TICKET: TicketPrintData = {
  hallName: 'Palvelupiste Joenranta',
  number: 'A012',
  serviceName: 'Henkilökortit ja passit',
  issuedAtText: '12.03.2025 klo 9.41',
  aheadText: 'Edelläsi jonossa: 4',
  estimateText: 'Arvioitu odotus: noin 15 min',
  prepareText: 'Ota mukaan valokuva (tunnus alkaa ÅÄÖ) ja vanha passi. Maksu 52 € maksetaan tiskillä.',
  needsText: 'Induktiosilmukka pyydetty',
  qrUrl: 'https://vuoro.local/t/3f9a2c',
  footerText: 'Tervetuloa!',
};
