-- Callbacks at a time the customer chose: the booked slot, who is called back on which number,
-- where the callback stands, every offer and attempt, and the settings supervisors change.

create table callbacks (
    id              uuid primary key,
    queue_id        uuid        not null references queues (id),
    entry_point     text        not null,     -- the number the customer called or would have called
    slot_start      timestamptz not null,
    slot_end        timestamptz not null,
    phone           text        not null,
    email           text,
    customer_id     uuid        not null,
    conversation_id uuid,
    note            text,
    language        text        not null,
    source          text        not null,     -- portal | chat | agent | ivr | api | rule
    state           text        not null,     -- booked | offered | calling | done | retry | failed | cancelled
    attempts        integer     not null default 0,
    due_at          timestamptz not null,     -- when it is next offered: the slot's start, then each retry's time
    agent_id        uuid,                     -- the agent it is offered to or who calls
    offered_at      timestamptz,
    passed_agents   uuid[]      not null default '{}', -- agents who let this offer lapse, asked last
    outcome         text,                     -- reached | no-answer | busy | wrong-number | cancelled
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index callbacks_slot on callbacks (queue_id, slot_start);
create index callbacks_due on callbacks (due_at) where state in ('booked', 'retry');
create index callbacks_offered on callbacks (agent_id) where state in ('offered', 'calling');
create index callbacks_customer on callbacks (customer_id, slot_start desc);

create table callback_events (
    id          uuid primary key,
    callback_id uuid        not null references callbacks (id) on delete cascade,
    kind        text        not null,         -- booked | offered | lapsed | calling | reached | no-answer | busy | wrong-number | retry | failed | cancelled
    agent_id    uuid,
    detail      text,
    occurred_at timestamptz not null
);
create index callback_events_callback on callback_events (callback_id, occurred_at);

-- Callbacks per slot a queue takes; no row: derived from the agents serving the queue.
create table callback_capacity (
    queue_id   uuid primary key references queues (id) on delete cascade,
    per_slot   integer     not null check (per_slot >= 0),
    updated_at timestamptz not null
);

-- The one policy row admins change; absent: the configured defaults.
create table callback_policy (
    id                     boolean primary key default true check (id),
    slot_minutes           integer not null,
    lead_minutes           integer not null,
    days_ahead             integer not null,
    average_minutes        integer not null,
    share_percent          integer not null,
    offer_timeout_seconds  integer not null,
    attempts               integer not null,
    retry_interval_minutes integer not null,
    updated_at             timestamptz not null
);

-- Callback requests from the phone menu (the CTI webhook's "callback" event), stored raw before
-- they are booked; a repeated request (same callId) answers the callback booked the first time.
create table callback_requests (
    id           uuid primary key,
    external_id  text unique,
    received_at  timestamptz not null,
    content_type text        not null,
    raw          bytea       not null,
    callback_id  uuid references callbacks (id) on delete set null,
    refusal      text
);
