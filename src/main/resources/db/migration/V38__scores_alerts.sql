-- Scores computed by admin-edited rules (value, risk, satisfaction, ...) and the alerts raised by alert rules.
create table customer_scores (
    customer_id uuid        not null references customers (id),
    score       text        not null,
    value       numeric     not null,
    computed_at timestamptz not null,
    primary key (customer_id, score)
);

create table customer_alerts (
    id          uuid primary key,
    customer_id uuid        not null references customers (id),
    rule_id     uuid        not null,
    raised_at   timestamptz not null,
    cleared_at  timestamptz
);
create unique index customer_alerts_open on customer_alerts (customer_id, rule_id) where cleared_at is null;
