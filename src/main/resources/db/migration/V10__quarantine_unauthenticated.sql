-- Input refused before its sender proved who it is (a forged or missing webhook signature) is kept
-- only in part and only for a while: anybody can send it, as fast as they like.
alter table quarantine add column unauthenticated boolean not null default false;
alter table quarantine add column truncated boolean not null default false;
create index quarantine_unauthenticated on quarantine (received_at) where unauthenticated;
