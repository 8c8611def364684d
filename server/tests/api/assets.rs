//! The built files under `/pkg`: their precompressed copies are sent while they are fresh, and a file rebuilt
//! since its copies were written is sent as it now is.

use std::{fs, io::Read, time::SystemTime};

use crate::common::TestApp;
use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_TYPE};

/// Something shaped like a build's output: large enough to compress well, different for each build.
fn build_output(build: &str) -> Vec<u8> {
    let mut bytes = b"\0asm\x01\0\0\0".to_vec();
    for n in 0..4000 {
        bytes.extend_from_slice(format!("{build} function {n} returns {};", n * 7).as_bytes());
    }
    bytes
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(bytes, 4096)
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[tokio::test]
async fn precompressed_copies_are_sent_until_the_file_is_rebuilt() {
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    fs::create_dir(&pkg).unwrap();
    let wasm = pkg.join("hubboard.wasm");
    fs::write(&wasm, build_output("first")).unwrap();
    let done = server::assets::precompress(&pkg).unwrap();
    assert_eq!((done.files, done.written), (1, 1));

    let root = site.path().display().to_string();
    let app = TestApp::spawn_with_settings(&[("LEPTOS_SITE_ROOT", root.as_str())]).await;
    let client = app.client();
    let fetch = |encodings: &'static str| {
        client
            .get(app.url("/pkg/hubboard.wasm"))
            .header(ACCEPT_ENCODING, encodings)
            .send()
    };

    // The copies themselves, byte for byte, with the file's own type.
    for (accepted, encoding, copy) in [
        ("br, gzip", "br", "hubboard.wasm.br"),
        ("gzip", "gzip", "hubboard.wasm.gz"),
    ] {
        let response = fetch(accepted).await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()[CONTENT_ENCODING], encoding);
        assert_eq!(response.headers()[CONTENT_TYPE], "application/wasm");
        let sent = response.bytes().await.unwrap();
        assert!(
            sent == fs::read(pkg.join(copy)).unwrap(),
            "{accepted}: not the copy"
        );
    }
    let plain = fetch("identity").await.unwrap();
    assert!(plain.headers().get(CONTENT_ENCODING).is_none());
    assert!(plain.bytes().await.unwrap() == build_output("first"));

    // A new build replaces the file but not (yet) its copies, written a minute before it: the new file is sent,
    // compressed as it goes.
    let earlier = SystemTime::now() - std::time::Duration::from_secs(60);
    for copy in ["hubboard.wasm.br", "hubboard.wasm.gz"] {
        let file = fs::File::options()
            .write(true)
            .open(pkg.join(copy))
            .unwrap();
        file.set_modified(earlier).unwrap();
    }
    fs::write(&wasm, build_output("second")).unwrap();
    let response = fetch("br, gzip").await.unwrap();
    assert_eq!(response.headers()[CONTENT_ENCODING], "br");
    assert!(unbrotli(&response.bytes().await.unwrap()) == build_output("second"));

    // Precompressed again, the new copies are sent.
    server::assets::precompress(&pkg).unwrap();
    let response = fetch("br").await.unwrap();
    let sent = response.bytes().await.unwrap();
    assert!(
        sent == fs::read(pkg.join("hubboard.wasm.br")).unwrap(),
        "not the new copy"
    );
    assert!(unbrotli(&sent) == build_output("second"));
}
