-- A call list built from the campaign page carries the form's token: pressed twice, or by two
-- tabs at once, the form builds one list.
alter table call_lists add column request_id uuid;
create unique index call_lists_request on call_lists (request_id) where request_id is not null;
