-- Two counts that ran on every estimate or metrics refresh read the table where an index could answer, and so grew
-- with the history rather than with the live work.

-- What each agent holds and has not answered yet (the answer-time estimate, once a second per queue): the agents'
-- index now carries first_responded_at, so the count is read from the index alone.
drop index conversations_assignee;
create index conversations_assignee on conversations (assignee_id, channel) include (first_responded_at)
    where status in ('open', 'pending');

-- The live conversations past their SLA (the breach gauges): only live breached ones are in this index, where
-- conversations_breached holds every breach ever recorded.
create index conversations_live_breached on conversations (first_response_breached, resolution_breached) include (first_responded_at)
    where status in ('open', 'pending') and (first_response_breached or resolution_breached);
