import { describe, expect, it } from 'vitest';
import { ROUTES, type RouteKey } from '../../server/src/protocol/client/routes.js';
import { PUBLIC_READ_ROUTES } from '../../server/src/http/publicReads.js';
import { CENTRAL_ROUTES, type CentralRouteKey } from '../../server/src/protocol/client/centralRoutes.js';

/**
 * Every route that answers without a staff session (public, or a visitor's token) and what bounds it. A new such route
 * fails this test until someone decides its bound and writes it here (and, for a new limit, a test that exercises it).
 */
const BOUNDS: Partial<Record<RouteKey, string>> = {
  health: 'unlimited on purpose: probes (a stat, a statfs, an empty write transaction)',
  healthReady: 'unlimited on purpose: probes',
  healthLive: 'unlimited on purpose: probes (answers a constant)',
  issueTicket: 'VUORO_ANONYMOUS_TICKETS_PER_MINUTE per address; a kiosk key its own rate (test/integration/issue-flood.test.ts)',
  visitorStatus: 'an unguessable token (32 random bytes), one indexed lookup; VUORO_TOKEN_MISSES_PER_MINUTE unknown tokens per address (test/security/token-misses.test.ts)',
  visitorCancel: 'an unguessable token; once per ticket; VUORO_TOKEN_MISSES_PER_MINUTE unknown tokens per address',
  visitorFeedback: 'an unguessable token; one indexed lookup; VUORO_TOKEN_MISSES_PER_MINUTE unknown tokens per address',
  giveFeedback: 'an unguessable token; once per finished visit; VUORO_TOKEN_MISSES_PER_MINUTE unknown tokens per address',
  visitorNotify: 'VUORO_NOTIFY_REQUESTS_PER_MINUTE per address; VUORO_TOKEN_MISSES_PER_MINUTE unknown tokens per address',
  visitorNotifyOptIn: 'VUORO_NOTIFY_REQUESTS_PER_MINUTE per address; VUORO_TOKEN_MISSES_PER_MINUTE unknown tokens per address',
  visitorNotifyOptOut: 'VUORO_NOTIFY_REQUESTS_PER_MINUTE per address; VUORO_TOKEN_MISSES_PER_MINUTE unknown tokens per address',
  speech: 'VUORO_SPEECH_PER_MINUTE per address, a bounded render queue and cache (test/security/speech-limits.test.ts)',
  appointmentDays: 'booking page browsing limit per address',
  appointmentSlots: 'booking page browsing limit per address',
  book: 'bookings per address',
  remoteServices: 'booking page browsing limit per address',
  remoteJoin: 'places taken from home per address',
  visitorHere: 'code look-ups per address',
  checkIn: 'code look-ups per address; an API key with a scope',
  appointment: 'code look-ups per address',
  appointmentCalendar: 'code look-ups per address',
  cancelAppointment: 'code look-ups per address',
  moveAppointment: 'code look-ups per address',
  displayClip: 'static files of a configured folder, names checked; not limited per address (a display asks many per call)',
  signIn: 'VUORO_SIGN_INS_PER_MINUTE per address, then the sign-in guard (test/security/public-reads.test.ts, sign-in-lockout.test.ts)',
  signOut: 'ends the bearer token given, if any: one indexed delete',
};
for (const key of PUBLIC_READ_ROUTES) BOUNDS[key] = 'VUORO_PUBLIC_READS_PER_MINUTE per address (test/security/public-reads.test.ts)';

describe('every route open without a staff session has a decided bound', () => {
  it('lists each public and visitor route, and only those', () => {
    const open = (Object.keys(ROUTES) as RouteKey[]).filter((k) => ROUTES[k].access === 'public' || ROUTES[k].access === 'visitor');
    expect(open.filter((k) => BOUNDS[k] === undefined), 'public routes without a decided bound').toEqual([]);
    expect((Object.keys(BOUNDS) as RouteKey[]).filter((k) => !open.includes(k)), 'listed routes that are not public').toEqual([]);
  });
});

/** The same at central: every route that answers without a back-office session (public, or a hall's credential). */
const CENTRAL_BOUNDS: Partial<Record<CentralRouteKey, string>> = {
  apiIndex: '120 reads a minute per address (test/integration/central.test.ts)',
  centralInfo: '120 reads a minute per address, shared with apiIndex',
  health: 'unlimited on purpose: a probe',
  signIn: '60 a minute per address, refused before the password check (test/integration/central.test.ts)',
  signOut: 'ends the bearer token given, if any: one indexed delete',
  shipEvents: 'a hall credential (32 random bytes); 20 refused credentials a minute per address, then 429 unheard except a credential accepted from that address (test/integration/central.test.ts); the batch body bounded',
};

describe('every central route open without a back-office session has a decided bound', () => {
  it('lists each public and hall route, and only those', () => {
    const open = (Object.keys(CENTRAL_ROUTES) as CentralRouteKey[]).filter((k) => CENTRAL_ROUTES[k].access === 'public' || CENTRAL_ROUTES[k].access === 'hall');
    expect(open.filter((k) => CENTRAL_BOUNDS[k] === undefined), 'central routes without a decided bound').toEqual([]);
    expect((Object.keys(CENTRAL_BOUNDS) as CentralRouteKey[]).filter((k) => !open.includes(k)), 'listed routes that are not open').toEqual([]);
  });
});
