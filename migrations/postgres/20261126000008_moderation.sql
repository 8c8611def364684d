-- Moderation: an append-only audit log, reports from the public, edits of approved listings waiting for review,
-- suspended accounts and refused email domains.

-- One row per moderation action, role change or suspension, written in the transaction of the change itself.
-- Rows outlive the accounts they name, so the actor's address is copied and not a foreign key.
create table audit_log (
    id bigint generated always as identity primary key,
    at bigint not null,
    actor_id bigint,
    actor_email text not null,
    -- Such as job.approve, job-edit.reject, company.suspend, article.publish, user.role, domain.ban, report.dismiss.
    action text not null,
    target_kind text not null,
    target_id text not null,
    -- The target's title, name or address at the time.
    target_label text not null,
    reason text,
    note text not null default '',
    -- A JSON object: each changed field's name with [before, after].
    changes text not null default '{}',
    -- For refusals: the listing's fields as the moderator saw them (a JSON list of [label, value]), so a
    -- resubmission can be shown as what changed since.
    snapshot text,
    -- For decisions: seconds from submission to the decision.
    waited bigint
);
create index audit_log_at on audit_log (at);
create index audit_log_target on audit_log (target_kind, target_id, at);
create index audit_log_actor on audit_log (actor_email, at);

create function audit_log_refuse() returns trigger language plpgsql as $$
begin
    raise exception 'audit rows are never changed or deleted';
end;
$$;
create trigger audit_log_no_change before update or delete on audit_log
    for each row execute function audit_log_refuse();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_refuse();

-- When a listing last went to the moderators, for the queue's order and the moderation time.
alter table jobs add column submitted_at bigint;
alter table jobs add column decision_note text not null default '';
alter table companies add column submitted_at bigint;
alter table companies add column decision_note text not null default '';
alter table articles add column submitted_at bigint;
alter table articles add column decision_note text not null default '';
update jobs set submitted_at = updated_at where status in ('pending', 'rejected');
update companies set submitted_at = created_at;
update articles set submitted_at = updated_at where status in ('submitted', 'rejected');

-- A material edit of a published job, waiting for review while the approved version stays public: the posting's
-- columns as in jobs, the places one per line (city, region, country separated by tabs).
create table job_revisions (
    job_id bigint primary key references jobs (id) on delete cascade,
    title text not null,
    slug text not null,
    description text not null,
    description_html text not null,
    description_text text not null,
    employment_type text not null,
    seniority text not null,
    sector text not null,
    workplace text not null,
    remote_eligibility text not null default '',
    salary_kind text not null,
    salary_min bigint,
    salary_max bigint,
    salary_currency text,
    salary_period text,
    salary_yearly bigint,
    salary_band text,
    closes_on bigint not null,
    apply text not null,
    locations text not null,
    -- pending: waiting; rejected: refused with a reason, the team may change it and send it again.
    status text not null default 'pending' check (status in ('pending', 'rejected')),
    decision_reason text,
    decision_note text not null default '',
    submitted_by bigint references users (id) on delete set null,
    submitted_at bigint not null
);

-- A material edit of an approved company's name or description, waiting for review.
create table company_revisions (
    company_id bigint primary key references companies (id) on delete cascade,
    name text not null,
    slug text not null,
    description text not null,
    status text not null default 'pending' check (status in ('pending', 'rejected')),
    decision_reason text,
    decision_note text not null default '',
    submitted_by bigint references users (id) on delete set null,
    submitted_at bigint not null
);

-- "Report this listing": one open report per reporter and listing; a moderator's answer closes the group.
create table reports (
    id bigint generated always as identity primary key,
    target_kind text not null check (target_kind in ('job', 'company', 'article')),
    target_id bigint not null,
    reason text not null check (reason in ('spam', 'scam', 'misleading', 'offensive', 'duplicate', 'other')),
    details text not null default '',
    reporter_id bigint references users (id) on delete set null,
    -- The account, or a hash of the client address for guests: one open report each per listing.
    reporter_key text not null,
    created_at bigint not null,
    resolved_at bigint,
    resolved_by bigint references users (id) on delete set null,
    -- dismissed (the listing stays) or removed (the listing was taken down).
    resolution text check (resolution in ('dismissed', 'removed'))
);
create index reports_open on reports (target_kind, target_id, created_at) where resolved_at is null;
create unique index reports_one_open on reports (target_kind, target_id, reporter_key) where resolved_at is null;

-- Accounts a moderator or admin has suspended: they cannot sign in until restored.
alter table users add column suspended_at bigint;
alter table users add column suspended_reason text;

-- Email domains whose addresses may not register or subscribe.
create table banned_domains (
    domain text primary key,
    note text not null default '',
    banned_by bigint references users (id) on delete set null,
    banned_at bigint not null
);
