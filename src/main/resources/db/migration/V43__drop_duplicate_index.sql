-- conversations_customer_recent (V9: customer_id, last_message_at desc, id desc) already serves every look-up
-- conversations_customer_last served, and each index on last_message_at is rewritten with every message.
drop index if exists conversations_customer_last;
