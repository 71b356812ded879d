-- Live chat: per entry point settings, sessions and their event log.

create table chat_settings (
    entry_point_id  uuid primary key references entry_points (id) on delete cascade,
    origins         text[]  not null default '{}',
    prechat_name    text    not null default 'optional',
    prechat_email   text    not null default 'optional',
    prechat_phone   text    not null default 'hidden',
    max_file_bytes  integer not null default 5242880,
    updated_at      timestamptz not null
);

-- The key visitor tokens are signed with, made once by the first node that needs it and shared by all.
create table chat_keys (
    id         smallint primary key check (id = 1),
    secret     bytea not null,
    created_at timestamptz not null
);

create table chat_sessions (
    id              uuid primary key,
    entry_point_id  uuid not null references entry_points (id),
    name            text,
    email           text,
    phone           text,
    language        text not null,
    origin          text,
    state           text not null check (state in ('bot', 'waiting', 'agent', 'ended')),
    conversation_id uuid,
    last_seq        bigint not null default 0,
    unhelpful       integer not null default 0,
    shown_articles  uuid[] not null default '{}',
    outcome         text,
    rating          smallint check (rating between 1 and 5),
    rating_comment  text,
    transcript_sent_at timestamptz,
    created_at      timestamptz not null,
    last_active_at  timestamptz not null,
    seen_at         timestamptz,
    ended_at        timestamptz
);
create index chat_sessions_conversation on chat_sessions (conversation_id) where conversation_id is not null;
create index chat_sessions_open on chat_sessions (last_active_at) where state <> 'ended';

-- Every stored event of a session; seq is given under the session row's lock, so it is commit order.
create table chat_events (
    session_id  uuid   not null references chat_sessions (id) on delete cascade,
    seq         bigint not null,
    type        text   not null,
    sender      text   not null,
    text        text,
    data        jsonb,
    client_id   text,
    created_at  timestamptz not null,
    primary key (session_id, seq)
);
create unique index chat_events_client on chat_events (session_id, client_id) where client_id is not null;
