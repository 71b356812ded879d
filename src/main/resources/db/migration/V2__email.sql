-- Addresses our mail cannot reach (delivery status notifications).
alter table identities add column undeliverable_at timestamptz;
alter table identities add column undeliverable_reason text;

-- Mailboxes added through the API; those from configuration live in the settings.
create table mailboxes (
    id          uuid primary key,
    address     text        not null unique,
    queue       text        not null,
    imap        jsonb       not null,
    smtp        jsonb       not null,
    enabled     boolean     not null default true,
    created_at  timestamptz not null
);

-- Where each mailbox's fetcher stands, so a restart neither skips nor repeats.
create table mailbox_state (
    address      text primary key,
    folder       text        not null,
    uid_validity bigint      not null,
    last_uid     bigint      not null,
    updated_at   timestamptz not null
);
create index outbox_recipient on outbox (lower(recipient), created_at);

-- The expected-response-time estimate counts a queue's recent first responses.
create index conversations_queue_responded on conversations (queue_id, first_responded_at) where first_responded_at is not null;
