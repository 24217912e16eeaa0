import type {
  ArticleContent,
  ArticleSummaryView,
  ArticleView,
  ContactConfig,
  ContactView,
  FlagRequest,
  FlagView,
  KnowledgeFiguresView,
  Language,
  ReviewQueueView,
  SearchResultView,
  VersionDiffView,
  VersionView,
} from '@vuoro/server/protocol';
import { request } from '../api/client.js';

/** The knowledge-base routes the counter uses (see README, "Knowledge base"). */
export const knowledgeApi = {
  list: (token: string, serviceId?: string) =>
    request<{ articles: ArticleSummaryView[] }>('GET', `/knowledge/articles${serviceId ? `?serviceId=${encodeURIComponent(serviceId)}` : ''}`, token),
  search: (token: string, q: string, serviceId: string | undefined, record: boolean) => {
    const params = new URLSearchParams({ q, limit: '20' });
    if (serviceId) params.set('serviceId', serviceId);
    if (record) params.set('record', '1');
    return request<SearchResultView>('GET', `/knowledge/search?${params.toString()}`, token);
  },
  article: (token: string, id: number, atCounter: boolean) => request<ArticleView>('GET', `/knowledge/articles/${id}${atCounter ? '?use=counter' : ''}`, token),
  propose: (token: string, body: { articleId?: number; content: ArticleContent; comment: string }) => request<VersionView>('POST', '/knowledge/proposals', token, body),
  flag: (token: string, id: number, body: FlagRequest) => request<FlagView>('POST', `/knowledge/articles/${id}/flags`, token, body),
  review: (token: string) => request<ReviewQueueView>('GET', '/knowledge/review', token),
  diff: (token: string, versionId: number) => request<VersionDiffView>('GET', `/knowledge/versions/${versionId}/diff`, token),
  publish: (token: string, versionId: number, note: string) => request<ArticleView>('POST', `/knowledge/versions/${versionId}/publish`, token, { note }),
  reject: (token: string, versionId: number, note: string) => request<VersionView>('POST', `/knowledge/versions/${versionId}/reject`, token, { note }),
  resolveFlag: (token: string, flagId: number) => request<FlagView>('POST', `/knowledge/flags/${flagId}/resolve`, token),
  history: (token: string, id: number) => request<{ versions: VersionView[] }>('GET', `/knowledge/articles/${id}/versions`, token),
  revert: (token: string, id: number, version: number) => request<ArticleView>('POST', `/knowledge/articles/${id}/revert`, token, { version }),
  contacts: (token: string) => request<{ contacts: ContactView[] }>('GET', '/knowledge/contacts', token),
  putContact: (token: string, c: ContactConfig) => request<ContactView>('PUT', `/knowledge/contacts/${encodeURIComponent(c.id)}`, token, c),
  deleteContact: (token: string, id: string) => request<null>('DELETE', `/knowledge/contacts/${encodeURIComponent(id)}`, token),
  reviewed: (token: string, id: number) => request<ArticleView>('POST', `/knowledge/articles/${id}/reviewed`, token),
  figures: (token: string) => request<KnowledgeFiguresView>('GET', '/knowledge/figures', token),
};

/** A text in the reader's language, else English, else any: with the language it is in (for `lang`). */
export function pickText(texts: Partial<Record<Language, string>>, language: Language): { text: string; lang: Language } | null {
  const own = texts[language];
  if (own) return { text: own, lang: language };
  if (texts.en) return { text: texts.en, lang: 'en' };
  const first = (Object.entries(texts) as [Language, string][])[0];
  return first ? { text: first[1], lang: first[0] } : null;
}
