import type { ArticleContent, ContactConfig, FlagRequest, Language } from '@vuoro/server/protocol';
import { api } from '../api/client.js';

/** The knowledge-base routes the counter uses (see README, "Knowledge base"). */
export const knowledgeApi = {
  list: (token: string, serviceId?: string) => api('knowledgeArticles', token, { query: { serviceId } }),
  search: (token: string, q: string, serviceId: string | undefined, record: boolean) =>
    api('knowledgeSearch', token, { query: { q, limit: 20, serviceId, record: record ? '1' : null } }),
  article: (token: string, id: number, atCounter: boolean) => api('knowledgeArticle', token, { params: { id }, query: { use: atCounter ? 'counter' : null } }),
  propose: (token: string, body: { articleId?: number; content: ArticleContent; comment: string }) => api('knowledgePropose', token, { body }),
  flag: (token: string, id: number, body: FlagRequest) => api('knowledgeFlag', token, { params: { id }, body }),
  review: (token: string) => api('knowledgeReview', token),
  diff: (token: string, versionId: number) => api('knowledgeDiff', token, { params: { id: versionId } }),
  publish: (token: string, versionId: number, note: string) => api('knowledgePublish', token, { params: { id: versionId }, body: { note } }),
  reject: (token: string, versionId: number, note: string) => api('knowledgeReject', token, { params: { id: versionId }, body: { note } }),
  resolveFlag: (token: string, flagId: number) => api('knowledgeResolveFlag', token, { params: { id: flagId } }),
  history: (token: string, id: number) => api('knowledgeVersions', token, { params: { id } }),
  revert: (token: string, id: number, version: number) => api('knowledgeRevert', token, { params: { id }, body: { version } }),
  contacts: (token: string) => api('knowledgeContacts', token),
  putContact: (token: string, c: ContactConfig) => api('knowledgePutContact', token, { params: { id: c.id }, body: c }),
  deleteContact: (token: string, id: string) => api('knowledgeDeleteContact', token, { params: { id } }),
  reviewed: (token: string, id: number) => api('knowledgeReviewed', token, { params: { id } }),
  figures: (token: string) => api('knowledgeFigures', token),
};

/** A text in the reader's language, else English, else any: with the language it is in (for `lang`). */
export function pickText(texts: Partial<Record<Language, string>>, language: Language): { text: string; lang: Language } | null {
  const own = texts[language];
  if (own) return { text: own, lang: language };
  if (texts.en) return { text: texts.en, lang: 'en' };
  const first = (Object.entries(texts) as [Language, string][])[0];
  return first ? { text: first[1], lang: first[0] } : null;
}
