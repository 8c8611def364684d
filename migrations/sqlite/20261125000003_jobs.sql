-- The jobs board: postings, their places, seekers' saved jobs, and site settings.

create table jobs (
    id integer primary key,
    company_id integer not null references companies (id) on delete cascade,
    title text not null,
    -- The title as it appears in the address after the id; old addresses still find the job by its id.
    slug text not null,
    description text not null,
    description_html text not null,
    description_text text not null,
    -- The company's name and whether it is listed, copied here so lists and search need no join; the
    -- application updates both whenever the company changes.
    company_name text not null,
    company_listed integer not null default 0,
    employment_type text not null,
    seniority text not null,
    sector text not null,
    workplace text not null check (workplace in ('on-site', 'hybrid', 'remote')),
    -- For remote jobs: the countries or regions applicants may live in, one per line.
    remote_eligibility text not null default '',
    salary_kind text not null check (salary_kind in ('hidden', 'range', 'fixed')),
    salary_min integer,
    salary_max integer,
    salary_currency text,
    salary_period text,
    -- The yearly equivalent of the top figure and its band, for sorting and filtering; null when hidden.
    salary_yearly integer,
    salary_band text,
    -- Days since 1970-01-01: applications close at the end of that day (UTC).
    closes_on integer not null,
    apply text not null,
    status text not null default 'draft'
        check (status in ('draft', 'pending', 'published', 'rejected', 'filled', 'expired', 'archived')),
    decision_reason text,
    decided_by integer references users (id) on delete set null,
    decided_at integer,
    -- First publication: the posting date search engines see.
    published_at integer,
    closed_at integer,
    featured_from integer,
    featured_until integer,
    views integer not null default 0,
    apply_clicks integer not null default 0,
    created_by integer references users (id) on delete set null,
    created_at integer not null,
    updated_at integer not null
);
create index jobs_status_published on jobs (status, published_at);
create index jobs_status_closes on jobs (status, closes_on);
create index jobs_status_closed on jobs (status, closed_at);
-- A company's jobs newest first, without reading other companies' jobs.
create index jobs_company_status on jobs (company_id, status, published_at);
-- Covers the search's facet counts, so counting reads the index, not the postings.
create index jobs_facets on jobs (status, company_listed, sector, employment_type, workplace, salary_band, published_at);
-- Only featured jobs are in it, so the sidebar's query never reads the rest.
create index jobs_featured on jobs (status, company_listed, featured_until) where featured_until is not null;

create table job_locations (
    job_id integer not null references jobs (id) on delete cascade,
    position integer not null,
    city text not null,
    region text not null default '',
    country text not null,
    primary key (job_id, position)
);
create index job_locations_country on job_locations (country, job_id);

create table saved_jobs (
    user_id integer not null references users (id) on delete cascade,
    job_id integer not null references jobs (id) on delete cascade,
    saved_at integer not null,
    primary key (user_id, job_id)
);
create index saved_jobs_job on saved_jobs (job_id);

-- Bumped by every change to jobs, so that every instance's cache of search results knows when it is stale.
create table data_versions (
    name text primary key,
    version integer not null
);
insert into data_versions (name, version) values ('jobs', 0);

-- Switches an admin sets, such as whether verified companies' jobs skip the queue.
create table settings (
    key text primary key,
    value text not null
);

create virtual table jobs_fts using fts5 (
    title, company_name, description_text,
    content = 'jobs', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
create trigger jobs_fts_insert after insert on jobs begin
    insert into jobs_fts (rowid, title, company_name, description_text)
    values (new.id, new.title, new.company_name, new.description_text);
end;
create trigger jobs_fts_delete after delete on jobs begin
    insert into jobs_fts (jobs_fts, rowid, title, company_name, description_text)
    values ('delete', old.id, old.title, old.company_name, old.description_text);
end;
create trigger jobs_fts_update after update of title, company_name, description_text on jobs begin
    insert into jobs_fts (jobs_fts, rowid, title, company_name, description_text)
    values ('delete', old.id, old.title, old.company_name, old.description_text);
    insert into jobs_fts (rowid, title, company_name, description_text)
    values (new.id, new.title, new.company_name, new.description_text);
end;
