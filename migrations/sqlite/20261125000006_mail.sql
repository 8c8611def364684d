-- Mail: the outbox that messages are written to in the same transaction as the event that causes them, and the
-- single-use tokens that links in account mail carry.

create table outbox (
    id integer primary key,
    -- What the message is, for logs and tests: verify-email, password-reset, password-changed, …
    kind text not null,
    recipient text not null,
    subject text not null,
    body_text text not null,
    body_html text not null,
    -- queued → sending (claimed by one sender until claimed_until) → sent, or back to queued with a later
    -- next_attempt_at after a temporary failure, or failed for good.
    status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed')),
    attempts integer not null default 0,
    next_attempt_at integer not null,
    claimed_until integer,
    claim_token text,
    last_error text,
    created_at integer not null,
    sent_at integer
);
create index outbox_due on outbox (status, next_attempt_at);

create table email_tokens (
    id integer primary key,
    user_id integer not null references users (id) on delete cascade,
    purpose text not null check (purpose in ('verify-email', 'password-reset')),
    -- SHA-256 of the token in the link; the token itself is never stored.
    token_hash text not null unique,
    -- The address the link was sent to: verifying proves this address, not whatever the account has later.
    email text not null,
    created_at integer not null,
    expires_at integer not null,
    used_at integer
);
create index email_tokens_user on email_tokens (user_id, purpose);
