-- Cached pages show companies; every change to a company or its sectors bumps this version in the same
-- transaction, so every instance's caches see it.
insert into data_versions (name, version) values ('companies', 0);

create function bump_companies_version() returns trigger language plpgsql as $$
begin
    update data_versions set version = version + 1 where name = 'companies';
    return null;
end
$$;

create trigger companies_version after insert or update or delete on companies
    for each statement execute function bump_companies_version();

create trigger company_sectors_version after insert or update or delete on company_sectors
    for each statement execute function bump_companies_version();
