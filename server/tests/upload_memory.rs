//! An image upload that would unpack to hundreds of megabytes is refused without the server ever holding it.
//!
//! It measures this process's peak memory, so it is a test binary of its own: no other test may run beside it.

#[path = "api/common/mod.rs"]
#[allow(
    dead_code,
    unused_imports,
    reason = "this binary uses a few of the shared helpers"
)]
mod common;

use common::{TestApp, company_form, company_id, create, upload_logo};
use reqwest::StatusCode;

/// A valid PNG of `width` × `height` black pixels at one bit each: a few kilobytes that unpack to `width` ×
/// `height` pixels, which a decoder would hold as at least a byte each.
fn png_bomb(width: u32, height: u32) -> Vec<u8> {
    let mut file = Vec::new();
    let mut encoder = png::Encoder::new(&mut file, width, height);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::One);
    encoder.set_compression(png::Compression::High);
    let mut writer = encoder.write_header().unwrap();
    let row = vec![0u8; width.div_ceil(8) as usize];
    let mut stream = writer.stream_writer().unwrap();
    for _ in 0..height {
        std::io::Write::write_all(&mut stream, &row).unwrap();
    }
    stream.finish().unwrap();
    writer.finish().unwrap();
    file
}

/// A figure from this process's `/proc/self/status`, in KiB.
fn memory_kib(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|value| value.trim().trim_end_matches(" kB").parse().ok())
        .unwrap()
}

#[tokio::test]
async fn a_decompression_bomb_is_refused_without_using_memory() {
    let app = TestApp::spawn().await;
    let owner = app.user("owner@example.com", "seeker").await;
    create(&app, &owner, &company_form("Acme Health")).await;
    let id = company_id(&app, "acme-health").await;
    // 8000 × 8000 is within the largest sides; decoded, it would take 64 MB as grey and 256 MB as RGBA.
    let bomb = png_bomb(8000, 8000);
    assert!(bomb.len() < 64 * 1024, "the bomb is {} bytes", bomb.len());

    // Start counting this process's peak memory (client and server both) afresh.
    std::fs::write("/proc/self/clear_refs", "5").unwrap();
    let before = memory_kib("VmHWM");
    let uploads =
        (0..4).map(|_| upload_logo(&app, &owner, &id, "logo.png", bomb.clone(), "image/png"));
    for response in futures::future::join_all(uploads).await {
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    let grown_mib = (memory_kib("VmHWM") - before) / 1024;
    eprintln!("peak memory grew by {grown_mib} MiB for four bombs at once");
    assert!(grown_mib < 16, "peak memory grew by {grown_mib} MiB");

    let (_, edit) = app.page(&owner, "/companies/acme-health/edit").await;
    assert!(
        edit.contains(
            "The image must be at most 8000 pixels wide and high, and 16 million pixels in all."
        ),
        "the reason is next to the field"
    );
    assert_eq!(
        app.scalar("select count(*) from company_logos", &[]).await,
        0
    );
    app.stop().await;
}
