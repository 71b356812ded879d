-- Telegram chats the bot has heard from: the user's language (for the share-my-number button),
-- whether the user shared their own phone number, and when the button was last offered.
create table telegram_chats (
    chat_id             text primary key,
    user_id             text not null,
    language            text,
    phone_shared_at     timestamptz,
    keyboard_offered_at timestamptz,
    last_received_at    timestamptz not null
);

-- Messenger and Instagram users who wrote to a page or account: when they last wrote, so a
-- free-form reply outside Meta's 24-hour messaging window is refused before it is attempted.
create table messenger_contacts (
    channel          text not null,
    user_id          text not null,
    account_id       text not null,
    last_received_at timestamptz not null,
    primary key (channel, user_id)
);
