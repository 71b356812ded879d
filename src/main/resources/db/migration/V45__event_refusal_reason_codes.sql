-- Why a line was refused, as the console says it in the reader's language: a bundle key and its arguments beside the
-- English sentence the API answers with. Lines refused before have none and are shown in English.
alter table customer_event_refusals add column reason_key text, add column reason_args text[];
