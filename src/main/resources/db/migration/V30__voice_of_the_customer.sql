-- What customers say about the service: a survey after resolution (satisfaction 1-5 and effort
-- 1-7, with a comment), a helpful / not helpful rating on every agent reply, and a complaint
-- mark on a conversation. Reports and the win-back list read these rows.

-- One survey sent for one resolved conversation. The queue and the agent are those at resolution,
-- so a later transfer does not move an answer to someone else's figures.
create table surveys (
    id              uuid primary key,
    conversation_id uuid        not null references conversations (id),
    customer_id     uuid        not null references customers (id),
    queue_id        uuid,
    agent_id        uuid,
    channel         text        not null,
    language        text,
    outbox_id       uuid,
    sent_at         timestamptz not null,
    answered_at     timestamptz,
    csat            smallint check (csat between 1 and 5),
    ces             smallint check (ces between 1 and 7),
    comment         text
);
create unique index surveys_conversation on surveys (conversation_id);
create index surveys_customer on surveys (customer_id, sent_at desc);
create index surveys_answered on surveys (answered_at) where answered_at is not null;

-- A customer's rating of one agent reply; the latest press counts.
create table reply_ratings (
    message_id      uuid primary key references messages (id),
    conversation_id uuid        not null references conversations (id),
    agent_id        uuid,
    helpful         boolean     not null,
    rated_at        timestamptz not null
);
create index reply_ratings_agent on reply_ratings (agent_id, rated_at);
create index reply_ratings_time on reply_ratings (rated_at);

-- A conversation marked a complaint, with its category, when and by whom (an agent's user name,
-- or "rule:<name>" when a keyword rule marked it).
alter table conversations
    add column complaint_category text,
    add column complaint_at timestamptz,
    add column complaint_by text;
create index conversations_complaints on conversations (complaint_at) where complaint_at is not null;
