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
