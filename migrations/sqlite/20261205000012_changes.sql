-- Every change a visitor could see, listing by listing, in the order it was made, so that each instance replaces
-- only the cached answers that show what changed. A row names one listing (`kind`, `listing_id`); `lists` says
-- whether the change also moved lists of that kind: bit 1, which listings are public and how they are filtered and
-- ordered; bit 2, which jobs are featured; bit 4, what a search by words finds; and for a company, bit 8, what job
-- pages and cards show of it (name, address, logo, badge, website). For a job, `owner_id` is its company, whose
-- profile lists its open jobs. `seq` is the `changes` data version the change made. Job views and
-- clicks are counters nobody's page shows as they move, and are left out.
create table changes (
    seq integer primary key,
    kind text not null check (kind in ('job', 'company', 'article')),
    listing_id integer not null,
    owner_id integer,
    lists integer not null,
    changed_at integer not null
);
create index changes_at on changes (changed_at);
insert into data_versions (name, version) values ('changes', 0);

-- The changes log replaces the versions of whole kinds, which moved every cached page that showed one of them.
drop trigger companies_version_insert;
drop trigger companies_version_update;
drop trigger companies_version_delete;
drop trigger company_sectors_version_insert;
drop trigger company_sectors_version_delete;
drop trigger articles_version_insert;
drop trigger articles_version_update;
drop trigger articles_version_delete;
drop trigger article_categories_version_insert;
drop trigger article_categories_version_delete;
drop trigger article_tags_version_insert;
drop trigger article_tags_version_delete;
drop trigger article_companies_version_insert;
drop trigger article_companies_version_delete;
drop trigger article_jobs_version_insert;
drop trigger article_jobs_version_delete;

create trigger changes_job_insert after insert on jobs
begin
    update data_versions set version = version + 1 where name = 'changes';
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    select version, 'job', new.id, new.company_id,
        case when new.status = 'published' then 5 | case when new.featured_until is not null then 2 else 0 end else 0 end,
        cast(strftime('%s', 'now') as integer)
    from data_versions where name = 'changes';
end;

create trigger changes_job_update after update of
    company_id, title, slug, description, description_html, description_text, company_name,
    company_listed, employment_type, seniority, sector, workplace, remote_eligibility, salary_kind,
    salary_min, salary_max, salary_currency, salary_period, salary_yearly, salary_band, closes_on,
    apply, status, decision_reason, decided_by, decided_at, published_at, closed_at, featured_from,
    featured_until, created_by, created_at, updated_at, submitted_at, decision_note
    on jobs
begin
    update data_versions set version = version + 1 where name = 'changes';
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    select version, 'job', new.id, new.company_id,
        case when old.status = 'published' or new.status = 'published' then
        (case when old.company_listed is not new.company_listed
            or old.employment_type is not new.employment_type
            or old.sector is not new.sector
            or old.workplace is not new.workplace
            or old.salary_yearly is not new.salary_yearly
            or old.salary_band is not new.salary_band
            or old.status is not new.status
            or old.published_at is not new.published_at
            or old.featured_from is not new.featured_from
            or old.featured_until is not new.featured_until
            or old.company_id is not new.company_id then 1 | case when old.featured_until is not null or new.featured_until is not null then 2 else 0 end else 0 end)
        | (case when old.title is not new.title
            or old.company_name is not new.company_name
            or old.description_text is not new.description_text or old.status is not new.status or old.company_listed is not new.company_listed then 4 else 0 end) else 0 end,
        cast(strftime('%s', 'now') as integer)
    from data_versions where name = 'changes';
end;

create trigger changes_job_delete after delete on jobs
begin
    update data_versions set version = version + 1 where name = 'changes';
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    select version, 'job', old.id, old.company_id,
        case when old.status = 'published' then 5 | case when old.featured_until is not null then 2 else 0 end else 0 end,
        cast(strftime('%s', 'now') as integer)
    from data_versions where name = 'changes';
end;

create trigger changes_job_place_insert after insert on job_locations
begin
    update data_versions set version = version + 1 where name = 'changes';
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    select version, 'job', new.job_id, (select company_id from jobs where id = new.job_id),
        case when exists (select 1 from jobs where id = new.job_id and status = 'published') then 1 else 0 end,
        cast(strftime('%s', 'now') as integer)
    from data_versions where name = 'changes';
end;

create trigger changes_job_place_update after update on job_locations
begin
    update data_versions set version = version + 1 where name = 'changes';
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    select version, 'job', new.job_id, (select company_id from jobs where id = new.job_id),
        case when exists (select 1 from jobs where id = new.job_id and status = 'published') then 1 else 0 end,
        cast(strftime('%s', 'now') as integer)
    from data_versions where name = 'changes';
end;

create trigger changes_job_place_delete after delete on job_locations
begin
    update data_versions set version = version + 1 where name = 'changes';
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    select version, 'job', old.job_id, (select company_id from jobs where id = old.job_id),
        case when exists (select 1 from jobs where id = old.job_id and status = 'published') then 1 else 0 end,
        cast(strftime('%s', 'now') as integer)
    from data_versions where name = 'changes';
end;

create trigger changes_company_insert after insert on companies
begin
    update data_versions set version = version + 1 where name = 'changes';
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    select version, 'company', new.id, null,
        13,
        cast(strftime('%s', 'now') as integer)
    from data_versions where name = 'changes';
end;

create trigger changes_company_update after update on companies
begin
    update data_versions set version = version + 1 where name = 'changes';
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    select version, 'company', new.id, null,
        (case when old.name is not new.name
            or old.slug is not new.slug
            or old.name_key is not new.name_key
            or old.initial is not new.initial
            or old.status is not new.status
            or old.city is not new.city
            or old.country is not new.country
            or old.decided_at is not new.decided_at then 1 else 0 end)
        | (case when old.name is not new.name
            or old.tagline is not new.tagline
            or old.description_text is not new.description_text
            or old.city is not new.city
            or old.country is not new.country
            or old.status is not new.status then 4 else 0 end)
        | (case when old.name is not new.name
            or old.slug is not new.slug
            or old.logo_version is not new.logo_version
            or old.verified_domain is not new.verified_domain
            or old.website is not new.website
            or old.status is not new.status then 8 else 0 end),
        cast(strftime('%s', 'now') as integer)
    from data_versions where name = 'changes';
end;

create trigger changes_company_delete after delete on companies
begin
    update data_versions set version = version + 1 where name = 'changes';
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    select version, 'company', old.id, null,
        13,
        cast(strftime('%s', 'now') as integer)
    from data_versions where name = 'changes';
end;

create trigger changes_company_sectors_insert after insert on company_sectors
begin
    update data_versions set version = version + 1 where name = 'changes';
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    select version, 'company', new.company_id, null,
        1,
        cast(strftime('%s', 'now') as integer)
    from data_versions where name = 'changes';
end;

create trigger changes_company_sectors_update after update on company_sectors
begin
    update data_versions set version = version + 1 where name = 'changes';
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    select version, 'company', new.company_id, null,
        1,
        cast(strftime('%s', 'now') as integer)
    from data_versions where name = 'changes';
end;

create trigger changes_company_sectors_delete after delete on company_sectors
begin
    update data_versions set version = version + 1 where name = 'changes';
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    select version, 'company', old.company_id, null,
        1,
        cast(strftime('%s', 'now') as integer)
    from data_versions where name = 'changes';
end;

create trigger changes_article_insert after insert on articles
begin
    update data_versions set version = version + 1 where name = 'changes';
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    select version, 'article', new.id, null,
        1,
        cast(strftime('%s', 'now') as integer)
    from data_versions where name = 'changes';
end;

create trigger changes_article_update after update on articles
begin
    update data_versions set version = version + 1 where name = 'changes';
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    select version, 'article', new.id, null,
        case when old.slug is not new.slug
            or old.kind is not new.kind
            or old.status is not new.status
            or old.publish_at is not new.publish_at
            or old.submitted_for is not new.submitted_for then 1 else 0 end,
        cast(strftime('%s', 'now') as integer)
    from data_versions where name = 'changes';
end;

create trigger changes_article_delete after delete on articles
begin
    update data_versions set version = version + 1 where name = 'changes';
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    select version, 'article', old.id, null,
        1,
        cast(strftime('%s', 'now') as integer)
    from data_versions where name = 'changes';
end;

create trigger changes_article_categories_insert after insert on article_categories
begin
    update data_versions set version = version + 1 where name = 'changes';
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    select version, 'article', new.article_id, null,
        1,
        cast(strftime('%s', 'now') as integer)
    from data_versions where name = 'changes';
end;

create trigger changes_article_categories_delete after delete on article_categories
begin
    update data_versions set version = version + 1 where name = 'changes';
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    select version, 'article', old.article_id, null,
        1,
        cast(strftime('%s', 'now') as integer)
    from data_versions where name = 'changes';
end;

create trigger changes_article_tags_insert after insert on article_tags
begin
    update data_versions set version = version + 1 where name = 'changes';
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    select version, 'article', new.article_id, null,
        1,
        cast(strftime('%s', 'now') as integer)
    from data_versions where name = 'changes';
end;

create trigger changes_article_tags_delete after delete on article_tags
begin
    update data_versions set version = version + 1 where name = 'changes';
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    select version, 'article', old.article_id, null,
        1,
        cast(strftime('%s', 'now') as integer)
    from data_versions where name = 'changes';
end;

create trigger changes_article_companies_insert after insert on article_companies
begin
    update data_versions set version = version + 1 where name = 'changes';
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    select version, 'article', new.article_id, null,
        1,
        cast(strftime('%s', 'now') as integer)
    from data_versions where name = 'changes';
end;

create trigger changes_article_companies_delete after delete on article_companies
begin
    update data_versions set version = version + 1 where name = 'changes';
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    select version, 'article', old.article_id, null,
        1,
        cast(strftime('%s', 'now') as integer)
    from data_versions where name = 'changes';
end;

create trigger changes_article_jobs_insert after insert on article_jobs
begin
    update data_versions set version = version + 1 where name = 'changes';
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    select version, 'article', new.article_id, null,
        1,
        cast(strftime('%s', 'now') as integer)
    from data_versions where name = 'changes';
end;

create trigger changes_article_jobs_delete after delete on article_jobs
begin
    update data_versions set version = version + 1 where name = 'changes';
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    select version, 'article', old.article_id, null,
        1,
        cast(strftime('%s', 'now') as integer)
    from data_versions where name = 'changes';
end;

create trigger changes_tags_insert after insert on tags
begin
    update data_versions set version = version + 1 where name = 'changes';
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    select version, 'article', 0, null,
        1,
        cast(strftime('%s', 'now') as integer)
    from data_versions where name = 'changes';
end;

create trigger changes_tags_update after update on tags
begin
    update data_versions set version = version + 1 where name = 'changes';
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    select version, 'article', 0, null,
        1,
        cast(strftime('%s', 'now') as integer)
    from data_versions where name = 'changes';
end;

create trigger changes_tags_delete after delete on tags
begin
    update data_versions set version = version + 1 where name = 'changes';
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    select version, 'article', 0, null,
        1,
        cast(strftime('%s', 'now') as integer)
    from data_versions where name = 'changes';
end;
