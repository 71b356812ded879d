-- Campaigns: what runs, where customers answer it, who answered, who is still to be contacted.
create table campaigns (
    id          uuid primary key,
    name        text        not null,
    code        text        not null unique,
    offer       text,
    terms       text,
    channels    text[]      not null default '{}',
    sms_keyword text unique,
    starts_at   timestamptz,
    ends_at     timestamptz,
    audience    jsonb,
    status      text        not null,
    created_at  timestamptz not null
);

-- Dedicated entry points: phone numbers, e-mail addresses, keywords, postcodes, landing-page codes.
create table campaign_entry_points (
    address     text primary key,
    campaign_id uuid not null references campaigns (id) on delete cascade,
    kind        text not null,
    medium      text
);

create table campaign_responses (
    id              uuid primary key,
    campaign_id     uuid        not null references campaigns (id),
    customer_id     uuid        not null,
    kind            text        not null,
    channel         text        not null,
    medium          text,
    entry_point     text,
    message_id      uuid,
    conversation_id uuid,
    occurred_at     timestamptz not null
);
create index campaign_responses_campaign on campaign_responses (campaign_id, kind);
create index campaign_responses_customer on campaign_responses (customer_id, occurred_at desc);

-- Customers no longer to be contacted for a campaign (they answered it).
create table campaign_suppressions (
    campaign_id uuid        not null,
    customer_id uuid        not null,
    reason      text        not null,
    created_at  timestamptz not null,
    primary key (campaign_id, customer_id)
);

-- Every outbound campaign contact (an SMS or e-mail queued in the outbox).
create table campaign_sends (
    id          uuid primary key,
    campaign_id uuid        not null references campaigns (id),
    channel     text        not null,
    text        text        not null,
    subject     text,
    link        text,
    audience    jsonb       not null,
    planned     int         not null,
    allowed     int         not null,
    report      jsonb       not null,
    status      text        not null,
    created_at  timestamptz not null,
    confirmed_at timestamptz,
    confirmed_by text
);

create table campaign_contacts (
    id          uuid primary key,
    campaign_id uuid        not null,
    send_id     uuid,
    customer_id uuid        not null,
    channel     text        not null,
    recipient   text        not null,
    outbox_id   uuid,
    status      text        not null,
    detail      text,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
create index campaign_contacts_customer on campaign_contacts (customer_id, channel, created_at desc);
create index campaign_contacts_campaign on campaign_contacts (campaign_id, customer_id);
create index campaign_contacts_outbox on campaign_contacts (outbox_id);

create table call_lists (
    id          uuid primary key,
    campaign_id uuid        not null references campaigns (id),
    name        text,
    created_at  timestamptz not null
);

create table call_list_entries (
    id             uuid primary key,
    call_list_id   uuid        not null references call_lists (id),
    campaign_id    uuid        not null,
    customer_id    uuid        not null,
    phone          text,
    priority       int         not null default 0,
    position       int         not null,
    status         text        not null,
    reason         text,
    outcome        text,
    handed_out_at  timestamptz,
    updated_at     timestamptz not null,
    unique (call_list_id, customer_id)
);
create index call_list_entries_next on call_list_entries (call_list_id, priority desc, position) where status = 'pending';
create index call_list_entries_customer on call_list_entries (campaign_id, customer_id) where status = 'pending';
create index call_list_entries_handed_out on call_list_entries (customer_id, handed_out_at) where handed_out_at is not null;

-- Contact policies: consent per channel and purpose (İYS style), do-not-contact, rules per channel.
create table consents (
    id          uuid primary key,
    customer_id uuid        not null,
    address     text,
    channel     text        not null,
    purpose     text        not null,
    granted     boolean     not null,
    source      text        not null,
    recorded_at timestamptz not null
);
create index consents_customer on consents (customer_id, channel, purpose, recorded_at desc);
create index consents_address on consents (address, channel, purpose, recorded_at desc) where address is not null;

create table do_not_contact (
    id          uuid primary key,
    customer_id uuid        not null,
    channel     text,
    reason      text        not null,
    expires_at  timestamptz,
    created_at  timestamptz not null
);
create index do_not_contact_customer on do_not_contact (customer_id);

create table contact_rules (
    channel          text primary key,
    quiet_from       time,
    quiet_to         time,
    cap              int,
    cap_window_days  int not null default 7
);
insert into contact_rules (channel, quiet_from, quiet_to, cap, cap_window_days) values
    ('sms', '21:00', '09:00', 4, 7),
    ('email', null, null, 7, 7),
    ('voice', '21:00', '09:00', 2, 7);

-- Outbound: the provider's id for a sent message, and what its delivery receipts said.
alter table outbox add column reference text;
alter table outbox add column delivery text;
alter table outbox add column delivered_at timestamptz;
create index outbox_reference on outbox (transport, reference) where reference is not null;
