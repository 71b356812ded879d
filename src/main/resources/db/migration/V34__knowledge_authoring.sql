-- Knowledge-base authoring in the console: a synonym group may hold for one language only
-- (null: every language, as before), so "kart" can mean "card" in Turkish without touching
-- Azerbaijani searches.
alter table kb_synonyms add column language text check (language in ('tr', 'az', 'en'));
