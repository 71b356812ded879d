-- The message a campaign sends on each channel, written once on the campaign's screen; a send
-- planned from the console takes its text (and, in e-mail, subject and link) from here.
create table campaign_messages (
    campaign_id uuid not null references campaigns (id) on delete cascade,
    channel     text not null,
    subject     text,
    text        text not null,
    link        text,
    primary key (campaign_id, channel)
);
