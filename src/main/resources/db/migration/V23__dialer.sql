-- Preview dialing in the console: the agent who has an entry on screen (status 'previewing')
-- since when, and the time a "call back at" entry is due again.
alter table call_list_entries
    add column held_by     text,
    add column held_at     timestamptz,
    add column callback_at timestamptz;

create index call_list_entries_held on call_list_entries (call_list_id, held_by) where held_by is not null;
create index call_list_entries_callbacks on call_list_entries (call_list_id, callback_at)
    where status = 'pending' and callback_at is not null;

-- Suppression now also takes previewed (not yet called) entries off the lists.
drop index call_list_entries_customer;
create index call_list_entries_customer on call_list_entries (campaign_id, customer_id) where status in ('pending', 'previewing');
