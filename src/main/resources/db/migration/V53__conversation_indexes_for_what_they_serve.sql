-- Every new conversation wrote an entry into sixteen of this table's indexes, three of which no query could read.

-- The agents' indexes are read only for one agent or a list of agents (assignee_id = ? or = any(?), which proves
-- assignee_id is not null), yet every unassigned live conversation had an entry with a null agent in both: most new
-- conversations while the queues are full.
drop index conversations_assignee;
create index conversations_assignee on conversations (assignee_id, channel) include (first_responded_at)
    where status in ('open', 'pending') and assignee_id is not null;
drop index conversations_inbox_assignee;
create index conversations_inbox_assignee on conversations (assignee_id, sla_due, id)
    where status in ('open', 'pending') and assignee_id is not null;

-- A customer's live conversations (the thread a new message joins, by channel and newest first; the live count on
-- the customer's page; whether a customer is between conversations) from one index. Every other look-up by customer
-- goes by conversations_customer_recent, which holds them all.
drop index conversations_customer;
drop index conversations_customer_active;
create index conversations_customer_live on conversations (customer_id, channel, last_message_at desc)
    where status in ('open', 'pending');
