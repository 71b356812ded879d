-- Surveys after resolution: the settings an admin changes in the console, the key survey and
-- rating links are signed with, and the customers who asked never to be surveyed again.

-- One row at most; without it the temas.survey.* properties apply.
create table survey_settings (
    id               smallint primary key check (id = 1),
    enabled          boolean     not null,
    email            boolean     not null,
    sms              boolean     not null,
    chat             boolean     not null,
    quiet_days       integer     not null check (quiet_days between 0 and 3650),
    sms_window_hours integer     not null check (sms_window_hours between 1 and 720),
    updated_at       timestamptz not null,
    updated_by       text        not null
);

-- The key survey and reply-rating links are signed with when temas.survey.link-key is not set:
-- made once by the first node that needs it and shared by all.
create table survey_keys (
    id         smallint primary key check (id = 1),
    secret     bytea       not null,
    created_at timestamptz not null
);

-- "Do not ask me again", pressed on a survey page.
create table survey_opt_outs (
    customer_id  uuid primary key references customers (id),
    opted_out_at timestamptz not null
);

-- The satisfaction API counts the surveys sent in a date range; without this it would read every survey.
create index surveys_sent on surveys (sent_at);
