-- News and intelligence: articles, their categories and tags, their links to companies and jobs, and images.

create table articles (
    id bigint generated always as identity primary key,
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
    publish_at bigint,
    decision_reason text,
    decided_by bigint references users (id) on delete set null,
    decided_at bigint,
    -- The company whose member wrote it; null for the editors' own articles.
    submitted_for bigint references companies (id) on delete cascade,
    created_by bigint references users (id) on delete set null,
    -- Bumped by every new image so its address changes; null: no image.
    image_version bigint,
    image_alt text not null default '',
    created_at bigint not null,
    updated_at bigint not null
);
create index articles_public on articles (status, publish_at);
create index articles_public_kind on articles (status, kind, publish_at);
create index articles_company on articles (submitted_for);

-- Each link table carries `public_at`: the article's `publish_at` while it is published, else null; kept in step by
-- a trigger on `articles`. A tag's, category's or company's articles are then one index range, newest first.
create table article_categories (
    article_id bigint not null references articles (id) on delete cascade,
    category text not null,
    public_at bigint,
    primary key (article_id, category)
);
create index article_categories_category on article_categories (category, public_at, article_id);

create table tags (
    id bigint generated always as identity primary key,
    slug text not null unique,
    name text not null
);

create table article_tags (
    article_id bigint not null references articles (id) on delete cascade,
    tag_id bigint not null references tags (id) on delete cascade,
    public_at bigint,
    primary key (article_id, tag_id)
);
create index article_tags_tag on article_tags (tag_id, public_at, article_id);

-- Typed links: a story is about a company or mentions it.
create table article_companies (
    article_id bigint not null references articles (id) on delete cascade,
    company_id bigint not null references companies (id) on delete cascade,
    relation text not null check (relation in ('about', 'mentions')),
    public_at bigint,
    primary key (article_id, company_id)
);
create index article_companies_company on article_companies (company_id, public_at, article_id);

create table article_jobs (
    article_id bigint not null references articles (id) on delete cascade,
    job_id bigint not null references jobs (id) on delete cascade,
    primary key (article_id, job_id)
);
create index article_jobs_job on article_jobs (job_id, article_id);

-- Renditions of an article's image: `wide` (at most 1200 px wide) and `thumb` (at most 320 px wide).
create table article_images (
    article_id bigint not null references articles (id) on delete cascade,
    size text not null check (size in ('wide', 'thumb')),
    format text not null check (format in ('png', 'jpeg')),
    width bigint not null,
    height bigint not null,
    bytes bytea not null,
    primary key (article_id, size)
);

-- Publishing, scheduling and unpublishing move the links' copy of the publication time with them.
create function sync_article_public_at() returns trigger language plpgsql as $$
declare
    visible bigint := case when new.status = 'published' then new.publish_at end;
begin
    update article_categories set public_at = visible where article_id = new.id;
    update article_tags set public_at = visible where article_id = new.id;
    update article_companies set public_at = visible where article_id = new.id;
    return null;
end
$$;

create trigger articles_public_at after update of status, publish_at on articles
    for each row execute function sync_article_public_at();

-- Cached pages show articles; every change to one or its links bumps this version in the same transaction.
insert into data_versions (name, version) values ('articles', 0);

create function bump_articles_version() returns trigger language plpgsql as $$
begin
    update data_versions set version = version + 1 where name = 'articles';
    return null;
end
$$;

create trigger articles_version after insert or update or delete on articles
    for each statement execute function bump_articles_version();

create trigger article_categories_version after insert or update or delete on article_categories
    for each statement execute function bump_articles_version();

create trigger article_tags_version after insert or update or delete on article_tags
    for each statement execute function bump_articles_version();

create trigger article_companies_version after insert or update or delete on article_companies
    for each statement execute function bump_articles_version();

create trigger article_jobs_version after insert or update or delete on article_jobs
    for each statement execute function bump_articles_version();
