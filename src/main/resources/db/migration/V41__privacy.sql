-- KVKK / GDPR: when a profile was erased, the audit record of every erasure, and the key identifiers are hashed with.
alter table customers add column erased_at timestamptz;

-- One row per erasure: who asked, why, which profiles (the merge group), how many records each part held. The person's
-- addresses are not here; identifier_hashes are HMAC-SHA256 of the normalised identifiers under the installation's key,
-- so an address that comes back (an import, a new message) can be recognised as one that was erased.
create table erasures (
    id                uuid primary key,
    customer_id       uuid        not null references customers (id),
    customers         uuid[]      not null,
    actor             text        not null,
    reason            text        not null,
    parts             jsonb       not null,
    identifier_hashes text[]      not null default '{}',
    erased_at         timestamptz not null
);
create index erasures_time on erasures (erased_at desc, id desc);
create index erasures_customers on erasures using gin (customers);
create index erasures_hashes on erasures using gin (identifier_hashes);

-- Made once by the first node that erases anyone and shared by all.
create table privacy_keys (
    id         smallint primary key check (id = 1),
    secret     bytea       not null,
    created_at timestamptz not null
);
