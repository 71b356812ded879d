-- A timeline entry's sentence as a bundle key with arguments, so the console can say it in the
-- reader's language; the English summary stays for the audit trail and the API.
alter table timeline_entries
    add column detail_key  text,
    add column detail_args text[];
