//! Backups of a SQLite database taken while clients keep writing, and restored to a database the server runs on.

use std::sync::{
    Arc,
    atomic::{AtomicBool, AtomicUsize, Ordering},
};

use crate::common::{PASSWORD, TestApp};
use reqwest::StatusCode;

#[tokio::test]
async fn a_backup_taken_under_write_load_restores_to_a_consistent_database() {
    let app = TestApp::spawn().await;
    if app.is_postgres() {
        // PostgreSQL is backed up with pg_dump; the command refuses it, which this checks.
        let target = tempfile::tempdir().unwrap().path().join("copy.db");
        assert!(server::backup::backup(&app.db, &target).await.is_err());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // Moderators refuse domains while the backup runs: each refusal writes a row and its audit row together.
    let stop = Arc::new(AtomicBool::new(false));
    let acknowledged = Arc::new(AtomicUsize::new(0));
    let mut writers = Vec::new();
    for writer in 0..4 {
        let stop = stop.clone();
        let acknowledged = acknowledged.clone();
        let base = app.url("");
        let client = app
            .user(&format!("mod{writer}@hubboard.example"), "moderator")
            .await;
        writers.push(tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                let domain = format!("spam{writer}-{n}.example");
                let response = crate::common::call_at(
                    &client,
                    &base,
                    "moderation/ban",
                    &[("form[domain]", domain.as_str()), ("form[note]", "")],
                )
                .await;
                if response.status() == StatusCode::OK {
                    acknowledged.fetch_add(1, Ordering::Relaxed);
                }
                n += 1;
            }
        }));
    }
    for n in 0..5 {
        assert_eq!(
            app.register(&app.client(), &format!("member{n}@example.com"), PASSWORD)
                .await
                .status(),
            StatusCode::OK
        );
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let before = acknowledged.load(Ordering::Relaxed);
    let copy = dir.path().join("backup.db");
    let written = server::backup::backup(&app.db, &copy)
        .await
        .expect("backup written");
    let after = acknowledged.load(Ordering::Relaxed);
    stop.store(true, Ordering::Relaxed);
    for writer in writers {
        writer.await.unwrap();
    }
    assert!(after > 0, "writes went on during the test");
    assert_eq!(written.users, 9, "four moderators and five members");
    // Refuses to overwrite a file.
    assert!(server::backup::backup(&app.db, &copy).await.is_err());

    // The copy holds every refusal acknowledged before it started, whole: each with its audit row.
    let restored_url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("restored.db").display()
    );
    server::backup::restore(&copy, &restored_url)
        .await
        .expect("restored");
    let restored = TestApp::spawn_on(restored_url).await;
    let banned = restored
        .scalar("select count(*) from banned_domains", &[])
        .await;
    assert!(
        banned as usize >= before,
        "{banned} refused, {before} acknowledged before"
    );
    assert_eq!(
        restored
            .scalar(
                "select count(*) from audit_log where action = 'domain.ban'",
                &[]
            )
            .await,
        banned,
        "no change without its audit row"
    );
    // The restored database serves: an account from before the backup signs in.
    let client = restored.client();
    assert_eq!(
        restored
            .sign_in(&client, "member3@example.com", PASSWORD)
            .await
            .status(),
        StatusCode::OK
    );
    // A damaged file is refused before anything is replaced.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database at all").unwrap();
    let target = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("restored.db").display()
    );
    assert!(server::backup::restore(&junk, &target).await.is_err());
    assert_eq!(restored.scalar("select count(*) from users", &[]).await, 9);
}

#[test]
fn the_command_line_backs_up_and_restores() {
    let dir = tempfile::tempdir().unwrap();
    let live = format!("sqlite://{}?mode=rwc", dir.path().join("live.db").display());
    let run = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_hubboard"))
            .args(args)
            .env("DATABASE_URL", &live)
            .env("RUST_LOG", "error")
            .output()
            .expect("the binary runs");
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
        )
    };
    assert!(run(&["migrate"]).0);
    let copy = dir.path().join("copy.db");
    let (ok, out) = run(&["backup", copy.to_str().unwrap()]);
    assert!(ok && out.contains("integrity check passed"), "{out}");
    let (ok, out) = run(&["restore", copy.to_str().unwrap()]);
    assert!(ok && out.contains("Restored"), "{out}");
    assert!(
        dir.path().join("live.before-restore").exists(),
        "the old file is kept"
    );
    let (ok, _) = run(&["backup", copy.to_str().unwrap()]);
    assert!(!ok, "an existing file is not overwritten");
}
