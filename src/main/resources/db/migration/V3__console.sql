-- People who sign in to the console. An agent's routing profile (skills, capacity, queues) lives in
-- agents and is joined by username; supervisors and admins may have no agent profile.
CREATE TABLE console_users (
    id            uuid PRIMARY KEY,
    username      text NOT NULL UNIQUE,
    display_name  text NOT NULL,
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
    language      text NOT NULL DEFAULT 'tr',
    enabled       boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- What the inbox sorts by: the next SLA deadline (first response until answered, then
-- resolution); conversations without a deadline sort last.
ALTER TABLE conversations ADD COLUMN sla_due timestamptz GENERATED ALWAYS AS (
    coalesce(CASE WHEN first_responded_at IS NULL THEN first_response_due ELSE resolution_due END, 'infinity')) STORED;
ALTER TABLE conversations ADD COLUMN tags text[] NOT NULL DEFAULT '{}';
-- A conversation merged into another keeps its row (and reference) and points at the survivor.
ALTER TABLE conversations ADD COLUMN merged_into uuid REFERENCES conversations (id);

-- One index per inbox view, each ordered the way the view pages (sla_due, id), so a page costs
-- the same with a thousand or a million conversations.
CREATE INDEX conversations_inbox_assignee ON conversations (assignee_id, sla_due, id) WHERE status IN ('open', 'pending');
CREATE INDEX conversations_inbox_unassigned ON conversations (queue_id, sla_due, id) WHERE assignee_id IS NULL AND status = 'open';
CREATE INDEX conversations_inbox_queue ON conversations (queue_id, sla_due, id) WHERE status IN ('open', 'pending');
CREATE INDEX conversations_inbox_waiting ON conversations (assignee_id, sla_due, id) WHERE status = 'pending';

-- The SLA monitor looks only at live conversations; finished ones that never breached used to
-- stay in these indexes for ever and made every check slower as history grew.
DROP INDEX conversations_first_due;
DROP INDEX conversations_resolution_due;
CREATE INDEX conversations_first_due ON conversations (first_response_due)
    WHERE first_responded_at IS NULL AND NOT first_response_breached AND status IN ('open', 'pending');
CREATE INDEX conversations_resolution_due ON conversations (resolution_due)
    WHERE resolved_at IS NULL AND NOT resolution_breached AND status IN ('open', 'pending');

-- Canned replies agents insert and edit before sending; {{customer}}, {{agent}} and
-- {{reference}} are filled in.
CREATE TABLE canned_replies (
    id         uuid PRIMARY KEY,
    title      text NOT NULL,
    body       text NOT NULL,
    language   text NOT NULL DEFAULT 'tr',
    created_at timestamptz NOT NULL,
    UNIQUE (title, language)
);
CREATE INDEX customers_name_prefix ON customers (lower(display_name) text_pattern_ops) WHERE merged_into IS NULL;
