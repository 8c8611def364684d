//! Starts the real server on a free port against a fresh SQLite file, as a browser would see it.

use std::{net::SocketAddr, path::PathBuf};

pub mod proxy;
pub mod smtp;

use app::backend::{db::now, jobs};
use hubboard::day::Day;
use reqwest::{Client, Response, StatusCode, header, multipart};
use serde_json::Value;
use server::{Config, open_database};
use tokio::{sync::oneshot, task::JoinHandle};

/// A running server and the temporary database it owns.
pub struct TestApp {
    pub addr: SocketAddr,
    /// The server's own database handle, for arranging what the web cannot (roles, verified emails) and
    /// checking what was stored.
    pub db: app::backend::db::Db,
    /// The database this server uses; a restarted server can be pointed at it again.
    pub database_url: String,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
    _dir: Option<tempfile::TempDir>,
    /// The folder its mail is written to, when the test did not name one.
    mail_dir: Option<PathBuf>,
}

/// A test's server stops when the test is done with it, whichever way the test ends; its mail folder goes with it.
/// [`TestApp::stop`] stops it earlier and waits until it has.
impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
        if let Some(dir) = self.mail_dir.take() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

impl TestApp {
    /// A server on a new, empty database: a SQLite file, or a fresh PostgreSQL database when
    /// `HUBBOARD_TEST_POSTGRES` names a server (`postgres://user@host:port`), as `make test` does for its second pass.
    pub async fn spawn() -> Self {
        Self::spawn_with(None).await
    }

    /// As [`TestApp::spawn`], sending mail to `mail` (a `HUBBOARD_MAIL` value).
    pub async fn spawn_with_mail(mail: &str) -> Self {
        Self::spawn_with(Some(mail.to_owned())).await
    }

    /// As [`TestApp::spawn`], with these configuration settings (environment variable names and values) on top
    /// of the tests' own.
    pub async fn spawn_with_settings(settings: &[(&str, &str)]) -> Self {
        let settings = settings
            .iter()
            .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
            .collect();
        Self::spawn_with_all(None, settings).await
    }

    async fn spawn_with(mail: Option<String>) -> Self {
        Self::spawn_with_all(mail, Vec::new()).await
    }

    async fn spawn_with_all(mail: Option<String>, settings: Vec<(String, String)>) -> Self {
        match std::env::var("HUBBOARD_TEST_POSTGRES") {
            Ok(server) if !server.is_empty() => {
                Self::spawn_configured(new_postgres_database(&server).await, mail, settings).await
            }
            _ => {
                let dir = tempfile::tempdir().expect("temporary directory");
                let url = format!(
                    "sqlite://{}?mode=rwc",
                    dir.path().join("hubboard.db").display()
                );
                let mut app = Self::spawn_configured(url, mail, settings).await;
                app._dir = Some(dir);
                app
            }
        }
    }

    /// A server on the database at `database_url` (created if missing).
    pub async fn spawn_on(database_url: String) -> Self {
        Self::spawn_configured(database_url, None, Vec::new()).await
    }

    /// As [`TestApp::spawn_on`], sending mail to `mail` (a `HUBBOARD_MAIL` value).
    pub async fn spawn_on_with_mail(database_url: String, mail: &str) -> Self {
        Self::spawn_configured(database_url, Some(mail.to_owned()), Vec::new()).await
    }

    async fn spawn_configured(
        database_url: String,
        mail: Option<String>,
        settings: Vec<(String, String)>,
    ) -> Self {
        // Mail goes to files in a folder of this run's own unless a test names a transport.
        let (mail, mail_dir) = match mail {
            Some(mail) => (mail, None),
            None => {
                let dir = std::env::temp_dir().join(format!(
                    "hubboard-test-mail-{}",
                    uuid::Uuid::new_v4().simple()
                ));
                (format!("file:{}", dir.display()), Some(dir))
            }
        };
        let config = Config::from_lookup(|key| match key {
            _ if settings.iter().any(|(name, _)| name == key) => settings
                .iter()
                .find(|(name, _)| name == key)
                .map(|(_, value)| value.clone()),
            "DATABASE_URL" => Some(database_url.clone()),
            "LEPTOS_SITE_ADDR" => Some("127.0.0.1:3999".into()),
            "HUBBOARD_SITE_URL" => Some("http://127.0.0.1:3999".into()),
            "HUBBOARD_MAIL" => Some(mail.clone()),
            _ => None,
        })
        .expect("test configuration");
        let db = open_database(&config).await.expect("database opens");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("free port");
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let handle = db.clone();
        let task = tokio::spawn(async move {
            server::serve(&config, db, listener, async {
                let _ = stopped.await;
            })
            .await
            .expect("server runs");
        });
        Self {
            addr,
            db: handle,
            database_url,
            stop: Some(stop),
            task: Some(task),
            _dir: None,
            mail_dir,
        }
    }

    /// Stops the server gracefully and waits until the database is closed.
    pub async fn stop(mut self) -> Option<tempfile::TempDir> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut task) = self.task.take() {
            // The server has its own grace period; this bounds a test even if shutdown itself stalls.
            match tokio::time::timeout(std::time::Duration::from_secs(15), &mut task).await {
                Ok(result) => result.expect("server stops cleanly"),
                Err(_) => {
                    eprintln!("the test server did not stop within 15 s; aborting it");
                    task.abort();
                }
            }
        }
        self._dir.take()
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// A browser-like client: keeps cookies, does not follow redirects (tests look at them).
    pub fn client(&self) -> Client {
        Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(30))
            .build()
            .unwrap()
    }

    /// Calls a server function the way the WebAssembly client does.
    pub async fn call(&self, client: &Client, endpoint: &str, form: &[(&str, &str)]) -> Response {
        call_at(client, &self.url(""), endpoint, form).await
    }

    /// Posts a form the way a browser without JavaScript does, from the page at `referer`.
    pub async fn post_form(
        &self,
        client: &Client,
        endpoint: &str,
        referer: &str,
        form: &[(&str, &str)],
    ) -> Response {
        client
            .post(self.url(&format!("/api/{endpoint}")))
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::ORIGIN, format!("http://{}", self.addr))
            .header(header::REFERER, self.url(referer))
            .form(form)
            .send()
            .await
            .expect("request sent")
    }

    /// Registers as a person does: creates the account, then signs in with it (registering alone signs nobody
    /// in). Answers the registration's response.
    pub async fn register(&self, client: &Client, email: &str, password: &str) -> Response {
        let response = self
            .call(
                client,
                "register",
                &[("form[email]", email), ("form[password]", password)],
            )
            .await;
        if response.status() == StatusCode::OK {
            self.sign_in(client, email, password).await;
        }
        response
    }

    pub async fn sign_in(&self, client: &Client, email: &str, password: &str) -> Response {
        self.call(
            client,
            "sign-in",
            &[("form[email]", email), ("form[password]", password)],
        )
        .await
    }

    /// The signed-in user's email according to the server, if any.
    pub async fn whoami(&self, client: &Client) -> Option<String> {
        let response = self.call(client, "me", &[]).await;
        assert_eq!(response.status(), 200, "me answers");
        let body: serde_json::Value = response.json().await.unwrap();
        body.get("email")
            .and_then(|e| e.as_str())
            .map(str::to_owned)
    }
}

/// Calls a server function of the site at `base` (such as a balancer in front of several servers) the way the
/// WebAssembly client does.
pub async fn call_at(
    client: &Client,
    base: &str,
    endpoint: &str,
    form: &[(&str, &str)],
) -> Response {
    client
        .post(format!("{base}/api/{endpoint}"))
        .header(header::ACCEPT, "application/json")
        .header("sec-fetch-site", "same-origin")
        .form(form)
        .send()
        .await
        .expect("request sent")
}

/// Creates an empty database on the PostgreSQL server at `server` and returns its URL.
pub async fn new_postgres_database(server: &str) -> String {
    use sqlx::Connection;
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "hubboard_test_{}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed),
        uuid::Uuid::new_v4().simple()
    );
    let server = server.trim_end_matches('/');
    let mut admin = sqlx::postgres::PgConnection::connect(&format!("{server}/postgres"))
        .await
        .expect("the test PostgreSQL server answers");
    sqlx::query(&format!("create database {name}"))
        .execute(&mut admin)
        .await
        .expect("test database created");
    admin.close().await.ok();
    format!("{server}/{name}")
}

impl TestApp {
    /// Whether this run uses PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        self.database_url.starts_with("postgres")
    }

    /// Runs one SQL statement with `$1`… bound to `args`, for arranging a test.
    pub async fn exec(&self, sql: &str, args: &[&str]) {
        let mut query = sqlx::query(sql);
        for arg in args {
            query = query.bind(*arg);
        }
        query
            .execute(self.db.write())
            .await
            .expect("statement runs");
        // Edits behind the application's back mark the data changed, as the application's own writes do, and
        // wait as long as a change by someone else may take to show, so cached pages show them.
        sqlx::query("update data_versions set version = version + 1")
            .execute(self.db.write())
            .await
            .expect("versions bumped");
        tokio::time::sleep(app::backend::cache::VERSIONS_MAX_AGE).await;
    }

    /// The first column of the first row of a query, as an integer.
    pub async fn scalar(&self, sql: &str, args: &[&str]) -> i64 {
        use sqlx::Row;
        let mut query = sqlx::query(sql);
        for arg in args {
            query = query.bind(*arg);
        }
        query
            .fetch_one(self.db.read())
            .await
            .expect("query runs")
            .get(0)
    }

    /// A new signed-in account with `email`; `role` other than seeker is granted directly in the database.
    pub async fn user(&self, email: &str, role: &str) -> Client {
        let client = self.client();
        assert_eq!(
            self.register(&client, email, PASSWORD).await.status(),
            200,
            "register {email}"
        );
        if role != "seeker" {
            self.exec(
                "update users set role = $1 where email = $2",
                &[role, email],
            )
            .await;
        }
        client
    }

    /// The status and body of a page as a browser without JavaScript gets it.
    pub async fn page(&self, client: &Client, path: &str) -> (u16, String) {
        let response = client
            .get(self.url(path))
            .header(header::ACCEPT, "text/html")
            .send()
            .await
            .expect("request sent");
        (
            response.status().as_u16(),
            response.text().await.unwrap_or_default(),
        )
    }
}

/// A password that passes every rule.
pub const PASSWORD: &str = "mossy lighthouse tangent";

// Forms shared by the test files.

/// A complete, valid company form for `name`, as the browser posts it.
pub fn company_form(name: &str) -> Vec<(String, String)> {
    [
        ("form[name]", name),
        ("form[slug]", ""),
        ("form[tagline]", "Plain words about medicines, for people who prescribe them"),
        (
            "form[description]",
            "We write **clear** material for clinicians and patients.\n\n- Training\n- Patient leaflets",
        ),
        ("form[website]", "https://www.acme-health.example"),
        ("form[contact_email]", "hello@acme-health.example"),
        ("form[city]", "Leeds"),
        ("form[country]", "United Kingdom"),
        ("form[size]", "11-50"),
        ("form[sectors][4]", "healthcare"),
        ("form[sectors][8]", "medical-communications"),
        ("form[socials]", "https://social.example/acme"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

pub fn pairs(form: &[(String, String)]) -> Vec<(&str, &str)> {
    form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

pub fn with(form: &[(String, String)], key: &str, value: &str) -> Vec<(String, String)> {
    let mut form = form.to_vec();
    match form.iter_mut().find(|(k, _)| k == key) {
        Some(entry) => entry.1 = value.to_owned(),
        None => form.push((key.to_owned(), value.to_owned())),
    }
    form
}

pub async fn create(
    app: &TestApp,
    client: &Client,
    form: &[(String, String)],
) -> reqwest::Response {
    app.call(client, "companies/create", &pairs(form)).await
}

pub async fn company_id(app: &TestApp, slug: &str) -> String {
    app.scalar("select id from companies where slug = $1", &[slug])
        .await
        .to_string()
}

/// An approved company owned by a new account, with a moderator; answers (owner, moderator, company id).
pub async fn company_with_moderator(app: &TestApp) -> (Client, Client, String) {
    let owner = app.user("owner@acme-health.example", "seeker").await;
    assert_eq!(
        create(app, &owner, &company_form("Acme Health"))
            .await
            .status(),
        StatusCode::OK
    );
    let moderator = app.user("mod@example.com", "moderator").await;
    let id = company_id(app, "acme-health").await;
    approve(app, &moderator, &id).await;
    (owner, moderator, id)
}

pub async fn approve(app: &TestApp, moderator: &Client, id: &str) {
    let response = app
        .call(
            moderator,
            "companies/decide",
            &[("form[company_id]", id), ("form[decision]", "approve")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

pub async fn field_errors(response: reqwest::Response) -> Vec<(String, String)> {
    let body: Value = response.json().await.expect("error body is JSON");
    body["Invalid"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    (
                        e["field"].as_str().unwrap().to_owned(),
                        e["message"].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

pub fn in_days(days: i64) -> String {
    Day::from_unix(now()).plus(days).iso()
}

/// A complete, valid job form, as the browser posts it.
pub fn job_form(company_id: &str, title: &str) -> Vec<(String, String)> {
    [
        ("company_id", company_id),
        ("form[title]", title),
        (
            "form[description]",
            "Write and review clinical study reports and manuscripts with a small, friendly team.",
        ),
        ("form[employment_type]", "full-time"),
        ("form[seniority]", "senior"),
        ("form[sector]", "medical-communications"),
        ("form[locations][0][city]", "Leeds"),
        ("form[locations][0][region]", ""),
        ("form[locations][0][country]", "United Kingdom"),
        ("form[locations][1][city]", ""),
        ("form[locations][1][region]", ""),
        ("form[locations][1][country]", ""),
        ("form[workplace]", "on-site"),
        ("form[remote_eligibility]", ""),
        ("form[salary_kind]", "range"),
        ("form[salary_min]", "45000"),
        ("form[salary_max]", "55000"),
        ("form[salary_currency]", "GBP"),
        ("form[salary_period]", "year"),
        ("form[apply]", "https://careers.acme-health.example/writer"),
        ("intent", "submit"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .chain(std::iter::once(("form[closes_on]".to_owned(), in_days(30))))
    .collect()
}

/// Publishes a job straight from a form, skipping HTTP, for search fixtures.
///
/// A job published days ago is also an hour older than that, so that it never sits on the edge of a
/// "posted within" window: two instances counting a second apart must see it on the same side.
pub async fn publish_job(
    app: &TestApp,
    company: i64,
    changes: &[(&str, &str)],
    published_days_ago: i64,
) -> i64 {
    let mut form = job_form(&company.to_string(), "Writer");
    for (key, value) in changes {
        form = with(&form, key, value);
    }
    let get = |key: &str| {
        form.iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let input = hubboard::job::JobInput {
        title: get("form[title]"),
        description: get("form[description]"),
        employment_type: get("form[employment_type]"),
        seniority: get("form[seniority]"),
        sector: get("form[sector]"),
        locations: vec![hubboard::job::LocationInput {
            city: get("form[locations][0][city]"),
            region: String::new(),
            country: get("form[locations][0][country]"),
        }],
        workplace: get("form[workplace]"),
        remote_eligibility: get("form[remote_eligibility]"),
        salary_kind: get("form[salary_kind]"),
        salary_min: get("form[salary_min]"),
        salary_max: get("form[salary_max]"),
        salary_currency: get("form[salary_currency]"),
        salary_period: get("form[salary_period]"),
        closes_on: get("form[closes_on]"),
        apply: get("form[apply]"),
    };
    let posting = input
        .parse(Day::from_unix(now()))
        .expect("fixture job is valid");
    let id = jobs::create(&app.db, company, &posting, None)
        .await
        .unwrap();
    jobs::transition(
        &app.db,
        id,
        &[jobs::Status::Draft],
        jobs::Transition {
            to: jobs::Status::Published,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let age = match published_days_ago {
        0 => 0,
        days => days * 86_400 + 3_600,
    };
    app.exec(
        "update jobs set published_at = published_at - cast($1 as bigint) where id = cast($2 as bigint)",
        &[&age.to_string(), &id.to_string()],
    )
    .await;
    id
}

/// A complete, valid article form, as the browser posts it.
pub fn article_form(title: &str) -> Vec<(String, String)> {
    [
        ("form[title]", title),
        ("form[slug]", ""),
        ("form[kind]", "news"),
        (
            "form[standfirst]",
            "A short summary of what happened, and why it matters to readers.",
        ),
        (
            "form[body]",
            "The **body** of the story, long enough to be a real article about the sector.\n\n- One\n- Two",
        ),
        ("form[author_name]", "Ada Writer"),
        ("form[source_url]", ""),
        ("form[categories][7]", "marketing"),
        ("form[tags]", "Hiring, remote work"),
        ("form[data_text]", ""),
        ("form[about]", ""),
        ("form[mentions]", ""),
        ("form[jobs]", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

pub async fn article_id(app: &TestApp, title: &str) -> String {
    app.scalar("select id from articles where title = $1", &[title])
        .await
        .to_string()
}

/// Writes a draft as `writer` and answers its id.
pub async fn draft_article(app: &TestApp, writer: &Client, form: &[(String, String)]) -> String {
    let response = app.call(writer, "articles/create", &pairs(form)).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "{}",
        response.text().await.unwrap()
    );
    let title = &form.iter().find(|(k, _)| k == "form[title]").unwrap().1;
    article_id(app, title).await
}

pub async fn publish_article(
    app: &TestApp,
    editor: &Client,
    id: &str,
    at: &str,
) -> reqwest::Response {
    app.call(
        editor,
        "articles/publish",
        &[("article_id", id), ("publish_at", at)],
    )
    .await
}

/// Uploads a logo for company `id` the way the edit page's form does without JavaScript.
pub async fn upload_logo(
    app: &TestApp,
    client: &Client,
    id: &str,
    file_name: &str,
    bytes: Vec<u8>,
    mime: &str,
) -> reqwest::Response {
    let form = multipart::Form::new()
        .text("company_id", id.to_owned())
        .part(
            "logo",
            multipart::Part::bytes(bytes)
                .file_name(file_name.to_owned())
                .mime_str(mime)
                .unwrap(),
        );
    send_upload(app, client, "/uploads/company-logo", form).await
}

/// Uploads a PNG cover for company `id` as the edit page's form does without JavaScript; with `remove`, sends the
/// form with its Remove button instead.
pub async fn upload_cover(
    app: &TestApp,
    client: &Client,
    id: &str,
    png: Vec<u8>,
    remove: bool,
) -> reqwest::Response {
    let mut form = multipart::Form::new()
        .text("company_id", id.to_owned())
        .part(
            "cover",
            multipart::Part::bytes(png)
                .file_name("cover.png")
                .mime_str("image/png")
                .unwrap(),
        );
    if remove {
        form = form.text("remove", "1");
    }
    send_upload(app, client, "/uploads/company-cover", form).await
}

async fn send_upload(
    app: &TestApp,
    client: &Client,
    path: &str,
    form: multipart::Form,
) -> reqwest::Response {
    client
        .post(app.url(path))
        .header(header::ACCEPT, "text/html")
        .header("sec-fetch-site", "same-origin")
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// What a search page says about the number of its results.
pub fn count_in(page: &str) -> String {
    let start = page
        .find(r#"class="result-count""#)
        .expect("a result count");
    let text = &page[start..];
    let from = text.find('>').unwrap() + 1;
    let to = text.find('<').unwrap();
    // A filtered count is followed by " · " and the link clearing the filters.
    text[from..to].trim_end_matches(" · ").to_owned()
}
