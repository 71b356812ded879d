-- Merge candidates are reviewed in the console: who decided, the merge a "merge" decision made, and the reason as a
-- code the console says in the reader's language (the English text stays for logs and the API).
alter table merge_candidates
    add column reason_key  text,
    add column reason_args text[],
    add column decided_by  text,
    add column merge_id    uuid references merges (id);

-- Candidates flagged before the codes existed: the one sentence the merge rules wrote.
update merge_candidates m
set reason_key = 'merging.reason.limit', reason_args = array['%' || r[1], '#identity.' || r[2], '%' || r[3]]
from (select id, regexp_match(reason, '^together they would have (\d+) (\w+) identifiers; the limit is (\d+)$') as r
      from merge_candidates) p
where p.id = m.id and p.r is not null;

-- A pair is flagged once while it waits for a person, and never again once a person dismissed it: the resolver's
-- "on conflict do nothing" meets this index. A merge decision does not hold the pair: when that merge is undone,
-- the pair may come back.
drop index merge_candidates_pair;
create unique index merge_candidates_pair on merge_candidates (least(customer_a, customer_b), greatest(customer_a, customer_b))
    where decided_at is null or decision = 'dismissed';
create index merge_candidates_open on merge_candidates (created_at desc) where decided_at is null;
create index merge_candidates_b on merge_candidates (customer_b) where decided_at is null;
create index merge_candidates_a on merge_candidates (customer_a) where decided_at is null;
