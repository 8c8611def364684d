-- Every change that can move a job in or out of search results, or change what it is found by, in the order it
-- was made: changes to jobs that are not and were not published (drafts, the review queue) are nobody's but their
-- team's, and move nothing. Each instance's search index follows this log. `seq` is the jobs' data version the change made: the
-- version's row stays locked until the change commits, so versions are handed out in the order changes become
-- visible, and an instance that has read a version finds every change up to it in the log.
create table job_changes (
    seq bigint primary key,
    job_id bigint not null,
    changed_at bigint not null
);
create index job_changes_at on job_changes (changed_at);

create function record_job_change(changed bigint) returns void language plpgsql as $$
declare
    made bigint;
begin
    update data_versions set version = version + 1 where name = 'jobs' returning version into made;
    insert into job_changes (seq, job_id, changed_at)
    values (made, changed, extract(epoch from now())::bigint);
end
$$;

create function job_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        if old.status = 'published' then
            perform record_job_change(old.id);
        end if;
    elsif tg_op = 'INSERT' then
        if new.status = 'published' then
            perform record_job_change(new.id);
        end if;
    elsif old.status = 'published' or new.status = 'published' then
        perform record_job_change(new.id);
    end if;
    return null;
end
$$;

create function job_place_changed() returns trigger language plpgsql as $$
declare
    changed bigint;
begin
    if tg_op = 'DELETE' then
        changed := old.job_id;
    else
        changed := new.job_id;
    end if;
    if exists (select 1 from jobs where id = changed and status = 'published') then
        perform record_job_change(changed);
    end if;
    return null;
end
$$;

create trigger job_changes_insert after insert or delete on jobs
    for each row execute function job_changed();

create trigger job_changes_update after update of title, company_name, company_listed, description_text,
    employment_type, sector, workplace, salary_yearly, salary_band, status, published_at, featured_from,
    featured_until, company_id on jobs
    for each row
    when (old.title is distinct from new.title or old.company_name is distinct from new.company_name
        or old.company_listed is distinct from new.company_listed
        or old.description_text is distinct from new.description_text
        or old.employment_type is distinct from new.employment_type or old.sector is distinct from new.sector
        or old.workplace is distinct from new.workplace or old.salary_yearly is distinct from new.salary_yearly
        or old.salary_band is distinct from new.salary_band or old.status is distinct from new.status
        or old.published_at is distinct from new.published_at
        or old.featured_from is distinct from new.featured_from
        or old.featured_until is distinct from new.featured_until or old.company_id is distinct from new.company_id)
    execute function job_changed();

create trigger job_changes_places after insert or update or delete on job_locations
    for each row execute function job_place_changed();
