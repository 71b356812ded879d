-- Outbound webhooks: who wants which events, each event's delivery to each of them (written in the transaction of the
-- change, sent after the commit by WebhookDispatcher) and every attempt, for the delivery log.
create table webhook_subscriptions (
    id         uuid primary key,
    url        text        not null,
    events     text[]      not null,
    secret     text        not null,
    status     text        not null default 'active' check (status in ('active', 'paused')),
    created_at timestamptz not null,
    created_by text        not null
);

-- No foreign key to the subscription: a node whose cached list still names a subscription deleted elsewhere must not
-- fail the change it rides on; a delivery whose subscription is gone is never claimed.
create table webhook_deliveries (
    id              uuid primary key,
    subscription_id uuid        not null,
    event_type      text        not null,
    customer_id     uuid,
    body            text        not null,
    status          text        not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    created_at      timestamptz not null,
    delivered_at    timestamptz,
    last_status     int,
    last_error      text
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_subscription on webhook_deliveries (subscription_id, created_at desc);
create index webhook_deliveries_customer on webhook_deliveries (customer_id) where customer_id is not null;

create table webhook_attempts (
    delivery_id     uuid        not null references webhook_deliveries (id) on delete cascade,
    attempt         int         not null,
    subscription_id uuid        not null,
    attempted_at    timestamptz not null,
    http_status     int,
    latency_ms      int         not null,
    error_code      text,
    error           text,
    primary key (delivery_id, attempt)
);
create index webhook_attempts_subscription on webhook_attempts (subscription_id, attempted_at desc);
