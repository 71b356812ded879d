-- Calls from any PBX (Asterisk, Twilio, a generic CTI webhook, the built-in simulator), the raw
-- events they came as, and which extensions ring which agent.

create table calls (
    id               uuid primary key,
    provider         text        not null,
    external_id      text,                     -- the PBX's own id for the call; null while an outbound dial waits for it
    direction        text        not null,     -- inbound | outbound
    caller           text,                     -- the number that called (inbound) or that was called (outbound)
    entry_point      text,                     -- the number dialled (inbound) or the caller id shown (outbound)
    customer_id      uuid,
    conversation_id  uuid,
    extension        text,
    agent_id         uuid,
    state            text        not null,     -- dialing | ringing | answered | ended | failed
    started_at       timestamptz not null,
    answered_at      timestamptz,
    ended_at         timestamptz,
    duration_seconds integer,
    cause            text,
    recording_url    text,
    popped_agent_id  uuid,
    outcome          text,
    notes            text,
    wrapped_at       timestamptz,
    wrapped_by       uuid,
    callback_id      uuid,
    call_list_entry_id uuid,
    updated_at       timestamptz not null,
    unique (provider, external_id)
);
create index calls_conversation on calls (conversation_id);
create index calls_customer on calls (customer_id, started_at desc);
create index calls_wrap_up on calls (agent_id) where state in ('answered', 'ended') and wrapped_at is null;

create table call_events (
    id           uuid primary key,
    call_id      uuid        not null references calls (id) on delete cascade,
    provider     text        not null,
    external_id  text        not null,
    kind         text        not null,
    occurred_at  timestamptz not null,
    received_at  timestamptz not null,
    content_type text        not null,
    raw          bytea       not null,
    unique (provider, external_id, kind)
);
create index call_events_call on call_events (call_id);

create table agent_extensions (
    extension  text primary key,
    agent_id   uuid        not null references agents (id) on delete cascade,
    created_at timestamptz not null
);
create index agent_extensions_agent on agent_extensions (agent_id);
