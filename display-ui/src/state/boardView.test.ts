import { describe, expect, it } from 'vitest';
import type { CallView, DisplayConfig, HallMessage } from '@vuoro/server/protocol';
import { callBoard, profileOf, showsCall, visibleMessages } from './boardView.js';
import { slidesOf } from './messageSlides.js';

function call(n: number, counterId: string, over: Partial<CallView> = {}): CallView {
  return { ticketId: n, number: `A${n}`, serviceId: 'identity', counterId, counterLabel: counterId, language: 'en', recall: false, at: 1_000 + n, ...over };
}

const display = (over: Partial<DisplayConfig>): DisplayConfig => ({
  id: 'd',
  name: 'D',
  layout: 'hall',
  sound: { enabled: true, volume: 0.8 },
  historySize: 3,
  ...over,
});

describe('what a display profile shows', () => {
  it('a board without a profile shows the whole hall with the default history and sound', () => {
    const p = profileOf(null);
    expect(p).toMatchObject({ layout: 'hall', counters: null, services: null, historySize: 6, sound: { enabled: true, volume: 0.8, clips: null } });
  });

  it('filters calls by the profile counters and services', () => {
    const p = profileOf(display({ counters: ['1', '2'], services: ['identity'] }));
    expect(showsCall(p, call(1, '1'))).toBe(true);
    expect(showsCall(p, call(2, '4'))).toBe(false);
    expect(showsCall(p, call(3, '1', { serviceId: 'vehicles' }))).toBe(false);
  });

  it('puts the newest calls first, a recalled ticket only once, and at most historySize in the history', () => {
    const p = profileOf(display({ historySize: 3 }));
    const calls = [call(9, '1', { recall: true, at: 5_000 }), call(8, '2'), call(7, '3'), call(9, '1'), call(6, '1'), call(5, '2'), call(4, '3'), call(3, '1')];
    const board = callBoard(p, calls);
    expect(board.current.map((c) => `${c.number}${c.recall ? 'r' : ''}`)).toEqual(['A9r', 'A8']);
    expect(board.history.map((c) => c.number)).toEqual(['A7', 'A6', 'A5']);
  });

  it('a portrait column features one call, a zero history shows none', () => {
    const board = callBoard(profileOf(display({ layout: 'portrait', historySize: 0 })), [call(2, '1'), call(1, '2')]);
    expect(board.current.map((c) => c.number)).toEqual(['A2']);
    expect(board.history).toEqual([]);
  });
});

describe('hall messages in rotation', () => {
  const messages: HallMessage[] = [
    { id: 'photo', text: { en: 'Bring a photo.', fi: 'Tuo kuva.' } },
    { id: 'hours', text: { en: 'Open 8–16.' } },
  ];

  it('shows each message in each hall language it is written in, the default language first', () => {
    expect(slidesOf(messages, null, ['fi', 'en', 'sv'], 'en').map((s) => s.key)).toEqual(['photo:en', 'hours:en', 'photo:fi']);
  });

  it("brings a supervisor's announcement back between every message", () => {
    const slides = slidesOf(messages, 'The lift is out of order.', ['en'], 'en');
    expect(slides.map((s) => s.text)).toEqual(['The lift is out of order.', 'Bring a photo.', 'The lift is out of order.', 'Open 8–16.']);
    expect(slidesOf([], 'Closing early today.', ['en'], 'en').map((s) => s.text)).toEqual(['Closing early today.']);
  });

  it('a board shows the messages about its services and for displays only; the county column no city hint', () => {
    const msgs: HallMessage[] = [
      { id: 'passport', text: { en: 'Passport?' }, services: ['identity'] },
      { id: 'qr', text: { en: 'Scan the QR code' }, where: ['display'] },
      { id: 'phone', text: { en: 'Only on phones' }, where: ['status'] },
      { id: 'all', text: { en: 'For everyone' } },
    ];
    const ids = (p: ReturnType<typeof profileOf>) => visibleMessages(p, msgs).map((m) => m.id);
    expect(ids(profileOf(display({ layout: 'portrait', services: ['vehicles', 'licences'] })))).toEqual(['qr', 'all']);
    expect(ids(profileOf(display({ layout: 'portrait', services: ['identity', 'parking'] })))).toEqual(['passport', 'qr', 'all']);
    expect(ids(profileOf(null))).toEqual(['passport', 'qr', 'all']);
  });
});
