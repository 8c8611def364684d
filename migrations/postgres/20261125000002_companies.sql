-- The company directory: profiles, their sectors, former addresses, teams, invitations and logos.

alter table users add column email_verified_at bigint;

create table companies (
    id bigint generated always as identity primary key,
    slug text not null unique,
    name text not null,
    -- The name with case and punctuation removed: two companies may not share it.
    name_key text not null unique,
    initial text not null,
    tagline text not null,
    description text not null,
    description_html text not null,
    description_text text not null,
    website text not null,
    contact_email text not null,
    city text not null,
    country text not null,
    size text not null,
    -- One web address per line.
    socials text not null default '',
    status text not null default 'pending' check (status in ('pending', 'approved', 'rejected', 'suspended')),
    decision_reason text,
    decided_by bigint references users (id) on delete set null,
    decided_at bigint,
    verified_domain text,
    verified_at bigint,
    -- Bumped by every new logo so its address changes and caches never serve an old one; null: no logo.
    logo_version bigint,
    created_by bigint references users (id) on delete set null,
    created_at bigint not null,
    updated_at bigint not null,
    -- Full-text search over the directory.
    search tsvector generated always as (
        setweight(to_tsvector('simple', name), 'A')
        || setweight(to_tsvector('simple', tagline), 'B')
        || setweight(to_tsvector('simple', city || ' ' || country), 'B')
        || setweight(to_tsvector('simple', description_text), 'C')
    ) stored
);
create index companies_status_name on companies (status, name_key);
create index companies_status_initial on companies (status, initial, name_key);
create index companies_status_created on companies (status, created_at);
-- Covering indexes for the directory's filter lists and the sidebar, so neither reads whole profiles.
create index companies_status_place on companies (status, country, city);
create index companies_status_decided on companies (status, decided_at);
create index companies_search on companies using gin (search);

create table company_sectors (
    company_id bigint not null references companies (id) on delete cascade,
    sector text not null,
    primary key (company_id, sector)
);
create index company_sectors_sector on company_sectors (sector, company_id);

create table company_slug_history (
    slug text primary key,
    company_id bigint not null references companies (id) on delete cascade
);

create table company_members (
    company_id bigint not null references companies (id) on delete cascade,
    user_id bigint not null references users (id) on delete cascade,
    role text not null check (role in ('owner', 'editor')),
    joined_at bigint not null,
    primary key (company_id, user_id)
);
create index company_members_user on company_members (user_id);

create table company_invitations (
    id bigint generated always as identity primary key,
    company_id bigint not null references companies (id) on delete cascade,
    email text not null,
    -- SHA-256 of the token in the link; the token itself is never stored.
    token_hash text not null unique,
    invited_by bigint references users (id) on delete set null,
    created_at bigint not null,
    expires_at bigint not null,
    accepted_at bigint
);
create index company_invitations_company on company_invitations (company_id);

create table company_logos (
    company_id bigint not null references companies (id) on delete cascade,
    size bigint not null,
    png bytea not null,
    primary key (company_id, size)
);
