//! The integration tests, one binary: each module starts real servers in this process (on a SQLite file, or on
//! PostgreSQL when `.ci/with-postgres` names a server) and talks to them as browsers, mail servers and balancers do.
//! Tests that need PostgreSQL are ignored on SQLite and run by `make test`'s PostgreSQL pass (`--include-ignored`).

mod common;

mod accounts;
mod alerts;
mod articles;
mod assets;
mod authorisation;
mod backup;
mod caches;
mod companies;
mod crash;
mod headers;
mod jobs;
mod limits;
mod mail;
mod malformed;
mod moderation;
mod scale;
mod search;
mod security;
mod stress;
mod web;
