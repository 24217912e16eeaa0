import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ArticleContentInput,
  ArticleSummaryView,
  ArticleView,
  ErrorBody,
  IssueTicketResponse,
  KnowledgeExport,
  KnowledgeFiguresView,
  ReviewQueueView,
  SearchResultView,
  ServiceStatus,
  VersionDiffView,
  VersionView,
  VisitorStatus,
} from '../../server/src/protocol/index.js';
import { startServer, type TestServer } from '../support/server.js';

// A scripted Tuesday in the demo hall (Europe/Helsinki, UTC+2): 09:00 local is 07:00 UTC. Week starts Monday 2026-03-02.
const DAY = '2026-03-03';
const WEEK = '2026-03-02';
const T0 = Date.UTC(2026, 2, 3, 7, 0);
const MIN = 60_000;

describe('knowledge base on the real server', () => {
  let server: TestServer;
  let t = T0;
  const tokens: Record<string, string> = {};
  const call = async <T>(method: string, p: string, who?: string, body?: unknown) =>
    server.api<T>(method, p, { ...(who ? { token: tokens[who] ?? '' } : {}), ...(body !== undefined ? { body } : {}) });
  const ok = async <T>(method: string, p: string, who?: string, body?: unknown): Promise<T> => {
    const r = await call<T>(method, p, who, body);
    if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const search = (q: string, extra = '') => ok<SearchResultView>('GET', `/api/v1/knowledge/search?q=${encodeURIComponent(q)}${extra}`, 'city-staff');
  const articleByTitle = async (title: string) => {
    const list = await ok<{ articles: ArticleSummaryView[] }>('GET', '/api/v1/knowledge/articles', 'city-staff');
    const a = list.articles.find((x) => x.title.en === title);
    if (!a) throw new Error(`no article "${title}"`);
    return ok<ArticleView>('GET', `/api/v1/knowledge/articles/${a.id}`, 'city-staff');
  };
  const reviewQueue = (who: string) => ok<ReviewQueueView>('GET', '/api/v1/knowledge/review', who);

  beforeAll(async () => {
    server = await startServer({ now: () => t });
    for (const u of ['admin', 'city-staff', 'county-staff', 'city-supervisor', 'county-supervisor']) tokens[u] = await server.login(u);
  });
  afterAll(() => server.dispose());

  it('the demo hall has articles for its seven services in English, Finnish and German', async () => {
    const { articles } = await ok<{ articles: ArticleSummaryView[] }>('GET', '/api/v1/knowledge/articles', 'city-staff');
    const services = new Set(articles.map((a) => a.serviceId).filter((s) => s !== null));
    expect([...services].sort()).toEqual(['identity', 'immigration', 'licences', 'lost-found', 'parking', 'residence', 'vehicles']);
    for (const a of articles) expect(a.languages).toEqual(expect.arrayContaining(['en', 'fi', 'de']));
  });

  it('search forgives accents, case and German transcriptions, and finds words by their beginning', async () => {
    for (const q of ['fuhrerschein', 'FÜHRERSCHEIN', 'fuehrerschein', 'führersch']) {
      const r = await search(q);
      expect(r.results[0]?.title.de, q).toBe('Führerschein: Verlängerung und Ersatz');
    }
    const r = await search('pass ren');
    expect(r.results[0]?.title.en).toBe('Passport: apply or renew');
    expect((await search('zzzqqq')).total).toBe(0);
  });

  it("staff cannot publish; a city supervisor cannot publish a county article; the county supervisor can", async () => {
    const licence = await articleByTitle('Driving licence: renewal and replacement');
    const content: ArticleContentInput = { ...licence.content, summary: { ...licence.content.summary, en: 'Renew with a photo and the old licence. From age 65 a medical certificate is needed.' } };
    const proposal = await ok<VersionView>('POST', '/api/v1/knowledge/proposals', 'city-staff', { articleId: licence.id, content, comment: 'Age limit changed' });
    expect(proposal.state).toBe('proposed');
    // Not visible before review.
    expect((await articleByTitle('Driving licence: renewal and replacement')).summary.en).toContain('from age 70');

    expect((await call('POST', `/api/v1/knowledge/versions/${proposal.id}/publish`, 'city-staff', {})).status).toBe(403);
    const refused = await call<ErrorBody>('POST', `/api/v1/knowledge/versions/${proposal.id}/publish`, 'city-supervisor', {});
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('county');
    expect((await reviewQueue('city-supervisor')).proposals.map((p) => p.id)).not.toContain(proposal.id);
    expect((await reviewQueue('county-supervisor')).proposals.map((p) => p.id)).toContain(proposal.id);

    t += MIN;
    const published = await ok<ArticleView>('POST', `/api/v1/knowledge/versions/${proposal.id}/publish`, 'county-supervisor', { note: 'ok' });
    expect(published.summary.en).toContain('From age 65');
    expect(published.version).toBe(proposal.version);
    expect((await call('POST', `/api/v1/knowledge/versions/${proposal.id}/publish`, 'county-supervisor', {})).status).toBe(409);
    const audit = await ok<{ kind: string; actor: string; target: string }[] | { entries: { kind: string; actor: string; target: string }[] }>('GET', '/api/v1/audit?kind=knowledge.publish', 'admin');
    const entries = Array.isArray(audit) ? audit : audit.entries;
    expect(entries.map((e) => [e.actor, e.target])).toEqual([['county-supervisor', `article:${licence.id}`]]);
  });

  it('every version is kept with who and when; a diff shows the change; revert publishes the old text again', async () => {
    const licence = await articleByTitle('Driving licence: renewal and replacement');
    const { versions } = await ok<{ versions: VersionView[] }>('GET', `/api/v1/knowledge/articles/${licence.id}/versions`, 'city-staff');
    expect(versions.map((v) => [v.version, v.state])).toEqual([[2, 'published'], [1, 'superseded']]);
    expect(versions[0]?.proposedBy).toBe('Aino (City)');
    expect(versions[0]?.reviewedBy).toContain('County supervisor');
    const diff = await ok<VersionDiffView>('GET', `/api/v1/knowledge/versions/${versions[0]?.id}/diff`, 'city-staff');
    expect(diff.against).toBe(1);
    expect(diff.fields.map((f) => f.field)).toEqual(['summary.en']);
    expect(diff.fields[0]?.parts.filter((p) => p.added).map((p) => p.value).join('')).toContain('65');
    expect(diff.fields[0]?.parts.filter((p) => p.removed).map((p) => p.value).join('')).toContain('70');

    expect((await call('POST', `/api/v1/knowledge/articles/${licence.id}/revert`, 'city-supervisor', { version: 1 })).status).toBe(403);
    const reverted = await ok<ArticleView>('POST', `/api/v1/knowledge/articles/${licence.id}/revert`, 'county-supervisor', { version: 1 });
    expect(reverted.version).toBe(3);
    expect(reverted.summary.en).toContain('from age 70');
    const after = await ok<{ versions: VersionView[] }>('GET', `/api/v1/knowledge/articles/${licence.id}/versions`, 'city-staff');
    expect(after.versions.map((v) => v.state)).toEqual(['published', 'superseded', 'superseded']);
  });

  it('"what to prepare" on the kiosk and the status page comes from the published article', async () => {
    const passport = await articleByTitle('Passport: apply or renew');
    const services = await ok<ServiceStatus[]>('GET', '/api/v1/services');
    expect(services.find((s) => s.id === 'identity')?.prepare).toEqual(passport.content.bring);
    const content: ArticleContentInput = { ...passport.content, bring: { ...passport.content.bring, en: 'Bring one biometric photo and your old passport.' } };
    const v = await ok<VersionView>('POST', '/api/v1/knowledge/proposals', 'city-staff', { articleId: passport.id, content });
    await ok('POST', `/api/v1/knowledge/versions/${v.id}/publish`, 'city-supervisor', {});
    const after = await ok<ServiceStatus[]>('GET', '/api/v1/services');
    expect(after.find((s) => s.id === 'identity')?.prepare?.en).toBe('Bring one biometric photo and your old passport.');
    const ticket = (await ok<IssueTicketResponse>('POST', '/api/v1/tickets', undefined, { serviceId: 'identity' })).ticket;
    const status = await ok<VisitorStatus>('GET', `/api/v1/tickets/status/${ticket.statusToken}`);
    expect(status.service.prepare?.en).toBe('Bring one biometric photo and your old passport.');
    await ok('POST', `/api/v1/tickets/status/${ticket.statusToken}/cancel`);
  });

  it('bad input is refused with a clear error and changes nothing', async () => {
    const before = await reviewQueue('admin');
    const base: ArticleContentInput = { serviceId: 'identity', organisationId: 'city', title: { en: 'New' } };
    const cases: [unknown, number, string][] = [
      [{ content: { ...base, body: { en: 'x'.repeat(70_000) } } }, 413, 'payload_too_large'],
      [{ content: { ...base, body: { en: 'x'.repeat(20_001) } } }, 422, 'validation_failed'],
      [{ content: { ...base, body: { en: 'Hello <script>alert(1)</script>' } } }, 422, 'validation_failed'],
      [{ content: { ...base, body: { en: '[click](javascript:alert(1))' } } }, 422, 'validation_failed'],
      [{ content: { ...base, serviceId: 'no-such-service' } }, 422, 'unknown_service'],
      [{ content: { ...base, organisationId: 'county' } }, 422, 'validation_failed'],
      [{ content: { ...base, title: {} } }, 422, 'validation_failed'],
      [{ content: { ...base, contactIds: ['nobody'] } }, 422, 'validation_failed'],
      [{ articleId: 99_999, content: base }, 404, 'not_found'],
    ];
    for (const [body, status, code] of cases) {
      const r = await call<ErrorBody>('POST', '/api/v1/knowledge/proposals', 'city-staff', body);
      expect([r.status, r.body.error.code], JSON.stringify(body).slice(0, 80)).toEqual([status, code]);
      expect(r.body.error.message.length).toBeGreaterThan(5);
    }
    const html = await call<ErrorBody>('POST', '/api/v1/knowledge/proposals', 'city-staff', { content: { ...base, body: { en: '<img src=x onerror=alert(1)>' } } });
    expect(html.body.error.message).toContain('HTML is not allowed');
    expect((await call('GET', '/api/v1/knowledge/search?q=a&limit=5000', 'city-staff')).status).toBe(422);
    expect((await call('GET', '/api/v1/knowledge/articles?serviceId=nope', 'city-staff')).status).toBe(422);
    expect((await call('GET', '/api/v1/knowledge/search?q=pass')).status).toBe(401);
    expect(await reviewQueue('admin')).toEqual(before);
  });

  it('staff flag an article as outdated; the owning supervisor sees and resolves the flag', async () => {
    const parking = await articleByTitle('Resident parking permit');
    const flag = await ok<{ id: number }>('POST', `/api/v1/knowledge/articles/${parking.id}/flags`, 'county-staff', { kind: 'outdated', comment: 'The fee went up to €150' });
    expect((await call('POST', `/api/v1/knowledge/articles/${parking.id}/flags`, 'county-staff', { kind: 'bad', comment: 'x' })).status).toBe(422);
    expect((await reviewQueue('county-supervisor')).flags).toEqual([]);
    expect((await reviewQueue('city-supervisor')).flags.map((f) => [f.id, f.comment])).toEqual([[flag.id, 'The fee went up to €150']]);
    expect((await articleByTitle('Resident parking permit')).openFlags).toBe(1);
    expect((await call('POST', `/api/v1/knowledge/flags/${flag.id}/resolve`, 'county-supervisor')).status).toBe(403);
    await ok('POST', `/api/v1/knowledge/flags/${flag.id}/resolve`, 'city-supervisor');
    expect((await reviewQueue('city-supervisor')).flags).toEqual([]);
  });

  it('an article not reviewed within the configured time is flagged to its owner, until confirmed', async () => {
    const saved = t;
    t = T0 + 366 * 24 * 60 * MIN;
    for (const u of ['city-staff', 'county-supervisor']) tokens[u] = await server.login(u);
    const overdue = (await reviewQueue('county-supervisor')).overdue.map((a) => a.title.en);
    expect(overdue).toContain('Registering a vehicle');
    expect(overdue).not.toContain('Passport: apply or renew');
    const vehicles = await articleByTitle('Registering a vehicle');
    expect(vehicles.reviewOverdue).toBe(true);
    await ok('POST', `/api/v1/knowledge/articles/${vehicles.id}/reviewed`, 'county-supervisor');
    expect((await articleByTitle('Registering a vehicle')).reviewOverdue).toBe(false);
    t = saved;
    for (const u of ['admin', 'city-staff', 'county-staff', 'city-supervisor', 'county-supervisor']) tokens[u] = await server.login(u);
  });

  it('directory desks are edited by their organisation and link to a Vuoro service or counter for transfer', async () => {
    const immigration = await articleByTitle('Residence permit: first permit and extension');
    expect(immigration.contacts.map((c) => [c.id, c.transfer])).toEqual([['county-immigration-specialist', { counterId: '6' }]]);
    const desk = { id: 'county-appeals', organisationId: 'county', name: { en: 'Appeals desk' }, serviceId: 'immigration', room: '1.10' };
    expect((await call('PUT', '/api/v1/knowledge/contacts/county-appeals', 'city-supervisor', desk)).status).toBe(403);
    expect((await call('PUT', '/api/v1/knowledge/contacts/county-appeals', 'county-supervisor', { ...desk, counterId: '99' })).status).toBe(422);
    await ok('PUT', '/api/v1/knowledge/contacts/county-appeals', 'county-supervisor', desk);
    const { contacts } = await ok<{ contacts: { id: string; transfer: unknown }[] }>('GET', '/api/v1/knowledge/contacts', 'city-staff');
    expect(contacts.find((c) => c.id === 'county-appeals')?.transfer).toEqual({ serviceId: 'immigration' });
  });

  it('first-contact figures per service and week come from a scripted day, with articles used and searches without result', async () => {
    const passport = await articleByTitle('Passport: apply or renew');
    const issue = async () => (await ok<IssueTicketResponse>('POST', '/api/v1/tickets', undefined, { serviceId: 'identity' })).ticket;
    const at = (m: number) => (t = T0 + m * MIN);
    at(10);
    await ok('POST', '/api/v1/counters/1/open', 'city-staff');
    const a1 = await issue();
    const a2 = await issue();
    const a3 = await issue();
    const serve = async (id: number) => {
      await ok('POST', '/api/v1/counters/1/call', 'city-staff', { ticketId: id });
      await ok('POST', '/api/v1/counters/1/start', 'city-staff');
    };
    at(12); await serve(a1.id);
    await ok('GET', `/api/v1/knowledge/articles/${passport.id}?use=counter`, 'city-staff');
    expect((await call('POST', '/api/v1/counters/1/finish', 'city-staff', { outcome: 'resolved', articleId: 99_999 })).status).toBe(422);
    at(15); await ok('POST', '/api/v1/counters/1/finish', 'city-staff', { outcome: 'resolved', articleId: passport.id });
    at(16); await serve(a2.id);
    at(18); await ok('POST', '/api/v1/counters/1/transfer', 'city-staff', { serviceId: 'residence' });
    at(19); await serve(a2.id);
    at(22); await ok('POST', '/api/v1/counters/1/finish', 'city-staff', { outcome: 'resolved' });
    at(23); await serve(a3.id);
    at(25); await ok('POST', '/api/v1/counters/1/finish', 'city-staff', { outcome: 'referred' });
    await search('Kennzeichen verloren', '&record=1');
    await search('Kennzeichen verloren', '&record=1');
    await search('zebra crossing', '&record=0');

    const f = await ok<KnowledgeFiguresView>('GET', `/api/v1/knowledge/figures?from=${DAY}&to=${DAY}`, 'city-supervisor');
    expect(f.resolution).toEqual([
      { week: WEEK, serviceId: 'identity', finished: 3, resolvedFirstContact: 1, transferredOrReferred: 2, resolvedWithArticle: 1, rate: 1 / 3 },
    ]);
    expect(f.articles).toEqual([{ articleId: passport.id, title: 'Passport: apply or renew', opens: 1, resolved: 1 }]);
    expect(f.missing).toEqual([{ week: WEEK, query: 'kennzeichen verloren', searches: 2 }]);
    const county = await ok<KnowledgeFiguresView>('GET', `/api/v1/knowledge/figures?from=${DAY}&to=${DAY}`, 'county-supervisor');
    expect(county.resolution).toEqual([]);
    expect(county.articles).toEqual([]);
    expect((await call('GET', `/api/v1/knowledge/figures?from=${DAY}&to=${DAY}`, 'city-staff')).status).toBe(403);
    expect((await call('GET', '/api/v1/knowledge/figures?from=2026-03-05&to=2026-03-01', 'city-supervisor')).status).toBe(422);
  });

  it('figures download as CSV whose text cells cannot run as formulas', async () => {
    const v = await ok<VersionView>('POST', '/api/v1/knowledge/proposals', 'city-staff', {
      content: { serviceId: null, organisationId: 'city', title: { en: '=HYPERLINK("http://evil.example","x")' }, summary: { en: 'test' } },
    });
    const a = await ok<ArticleView>('POST', `/api/v1/knowledge/versions/${v.id}/publish`, 'city-supervisor', {});
    await ok('GET', `/api/v1/knowledge/articles/${a.id}?use=counter`, 'city-staff');
    const res = await fetch(`${server.url}/api/v1/knowledge/figures?from=${DAY}&to=${DAY}&table=articles&format=csv`, { headers: { authorization: `Bearer ${tokens['city-supervisor']}` } });
    expect(res.headers.get('content-type')).toContain('text/csv');
    const text = await res.text();
    expect(text.split('\r\n')[0]).toBe('articleId,title,opens,resolved');
    expect(text).toContain(`${a.id},"'=HYPERLINK(""http://evil.example"",""x"")",1,0`);
    const resolution = await fetch(`${server.url}/api/v1/knowledge/figures?from=${DAY}&to=${DAY}&format=csv`, { headers: { authorization: `Bearer ${tokens['city-supervisor']}` } });
    expect((await resolution.text()).split('\r\n')[1]).toBe(`${WEEK},identity,3,1,2,1,0.3333`);
  });

  it('export and import: a second import of the export changes nothing; only an admin imports; one bad article refuses the whole file', async () => {
    const exported = await ok<KnowledgeExport>('GET', '/api/v1/knowledge/export', 'city-supervisor');
    expect(exported.format).toBe('vuoro-knowledge-1');
    expect(exported.articles.length).toBeGreaterThanOrEqual(10);
    expect((await call('PUT', '/api/v1/knowledge/import', 'city-supervisor', exported)).status).toBe(403);
    const again = await ok<{ created: number; updated: number; unchanged: number }>('PUT', '/api/v1/knowledge/import', 'admin', exported);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: exported.articles.length });

    const count = (await ok<{ articles: ArticleSummaryView[] }>('GET', '/api/v1/knowledge/articles', 'city-staff')).articles.length;
    const bad = { ...exported, articles: [{ key: 'new-1', content: { serviceId: null, organisationId: 'city', title: { en: 'Fine' } } }, { key: 'new-2', content: { serviceId: 'ghost', organisationId: 'city', title: { en: 'Bad' } } }] };
    const refused = await call<ErrorBody>('PUT', '/api/v1/knowledge/import', 'admin', bad);
    expect(refused.status).toBe(422);
    expect((await ok<{ articles: ArticleSummaryView[] }>('GET', '/api/v1/knowledge/articles', 'city-staff')).articles.length).toBe(count);

    const big = { format: 'vuoro-knowledge-1', contacts: [], articles: Array.from({ length: 40 }, (_, i) => ({ key: `bulk-${i}`, content: { serviceId: null, organisationId: 'city', title: { en: `Bulk ${i}` }, body: { en: 'word '.repeat(400) } } })) };
    expect(JSON.stringify(big).length).toBeGreaterThan(64 * 1024);
    expect(await ok('PUT', '/api/v1/knowledge/import', 'admin', big)).toMatchObject({ created: 40 });
  });
});
