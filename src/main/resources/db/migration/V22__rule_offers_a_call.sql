-- A routing rule can offer a call: a chat or an e-mail on its topic (money matters, say) gets the
-- offer of a callback at a time the customer chooses.
alter table routing_rules add column offer_call boolean not null default false;
