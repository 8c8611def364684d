-- Accounts, their sessions and the record of failed sign-ins that drives rate limiting.
-- Times are Unix seconds (UTC) in every table, the same on both database backends.

create table users (
    id integer primary key,
    email text not null unique,
    password_hash text not null,
    role text not null default 'seeker' check (role in ('seeker', 'moderator', 'admin')),
    must_change_password integer not null default 0 check (must_change_password in (0, 1)),
    created_at integer not null,
    password_changed_at integer not null
);

create table sessions (
    id text primary key,
    user_id integer references users (id) on delete cascade,
    data text not null,
    expires_at integer not null
);
create index sessions_expires_at on sessions (expires_at);
create index sessions_user_id on sessions (user_id);

create table sign_in_failures (
    id integer primary key,
    scope text not null check (scope in ('account', 'ip')),
    subject text not null,
    failed_at integer not null
);
create index sign_in_failures_subject on sign_in_failures (scope, subject, failed_at);
