-- The customer's own page on the help centre: one-time sign-in codes and the sessions they open.

-- A code asked for on the sign-in page. Asked for an address nobody holds, the row is written all
-- the same (customer_id null, nothing sent), so the answer and the limits never tell the two apart.
create table portal_codes (
    id          uuid primary key,
    address     text        not null,
    channel     text        not null,
    customer_id uuid,
    code_hash   bytea       not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    attempts    int         not null default 0,
    used_at     timestamptz
);
create index portal_codes_address on portal_codes (address, created_at desc);
create index portal_codes_customer on portal_codes (customer_id);
create index portal_codes_created on portal_codes (created_at);

-- A signed-in customer: only the SHA-256 of the cookie's random token is kept.
create table portal_sessions (
    token_hash   bytea primary key,
    customer_id  uuid        not null,
    address      text        not null,
    created_at   timestamptz not null,
    last_seen_at timestamptz not null
);
create index portal_sessions_customer on portal_sessions (customer_id);
create index portal_sessions_seen on portal_sessions (last_seen_at);
