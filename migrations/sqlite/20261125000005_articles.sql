-- News and intelligence: articles, their categories and tags, their links to companies and jobs, and images.

create table articles (
    id integer primary key,
    slug text not null unique,
    kind text not null check (kind in ('news', 'feature', 'infographic')),
    title text not null,
    standfirst text not null,
    body text not null,
    body_html text not null,
    body_text text not null,
    -- An infographic's data in words, for readers who cannot see the image.
    data_text text not null default '',
    author_name text not null,
    source_url text,
    -- draft → published (now or at publish_at) → draft again when unpublished; a company's article is
    -- submitted → published | rejected.
    status text not null default 'draft' check (status in ('draft', 'submitted', 'published', 'rejected')),
    -- When a published article appears; later than now for a scheduled one.
    publish_at integer,
    decision_reason text,
    decided_by integer references users (id) on delete set null,
    decided_at integer,
    -- The company whose member wrote it; null for the editors' own articles.
    submitted_for integer references companies (id) on delete cascade,
    created_by integer references users (id) on delete set null,
    -- Bumped by every new image so its address changes; null: no image.
    image_version integer,
    image_alt text not null default '',
    created_at integer not null,
    updated_at integer not null
);
create index articles_public on articles (status, publish_at);
create index articles_public_kind on articles (status, kind, publish_at);
create index articles_company on articles (submitted_for);

-- Each link table carries `public_at`: the article's `publish_at` while it is published, else null; kept in step by
-- a trigger on `articles`. A tag's, category's or company's articles are then one index range, newest first.
create table article_categories (
    article_id integer not null references articles (id) on delete cascade,
    category text not null,
    public_at integer,
    primary key (article_id, category)
);
create index article_categories_category on article_categories (category, public_at, article_id);

create table tags (
    id integer primary key,
    slug text not null unique,
    name text not null
);

create table article_tags (
    article_id integer not null references articles (id) on delete cascade,
    tag_id integer not null references tags (id) on delete cascade,
    public_at integer,
    primary key (article_id, tag_id)
);
create index article_tags_tag on article_tags (tag_id, public_at, article_id);

-- Typed links: a story is about a company or mentions it.
create table article_companies (
    article_id integer not null references articles (id) on delete cascade,
    company_id integer not null references companies (id) on delete cascade,
    relation text not null check (relation in ('about', 'mentions')),
    public_at integer,
    primary key (article_id, company_id)
);
create index article_companies_company on article_companies (company_id, public_at, article_id);

create table article_jobs (
    article_id integer not null references articles (id) on delete cascade,
    job_id integer not null references jobs (id) on delete cascade,
    primary key (article_id, job_id)
);
create index article_jobs_job on article_jobs (job_id, article_id);

-- Renditions of an article's image: `wide` (at most 1200 px wide) and `thumb` (at most 320 px wide).
create table article_images (
    article_id integer not null references articles (id) on delete cascade,
    size text not null check (size in ('wide', 'thumb')),
    format text not null check (format in ('png', 'jpeg')),
    width integer not null,
    height integer not null,
    bytes blob not null,
    primary key (article_id, size)
);

-- Publishing, scheduling and unpublishing move the links' copy of the publication time with them.
create trigger articles_public_at after update of status, publish_at on articles
begin
    update article_categories set public_at = case when new.status = 'published' then new.publish_at end
        where article_id = new.id;
    update article_tags set public_at = case when new.status = 'published' then new.publish_at end
        where article_id = new.id;
    update article_companies set public_at = case when new.status = 'published' then new.publish_at end
        where article_id = new.id;
end;

-- Cached pages show articles; every change to one or its links bumps this version in the same transaction.
insert into data_versions (name, version) values ('articles', 0);

create trigger articles_version_insert after insert on articles
begin
    update data_versions set version = version + 1 where name = 'articles';
end;
create trigger articles_version_update after update on articles
begin
    update data_versions set version = version + 1 where name = 'articles';
end;
create trigger articles_version_delete after delete on articles
begin
    update data_versions set version = version + 1 where name = 'articles';
end;
create trigger article_categories_version_insert after insert on article_categories
begin
    update data_versions set version = version + 1 where name = 'articles';
end;
create trigger article_categories_version_delete after delete on article_categories
begin
    update data_versions set version = version + 1 where name = 'articles';
end;
create trigger article_tags_version_insert after insert on article_tags
begin
    update data_versions set version = version + 1 where name = 'articles';
end;
create trigger article_tags_version_delete after delete on article_tags
begin
    update data_versions set version = version + 1 where name = 'articles';
end;
create trigger article_companies_version_insert after insert on article_companies
begin
    update data_versions set version = version + 1 where name = 'articles';
end;
create trigger article_companies_version_delete after delete on article_companies
begin
    update data_versions set version = version + 1 where name = 'articles';
end;
create trigger article_jobs_version_insert after insert on article_jobs
begin
    update data_versions set version = version + 1 where name = 'articles';
end;
create trigger article_jobs_version_delete after delete on article_jobs
begin
    update data_versions set version = version + 1 where name = 'articles';
end;
