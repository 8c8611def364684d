-- Every change that can move a job in or out of search results, or change what it is found by, in the order it
-- was made: changes to jobs that are not and were not published (drafts, the review queue) are nobody's but their
-- team's, and move nothing. Each instance's search index follows this log. `seq` is the jobs' data version the change made, so
-- an instance that has read the version knows which changes it must have applied.
create table job_changes (
    seq integer primary key,
    job_id integer not null,
    changed_at integer not null
);
create index job_changes_at on job_changes (changed_at);

create trigger job_changes_insert after insert on jobs when new.status = 'published' begin
    update data_versions set version = version + 1 where name = 'jobs';
    insert into job_changes (seq, job_id, changed_at)
    select version, new.id, cast(strftime('%s', 'now') as integer) from data_versions where name = 'jobs';
end;

create trigger job_changes_update after update of title, company_name, company_listed, description_text,
    employment_type, sector, workplace, salary_yearly, salary_band, status, published_at, featured_from,
    featured_until, company_id on jobs
when (old.status = 'published' or new.status = 'published') and (old.title is not new.title or old.company_name is not new.company_name
    or old.company_listed is not new.company_listed or old.description_text is not new.description_text
    or old.employment_type is not new.employment_type or old.sector is not new.sector
    or old.workplace is not new.workplace or old.salary_yearly is not new.salary_yearly
    or old.salary_band is not new.salary_band or old.status is not new.status
    or old.published_at is not new.published_at or old.featured_from is not new.featured_from
    or old.featured_until is not new.featured_until or old.company_id is not new.company_id)
begin
    update data_versions set version = version + 1 where name = 'jobs';
    insert into job_changes (seq, job_id, changed_at)
    select version, new.id, cast(strftime('%s', 'now') as integer) from data_versions where name = 'jobs';
end;

create trigger job_changes_delete after delete on jobs when old.status = 'published' begin
    update data_versions set version = version + 1 where name = 'jobs';
    insert into job_changes (seq, job_id, changed_at)
    select version, old.id, cast(strftime('%s', 'now') as integer) from data_versions where name = 'jobs';
end;

create trigger job_changes_place_insert after insert on job_locations
when exists (select 1 from jobs where id = new.job_id and status = 'published') begin
    update data_versions set version = version + 1 where name = 'jobs';
    insert into job_changes (seq, job_id, changed_at)
    select version, new.job_id, cast(strftime('%s', 'now') as integer) from data_versions where name = 'jobs';
end;

create trigger job_changes_place_delete after delete on job_locations
when exists (select 1 from jobs where id = old.job_id and status = 'published') begin
    update data_versions set version = version + 1 where name = 'jobs';
    insert into job_changes (seq, job_id, changed_at)
    select version, old.job_id, cast(strftime('%s', 'now') as integer) from data_versions where name = 'jobs';
end;

create trigger job_changes_place_update after update on job_locations
when exists (select 1 from jobs where id = new.job_id and status = 'published') begin
    update data_versions set version = version + 1 where name = 'jobs';
    insert into job_changes (seq, job_id, changed_at)
    select version, new.job_id, cast(strftime('%s', 'now') as integer) from data_versions where name = 'jobs';
end;
