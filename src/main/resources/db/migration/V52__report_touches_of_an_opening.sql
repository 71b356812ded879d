-- A conversation counts in the hour its first response or its resolution fell due only once that
-- deadline is marked breached (ReportRollups, HOURS); until then it counts in the hours it was
-- opened, first answered and resolved. So a row inserted or deleted touches those hours, and its
-- due hours only when it carries a breach. A new conversation's deadlines lie ahead, unbreached: it
-- used to touch both due hours as well, two more rows in report_touches for nearly every message
-- that opened one, and two hours the next run rebuilt for nothing. When the SLA sweep marks the
-- breach, the update's trigger (report_conversation_changed) touches the due hour.
create or replace function report_touch_conversations_new() returns trigger language plpgsql as
$$
begin
    insert into report_touches (hour)
    select distinct date_trunc('hour', t, 'UTC')
    from new_rows n, unnest(array[n.created_at, n.first_responded_at, n.resolved_at,
                                  case when n.first_response_breached then n.first_response_due end,
                                  case when n.resolution_breached then n.resolution_due end]) t
    where t is not null;
    return null;
end
$$;

create or replace function report_touch_conversations_old() returns trigger language plpgsql as
$$
begin
    insert into report_touches (hour)
    select distinct date_trunc('hour', t, 'UTC')
    from old_rows o, unnest(array[o.created_at, o.first_responded_at, o.resolved_at,
                                  case when o.first_response_breached then o.first_response_due end,
                                  case when o.resolution_breached then o.resolution_due end]) t
    where t is not null;
    return null;
end
$$;
