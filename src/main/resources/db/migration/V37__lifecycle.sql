-- The customer's lifecycle stage (lead, prospect, customer, loyal, at_risk, lost) and every move between stages.
alter table customers add column lifecycle_stage text;

create table lifecycle_changes (
    id          uuid primary key,
    customer_id uuid        not null references customers (id),
    from_stage  text,
    to_stage    text        not null,
    actor       text        not null,
    reason      text,
    changed_at  timestamptz not null
);
create index lifecycle_changes_customer on lifecycle_changes (customer_id, changed_at desc);

-- Demographics and contact preferences of the profile, edited in the console and through the API. gender is one of
-- female, male, other, undisclosed; preferred_channel a channel code (email, sms, voice, ...).
alter table customers
    add column birth_date        date,
    add column gender            text,
    add column city              text,
    add column occupation        text,
    add column preferred_channel text;

-- The funnel report counts the customers in each stage now and the moves between stages in a period.
create index customers_lifecycle_stage on customers (lifecycle_stage) where merged_into is null;
create index lifecycle_changes_changed on lifecycle_changes (changed_at);
-- The summary counts a customer's open conversations without reading the resolved ones.
create index conversations_customer_active on conversations (customer_id) where status in ('open', 'pending');
-- ... and its latest contact from one index entry.
create index conversations_customer_last on conversations (customer_id, last_message_at desc);
