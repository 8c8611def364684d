-- The company directory: profiles, their sectors, former addresses, teams, invitations and logos.

alter table users add column email_verified_at integer;

create table companies (
    id integer primary key,
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
    decided_by integer references users (id) on delete set null,
    decided_at integer,
    verified_domain text,
    verified_at integer,
    -- Bumped by every new logo so its address changes and caches never serve an old one; null: no logo.
    logo_version integer,
    created_by integer references users (id) on delete set null,
    created_at integer not null,
    updated_at integer not null
);
create index companies_status_name on companies (status, name_key);
create index companies_status_initial on companies (status, initial, name_key);
create index companies_status_created on companies (status, created_at);
-- Covering indexes for the directory's filter lists and the sidebar, so neither reads whole profiles.
create index companies_status_place on companies (status, country, city);
create index companies_status_decided on companies (status, decided_at);

create table company_sectors (
    company_id integer not null references companies (id) on delete cascade,
    sector text not null,
    primary key (company_id, sector)
);
create index company_sectors_sector on company_sectors (sector, company_id);

create table company_slug_history (
    slug text primary key,
    company_id integer not null references companies (id) on delete cascade
);

create table company_members (
    company_id integer not null references companies (id) on delete cascade,
    user_id integer not null references users (id) on delete cascade,
    role text not null check (role in ('owner', 'editor')),
    joined_at integer not null,
    primary key (company_id, user_id)
);
create index company_members_user on company_members (user_id);

create table company_invitations (
    id integer primary key,
    company_id integer not null references companies (id) on delete cascade,
    email text not null,
    -- SHA-256 of the token in the link; the token itself is never stored.
    token_hash text not null unique,
    invited_by integer references users (id) on delete set null,
    created_at integer not null,
    expires_at integer not null,
    accepted_at integer
);
create index company_invitations_company on company_invitations (company_id);

create table company_logos (
    company_id integer not null references companies (id) on delete cascade,
    size integer not null,
    png blob not null,
    primary key (company_id, size)
);

-- Full-text search over the directory, kept in step with the table by triggers.
create virtual table companies_fts using fts5 (
    name, tagline, description_text, city, country,
    content = 'companies', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
create trigger companies_fts_insert after insert on companies begin
    insert into companies_fts (rowid, name, tagline, description_text, city, country)
    values (new.id, new.name, new.tagline, new.description_text, new.city, new.country);
end;
create trigger companies_fts_delete after delete on companies begin
    insert into companies_fts (companies_fts, rowid, name, tagline, description_text, city, country)
    values ('delete', old.id, old.name, old.tagline, old.description_text, old.city, old.country);
end;
create trigger companies_fts_update after update of name, tagline, description_text, city, country on companies begin
    insert into companies_fts (companies_fts, rowid, name, tagline, description_text, city, country)
    values ('delete', old.id, old.name, old.tagline, old.description_text, old.city, old.country);
    insert into companies_fts (rowid, name, tagline, description_text, city, country)
    values (new.id, new.name, new.tagline, new.description_text, new.city, new.country);
end;
