-- Entry points are retired in stages: active, then retiring from a date (still answered, with a
-- notice naming the channels to use instead), then retired.
alter table entry_points add column state text not null default 'active'
    check (state in ('active', 'retiring', 'retired'));
alter table entry_points add column retires_at date;

-- The time the latest acknowledgement promised an answer by, and when the customer was told,
-- once per conversation, that the entry point they wrote to is being retired.
alter table conversations add column promised_by timestamptz;
alter table conversations add column retirement_noticed_at timestamptz;

-- A waiting customer is never promised an earlier time than the unanswered ones ahead of them.
create index conversations_promised on conversations (queue_id, channel, promised_by)
    where first_responded_at is null and promised_by is not null and status in ('open', 'pending');

-- Traffic per entry point and week for the settings screen.
create index messages_inbound_recipient on messages (recipient, created_at) where direction = 'inbound';

-- The organisation's own name, which acknowledgements are signed with (one row).
create table organisation (
    id         int primary key check (id = 1),
    name       text not null,
    updated_by text,
    updated_at timestamptz not null
);
