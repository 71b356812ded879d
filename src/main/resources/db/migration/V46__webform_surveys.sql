-- Surveys after resolution for web-form conversations too: sent by e-mail or SMS to the address the
-- form left, as the team's answers are. On where an admin already saved the settings, as for the
-- other channels by default.
alter table survey_settings add column webform boolean not null default true;
