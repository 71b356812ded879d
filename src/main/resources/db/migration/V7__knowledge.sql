-- Knowledge base: a category tree, articles with versions and language variants, synonyms that
-- admins edit, and what customers and agents do with it (searches, clicks, views, votes).
-- The search index (Lucene) is derived from these tables and rebuilt from them when missing or stale.

-- Every change to an article (content, state, votes) takes the next revision; the index remembers
-- the highest revision it holds, so start-up can tell whether it is current.
create sequence kb_revisions;

create table kb_categories (
    id          uuid primary key,
    parent_id   uuid references kb_categories (id),
    slug        text        not null unique,
    position    int         not null default 0,
    name_tr     text        not null,
    name_az     text,
    name_en     text,
    created_at  timestamptz not null
);

create table kb_articles (
    id                uuid primary key,
    slug              text        not null unique,
    category_id       uuid references kb_categories (id),
    language          text        not null check (language in ('tr', 'az', 'en')),
    -- Language variants of one article share a translation group (the id of the first of them).
    translation_group uuid        not null,
    title             text        not null,
    body_html         text        not null,
    body_text         text        not null,
    tags              text[]      not null default '{}',
    state             text        not null check (state in ('draft', 'published', 'archived')),
    visibility        text        not null check (visibility in ('public', 'internal')),
    version           int         not null,
    helpful_votes     int         not null default 0,
    unhelpful_votes   int         not null default 0,
    views             bigint      not null default 0,
    revision          bigint      not null,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    unique (translation_group, language)
);
create index kb_articles_category on kb_articles (category_id);
create index kb_articles_revision on kb_articles (revision);

create table kb_article_versions (
    article_id uuid        not null references kb_articles (id) on delete cascade,
    version    int         not null,
    title      text        not null,
    body_html  text        not null,
    tags       text[]      not null,
    state      text        not null,
    author     text        not null,
    created_at timestamptz not null,
    primary key (article_id, version)
);

-- One row per group of words that mean the same in a search ("fatura", "faktura", "hesap").
create table kb_synonyms (
    id         uuid primary key,
    terms      text[]      not null,
    created_at timestamptz not null
);

create table kb_searches (
    id                 uuid primary key,
    query              text        not null,
    -- Folded, lower-case, without filler words: how failed searches are grouped.
    normalised         text        not null,
    language           text,
    source             text        not null,
    result_count       int         not null,
    clicked_article_id uuid references kb_articles (id) on delete set null,
    clicked_at         timestamptz,
    searched_at        timestamptz not null
);
create index kb_searches_time on kb_searches (searched_at);
create index kb_searches_failed on kb_searches (normalised) where clicked_article_id is null;

create table kb_views (
    id         uuid primary key,
    article_id uuid        not null references kb_articles (id) on delete cascade,
    search_id  uuid,
    source     text        not null,
    viewed_at  timestamptz not null
);
create index kb_views_article on kb_views (article_id);

create table kb_votes (
    id         uuid primary key,
    article_id uuid        not null references kb_articles (id) on delete cascade,
    helpful    boolean     not null,
    comment    text,
    source     text        not null,
    voted_at   timestamptz not null
);
create index kb_votes_article on kb_votes (article_id, voted_at desc);
