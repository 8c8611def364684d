-- A profile in sections: what the company does, what it offers its people and where its offices are (one item a
-- line), and a cover picture shown across the top of the profile.
alter table companies add column services text not null default '';
alter table companies add column benefits text not null default '';
alter table companies add column offices text not null default '';
-- Bumped by every new cover so its address changes; null: no cover.
alter table companies add column cover_version bigint;

-- Renditions of a company's cover, cut to three times as wide as high: `wide` (1200 px) and `narrow` (600 px).
create table company_covers (
    company_id bigint not null references companies (id) on delete cascade,
    size text not null check (size in ('wide', 'narrow')),
    format text not null check (format in ('png', 'jpeg')),
    width bigint not null,
    height bigint not null,
    bytes bytea not null,
    primary key (company_id, size)
);
