-- Events from other systems (a branch visit, ATM use, an online-banking sign-in, an order, a payment, churn, any named
-- type), each resolved through the identity graph to a customer. source_id makes a repeated delivery a no-op.
create table customer_events (
    id           uuid primary key,
    customer_id  uuid        not null references customers (id),
    type         text        not null,
    occurred_at  timestamptz not null,
    source_id    text        not null unique,
    attributes   jsonb       not null default '{}',
    received_at  timestamptz not null
);
create index customer_events_customer on customer_events (customer_id, occurred_at desc);
