-- Pre-aggregated figures for the console's reports. Reports read these hour rows (in UTC hours, so
-- any viewer's whole-hour time zone cuts days exactly) and never the conversations themselves.
--
-- Every change that can move a figure writes the UTC hours it touches into report_touches (insert
-- only, so no writer waits for another); the aggregation job takes the touches it can see, deletes
-- the rollup rows of those hours and builds them again from the source tables.

create table report_touches (
    hour timestamptz not null
);

-- When the figures were last brought up to date, for "figures as of" on the report pages.
create table report_state (
    id           smallint primary key check (id = 1),
    refreshed_at timestamptz,
    hours        integer not null default 0,
    took_ms      bigint  not null default 0
);
insert into report_state (id) values (1);

-- Durations are counted in 48 fixed log-scale buckets: bucket 1 is under one second, bucket k
-- (2..47) is [2^((k-2)/2), 2^((k-1)/2)) seconds, bucket 48 is everything from 2^23 s (97 days) on.
-- Percentiles come out of summed buckets, within one bucket of the exact value.
create function report_bucket(seconds double precision) returns integer
    language sql immutable parallel safe as
$$
select case when seconds is null then null
            when seconds < 1 then 1
            else least(48, 2 + floor(2 * ln(seconds) / ln(2))::integer) end
$$;

create function report_bucket_add(state integer[], bucket integer) returns integer[]
    language plpgsql immutable parallel safe as
$$
begin
    if bucket is not null then
        state[bucket] := state[bucket] + 1;
    end if;
    return state;
end
$$;

create aggregate report_histogram(integer) (
    sfunc = report_bucket_add,
    stype = integer[],
    initcond = '{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}'
);

create function report_buckets_plus(a integer[], b integer[]) returns integer[]
    language plpgsql immutable parallel safe as
$$
begin
    if a is null then
        return b;
    end if;
    if b is null then
        return a;
    end if;
    for i in 1 .. array_length(a, 1) loop
        a[i] := a[i] + b[i];
    end loop;
    return a;
end
$$;

create aggregate report_buckets_sum(integer[]) (
    sfunc = report_buckets_plus,
    stype = integer[]
);

-- Per UTC hour, queue and channel. Each figure is counted in the hour of its own event: opened at
-- creation, a first response when it was given (or, never given, when its due time passed), a
-- resolution when it happened (or, never happened, when its due time passed).
create table report_hours (
    hour               timestamptz not null,
    queue_id           uuid,
    channel            text        not null,
    opened             integer     not null default 0,
    resolved           integer     not null default 0,
    fr_within          integer     not null default 0,
    fr_over            integer     not null default 0,
    fr_target_seconds  bigint      not null default 0,
    fr_targets         integer     not null default 0,
    fr_buckets         integer[],
    res_within         integer     not null default 0,
    res_over           integer     not null default 0,
    res_target_seconds bigint      not null default 0,
    res_targets        integer     not null default 0,
    res_buckets        integer[]
);
create index report_hours_hour on report_hours (hour);

-- Per UTC hour, queue, channel and agent: survey answers (in the hour they were answered, under the
-- queue and agent at resolution) and reply ratings (in the hour of the latest press).
create table report_agent_hours (
    hour           timestamptz not null,
    queue_id       uuid,
    channel        text        not null,
    agent_id       uuid,
    csat_sum       integer     not null default 0,
    csat_count     integer     not null default 0,
    csat_satisfied integer     not null default 0,
    ces_sum        integer     not null default 0,
    ces_count      integer     not null default 0,
    rated_helpful  integer     not null default 0,
    rated_total    integer     not null default 0
);
create index report_agent_hours_hour on report_agent_hours (hour);

-- Per UTC hour of opening, queue, channel and tag: conversations carrying the tag.
create table report_tag_hours (
    hour          timestamptz not null,
    queue_id      uuid,
    channel       text        not null,
    tag           text        not null,
    conversations integer     not null
);
create index report_tag_hours_hour on report_tag_hours (hour);

-- Per UTC hour a chat session started: how many, how many the bot closed without an agent, how many
-- were handed over to one.
create table report_chat_hours (
    hour        timestamptz primary key,
    sessions    integer not null,
    bot_closed  integer not null,
    handed_over integer not null
);

-- Per UTC hour and knowledge-base article: how often it was read.
create table report_kb_hours (
    hour       timestamptz not null,
    article_id uuid        not null,
    views      integer     not null,
    primary key (hour, article_id)
);

-- What the aggregation reads, by time.
create index conversations_created on conversations (created_at);
create index conversations_first_responded on conversations (first_responded_at) where first_responded_at is not null;
create index conversations_resolved on conversations (resolved_at) where resolved_at is not null;
create index conversations_first_missed on conversations (first_response_due) where first_responded_at is null and first_response_breached;
create index conversations_resolution_missed on conversations (resolution_due) where resolved_at is null and resolution_breached;
create index chat_sessions_created on chat_sessions (created_at);
create index kb_views_time on kb_views (viewed_at);

-- The touches. Inserts are touched by statement (one insert of a million rows writes each hour once).
create function report_touch_conversations_new() returns trigger language plpgsql as
$$
begin
    insert into report_touches (hour)
    select distinct date_trunc('hour', t, 'UTC')
    from new_rows n, unnest(array[n.created_at, n.first_responded_at, n.resolved_at, n.first_response_due, n.resolution_due]) t
    where t is not null;
    return null;
end
$$;

create function report_touch_conversations_old() returns trigger language plpgsql as
$$
begin
    insert into report_touches (hour)
    select distinct date_trunc('hour', t, 'UTC')
    from old_rows o, unnest(array[o.created_at, o.first_responded_at, o.resolved_at, o.first_response_due, o.resolution_due]) t
    where t is not null;
    return null;
end
$$;

create function report_touch_conversation() returns trigger language plpgsql as
$$
begin
    insert into report_touches (hour)
    select distinct date_trunc('hour', t, 'UTC')
    from unnest(array[old.created_at, old.first_responded_at, old.resolved_at, old.first_response_due, old.resolution_due,
                      new.created_at, new.first_responded_at, new.resolved_at, new.first_response_due, new.resolution_due]) t
    where t is not null;
    return null;
end
$$;

create trigger report_conversations_inserted after insert on conversations
    referencing new table as new_rows for each statement execute function report_touch_conversations_new();
create trigger report_conversations_deleted after delete on conversations
    referencing old table as old_rows for each statement execute function report_touch_conversations_old();
create trigger report_conversation_changed after update on conversations for each row
    when (old.created_at is distinct from new.created_at or old.queue_id is distinct from new.queue_id
        or old.channel is distinct from new.channel or old.tags is distinct from new.tags
        or old.first_responded_at is distinct from new.first_responded_at or old.resolved_at is distinct from new.resolved_at
        or old.first_response_due is distinct from new.first_response_due or old.resolution_due is distinct from new.resolution_due
        or old.first_response_breached is distinct from new.first_response_breached
        or old.resolution_breached is distinct from new.resolution_breached)
    execute function report_touch_conversation();

-- Surveys count in the hour they were answered, reply ratings in the hour of the latest press.
create function report_touch_timed() returns trigger language plpgsql as
$$
declare
    column_name text := tg_argv[0];
    before_at   timestamptz;
    after_at    timestamptz;
begin
    if tg_op <> 'INSERT' then
        before_at := (to_jsonb(old) ->> column_name)::timestamptz;
    end if;
    if tg_op <> 'DELETE' then
        after_at := (to_jsonb(new) ->> column_name)::timestamptz;
    end if;
    insert into report_touches (hour)
    select distinct date_trunc('hour', t, 'UTC') from unnest(array[before_at, after_at]) t where t is not null;
    return null;
end
$$;

create trigger report_surveys_changed after insert or update or delete on surveys
    for each row execute function report_touch_timed('answered_at');
create trigger report_reply_ratings_changed after insert or update or delete on reply_ratings
    for each row execute function report_touch_timed('rated_at');
create trigger report_chat_sessions_changed after insert or delete or update of state, conversation_id, created_at on chat_sessions
    for each row execute function report_touch_timed('created_at');
create trigger report_kb_views_changed after insert or delete on kb_views
    for each row execute function report_touch_timed('viewed_at');
