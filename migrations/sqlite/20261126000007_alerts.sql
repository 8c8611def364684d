-- Email alerts: subscribers (an address, with or without an account), what each follows and how often, and which
-- items each subscription has been sent, so nothing goes out twice.

create table subscribers (
    id integer primary key,
    -- Lower-cased, as accounts keep theirs.
    email text not null unique,
    created_at integer not null
);

create table subscriptions (
    id integer primary key,
    subscriber_id integer not null references subscribers (id) on delete cascade,
    -- news (all of it), category, tag, company-news, company-jobs (following a company's jobs), jobs (a search).
    kind text not null check (kind in ('news', 'category', 'tag', 'company-news', 'company-jobs', 'jobs')),
    -- The category or tag slug, the company id, or the search's query string; empty for all news.
    target text not null default '',
    -- How the subscription is shown in mail and on the preferences page.
    label text not null,
    frequency text not null check (frequency in ('immediate', 'daily', 'weekly')),
    created_at integer not null,
    -- Double opt-in: SHA-256 of the token in the confirmation link (kept after use, so a reused link is recognised).
    confirm_hash text unique,
    confirm_sent_at integer,
    confirm_expires_at integer,
    confirmed_at integer,
    -- Items published at or after this time have not been considered for this subscription yet.
    since integer not null,
    next_due_at integer not null,
    unique (subscriber_id, kind, target)
);
create index subscriptions_due on subscriptions (next_due_at) where confirmed_at is not null;
create index subscriptions_pending on subscriptions (created_at) where confirmed_at is null;

create table alert_deliveries (
    subscription_id integer not null references subscriptions (id) on delete cascade,
    item_kind text not null check (item_kind in ('job', 'article')),
    item_id integer not null,
    sent_at integer not null,
    primary key (subscription_id, item_kind, item_id)
);
create index alert_deliveries_sent on alert_deliveries (sent_at);

-- The one-click unsubscribe address (RFC 8058) of alert mail; the sender turns it into List-Unsubscribe headers.
alter table outbox add column list_unsubscribe text;
