import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_HALL_FILE, loadHallFile } from '../config.js';
import type { ArticleContentInput } from '../protocol/index.js';
import { ArticleContent } from '../protocol/index.js';
import { createServices, type Actor } from '../services/index.js';
import { Store } from '../store/index.js';
import { KnowledgeService } from './knowledgeService.js';

const staff: Actor = { userId: 1, name: 'Staff', role: 'staff', organisationId: 'city' };
const boss: Actor = { userId: 1, name: 'Boss', role: 'supervisor', organisationId: 'city' };

describe('knowledge base: ranking and versions on a real SQLite file', () => {
  let dir: string;
  let store: Store;
  let kb: KnowledgeService;
  let now = Date.UTC(2026, 0, 5, 8);

  const publish = (c: ArticleContentInput, articleId?: number) => {
    const v = kb.propose(staff, { ...(articleId ? { articleId } : {}), content: ArticleContent.parse(c), comment: '' });
    return kb.publish(boss, v.id, '');
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vuoro-kb-'));
    store = Store.open(path.join(dir, 'vuoro.db'));
    const services = createServices(store, loadHallFile(DEMO_HALL_FILE), () => now);
    kb = new KnowledgeService(services.ctx, services.hall);
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ranks a title match above a keyword match above a mention in the body', () => {
    const body = publish({ serviceId: null, organisationId: 'city', title: { en: 'Fees' }, body: { en: 'Paying for a passport by card.' } });
    const keyword = publish({ serviceId: null, organisationId: 'city', title: { en: 'Travel documents' }, keywords: ['passport'] });
    const title = publish({ serviceId: null, organisationId: 'city', title: { en: 'Passport renewal' } });
    expect(kb.search('passport', { limit: 10, record: false }).results.map((r) => r.id)).toEqual([title.id, keyword.id, body.id]);
    expect(kb.search('pass', { limit: 10, record: false }).results.map((r) => r.id)).toEqual([title.id, keyword.id, body.id]);
  });

  it("lists the ticket's service first when asked, and counts beyond the limit", () => {
    const general = publish({ serviceId: null, organisationId: 'city', title: { en: 'Photo rules for passports' } });
    const identity = publish({ serviceId: 'identity', organisationId: 'city', title: { en: 'Photo booth' } });
    const r = kb.search('photo', { limit: 1, record: false, serviceId: 'identity' });
    expect(r.total).toBe(2);
    expect(r.results.map((x) => x.id)).toEqual([general.id]);
    expect(kb.search('photo', { limit: 5, record: false, serviceId: 'identity' }).results.map((x) => x.id)).toEqual([identity.id, general.id]);
  });

  it('a proposal is invisible until published; revert publishes an old version as a new one and the index follows', () => {
    const a = publish({ serviceId: 'parking', organisationId: 'city', title: { en: 'Parking permit' }, bring: { en: 'Registration number' } });
    now += 1000;
    const p = kb.propose(staff, { articleId: a.id, content: ArticleContent.parse({ ...a.content, title: { en: 'Resident parking' } }), comment: 'clearer' });
    expect(kb.search('resident', { limit: 5, record: false }).total).toBe(0);
    kb.publish(boss, p.id, '');
    expect(kb.search('resident', { limit: 5, record: false }).total).toBe(1);
    const back = kb.revert(boss, a.id, 1);
    expect(back.version).toBe(3);
    expect(back.title.en).toBe('Parking permit');
    expect(kb.search('resident', { limit: 5, record: false }).total).toBe(0);
    expect(kb.history(a.id).map((v) => [v.version, v.state, v.comment])).toEqual([
      [3, 'published', 'Back to version 1'],
      [2, 'superseded', 'clearer'],
      [1, 'superseded', ''],
    ]);
    expect(() => kb.revert(boss, a.id, 3)).toThrow(/published one already/);
    expect(() => kb.revert(staff, a.id, 2)).toThrow(/supervisor/);
  });

  it('a rejected proposal stays in the history and changes nothing', () => {
    const a = publish({ serviceId: null, organisationId: 'city', title: { en: 'Cash' } });
    const p = kb.propose(staff, { articleId: a.id, content: ArticleContent.parse({ ...a.content, title: { en: 'Cheques' } }), comment: '' });
    expect(kb.reject(boss, p.id, 'We take no cheques').state).toBe('rejected');
    expect(kb.article(a.id, undefined).title.en).toBe('Cash');
    expect(() => kb.publish(boss, p.id, '')).toThrow(/rejected already/);
  });
});
