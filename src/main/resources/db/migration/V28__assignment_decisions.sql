-- A person's decision about who works a conversation outlives the next automatic offer:
-- taken_from lists the agents someone took it away from by hand (the auto-assigner offers it to
-- them again only when nobody else qualified is online in its queue), and held_until keeps an
-- explicitly unassigned conversation out of automatic assignment for a while, so it waits in the
-- queue's unassigned view for someone to take it.
alter table conversations
    add column taken_from uuid[] not null default '{}',
    add column held_until timestamptz;

create index conversations_held_until on conversations (held_until) where held_until is not null;
