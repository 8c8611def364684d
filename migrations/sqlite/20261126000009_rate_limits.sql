-- Attempts that abuse limits count (registrations, reset requests, subscriptions, reports, new listings), by action
-- and by who made them (an account or a client address), kept in the database so every instance counts the same.
create table rate_events (
    action text not null,
    subject text not null,
    at integer not null
);
create index rate_events_lookup on rate_events (action, subject, at);
create index rate_events_at on rate_events (at);
