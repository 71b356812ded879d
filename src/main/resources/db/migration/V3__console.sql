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
