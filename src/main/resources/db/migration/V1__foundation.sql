-- Inbound: every payload is stored raw; (channel, external_id) makes retries idempotent.
create table inbound_receipts (
    id              uuid primary key,
    channel         text        not null,
    external_id     text        not null,
    entry_point     text,
    content_type    text,
    payload         bytea       not null,
    received_at     timestamptz not null,
    message_id      uuid,
    conversation_id uuid,
    customer_id     uuid,
    unique (channel, external_id)
);

create table quarantine (
    id           uuid primary key,
    channel      text,
    entry_point  text,
    external_id  text,
    reason       text        not null,
    content_type text,
    payload      bytea       not null,
    received_at  timestamptz not null,
    released_at  timestamptz
);
create index quarantine_open on quarantine (received_at desc) where released_at is null;

-- Customers and the identity graph.
create table customers (
    id            uuid primary key,
    display_name  text,
    language      text,
    vip           boolean     not null default false,
    segments      text[]      not null default '{}',
    merged_into   uuid references customers (id),
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);

create table identities (
    id          uuid primary key,
    customer_id uuid        not null references customers (id),
    type        text        not null,
    value       text        not null,
    original    text        not null,
    verified    boolean     not null default false,
    created_at  timestamptz not null,
    unique (type, value)
);
create index identities_customer on identities (customer_id);

create table merges (
    id                 uuid primary key,
    survivor_id        uuid        not null references customers (id),
    absorbed_id        uuid        not null references customers (id),
    reason             text        not null,
    actor              text        not null,
    snapshot           jsonb       not null,
    merged_at          timestamptz not null,
    undone_at          timestamptz,
    undone_by          text
);
create index merges_customers on merges (survivor_id, absorbed_id);

create table merge_candidates (
    id          uuid primary key,
    customer_a  uuid        not null references customers (id),
    customer_b  uuid        not null references customers (id),
    reason      text        not null,
    created_at  timestamptz not null,
    decided_at  timestamptz,
    decision    text
);
create unique index merge_candidates_pair on merge_candidates (least(customer_a, customer_b), greatest(customer_a, customer_b)) where decided_at is null;

create table timeline_entries (
    id              uuid primary key,
    customer_id     uuid        not null references customers (id),
    occurred_at     timestamptz not null,
    kind            text        not null,
    channel         text,
    summary         text        not null,
    conversation_id uuid,
    message_id      uuid
);
create index timeline_customer on timeline_entries (customer_id, occurred_at desc);

-- Routing configuration.
create table business_hours (
    id        uuid primary key,
    name      text not null unique,
    zone      text not null,
    schedule  jsonb not null
);

create table holidays (
    business_hours_id uuid not null references business_hours (id) on delete cascade,
    day               date not null,
    name              text not null,
    primary key (business_hours_id, day)
);

create table queues (
    id                uuid primary key,
    name              text not null unique,
    description       text,
    business_hours_id uuid references business_hours (id),
    created_at        timestamptz not null
);

create table entry_points (
    id          uuid primary key,
    address     text not null unique,
    channel     text,
    queue_id    uuid not null references queues (id),
    name        text,
    campaign    text,
    medium      text,
    created_at  timestamptz not null
);

create table agents (
    id           uuid primary key,
    username     text not null unique,
    display_name text not null,
    email        text,
    skills       text[] not null default '{}',
    languages    text[] not null default '{}',
    capacity     jsonb  not null default '{}',
    presence     text   not null default 'offline',
    created_at   timestamptz not null
);

create table agent_queues (
    agent_id uuid not null references agents (id) on delete cascade,
    queue_id uuid not null references queues (id) on delete cascade,
    primary key (agent_id, queue_id)
);

create table routing_rules (
    id          uuid primary key,
    position    int     not null,
    name        text    not null,
    enabled     boolean not null default true,
    conditions  jsonb   not null,
    queue_id    uuid    not null references queues (id),
    skills      text[]  not null default '{}',
    priority    text,
    created_at  timestamptz not null
);

create table sla_policies (
    id                       uuid primary key,
    name                     text not null,
    channel                  text not null,
    priority                 text not null,
    first_response_minutes   int  not null,
    resolution_minutes       int  not null,
    business_hours_id        uuid references business_hours (id),
    unique (channel, priority)
);

-- Conversations and messages.
create sequence conversation_reference_seq start 1001;

create table conversations (
    id                  uuid primary key,
    reference           text        not null unique,
    customer_id         uuid        not null references customers (id),
    channel             text        not null,
    entry_point         text,
    subject             text,
    status              text        not null,
    priority            text        not null,
    queue_id            uuid,
    required_skills     text[]      not null default '{}',
    routing_rule        text,
    routing_reason      text,
    assignee_id         uuid,
    assigned_at         timestamptz,
    campaign            text,
    medium              text,
    customer_was_new    boolean     not null default false,
    chat_session        text,
    language            text,
    first_response_due  timestamptz,
    resolution_due      timestamptz,
    first_responded_at  timestamptz,
    resolved_at         timestamptz,
    first_response_breached boolean not null default false,
    resolution_breached boolean     not null default false,
    last_ack_at         timestamptz,
    created_at          timestamptz not null,
    last_message_at     timestamptz not null
);
create index conversations_customer on conversations (customer_id, channel, last_message_at desc);
create index conversations_queue_waiting on conversations (queue_id, created_at) where assignee_id is null and status = 'open';
create index conversations_assignee on conversations (assignee_id, channel) where status in ('open', 'pending');
create index conversations_chat_session on conversations (chat_session) where chat_session is not null;
create index conversations_first_due on conversations (first_response_due) where first_responded_at is null and not first_response_breached;
create index conversations_resolution_due on conversations (resolution_due) where resolved_at is null and not resolution_breached;

create table messages (
    id              uuid primary key,
    conversation_id uuid        not null references conversations (id),
    direction       text        not null,
    kind            text        not null,
    channel         text        not null,
    external_id     text,
    header_id       text,
    sender          text,
    recipient       text,
    subject         text,
    text            text,
    html            text,
    language        text,
    author          text,
    delivery        text,
    delivery_error  text,
    occurred_at     timestamptz not null,
    created_at      timestamptz not null
);
create index messages_conversation on messages (conversation_id, created_at);
create index messages_header_id on messages (header_id) where header_id is not null;

create table attachments (
    id           uuid primary key,
    message_id   uuid   not null references messages (id),
    filename     text   not null,
    content_type text   not null,
    size         bigint not null,
    sha256       text   not null,
    inline_id    text
);
create index attachments_message on attachments (message_id);

-- Outbound: every send goes through here, with retries.
create table outbox (
    id              uuid primary key,
    channel         text        not null,
    sender          text,
    recipient       text        not null,
    subject         text,
    body            text        not null,
    headers         jsonb       not null default '{}',
    conversation_id uuid,
    message_id      uuid,
    status          text        not null,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    transport       text,
    created_at      timestamptz not null,
    sent_at         timestamptz
);
create index outbox_due on outbox (next_attempt_at) where status = 'pending';

-- API access.
create table api_tokens (
    id          uuid primary key,
    name        text        not null,
    token_hash  text        not null unique,
    scopes      text[]      not null,
    created_at  timestamptz not null,
    revoked_at  timestamptz
);
