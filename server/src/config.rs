//! Configuration from environment variables, each with a default that works on a laptop.

use std::net::SocketAddr;

use hubboard::Email;
use url::Url;

/// Everything the server reads from its environment.
#[derive(Clone, Debug)]
pub struct Config {
    /// `LEPTOS_SITE_ADDR`: where to listen.
    pub site_addr: SocketAddr,
    /// `DATABASE_URL`: a `sqlite:` file or a `postgres:` server.
    pub database_url: String,
    /// `HUBBOARD_SITE_URL`: the address people use to reach the site; its origin is the only one allowed to post.
    pub site_url: Url,
    /// `HUBBOARD_SECURE_COOKIES`: mark cookies `Secure`; defaults to whether the site URL is https.
    pub secure_cookies: bool,
    /// `HUBBOARD_ADMIN_EMAIL`: the first admin account, created on first start.
    pub admin_email: Email,
    /// `LEPTOS_SITE_ROOT`: the folder with the built CSS, JavaScript and WebAssembly.
    pub site_root: String,
    /// `HUBBOARD_MAIL`: where mail goes: `smtp://…`, `smtps://…` or `file:<folder>` (see [`crate::mailer`]).
    pub mail_url: String,
    /// `HUBBOARD_MAIL_FROM`: the sender of every message.
    pub mail_from: lettre::message::Mailbox,
    /// `HUBBOARD_ALERTS_EVERY`: seconds between the rounds that write alert mail; "immediately" alerts wait at most
    /// this long.
    pub alerts_every_secs: i64,
    /// `HUBBOARD_RATE_LIMIT_FACTOR`: multiplies every abuse limit (1; raise it for a load test from one address).
    pub limit_factor: i64,
    /// `HUBBOARD_TRUSTED_PROXIES`: comma-separated addresses of the reverse proxies in front of the server, whose
    /// `X-Forwarded-For` names the client (none by default).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// `HUBBOARD_PAGE_CACHE_MB`: memory for whole public pages kept for visitors who are not signed in (24; 0 keeps
    /// none).
    pub page_cache_bytes: u64,
    /// `HUBBOARD_DATA_CACHE_MB`: memory for the answers public pages are built from, shared by every visitor and
    /// signed-in person (32).
    pub data_cache_bytes: u64,
    /// `HUBBOARD_MAX_RENDERS`: requests answered at once beyond kept pages (8 per CPU); the rest wait their turn,
    /// so the memory that pages take while being built stays bounded however many visitors arrive together.
    pub max_renders: usize,
    /// `HUBBOARD_HEADER_TIMEOUT_SECS`: how long a client may take to send a request's headers (10).
    pub header_timeout: std::time::Duration,
    /// `HUBBOARD_RENDER_TIMEOUT_SECS`: how long the server may take to build one answer once it has the request (5);
    /// past it the visitor gets the site's "try again" page (503) and the log names what the page still waited for.
    pub render_timeout: std::time::Duration,
    /// `HUBBOARD_BODY_TIMEOUT_SECS`: how long a client may take to send a request's body (30); it is read in full
    /// before the request waits its turn among [`Config::max_renders`].
    pub body_timeout: std::time::Duration,
    /// `HUBBOARD_SEARCH_DIR`: the folder of this instance's job search index, kept across restarts (`memory`: rebuilt
    /// at every start). Defaults to `search` beside a SQLite file, and to memory on PostgreSQL, where each instance
    /// needs a folder of its own.
    pub search_place: app::backend::search::Place,
}

/// A variable that is set to something unusable.
#[derive(Debug, thiserror::Error)]
#[error("invalid {var}: {message}")]
pub struct ConfigError {
    pub var: &'static str,
    pub message: String,
}

fn invalid(var: &'static str, message: impl Into<String>) -> ConfigError {
    ConfigError {
        var,
        message: message.into(),
    }
}

impl Config {
    /// Reads the process environment (after `.env`, if present).
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|key| std::env::var(key).ok())
    }

    /// Reads configuration through `lookup`, so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |key: &str| {
            lookup(key)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };

        let site_addr: SocketAddr = get("LEPTOS_SITE_ADDR")
            .unwrap_or_else(|| "127.0.0.1:3000".into())
            .parse()
            .map_err(|_| {
                invalid(
                    "LEPTOS_SITE_ADDR",
                    "expected an address and port such as 127.0.0.1:3000",
                )
            })?;

        let database_url =
            get("DATABASE_URL").unwrap_or_else(|| "sqlite://data/hubboard.db?mode=rwc".into());
        if !["sqlite:", "postgres:", "postgresql:"]
            .iter()
            .any(|scheme| database_url.starts_with(scheme))
        {
            return Err(invalid(
                "DATABASE_URL",
                "expected a URL starting with sqlite: or postgres:",
            ));
        }

        let site_url = match get("HUBBOARD_SITE_URL") {
            Some(raw) => Url::parse(&raw)
                .ok()
                .filter(|url| matches!(url.scheme(), "http" | "https") && url.host().is_some())
                .ok_or_else(|| {
                    invalid(
                        "HUBBOARD_SITE_URL",
                        "expected an http or https URL such as https://jobs.example.com",
                    )
                })?,
            None => Url::parse(&format!("http://{site_addr}"))
                .map_err(|e| invalid("LEPTOS_SITE_ADDR", e.to_string()))?,
        };

        let secure_cookies = match get("HUBBOARD_SECURE_COOKIES").as_deref() {
            None => site_url.scheme() == "https",
            Some("true" | "1" | "yes") => true,
            Some("false" | "0" | "no") => false,
            Some(_) => return Err(invalid("HUBBOARD_SECURE_COOKIES", "expected true or false")),
        };

        let admin_email = Email::parse(
            &get("HUBBOARD_ADMIN_EMAIL").unwrap_or_else(|| "admin@hubboard.test".into()),
        )
        .map_err(|e| invalid("HUBBOARD_ADMIN_EMAIL", e.message))?;

        let site_root = get("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into());

        let mail_url = get("HUBBOARD_MAIL").unwrap_or_else(|| "file:data/mail".into());
        if !["file:", "smtp://", "smtps://"]
            .iter()
            .any(|p| mail_url.starts_with(p))
        {
            return Err(invalid(
                "HUBBOARD_MAIL",
                "use smtp://, smtps:// or file:<folder>",
            ));
        }
        let mail_from = get("HUBBOARD_MAIL_FROM")
            .unwrap_or_else(|| "Hubboard <no-reply@hubboard.test>".into())
            .parse()
            .map_err(|e| invalid("HUBBOARD_MAIL_FROM", format!("not an address: {e}")))?;

        let alerts_every_secs = match get("HUBBOARD_ALERTS_EVERY") {
            None => 60,
            Some(raw) => raw
                .parse::<i64>()
                .ok()
                .filter(|s| (1..=3600).contains(s))
                .ok_or_else(|| {
                    invalid("HUBBOARD_ALERTS_EVERY", "expected seconds from 1 to 3600")
                })?,
        };

        // A count from 1 to 100,000, or `default` when unset.
        let count = |var: &'static str, default: usize| match get(var) {
            None => Ok(default),
            Some(raw) => raw
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=100_000).contains(n))
                .ok_or_else(|| invalid(var, "expected a whole number from 1 to 100000")),
        };
        let limit_factor = count("HUBBOARD_RATE_LIMIT_FACTOR", 1)? as i64;

        let trusted_proxies = get("HUBBOARD_TRUSTED_PROXIES")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(|part| {
                part.parse().map_err(|_| {
                    invalid(
                        "HUBBOARD_TRUSTED_PROXIES",
                        format!("not an IP address: {part}"),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;

        let megabytes = |var: &'static str, default: u64| match get(var) {
            None => Ok(default),
            Some(raw) => raw
                .parse::<u64>()
                .ok()
                .filter(|mb| *mb <= 65_536)
                .map(|mb| mb << 20)
                .ok_or_else(|| invalid(var, "expected megabytes from 0 to 65536")),
        };
        let page_cache_bytes = megabytes("HUBBOARD_PAGE_CACHE_MB", 24 << 20)?;
        let data_cache_bytes = megabytes("HUBBOARD_DATA_CACHE_MB", app::backend::DATA_CACHE_BYTES)?;
        let max_renders = count(
            "HUBBOARD_MAX_RENDERS",
            8 * std::thread::available_parallelism().map_or(1, |cores| cores.get()),
        )?;
        let seconds = |var: &'static str, default: usize| {
            count(var, default).map(|n| std::time::Duration::from_secs(n as u64))
        };
        let header_timeout = seconds("HUBBOARD_HEADER_TIMEOUT_SECS", 10)?;
        let body_timeout = seconds("HUBBOARD_BODY_TIMEOUT_SECS", 30)?;
        let render_timeout = seconds("HUBBOARD_RENDER_TIMEOUT_SECS", 5)?;
        let search_place = match get("HUBBOARD_SEARCH_DIR").as_deref() {
            Some("memory") => app::backend::search::Place::Memory,
            Some("") => {
                return Err(invalid(
                    "HUBBOARD_SEARCH_DIR",
                    "expected a folder or memory",
                ));
            }
            Some(folder) => app::backend::search::Place::Folder(folder.into()),
            None => match app::backend::db::sqlite_file(&database_url) {
                Some(file) => app::backend::search::Place::Folder(
                    std::path::Path::new(file)
                        .parent()
                        .unwrap_or(std::path::Path::new(""))
                        .join("search"),
                ),
                None => app::backend::search::Place::Memory,
            },
        };

        Ok(Self {
            site_addr,
            database_url,
            site_url,
            secure_cookies,
            admin_email,
            site_root,
            mail_url,
            mail_from,
            alerts_every_secs,
            limit_factor,
            trusted_proxies,
            page_cache_bytes,
            data_cache_bytes,
            max_renders,
            header_timeout,
            body_timeout,
            render_timeout,
            search_place,
        })
    }

    /// The origin (`scheme://host[:port]`) that state-changing requests must come from.
    pub fn site_origin(&self) -> String {
        self.site_url.origin().ascii_serialization()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).into(), (*v).into()))
            .collect();
        Config::from_lookup(|key| vars.get(key).cloned())
    }

    #[test]
    fn defaults_suit_a_laptop() {
        let config = config(&[]).unwrap();
        assert_eq!(config.site_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(config.database_url, "sqlite://data/hubboard.db?mode=rwc");
        assert_eq!(config.site_origin(), "http://127.0.0.1:3000");
        assert!(!config.secure_cookies);
    }

    #[test]
    fn https_site_url_makes_cookies_secure() {
        let config = config(&[("HUBBOARD_SITE_URL", "https://jobs.example.com/")]).unwrap();
        assert!(config.secure_cookies);
        assert_eq!(config.site_origin(), "https://jobs.example.com");
    }

    #[test]
    fn each_bad_variable_is_named_in_the_error() {
        for (var, value) in [
            ("LEPTOS_SITE_ADDR", "localhost"),
            ("DATABASE_URL", "mysql://db/hubboard"),
            ("HUBBOARD_SITE_URL", "ftp://example.com"),
            ("HUBBOARD_SECURE_COOKIES", "maybe"),
            ("HUBBOARD_ADMIN_EMAIL", "not-an-email"),
            ("HUBBOARD_MAIL", "mailto:someone"),
            ("HUBBOARD_MAIL_FROM", "nobody"),
            ("HUBBOARD_ALERTS_EVERY", "0"),
            ("HUBBOARD_PAGE_CACHE_MB", "-1"),
            ("HUBBOARD_DATA_CACHE_MB", "lots"),
            ("HUBBOARD_MAX_RENDERS", "0"),
            ("HUBBOARD_RATE_LIMIT_FACTOR", "100001"),
            ("HUBBOARD_HEADER_TIMEOUT_SECS", "0"),
            ("HUBBOARD_BODY_TIMEOUT_SECS", "soon"),
            ("HUBBOARD_RENDER_TIMEOUT_SECS", "0"),
        ] {
            let error = config(&[(var, value)]).unwrap_err();
            assert_eq!(error.var, var);
            assert!(
                error.to_string().starts_with(&format!("invalid {var}: ")),
                "{error}"
            );
        }
    }
}
