-- Telephony settings chosen on the settings screen: which PBX places calls and how Temas reaches it.
-- One row; a column left null falls back to the temas.calls.*, temas.asterisk.*, temas.twilio-voice.*
-- and temas.cti.* settings.

create table telephony_settings (
    id                   smallint primary key check (id = 1),
    pbx                  text,
    public_url           text,
    ari_url              text,
    ari_username         text,
    ari_password         text,
    ari_app              text,
    ari_technology       text,
    ari_context          text,
    twilio_account_sid   text,
    twilio_auth_token    text,
    twilio_caller_number text,
    twilio_domain        text,
    twilio_api_url       text,
    cti_dial_url         text,
    updated_at           timestamptz not null,
    updated_by           text
);
