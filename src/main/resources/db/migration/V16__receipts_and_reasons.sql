-- Delivery receipts that arrived before the send they are about was committed (the provider
-- answered the send and reported it delivered while the dispatcher was still writing), kept until
-- the reference is written and applied then; old ones are cleared as new ones arrive.
create table outbox_receipts (
    transport   text        not null,
    reference   text        not null,
    delivery    text        not null,
    detail      text,
    received_at timestamptz not null,
    primary key (transport, reference, delivery)
);
create index outbox_receipts_received on outbox_receipts (received_at);

-- Why a send failed or was not made, as a message key and its arguments that the console shows in
-- the reader's language; the English text stays in last_error / delivery_error for logs and the API.
alter table outbox add column last_error_code text;
alter table outbox add column last_error_args text[];
alter table messages add column delivery_error_code text;
alter table messages add column delivery_error_args text[];
