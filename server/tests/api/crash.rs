//! Crash durability: the real binary is killed with SIGKILL at random moments while clients register accounts,
//! restarted, and every registration a client saw acknowledged must still be there, in a database that passes its
//! integrity check. `HUBBOARD_CRASH_CYCLES` sets how many kills (20; `make soak` runs 50).

use std::{
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use crate::common::PASSWORD;
use app::backend::db::Db;
use reqwest::{Client, StatusCode, header};
use sqlx::Row;

struct Server {
    child: Child,
    base: String,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts the binary on `database_url` and waits until it answers. The caller kills and waits for the process.
#[allow(clippy::zombie_processes)]
async fn start(database_url: &str, mail: &str) -> Server {
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_hubboard"))
        .arg("serve")
        .env("DATABASE_URL", database_url)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LEPTOS_OUTPUT_NAME", "hubboard")
        .env("HUBBOARD_SITE_URL", &base)
        .env("HUBBOARD_MAIL", format!("file:{mail}"))
        // Every client here is one address; the limits are tested elsewhere.
        .env("HUBBOARD_RATE_LIMIT_FACTOR", "100000")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let client = Client::new();
    let started = Instant::now();
    loop {
        if let Ok(response) = client.get(format!("{base}/readyz")).send().await
            && response.status() == StatusCode::OK
        {
            return Server { child, base };
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the server did not start");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A small deterministic generator for the moments of the kills.
fn next(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    *seed >> 33
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_registrations_survive_kill_9() {
    let cycles: usize = std::env::var("HUBBOARD_CRASH_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let dir = tempfile::tempdir().unwrap();
    let database_url = match std::env::var("HUBBOARD_TEST_POSTGRES") {
        Ok(server) if !server.is_empty() => crate::common::new_postgres_database(&server).await,
        _ => format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("crash.db").display()
        ),
    };
    let mail = dir.path().join("mail");
    let acknowledged: Arc<Mutex<Vec<String>>> = Arc::default();
    let mut seed = 0x5eed_u64;
    let mut attempted = 0;
    for cycle in 0..cycles {
        let mut server = start(&database_url, mail.to_str().unwrap()).await;
        let mut writers = Vec::new();
        for writer in 0..4 {
            let base = server.base.clone();
            let acknowledged = acknowledged.clone();
            writers.push(tokio::spawn(async move {
                let client = Client::builder()
                    .timeout(Duration::from_secs(10))
                    .build()
                    .unwrap();
                for n in 0.. {
                    let email = format!("c{cycle}w{writer}n{n}@example.com");
                    // A request cut off by the kill is not acknowledged; only a 200 is.
                    let response = client
                        .post(format!("{base}/api/register"))
                        .header(header::ACCEPT, "application/json")
                        .header("sec-fetch-site", "same-origin")
                        .form(&[
                            ("form[email]", email.as_str()),
                            ("form[password]", PASSWORD),
                        ])
                        .send()
                        .await;
                    match response {
                        Ok(response) if response.status() == StatusCode::OK => {
                            acknowledged.lock().unwrap().push(email);
                        }
                        Ok(_) => {}
                        Err(_) => break,
                    }
                    if n > 10_000 {
                        break;
                    }
                }
            }));
        }
        // Kill it at a random moment while the writes go on.
        tokio::time::sleep(Duration::from_millis(150 + next(&mut seed) % 700)).await;
        server.child.kill().expect("SIGKILL sent");
        server.child.wait().unwrap();
        for writer in writers {
            // Each writer stops at its first failed request.
            writer.await.unwrap();
        }
        attempted += 1;
    }
    // Restarted once more: everything acknowledged is there, and the file is sound.
    let server = start(&database_url, mail.to_str().unwrap()).await;
    let db = Db::connect(&database_url).await.unwrap();
    let emails: Vec<String> = sqlx::query("select email from users")
        .fetch_all(db.read())
        .await
        .unwrap()
        .iter()
        .map(|row| row.get::<String, _>("email"))
        .collect();
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(!acknowledged.is_empty(), "writes were acknowledged");
    let missing: Vec<&String> = acknowledged
        .iter()
        .filter(|e| !emails.contains(e))
        .collect();
    assert!(
        missing.is_empty(),
        "{} acknowledged registrations lost: {missing:?}",
        missing.len()
    );
    if database_url.starts_with("sqlite") {
        let verdict: String = sqlx::query("pragma integrity_check")
            .fetch_one(db.read())
            .await
            .unwrap()
            .get(0);
        assert_eq!(verdict, "ok");
    }
    // Every registered account is whole: its verification mail is in the outbox with it (the admin made on
    // first start has none).
    let orphans: i64 = sqlx::query(
        "select count(*) as n from users u where u.role = 'seeker' \
         and not exists (select 1 from outbox o where o.recipient = u.email)",
    )
    .fetch_one(db.read())
    .await
    .unwrap()
    .get("n");
    assert_eq!(orphans, 0, "no account without its mail");
    let mut server = server;
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    println!(
        "{attempted} kills survived; {} registrations acknowledged, all present",
        acknowledged.len()
    );
}
