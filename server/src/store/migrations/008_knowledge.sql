-- The knowledge base: articles with every version kept, a full-text index of the published ones, the directory of
-- responsible desks, staff flags, and what staff opened or searched for (no names: the figures only).

CREATE TABLE knowledge_articles (
  id INTEGER PRIMARY KEY,
  service_id TEXT,                    -- null: a general article
  organisation_id TEXT NOT NULL,      -- the owner: its supervisors review and publish
  published_version INTEGER,          -- null until the first version is published
  created_at INTEGER NOT NULL,
  reviewed_at INTEGER NOT NULL,       -- last publish, or last "still correct"
  import_key TEXT UNIQUE              -- stable key of an imported article, so a second import updates it
);
CREATE INDEX knowledge_articles_service ON knowledge_articles (service_id, id) WHERE published_version IS NOT NULL;

CREATE TABLE knowledge_versions (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES knowledge_articles (id),
  version INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('proposed', 'published', 'rejected', 'superseded')),
  based_on INTEGER,                   -- the published version the proposal started from
  content TEXT NOT NULL,              -- JSON ArticleContent
  comment TEXT NOT NULL DEFAULT '',
  proposed_by INTEGER,
  proposed_at INTEGER NOT NULL,
  reviewed_by INTEGER,
  reviewed_at INTEGER,
  review_note TEXT NOT NULL DEFAULT '',
  UNIQUE (article_id, version)
);
CREATE INDEX knowledge_versions_proposed ON knowledge_versions (article_id) WHERE state = 'proposed';

-- rowid = article id. Every column holds normalised text (see domain/searchText.ts); `alt` other spellings.
CREATE VIRTUAL TABLE knowledge_fts USING fts5 (
  title, keywords, summary, body, other, alt,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);

CREATE TABLE knowledge_contacts (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL,
  data TEXT NOT NULL,                 -- JSON ContactConfig
  updated_at INTEGER NOT NULL
);

CREATE TABLE knowledge_flags (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES knowledge_articles (id),
  version INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('wrong', 'outdated')),
  comment TEXT NOT NULL,
  at INTEGER NOT NULL,
  user_id INTEGER,
  resolved_at INTEGER,
  resolved_by INTEGER
);
CREATE INDEX knowledge_flags_open ON knowledge_flags (article_id) WHERE resolved_at IS NULL;

CREATE TABLE knowledge_uses (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  local_date TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('open', 'search')),
  article_id INTEGER,
  service_id TEXT,
  query TEXT,                         -- normalised search text
  results INTEGER
);
CREATE INDEX knowledge_uses_day ON knowledge_uses (local_date, kind);
