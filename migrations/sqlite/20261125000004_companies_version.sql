-- Cached pages show companies; every change to a company or its sectors bumps this version in the same
-- transaction, so every instance's caches see it.
insert into data_versions (name, version) values ('companies', 0);

create trigger companies_version_insert after insert on companies
begin
    update data_versions set version = version + 1 where name = 'companies';
end;

create trigger companies_version_update after update on companies
begin
    update data_versions set version = version + 1 where name = 'companies';
end;

create trigger companies_version_delete after delete on companies
begin
    update data_versions set version = version + 1 where name = 'companies';
end;

create trigger company_sectors_version_insert after insert on company_sectors
begin
    update data_versions set version = version + 1 where name = 'companies';
end;

create trigger company_sectors_version_delete after delete on company_sectors
begin
    update data_versions set version = version + 1 where name = 'companies';
end;
