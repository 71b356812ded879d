-- Complaint categories (a code kept on conversations.complaint_category, with a name in each
-- language the console speaks) and keyword rules that mark a conversation a complaint when a
-- customer's message says one of their words or phrases.

create table complaint_categories (
    code       text primary key,
    name_tr    text        not null,
    name_az    text        not null,
    name_en    text        not null,
    position   int         not null default 0,
    created_at timestamptz not null
);

create table complaint_rules (
    id         uuid primary key,
    name       text        not null unique,
    category   text        not null references complaint_categories (code),
    language   text,
    keywords   text[]      not null,
    active     boolean     not null default true,
    created_at timestamptz not null
);

-- The win-back list looks for breached conversations within its look-back.
create index conversations_breached on conversations (created_at) where first_response_breached or resolution_breached;

insert into complaint_categories (code, name_tr, name_az, name_en, position, created_at) values
    ('billing', 'Fatura ve ücretler', 'Hesab və ödənişlər', 'Billing and charges', 1, now()),
    ('service', 'Hizmet kalitesi', 'Xidmət keyfiyyəti', 'Service quality', 2, now()),
    ('delivery', 'Teslimat', 'Çatdırılma', 'Delivery', 3, now()),
    ('staff', 'Personel tutumu', 'Əməkdaşların davranışı', 'Staff behaviour', 4, now()),
    ('technical', 'Teknik arıza', 'Texniki nasazlıq', 'Technical fault', 5, now()),
    ('other', 'Diğer', 'Digər', 'Other', 6, now());
