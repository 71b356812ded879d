-- Why routing put a conversation where it is, as a bundle key with arguments, so the console can
-- say it in the reader's language; routing_rule and routing_reason stay in English for the audit
-- trail and the API.
alter table conversations
    add column routing_reason_key  text,
    add column routing_reason_args text[];

-- Conversations routed before: the engine's own reasons (an entry point's queue, the fallback queue,
-- a transfer) are read back from their English; a rule's conditions stay as they were written.
update conversations
   set routing_reason_key = 'routing.why.entryPointQueue',
       routing_reason_args = regexp_match(routing_reason, '^no rule matched; entry point (.*) belongs to queue (.*)$')
 where routing_reason_key is null and routing_rule = 'entry point'
   and routing_reason ~ '^no rule matched; entry point .* belongs to queue .*$';

update conversations
   set routing_reason_key = 'routing.why.fallback',
       routing_reason_args = regexp_match(routing_reason, '^no rule matched and no entry point was given; fallback queue (.*)$')
 where routing_reason_key is null and routing_rule = 'fallback'
   and routing_reason ~ '^no rule matched and no entry point was given; fallback queue .*$';

update conversations
   set routing_reason_key = 'routing.why.fallbackUnknown',
       routing_reason_args = regexp_match(routing_reason, '^no rule matched and ''(.*)'' is not an entry point; fallback queue (.*)$')
 where routing_reason_key is null and routing_rule = 'fallback'
   and routing_reason ~ '^no rule matched and ''.*'' is not an entry point; fallback queue .*$';

update conversations
   set routing_reason_key = 'routing.why.transferred',
       routing_reason_args = regexp_match(routing_reason, '^transferred to (.*)$')
 where routing_reason_key is null and routing_rule = 'manual transfer' and routing_reason ~ '^transferred to .*$';
