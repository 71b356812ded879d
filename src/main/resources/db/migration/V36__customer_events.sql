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

-- Lines refused by the events API or an import, with their raw text, so nothing sent is lost. job_id is null for
-- lines posted to the API directly.
create table customer_event_refusals (
    id           bigserial primary key,
    job_id       uuid,
    line_no      integer     not null,
    reason       text        not null,
    field        text,
    raw          text        not null,
    refused_at   timestamptz not null
);
create index customer_event_refusals_job on customer_event_refusals (job_id, line_no) where job_id is not null;
create index customer_event_refusals_recent on customer_event_refusals (refused_at) where job_id is null;

-- Import jobs: the file is stored as chunks of lines before anything is processed; a chunk is processed, recorded in
-- the job's counters and deleted in one transaction, so a job interrupted anywhere goes on from its next chunk.
create table customer_event_imports (
    id           uuid primary key,
    format       text        not null check (format in ('csv', 'ndjson')),
    file_name    text,
    header       text,
    status       text        not null check (status in ('queued', 'running', 'done', 'failed')),
    total_lines  integer     not null default 0,
    chunks       integer     not null default 0,
    next_chunk   integer     not null default 0,
    lines_done   integer     not null default 0,
    taken        integer     not null default 0,
    repeated     integer     not null default 0,
    refused      integer     not null default 0,
    failure      text,
    created_by   text,
    created_at   timestamptz not null,
    started_at   timestamptz,
    finished_at  timestamptz
);
create index customer_event_imports_recent on customer_event_imports (created_at desc);
create index customer_event_imports_pending on customer_event_imports (created_at) where status in ('queued', 'running');

create table customer_event_import_chunks (
    job_id       uuid    not null references customer_event_imports (id) on delete cascade,
    chunk_no     integer not null,
    line_nos     integer[] not null,
    lines        text[]  not null,
    primary key (job_id, chunk_no)
);
