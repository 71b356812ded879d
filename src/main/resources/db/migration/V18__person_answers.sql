-- A routing rule can say a person answers its topic (money matters): the chat bot hands such a
-- message over at once instead of suggesting articles.
alter table routing_rules add column person_answers boolean not null default false;
