-- Acknowledgement texts name their placeholders, as canned replies do: {{greeting}}, {{reference}} … instead of {0}, {1} ….
UPDATE ack_templates SET text = replace(replace(text, '{0}', '{{subject}}'), '{1}', '{{reference}}')
 WHERE template_key = 'ack.email.subject';
UPDATE ack_templates SET text = replace(text, '{0}', '{{reference}}')
 WHERE template_key = 'ack.email.subject.plain';
UPDATE ack_templates
   SET text = replace(replace(replace(replace(replace(replace(text,
              '{0}', '{{greeting}}'), '{1}', '{{reference}}'), '{2}', '{{promisedBy}}'), '{3}', '{{wait}}'), '{4}', '{{signature}}'),
              '{5}', '{{late}}')
 WHERE template_key IN ('ack.email.body', 'ack.short');

-- The language the customer's own messages were last recognised in; customers.language stays what was chosen or stated.
ALTER TABLE customers ADD COLUMN detected_language text;

-- Until now the language was only kept on each message: take the one of the customer's latest message.
UPDATE customers c
   SET detected_language = (SELECT m.language FROM messages m JOIN conversations v ON v.id = m.conversation_id
                             WHERE v.customer_id = c.id AND m.direction = 'inbound' AND m.language IS NOT NULL
                             ORDER BY m.occurred_at DESC LIMIT 1)
 WHERE c.merged_into IS NULL;
