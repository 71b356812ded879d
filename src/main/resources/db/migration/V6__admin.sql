-- Acknowledgement texts changed by an admin, per language; the message bundles hold the defaults.
CREATE TABLE ack_templates (
    language     text NOT NULL,
    template_key text NOT NULL,
    text         text NOT NULL,
    updated_by   text,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (language, template_key)
);
