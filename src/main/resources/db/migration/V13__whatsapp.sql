-- WhatsApp: the message templates Meta approved (only they may open a conversation outside the
-- customer-service window), and when each customer last wrote to each of our numbers.
create table whatsapp_templates (
    id         uuid primary key,
    name       text        not null,
    language   text        not null,
    category   text        not null,
    body       text        not null,
    status     text        not null,
    updated_at timestamptz not null,
    unique (name, language)
);

create table whatsapp_windows (
    business_number text        not null,
    customer_number text        not null,
    last_inbound_at timestamptz not null,
    primary key (business_number, customer_number)
);

-- One row: when a signed webhook last arrived, for the settings screen.
create table whatsapp_webhook_state (
    id               int primary key check (id = 1),
    last_received_at timestamptz not null
);
