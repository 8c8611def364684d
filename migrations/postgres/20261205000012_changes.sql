-- Every change a visitor could see, listing by listing, in the order it was made, so that each instance replaces
-- only the cached answers that show what changed. A row names one listing (`kind`, `listing_id`); `lists` says
-- whether the change also moved lists of that kind: bit 1, which listings are public and how they are filtered and
-- ordered; bit 2, which jobs are featured; bit 4, what a search by words finds; and for a company, bit 8, what job
-- pages and cards show of it (name, address, logo, badge, website). For a job, `owner_id` is its company, whose
-- profile lists its open jobs. `seq` is the `changes` data version the change made: the version's
-- row stays locked until the change commits, so versions are handed out in the order changes become visible, and
-- an instance that has read a version finds every change up to it in the log. Job views and clicks are counters
-- nobody's page shows as they move, and are left out.
create table changes (
    seq bigint primary key,
    kind text not null check (kind in ('job', 'company', 'article')),
    listing_id bigint not null,
    owner_id bigint,
    lists integer not null,
    changed_at bigint not null
);
create index changes_at on changes (changed_at);
insert into data_versions (name, version) values ('changes', 0);

-- The changes log replaces the versions of whole kinds, which moved every cached page that showed one of them.
drop trigger companies_version on companies;
drop trigger company_sectors_version on company_sectors;
drop function bump_companies_version();
drop trigger articles_version on articles;
drop trigger article_categories_version on article_categories;
drop trigger article_tags_version on article_tags;
drop trigger article_companies_version on article_companies;
drop trigger article_jobs_version on article_jobs;
drop function bump_articles_version();

create function record_change(kind text, listing bigint, owner bigint, lists integer) returns void
language plpgsql as $$
declare
    made bigint;
begin
    update data_versions set version = version + 1 where name = 'changes' returning version into made;
    insert into changes (seq, kind, listing_id, owner_id, lists, changed_at)
    values (made, kind, listing, owner, lists, extract(epoch from now())::bigint);
end
$$;

create function job_listing_changed() returns trigger language plpgsql as $$
declare
    lists integer := 0;
begin
    if tg_op = 'DELETE' then
        if old.status = 'published' then
            lists := 5 | case when old.featured_until is not null then 2 else 0 end;
        end if;
        perform record_change('job', old.id, old.company_id, lists);
        return null;
    end if;
    if tg_op = 'INSERT' then
        if new.status = 'published' then
            lists := 5 | case when new.featured_until is not null then 2 else 0 end;
        end if;
    elsif old.status = 'published' or new.status = 'published' then
        if (old.company_listed, old.employment_type, old.sector, old.workplace, old.salary_yearly, old.salary_band,
            old.status, old.published_at, old.featured_from, old.featured_until, old.company_id)
            is distinct from
           (new.company_listed, new.employment_type, new.sector, new.workplace, new.salary_yearly, new.salary_band,
            new.status, new.published_at, new.featured_from, new.featured_until, new.company_id) then
            lists := 1 | case when old.featured_until is not null or new.featured_until is not null then 2 else 0 end;
        end if;
        if (old.title, old.company_name, old.description_text, old.status, old.company_listed)
            is distinct from (new.title, new.company_name, new.description_text, new.status, new.company_listed) then
            lists := lists | 4;
        end if;
    end if;
    perform record_change('job', new.id, new.company_id, lists);
    return null;
end
$$;

create trigger changes_job after insert or delete on jobs
    for each row execute function job_listing_changed();

create trigger changes_job_update after update of
    company_id, title, slug, description, description_html, description_text, company_name,
    company_listed, employment_type, seniority, sector, workplace, remote_eligibility, salary_kind,
    salary_min, salary_max, salary_currency, salary_period, salary_yearly, salary_band, closes_on,
    apply, status, decision_reason, decided_by, decided_at, published_at, closed_at, featured_from,
    featured_until, created_by, created_at, updated_at, submitted_at, decision_note
    on jobs for each row execute function job_listing_changed();

create function job_place_listing_changed() returns trigger language plpgsql as $$
declare
    changed bigint;
    owner bigint;
    published boolean;
begin
    if tg_op = 'DELETE' then
        changed := old.job_id;
    else
        changed := new.job_id;
    end if;
    select company_id, status = 'published' into owner, published from jobs where id = changed;
    perform record_change('job', changed, owner, case when published then 1 else 0 end);
    return null;
end
$$;

create trigger changes_job_places after insert or update or delete on job_locations
    for each row execute function job_place_listing_changed();

create function company_listing_changed() returns trigger language plpgsql as $$
declare
    lists integer := 0;
begin
    if tg_op = 'DELETE' then
        perform record_change('company', old.id, null, 13);
        return null;
    end if;
    if tg_op = 'INSERT' then
        lists := 13;
    else
        if (old.name, old.slug, old.name_key, old.initial, old.status, old.city, old.country, old.decided_at)
            is distinct from
           (new.name, new.slug, new.name_key, new.initial, new.status, new.city, new.country, new.decided_at) then
            lists := 1;
        end if;
        if (old.name, old.tagline, old.description_text, old.city, old.country, old.status)
            is distinct from (new.name, new.tagline, new.description_text, new.city, new.country, new.status) then
            lists := lists | 4;
        end if;
        if (old.name, old.slug, old.logo_version, old.verified_domain, old.website, old.status)
            is distinct from (new.name, new.slug, new.logo_version, new.verified_domain, new.website, new.status) then
            lists := lists | 8;
        end if;
    end if;
    perform record_change('company', new.id, null, lists);
    return null;
end
$$;

create trigger changes_company after insert or update or delete on companies
    for each row execute function company_listing_changed();

create function company_sectors_listing_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        perform record_change('company', old.company_id, null, 1);
    else
        perform record_change('company', new.company_id, null, 1);
    end if;
    return null;
end
$$;

create trigger changes_company_sectors after insert or update or delete on company_sectors
    for each row execute function company_sectors_listing_changed();

create function article_listing_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        perform record_change('article', old.id, null, 1);
    elsif tg_op = 'INSERT' then
        perform record_change('article', new.id, null, 1);
    else
        perform record_change('article', new.id, null,
            case when (old.slug, old.kind, old.status, old.publish_at, old.submitted_for)
                is distinct from (new.slug, new.kind, new.status, new.publish_at, new.submitted_for)
                then 1 else 0 end);
    end if;
    return null;
end
$$;

create trigger changes_article after insert or update or delete on articles
    for each row execute function article_listing_changed();

-- An article's links: its categories, tags, companies and jobs decide which lists show it. A change to `public_at`
-- follows a change to the article itself, which is recorded already.
create function article_link_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        perform record_change('article', old.article_id, null, 1);
    else
        perform record_change('article', new.article_id, null, 1);
    end if;
    return null;
end
$$;

create trigger changes_article_categories after insert or delete on article_categories
    for each row execute function article_link_changed();
create trigger changes_article_tags after insert or delete on article_tags
    for each row execute function article_link_changed();
create trigger changes_article_companies after insert or delete on article_companies
    for each row execute function article_link_changed();
create trigger changes_article_jobs after insert or delete on article_jobs
    for each row execute function article_link_changed();

create function tag_changed() returns trigger language plpgsql as $$
begin
    perform record_change('article', 0, null, 1);
    return null;
end
$$;

create trigger changes_tags after insert or update or delete on tags
    for each row execute function tag_changed();
