-- The dispatcher claims each channel's due sends apart (a lane per channel), oldest first: the index leads with the
-- channel, so a chat lane finds its reply without reading past an e-mail backlog. It serves the outbox meters, which
-- group the pending entries by channel, as the index it replaces did.
drop index outbox_due;
create index outbox_due on outbox (channel, next_attempt_at) where status = 'pending';
