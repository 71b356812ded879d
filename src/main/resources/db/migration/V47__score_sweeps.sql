-- The hourly safety-net recomputation of every customer's scores is done by one node: the first
-- whose timer moves this time on; the others find it moved and leave the sweep to it.
create table score_sweeps (
    id       smallint primary key check (id = 1),
    swept_at timestamptz not null
);
insert into score_sweeps (id, swept_at) values (1, timestamptz '2000-01-01 00:00:00+00');
