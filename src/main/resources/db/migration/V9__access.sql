-- Queue permissions: a console user sees the conversations of all queues, or only of the queues
-- their agent profile belongs to (and those assigned to them). Null follows the role's default.
ALTER TABLE console_users ADD COLUMN queue_access text CHECK (queue_access IN ('all', 'own'));
CREATE TABLE role_queue_access (
    role         text PRIMARY KEY CHECK (role IN ('agent', 'supervisor')),
    queue_access text NOT NULL CHECK (queue_access IN ('all', 'own'))
);

-- An API token may act for a console user; that user's queue permission then applies to it.
ALTER TABLE api_tokens ADD COLUMN username text;

-- A message citing a conversation's reference from a sender who is not on that conversation
-- opens a conversation of its own, linked to the cited one and flagged for the agent.
ALTER TABLE conversations ADD COLUMN cites uuid REFERENCES conversations (id);

-- Finding any conversation: subject words (folded like TextFolding folds Turkish and Azerbaijani
-- letters, so "odeme" finds "Ödeme") through a trigram index, references through their unique
-- index, customers through theirs.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE FUNCTION search_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN lower(translate(value, 'ÇĞİIÖŞÜƏçğıöşüəîïíôóûúéèêâáàä', 'cgiiosuecgiosueiiioouueeeaaaa'));
CREATE INDEX conversations_subject_search ON conversations USING gin (search_fold(subject) gin_trgm_ops);
-- Matches by customer are read newest first without a sort over every channel.
CREATE INDEX conversations_customer_recent ON conversations (customer_id, last_message_at DESC, id DESC);

-- The "all open" inbox view of supervisors and admins reads live work in deadline order.
CREATE INDEX conversations_inbox_all ON conversations (sla_due, id) WHERE status IN ('open', 'pending');
