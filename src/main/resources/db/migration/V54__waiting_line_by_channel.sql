-- Who has waited longest in a queue on a channel, read from one index in the order people came.
--
-- Ordered by created_at, PostgreSQL may walk conversations_created, the index of every conversation by arrival, and
-- filter out those already answered. Where its statistics say most conversations wait (a backlog, a full queue), it
-- expects them spread evenly through that index, while they are the newest and the answered ones lie first. Ordered
-- by an expression only this index has, the read has no other index that keeps its order.
drop index conversations_queue_waiting;
create index conversations_waiting_line on conversations (queue_id, channel, (created_at at time zone 'UTC'))
    where assignee_id is null and status = 'open';
