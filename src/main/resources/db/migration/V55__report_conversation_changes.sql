-- Conversations' figures kept by their changes instead of rebuilt hour by hour.
--
-- Until now a change to a conversation touched the UTC hours it counts in, and the aggregation job
-- built every touched hour of report_hours and report_tag_hours again from all its conversations.
-- A run's work grew with the volume of the hours it touched, not with what had changed: under a
-- steady load the current hour was rebuilt every minute from everything opened since the hour
-- began, and an answer to a conversation opened days ago rebuilt that whole day's hour.
--
-- Now a change writes what it adds to and takes away from the figures: an inserted row its parts
-- with sign +1, a deleted row with sign -1, and an updated row each part whose columns changed, as
-- it was with sign -1 and as it is with sign +1. The job adds the changes it can see to the hour
-- rows (one upsert per table) and deletes rows that came to nothing. Its work is the number of
-- changes. Like the touches, the changes are only inserted, so no writer waits for another, and a
-- change committed during a run is taken by the next one.
--
-- A target's seconds are now rounded per conversation (before: the hour's sum was rounded), so a
-- conversation's part is the same whenever it is counted.

-- One change: figures to add to the hour row of its hour, queue and channel, times its sign (opened
-- may count several conversations opened by one statement).
create table report_conversation_changes (
    hour               timestamptz not null,
    queue_id           uuid,
    channel            text        not null,
    opened             integer     not null,
    resolved           integer     not null,
    fr_within          integer     not null,
    fr_over            integer     not null,
    fr_target_seconds  bigint      not null,
    fr_targets         integer     not null,
    fr_bucket          integer,
    res_within         integer     not null,
    res_over           integer     not null,
    res_target_seconds bigint      not null,
    res_targets        integer     not null,
    res_bucket         integer,
    sign               integer     not null
);

create table report_tag_changes (
    hour     timestamptz not null,
    queue_id uuid,
    channel  text        not null,
    tag      text        not null,
    sign     integer     not null
);

-- What one conversation counts in the hour rows, written as changes with this sign: opened in the
-- hour it was created; a first response in the hour it was given (in time or late, its target, its
-- duration's bucket) or, never given, late in the hour it fell due once marked breached; likewise a
-- resolution. The definitions of V33's aggregation, a row at a time; opened, first and resolution
-- say which of the three parts to write. Procedural, because a trigger runs it for one row at a time:
-- a set-based statement of the same parts is planned again at every row and cost a sweep's update
-- four to eight times as much.
create function report_count_conversation(created timestamptz, queue uuid, chan text,
                                          responded timestamptz, first_due timestamptz, first_breached boolean,
                                          resolved timestamptz, resolution_due timestamptz, resolution_breached boolean,
                                          sign integer, opened boolean, first boolean, resolution boolean) returns void
    language plpgsql as
$$
begin
    if opened then
        insert into report_conversation_changes
        values (date_trunc('hour', created, 'UTC'), queue, chan, 1, 0, 0, 0, 0, 0, null, 0, 0, 0, 0, null, sign);
    end if;
    if first then
        if responded is not null then
            insert into report_conversation_changes
            values (date_trunc('hour', responded, 'UTC'), queue, chan, 0, 0,
                    case when first_due is not null and not (first_breached or responded > first_due) then 1 else 0 end,
                    case when first_breached or responded > first_due then 1 else 0 end,
                    coalesce(round(extract(epoch from first_due - created)), 0)::bigint, case when first_due is not null then 1 else 0 end,
                    report_bucket(extract(epoch from responded - created)::double precision), 0, 0, 0, 0, null, sign);
        elsif first_breached and first_due is not null then
            insert into report_conversation_changes
            values (date_trunc('hour', first_due, 'UTC'), queue, chan, 0, 0, 0, 1, 0, 0, null, 0, 0, 0, 0, null, sign);
        end if;
    end if;
    if resolution then
        if resolved is not null then
            insert into report_conversation_changes
            values (date_trunc('hour', resolved, 'UTC'), queue, chan, 0, 1, 0, 0, 0, 0, null,
                    case when resolution_due is not null and not (resolution_breached or resolved > resolution_due) then 1 else 0 end,
                    case when resolution_breached or resolved > resolution_due then 1 else 0 end,
                    coalesce(round(extract(epoch from resolution_due - created)), 0)::bigint,
                    case when resolution_due is not null then 1 else 0 end,
                    report_bucket(extract(epoch from resolved - created)::double precision), sign);
        elsif resolution_breached and resolution_due is not null then
            insert into report_conversation_changes
            values (date_trunc('hour', resolution_due, 'UTC'), queue, chan, 0, 0, 0, 0, 0, 0, null, 0, 1, 0, 0, null, sign);
        end if;
    end if;
end
$$;

-- A histogram from buckets counted with a sign; null when no row had a bucket.
create function report_bucket_add_signed(state integer[], bucket integer, n integer) returns integer[]
    language plpgsql immutable parallel safe as
$$
begin
    if bucket is null then
        return state;
    end if;
    if state is null then
        state := array_fill(0, array[48]);
    end if;
    state[bucket] := state[bucket] + n;
    return state;
end
$$;

create aggregate report_histogram_signed(integer, integer) (
    sfunc = report_bucket_add_signed,
    stype = integer[]
);

drop trigger report_conversations_inserted on conversations;
drop trigger report_conversations_deleted on conversations;
drop trigger report_conversation_changed on conversations;
drop function report_touch_conversations_new();
drop function report_touch_conversations_old();
drop function report_touch_conversation();

-- Inserted and deleted rows: by statement, over the transition table. The openings are counted per
-- hour, queue and channel (a batch of new conversations writes one row); the other parts, which a
-- new conversation rarely has, a conversation at a time.
create function report_conversations_added() returns trigger language plpgsql as
$$
begin
    if tg_op = 'DELETE' then
        insert into report_conversation_changes
        select date_trunc('hour', c.created_at, 'UTC'), c.queue_id, c.channel, count(*), 0, 0, 0, 0, 0, null, 0, 0, 0, 0, null, -1
        from old_rows c group by 1, 2, 3;
        perform report_count_conversation(c.created_at, c.queue_id, c.channel, c.first_responded_at, c.first_response_due,
                                          c.first_response_breached, c.resolved_at, c.resolution_due, c.resolution_breached,
                                          -1, false, true, true)
        from old_rows c
        where c.first_responded_at is not null or c.first_response_breached or c.resolved_at is not null or c.resolution_breached;
        insert into report_tag_changes
        select date_trunc('hour', c.created_at, 'UTC'), c.queue_id, c.channel, t.tag, -1
        from old_rows c, lateral (select distinct unnest(c.tags)) t (tag);
    else
        insert into report_conversation_changes
        select date_trunc('hour', c.created_at, 'UTC'), c.queue_id, c.channel, count(*), 0, 0, 0, 0, 0, null, 0, 0, 0, 0, null, 1
        from new_rows c group by 1, 2, 3;
        perform report_count_conversation(c.created_at, c.queue_id, c.channel, c.first_responded_at, c.first_response_due,
                                          c.first_response_breached, c.resolved_at, c.resolution_due, c.resolution_breached,
                                          1, false, true, true)
        from new_rows c
        where c.first_responded_at is not null or c.first_response_breached or c.resolved_at is not null or c.resolution_breached;
        insert into report_tag_changes
        select date_trunc('hour', c.created_at, 'UTC'), c.queue_id, c.channel, t.tag, 1
        from new_rows c, lateral (select distinct unnest(c.tags)) t (tag);
    end if;
    return null;
end
$$;

-- An updated row: each part whose columns changed is taken away as it was and added as it is.
create function report_conversation_moved() returns trigger language plpgsql as
$$
declare
    moved   boolean := old.created_at is distinct from new.created_at or old.queue_id is distinct from new.queue_id
                       or old.channel is distinct from new.channel;
    first   boolean := moved or old.first_responded_at is distinct from new.first_responded_at
                       or old.first_response_due is distinct from new.first_response_due
                       or old.first_response_breached is distinct from new.first_response_breached;
    settled boolean := moved or old.resolved_at is distinct from new.resolved_at or old.resolution_due is distinct from new.resolution_due
                       or old.resolution_breached is distinct from new.resolution_breached;
begin
    perform report_count_conversation(old.created_at, old.queue_id, old.channel, old.first_responded_at, old.first_response_due,
                                      old.first_response_breached, old.resolved_at, old.resolution_due, old.resolution_breached,
                                      -1, moved, first, settled);
    perform report_count_conversation(new.created_at, new.queue_id, new.channel, new.first_responded_at, new.first_response_due,
                                      new.first_response_breached, new.resolved_at, new.resolution_due, new.resolution_breached,
                                      1, moved, first, settled);
    if moved or old.tags is distinct from new.tags then
        insert into report_tag_changes
        select a.*, 1 from (
            select date_trunc('hour', new.created_at, 'UTC'), new.queue_id, new.channel, t from unnest(new.tags) t
            except
            select date_trunc('hour', old.created_at, 'UTC'), old.queue_id, old.channel, t from unnest(old.tags) t) a
        union all
        select r.*, -1 from (
            select date_trunc('hour', old.created_at, 'UTC'), old.queue_id, old.channel, t from unnest(old.tags) t
            except
            select date_trunc('hour', new.created_at, 'UTC'), new.queue_id, new.channel, t from unnest(new.tags) t) r;
    end if;
    return null;
end
$$;

create trigger report_conversations_inserted after insert on conversations
    referencing new table as new_rows for each statement execute function report_conversations_added();
create trigger report_conversations_deleted after delete on conversations
    referencing old table as old_rows for each statement execute function report_conversations_added();
create trigger report_conversation_changed after update on conversations for each row
    when (old.created_at is distinct from new.created_at or old.queue_id is distinct from new.queue_id
        or old.channel is distinct from new.channel or old.tags is distinct from new.tags
        or old.first_responded_at is distinct from new.first_responded_at or old.resolved_at is distinct from new.resolved_at
        or old.first_response_due is distinct from new.first_response_due or old.resolution_due is distinct from new.resolution_due
        or old.first_response_breached is distinct from new.first_response_breached
        or old.resolution_breached is distinct from new.resolution_breached)
    execute function report_conversation_moved();

-- Hours touched before this migration and not yet built: their conversation rows are counted again
-- from the conversations, as changes the next run adds. The touches stay for the other tables.
delete from report_hours where hour in (select hour from report_touches);
delete from report_tag_hours where hour in (select hour from report_touches);
with hours as (select distinct hour from report_touches),
     parts as (select c.*, true as opened, false as first, false as resolution
               from hours h join conversations c on c.created_at >= h.hour and c.created_at < h.hour + interval '1 hour'
               union all
               select c.*, false, true, false from hours h join conversations c
                   on c.first_responded_at >= h.hour and c.first_responded_at < h.hour + interval '1 hour'
               union all
               select c.*, false, true, false from hours h join conversations c
                   on c.first_response_due >= h.hour and c.first_response_due < h.hour + interval '1 hour'
                   and c.first_responded_at is null and c.first_response_breached
               union all
               select c.*, false, false, true from hours h join conversations c
                   on c.resolved_at >= h.hour and c.resolved_at < h.hour + interval '1 hour'
               union all
               select c.*, false, false, true from hours h join conversations c
                   on c.resolution_due >= h.hour and c.resolution_due < h.hour + interval '1 hour'
                   and c.resolved_at is null and c.resolution_breached)
select count(report_count_conversation(created_at, queue_id, channel, first_responded_at, first_response_due, first_response_breached,
                                       resolved_at, resolution_due, resolution_breached, 1, opened, first, resolution))
from parts;
insert into report_tag_changes
select date_trunc('hour', c.created_at, 'UTC'), c.queue_id, c.channel, t.tag, 1
from (select distinct hour from report_touches) h
join conversations c on c.created_at >= h.hour and c.created_at < h.hour + interval '1 hour',
lateral (select distinct unnest(c.tags)) t (tag);

-- One row per key, so that a run adds its changes to it.
drop index report_hours_hour;
drop index report_tag_hours_hour;
create unique index report_hours_key on report_hours (hour, queue_id, channel) nulls not distinct;
create unique index report_tag_hours_key on report_tag_hours (hour, queue_id, channel, tag) nulls not distinct;
