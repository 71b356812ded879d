-- The hour rows summed per day of a zone (temas.reports.zones, the console's by default), so a report over a year
-- reads a day's row where it read twenty-four hours' rows. A day is the hours from its midnight in that zone to the
-- next, as a report cuts them. The aggregation job builds the days of the hours it changed again from their hour rows,
-- in the same transaction. report_day_zones names the zones the day rows are built in; a zone is added by the run that
-- built all its days. A reader whose days are none of those zones' days reads the hour rows.
create table report_day_zones (
    zone text primary key
);

create table report_days (
    zone               text    not null,
    day                date    not null,
    queue_id           uuid,
    channel            text    not null,
    opened             integer not null,
    resolved           integer not null,
    fr_within          integer not null,
    fr_over            integer not null,
    fr_target_seconds  bigint  not null,
    fr_targets         integer not null,
    fr_buckets         integer[],
    res_within         integer not null,
    res_over           integer not null,
    res_target_seconds bigint  not null,
    res_targets        integer not null,
    res_buckets        integer[]
);
create index report_days_day on report_days (zone, day);

create table report_agent_days (
    zone           text    not null,
    day            date    not null,
    queue_id       uuid,
    channel        text    not null,
    agent_id       uuid,
    csat_sum       integer not null,
    csat_count     integer not null,
    csat_satisfied integer not null,
    ces_sum        integer not null,
    ces_count      integer not null,
    rated_helpful  integer not null,
    rated_total    integer not null
);
create index report_agent_days_day on report_agent_days (zone, day);

create table report_tag_days (
    zone          text    not null,
    day           date    not null,
    queue_id      uuid,
    channel       text    not null,
    tag           text    not null,
    conversations integer not null
);
create index report_tag_days_day on report_tag_days (zone, day);
