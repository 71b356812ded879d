-- SLA targets in seconds: chat's first answer is due in seconds, not minutes. Existing policies keep their targets.
alter table sla_policies add column first_response_seconds int;
alter table sla_policies add column resolution_seconds int;
update sla_policies set first_response_seconds = first_response_minutes * 60, resolution_seconds = resolution_minutes * 60;
alter table sla_policies alter column first_response_seconds set not null;
alter table sla_policies alter column resolution_seconds set not null;
alter table sla_policies add constraint sla_policies_positive check (first_response_seconds > 0 and resolution_seconds > 0);
alter table sla_policies drop column first_response_minutes;
alter table sla_policies drop column resolution_minutes;
