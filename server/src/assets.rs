//! The built style sheet, scripts and WebAssembly under `/pkg`.
//!
//! `hubboard precompress DIR` writes a brotli (best quality) and a gzip copy beside each of them once, after a
//! release build; the server then sends those copies instead of compressing the same megabyte again on every
//! request, at the fast setting a response compressed on the fly has to use. A copy older than its file (the
//! file was rebuilt since) is never sent: the file is then compressed on the fly as before.

use std::{
    fs,
    io::{self, Write},
    path::{Component, Path, PathBuf},
    time::SystemTime,
};

use axum::{
    Router,
    extract::{Request, State},
    response::{IntoResponse, Response},
};
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// The kinds of file worth compressing ahead of time.
const COMPRESSIBLE: [&str; 3] = ["css", "js", "wasm"];

/// The suffixes of the copies, as `ServeDir` looks for them.
const COPIES: [&str; 2] = ["br", "gz"];

/// Brotli's best quality and its largest ordinary window (16 MiB): slow, but paid once per build.
const BROTLI_QUALITY: u32 = 11;
const BROTLI_WINDOW_BITS: u32 = 24;

/// What one `precompress` run did.
#[derive(Debug, Default)]
pub struct Precompressed {
    /// Files that have copies (written now or already fresh).
    pub files: usize,
    /// Files whose copies were written by this run.
    pub written: usize,
    /// Copies removed because their file is gone.
    pub removed: usize,
    /// The files' own size, and the size of their brotli copies.
    pub bytes: u64,
    pub brotli_bytes: u64,
}

/// Writes missing or outdated brotli and gzip copies of every compressible file under `dir`, and removes copies
/// whose file no longer exists. Each copy is written to a temporary name and then renamed, so a running server
/// never sends half of one.
pub fn precompress(dir: &Path) -> io::Result<Precompressed> {
    let mut done = Precompressed::default();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current)? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else if is_copy(&path) {
                if !path.with_extension("").exists() {
                    fs::remove_file(&path)?;
                    done.removed += 1;
                }
            } else if is_compressible(&path) {
                let written = write_copies(&path)?;
                done.files += 1;
                done.written += usize::from(written);
                done.bytes += fs::metadata(&path)?.len();
                done.brotli_bytes += fs::metadata(copy_of(&path, "br"))?.len();
            }
        }
    }
    Ok(done)
}

/// Writes the copies of `file` that are missing or older than it; true when any was written.
fn write_copies(file: &Path) -> io::Result<bool> {
    let modified = fs::metadata(file)?.modified()?;
    let mut data = None;
    let mut written = false;
    for suffix in COPIES {
        let copy = copy_of(file, suffix);
        if is_fresh(&copy, modified) {
            continue;
        }
        let data: &Vec<u8> = match &data {
            Some(data) => data,
            None => data.insert(fs::read(file)?),
        };
        let temporary = copy.with_extension(format!("{suffix}.partial"));
        let out = io::BufWriter::new(fs::File::create(&temporary)?);
        let result = match suffix {
            "br" => compress_brotli(data, out),
            _ => compress_gzip(data, out),
        };
        if let Err(error) = result.and_then(|()| fs::rename(&temporary, &copy)) {
            let _ = fs::remove_file(&temporary);
            return Err(error);
        }
        written = true;
    }
    Ok(written)
}

fn compress_brotli(data: &[u8], out: impl Write) -> io::Result<()> {
    let mut encoder =
        brotli::CompressorWriter::new(out, 64 * 1024, BROTLI_QUALITY, BROTLI_WINDOW_BITS);
    encoder.write_all(data)?;
    encoder.flush()?;
    encoder.into_inner().flush()
}

fn compress_gzip(data: &[u8], out: impl Write) -> io::Result<()> {
    let mut encoder = flate2::write::GzEncoder::new(out, flate2::Compression::best());
    encoder.write_all(data)?;
    encoder.finish()?.flush()
}

fn is_compressible(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| COMPRESSIBLE.contains(&extension))
}

/// A copy is named after its file with one of the suffixes added: `hubboard.wasm.br`.
fn is_copy(path: &Path) -> bool {
    let suffix = path.extension().and_then(|suffix| suffix.to_str());
    suffix.is_some_and(|suffix| COPIES.contains(&suffix))
        && is_compressible(&path.with_extension(""))
}

fn copy_of(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// The copy exists and was written after its file last changed.
fn is_fresh(copy: &Path, file_modified: SystemTime) -> bool {
    fs::metadata(copy)
        .and_then(|metadata| metadata.modified())
        .is_ok_and(|copied| copied >= file_modified)
}

/// The service for the files under `dir`: their precompressed copies when every copy is fresh, otherwise the
/// file itself (which the compression layer around the router then compresses as it goes).
pub fn service(dir: PathBuf) -> Router {
    let files = Files {
        with_copies: ServeDir::new(&dir).precompressed_br().precompressed_gzip(),
        plain: ServeDir::new(&dir),
        dir: dir.into(),
    };
    Router::new().fallback(serve).with_state(files)
}

#[derive(Clone)]
struct Files {
    dir: std::sync::Arc<Path>,
    with_copies: ServeDir,
    plain: ServeDir,
}

async fn serve(State(files): State<Files>, request: Request) -> Response {
    let fresh =
        file_under(&files.dir, request.uri().path()).is_some_and(|file| copies_are_fresh(&file));
    let answer = if fresh {
        files.with_copies.oneshot(request).await
    } else {
        files.plain.oneshot(request).await
    };
    match answer {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    }
}

/// The file a request path names under `dir`, if the path is an ordinary relative one.
fn file_under(dir: &Path, path: &str) -> Option<PathBuf> {
    let relative = Path::new(path.trim_start_matches('/'));
    let ordinary = relative
        .components()
        .all(|part| matches!(part, Component::Normal(_)));
    (ordinary && !path.contains('\\') && is_compressible(relative)).then(|| dir.join(relative))
}

fn copies_are_fresh(file: &Path) -> bool {
    fs::metadata(file)
        .and_then(|metadata| metadata.modified())
        .is_ok_and(|modified| {
            COPIES
                .iter()
                .all(|suffix| is_fresh(&copy_of(file, suffix), modified))
        })
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn written(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        fs::write(&path, text).unwrap();
        path
    }

    fn brotli_text(path: &Path) -> String {
        let mut text = String::new();
        brotli::Decompressor::new(fs::File::open(path).unwrap(), 4096)
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    fn gzip_text(path: &Path) -> String {
        let mut text = String::new();
        flate2::read::GzDecoder::new(fs::File::open(path).unwrap())
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    #[test]
    fn copies_hold_the_files_and_are_written_once() {
        let dir = tempfile::tempdir().unwrap();
        let script = "export function hydrate() { return 'hydrated'; }\n".repeat(200);
        let js = written(dir.path(), "site.js", &script);
        fs::create_dir(dir.path().join("snippets")).unwrap();
        let nested = written(
            &dir.path().join("snippets"),
            "inline.css",
            "body { margin: 0 }",
        );
        written(dir.path(), "notes.txt", "not served compressed");

        let first = precompress(dir.path()).unwrap();
        assert_eq!((first.files, first.written, first.removed), (2, 2, 0));
        assert!(first.brotli_bytes < first.bytes / 10, "{first:?}");
        assert_eq!(brotli_text(&copy_of(&js, "br")), script);
        assert_eq!(gzip_text(&copy_of(&js, "gz")), script);
        assert_eq!(brotli_text(&copy_of(&nested, "br")), "body { margin: 0 }");
        assert!(!dir.path().join("notes.txt.br").exists());

        let again = precompress(dir.path()).unwrap();
        assert_eq!((again.files, again.written), (2, 0));
    }

    #[test]
    fn a_rebuilt_file_gets_new_copies_and_a_removed_one_loses_them() {
        let dir = tempfile::tempdir().unwrap();
        let wasm = written(dir.path(), "app.wasm", "first build");
        let css = written(dir.path(), "app.css", "main { padding: 1rem }");
        precompress(dir.path()).unwrap();
        assert!(copies_are_fresh(&wasm));

        // A rebuild writes the file after its copies (here, copies made a minute before).
        let earlier = SystemTime::now() - std::time::Duration::from_secs(60);
        for suffix in COPIES {
            let copy = fs::File::options()
                .write(true)
                .open(copy_of(&wasm, suffix))
                .unwrap();
            copy.set_modified(earlier).unwrap();
        }
        fs::write(&wasm, "second build").unwrap();
        assert!(!copies_are_fresh(&wasm));
        fs::remove_file(&css).unwrap();

        let done = precompress(dir.path()).unwrap();
        assert_eq!((done.files, done.written, done.removed), (1, 1, 2));
        assert!(copies_are_fresh(&wasm));
        assert_eq!(brotli_text(&copy_of(&wasm, "br")), "second build");
        assert!(!copy_of(&css, "br").exists() && !copy_of(&css, "gz").exists());
    }

    #[test]
    fn only_ordinary_paths_under_the_directory_are_looked_at() {
        let dir = Path::new("/site/pkg");
        assert_eq!(
            file_under(dir, "/hubboard.wasm"),
            Some(dir.join("hubboard.wasm"))
        );
        assert_eq!(
            file_under(dir, "/snippets/a/inline.js"),
            Some(dir.join("snippets/a/inline.js"))
        );
        assert_eq!(file_under(dir, "/../secret.js"), None);
        assert_eq!(file_under(dir, "/a\\..\\b.js"), None);
        assert_eq!(file_under(dir, "/readme.txt"), None);
    }
}
