-- Scores computed by admin-edited rules (value, risk, satisfaction, ...) and the alerts raised by alert rules.
create table customer_scores (
    customer_id uuid        not null references customers (id),
    score       text        not null,
    value       numeric     not null,
    computed_at timestamptz not null,
    primary key (customer_id, score)
);

create table customer_alerts (
    id          uuid primary key,
    customer_id uuid        not null references customers (id),
    rule_id     uuid        not null,
    raised_at   timestamptz not null,
    cleared_at  timestamptz
);
create unique index customer_alerts_open on customer_alerts (customer_id, rule_id) where cleared_at is null;

-- The rules an admin edits on the scores screen. A score rule's code is the name its results are kept under in
-- customer_scores.score; its formula and an alert rule's condition are written in the small rule language of the
-- scoring module (weighted facts from a fixed catalogue, with conditions), parsed and checked before they are stored.
create table score_rules (
    id         uuid primary key,
    code       text        not null unique,
    name_tr    text        not null,
    name_az    text        not null,
    name_en    text        not null,
    formula    text        not null,
    position   int         not null default 0,
    updated_at timestamptz not null,
    updated_by text        not null
);

create table alert_rules (
    id         uuid primary key,
    name_tr    text        not null,
    name_az    text        not null,
    name_en    text        not null,
    condition  text        not null,
    severity   text        not null check (severity in ('info', 'warning', 'critical')),
    message_tr text        not null,
    message_az text        not null,
    message_en text        not null,
    active     boolean     not null default true,
    updated_at timestamptz not null,
    updated_by text        not null
);

-- An alert belongs to its rule: deleting the rule deletes its alerts.
alter table customer_alerts add constraint customer_alerts_rule foreign key (rule_id) references alert_rules (id) on delete cascade;
create index customer_alerts_rule on customer_alerts (rule_id) where cleared_at is null;
create index customer_alerts_customer on customer_alerts (customer_id, raised_at desc);

insert into score_rules (id, code, name_tr, name_az, name_en, formula, position, updated_at, updated_by) values
    ('6c0d7a52-38a1-4c0e-9a10-000000000001', 'value', 'Değer', 'Dəyər', 'Value',
     E'# What the customer is worth to the company\n40 if vip\n20 if stage = "loyal"\n10 if stage = "customer"\n2 * events("purchase", 365)\n0.001 * event_sum("payment", "amount", 365)',
     1, now(), 'system'),
    ('6c0d7a52-38a1-4c0e-9a10-000000000002', 'risk', 'Risk', 'Risk', 'Risk',
     E'# How likely the customer is to leave\n40 if stage = "at_risk"\n15 * breaches(30)\n20 * complaints(90)\n10 * events("atm_use", 30, outcome = "refused")\n25 if csat_last <= 2',
     2, now(), 'system'),
    ('6c0d7a52-38a1-4c0e-9a10-000000000003', 'satisfaction', 'Memnuniyet', 'Məmnunluq', 'Satisfaction',
     E'# Average satisfaction (1-5) of the last year, less for complaints\n20 * csat_avg(365)\n-10 * complaints(365)',
     3, now(), 'system');

insert into alert_rules (id, name_tr, name_az, name_en, condition, severity, message_tr, message_az, message_en, active, updated_at, updated_by) values
    ('6c0d7a52-38a1-4c0e-9a20-000000000001', 'Açık şikâyeti olan VIP', 'Açıq şikayəti olan VIP', 'VIP with an open complaint',
     'vip and open_complaints > 0', 'critical',
     'VIP müşterinin açık bir şikâyeti var.', 'VIP müştərinin açıq şikayəti var.', 'A VIP customer has an open complaint.', true, now(), 'system'),
    ('6c0d7a52-38a1-4c0e-9a20-000000000002', '30 günde iki ihlal', '30 gündə iki pozuntu', 'Two breaches in 30 days',
     'breaches(30) >= 2', 'warning',
     'Son 30 günde iki veya daha fazla SLA ihlali.', 'Son 30 gündə iki və ya daha çox SLA pozuntusu.', 'Two or more SLA breaches in the last 30 days.', true, now(), 'system'),
    ('6c0d7a52-38a1-4c0e-9a20-000000000003', 'Riskteki VIP', 'Riskdə olan VIP', 'At risk and VIP',
     'vip and stage = "at_risk"', 'critical',
     'VIP müşteri kaybedilme riskinde.', 'VIP müştəri itirilmə riskindədir.', 'A VIP customer is at risk of leaving.', true, now(), 'system'),
    ('6c0d7a52-38a1-4c0e-9a20-000000000004', 'Bugün ATM''de reddedildi', 'Bu gün bankomatda rədd edildi', 'Refused at an ATM today',
     'events("atm_use", today, outcome = "refused") > 0', 'warning',
     'Müşterinin bugün bir ATM işlemi reddedildi.', 'Müştərinin bu gün bankomat əməliyyatı rədd edildi.', 'The customer was refused at an ATM today.', true, now(), 'system');
