-- Why routing put a conversation where it is, as a bundle key with arguments, so the console can
-- say it in the reader's language; routing_rule and routing_reason stay in English for the audit
-- trail and the API.
alter table conversations
    add column routing_reason_key  text,
    add column routing_reason_args text[];
