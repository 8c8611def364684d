//! Company logos and article pictures: the upload forms' handlers and the images themselves. Plain HTTP handlers, because a file
//! upload is a multipart form that works the same with and without JavaScript.

use app::backend::{
    articles,
    companies::{self, Status},
    logos::{self, PictureError},
    remember_in_session, user_of_session,
};
use app::{
    articles::standing,
    policy::{self, Action, Standing},
};
use axum::{
    extract::{DefaultBodyLimit, Multipart, Path, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use std::sync::LazyLock;
use tokio::sync::Semaphore;
use tower_sessions::Session;

use crate::state::{ServerState, signed_in};

/// The flash key the edit page reads the upload's error from.
const LOGO_FORM: &str = "logo";

/// The largest upload request: the image and the form around it.
pub const UPLOAD_LIMIT_BYTES: usize = logos::MAX_UPLOAD_BYTES + 64 * 1024;

/// Lets the multipart extractor read up to [`UPLOAD_LIMIT_BYTES`].
pub fn body_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(UPLOAD_LIMIT_BYTES)
}

/// Uploads are decoded at most one per core at a time: each may take tens of megabytes while it is worked on,
/// so a burst of uploads waits its turn rather than multiplying that.
static DECODERS: LazyLock<Semaphore> = LazyLock::new(|| {
    Semaphore::new(std::thread::available_parallelism().map_or(1, |cores| cores.get()))
});

/// Runs `work` (checking and re-encoding an uploaded image) on a blocking thread when a decoder is free.
async fn decode<B, T>(
    bytes: B,
    work: fn(&[u8]) -> Result<T, PictureError>,
) -> Result<T, PictureError>
where
    B: AsRef<[u8]> + Send + 'static,
    T: Send + 'static,
{
    let Ok(_turn) = DECODERS.acquire().await else {
        return Err(PictureError::Corrupt);
    };
    tokio::task::spawn_blocking(move || work(bytes.as_ref()))
        .await
        .unwrap_or(Err(PictureError::Corrupt))
}

/// The flash key the edit page reads the cover upload's error from.
const COVER_FORM: &str = "cover";

/// A company upload whose sender may change the company: who sent it, the company's address and the form.
struct CompanyUpload {
    user_id: i64,
    company_id: i64,
    slug: String,
    upload: Upload,
}

/// Reads a company's upload form (its file in `file_field`) and checks that its sender is in the company's team;
/// otherwise the answer to send instead. `what` names the picture in the refusal ("logo", "cover").
async fn company_upload(
    state: &ServerState,
    session: &Session,
    form: &mut Multipart,
    file_field: &str,
    what: &str,
) -> Result<CompanyUpload, Response> {
    let db = &state.app.db;
    let user = signed_in(db, session).await?;
    let upload = read_upload(form, file_field).await?;
    let Some(company_id) = upload.number("company_id") else {
        return Err((StatusCode::BAD_REQUEST, "The form is missing the company.").into_response());
    };
    let company = match companies::by_id(db, company_id).await {
        Ok(Some(company)) => company,
        Ok(None) => return Err((StatusCode::NOT_FOUND, "No such company.").into_response()),
        Err(error) => return Err(unavailable(error)),
    };
    let standing = match companies::role_of(db, company_id, user.id).await {
        Ok(role) => Standing::from(role),
        Err(error) => return Err(unavailable(error)),
    };
    if !policy::allows(Some(user.role), standing, Action::WorkForCompany) {
        return Err((
            StatusCode::FORBIDDEN,
            format!("Only the company’s team can change its {what}."),
        )
            .into_response());
    }
    Ok(CompanyUpload {
        user_id: user.id,
        company_id,
        slug: company.slug,
        upload,
    })
}

/// `POST /uploads/company-logo`: checks, re-encodes and stores a new logo for a company the user edits, then
/// goes back to the edit page, with the reason next to the field if the file was refused.
pub async fn upload_logo(
    State(state): State<ServerState>,
    session: Session,
    headers: HeaderMap,
    mut form: Multipart,
) -> Response {
    let sent = match company_upload(&state, &session, &mut form, "logo", "logo").await {
        Ok(sent) => sent,
        Err(response) => return response,
    };
    let (user_id, company_id) = (sent.user_id, sent.company_id);
    let edit_page = format!("/companies/{}/edit", sent.slug);
    let result = match sent.upload.checked_file(&headers) {
        Ok(bytes) => decode(bytes, logos::process).await,
        Err(error) => Err(error),
    };
    match result {
        Ok(renditions) => match companies::set_logo(&state.app.db, company_id, &renditions).await {
            Ok(_) => {
                tracing::info!(user.id = user_id, company.id = company_id, "logo updated");
                Redirect::to(&format!("{edit_page}?notice=logo-updated")).into_response()
            }
            Err(error) => unavailable(error),
        },
        Err(error) => {
            tracing::info!(user.id = user_id, company.id = company_id, reason = %error, "logo refused");
            remember_in_session(&session, LOGO_FORM, &[("error", &error.to_string())]).await;
            Redirect::to(&format!("{edit_page}#logo")).into_response()
        }
    }
}

/// `POST /uploads/company-cover`: checks, cuts and stores a new cover for a company the user edits, or removes it
/// when the form's Remove button sent it; then goes back to the edit page, with the reason next to the field if the
/// file was refused.
pub async fn upload_cover(
    State(state): State<ServerState>,
    session: Session,
    headers: HeaderMap,
    mut form: Multipart,
) -> Response {
    let sent = match company_upload(&state, &session, &mut form, "cover", "cover").await {
        Ok(sent) => sent,
        Err(response) => return response,
    };
    let db = &state.app.db;
    let (user_id, company_id) = (sent.user_id, sent.company_id);
    let edit_page = format!("/companies/{}/edit", sent.slug);
    if sent.upload.text("remove").is_some() {
        return match companies::remove_cover(db, company_id).await {
            Ok(()) => {
                tracing::info!(user.id = user_id, company.id = company_id, "cover removed");
                Redirect::to(&format!("{edit_page}?notice=cover-removed")).into_response()
            }
            Err(error) => unavailable(error),
        };
    }
    let result = match sent.upload.checked_file(&headers) {
        Ok(bytes) => decode(bytes, logos::process_cover).await,
        Err(error) => Err(error),
    };
    match result {
        Ok(covers) => match companies::set_cover(db, company_id, &covers).await {
            Ok(_) => {
                tracing::info!(user.id = user_id, company.id = company_id, "cover updated");
                Redirect::to(&format!("{edit_page}?notice=cover-updated")).into_response()
            }
            Err(error) => unavailable(error),
        },
        Err(error) => {
            tracing::info!(user.id = user_id, company.id = company_id, reason = %error, "cover refused");
            remember_in_session(&session, COVER_FORM, &[("error", &error.to_string())]).await;
            Redirect::to(&format!("{edit_page}#cover")).into_response()
        }
    }
}

/// A multipart form as read: its text fields and its one file.
struct Upload {
    fields: Vec<(String, String)>,
    file: Option<axum::body::Bytes>,
    /// The request went over the size limit while the file was read.
    too_large: bool,
}

impl Upload {
    fn text(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn number(&self, name: &str) -> Option<i64> {
        self.text(name).and_then(|t| t.trim().parse().ok())
    }

    /// The file, or why it cannot be taken: too large (its size taken from the request, which it is most of).
    fn checked_file(self, headers: &HeaderMap) -> Result<axum::body::Bytes, PictureError> {
        if self.too_large {
            let sent = headers
                .get(header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0);
            return Err(PictureError::TooLarge {
                bytes: sent.max(logos::MAX_UPLOAD_BYTES + 1),
            });
        }
        Ok(self.file.unwrap_or_default())
    }
}

/// Reads a multipart form whose file is in the field `file_field`; small text fields are kept, others skipped.
async fn read_upload(form: &mut Multipart, file_field: &str) -> Result<Upload, Response> {
    let incomplete = || (StatusCode::BAD_REQUEST, "The upload was incomplete.").into_response();
    let mut upload = Upload {
        fields: Vec::new(),
        file: None,
        too_large: false,
    };
    loop {
        match form.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_owned();
                if name == file_field {
                    match field.bytes().await {
                        Ok(bytes) => upload.file = Some(bytes),
                        Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                            upload.too_large = true;
                            break;
                        }
                        Err(_) => return Err(incomplete()),
                    }
                } else if upload.fields.len() < 16 {
                    match field.text().await {
                        Ok(text) => upload
                            .fields
                            .push((name, text.chars().take(2_000).collect())),
                        Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                            upload.too_large = true;
                            break;
                        }
                        Err(_) => return Err(incomplete()),
                    }
                }
            }
            Ok(None) => break,
            Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                upload.too_large = true;
                break;
            }
            Err(_) => return Err(incomplete()),
        }
    }
    Ok(upload)
}

/// The flash key the article edit page reads the picture upload's errors from.
const PICTURE_FORM: &str = "article-image";

/// `POST /uploads/article-image`: checks and stores an article's picture with its text alternative, then goes back
/// to the edit page, with the reason next to the field if something was refused. Writers of the article only.
pub async fn upload_article_image(
    State(state): State<ServerState>,
    session: Session,
    headers: HeaderMap,
    mut form: Multipart,
) -> Response {
    let db = &state.app.db;
    let user = match signed_in(db, &session).await {
        Ok(user) => user,
        Err(response) => return response,
    };
    let upload = match read_upload(&mut form, "image").await {
        Ok(upload) => upload,
        Err(response) => return response,
    };
    let Some(article_id) = upload.number("article_id") else {
        return (StatusCode::BAD_REQUEST, "The form is missing the article.").into_response();
    };
    let article = match articles::by_id(db, article_id).await {
        Ok(Some(article)) => article,
        Ok(None) => return (StatusCode::NOT_FOUND, "No such article.").into_response(),
        Err(error) => return unavailable(error),
    };
    // As for the article itself: its writer while it is not public, the editors always.
    let role = Some(user.role);
    let may_edit = policy::allows(role, standing(Some(&user), &article), Action::EditStory)
        && (article.status != articles::Status::Published
            || policy::allows(role, Standing::Outsider, Action::Edit));
    if !may_edit {
        return (
            StatusCode::FORBIDDEN,
            "Only the article’s writer and the editors can change its picture.",
        )
            .into_response();
    }
    let edit_page = format!("/news/{}/edit", article.slug);
    let alt_raw = upload.text("image_alt").unwrap_or_default().to_owned();
    let alt = hubboard::article::parse_alt(&alt_raw);
    let result = match upload.checked_file(&headers) {
        Ok(bytes) => decode(bytes, logos::process_picture).await,
        Err(error) => Err(error),
    };
    match (result, alt) {
        (Ok(pictures), Ok(alt)) => match articles::set_image(db, article_id, &alt, &pictures).await
        {
            Ok(_) => {
                tracing::info!(
                    user.id = user.id,
                    article.id = article_id,
                    "article picture updated"
                );
                Redirect::to(&format!("{edit_page}?notice=picture-updated")).into_response()
            }
            Err(error) => unavailable(error),
        },
        (file, alt) => {
            let file_error = file.err().map(|e| e.to_string()).unwrap_or_default();
            let alt_error = alt.err().map(|e| e.message).unwrap_or_default();
            tracing::info!(
                user.id = user.id,
                article.id = article_id,
                "article picture refused"
            );
            let mut values = vec![("image_alt", alt_raw.as_str())];
            if !file_error.is_empty() {
                values.push(("error", &file_error));
            }
            if !alt_error.is_empty() {
                values.push(("alt_error", &alt_error));
            }
            remember_in_session(&session, PICTURE_FORM, &values).await;
            Redirect::to(&format!("{edit_page}#picture")).into_response()
        }
    }
}

/// `GET /article-images/{article}/{version}/{size}`: one rendition of an article's picture. Cached for a year
/// once the article is public (a new picture gets a new version); before that only its writer and the editors
/// get it.
pub async fn article_image(
    State(state): State<ServerState>,
    session: Session,
    Path((article_id, _version, size)): Path<(i64, i64, String)>,
) -> Response {
    if !logos::PICTURE_WIDTHS.iter().any(|(name, _)| *name == size) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let db = &state.app.db;
    let (format, bytes, status, publish_at) = match articles::image(db, article_id, &size).await {
        Ok(Some(found)) => found,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return unavailable(error),
    };
    let public = status == articles::Status::Published
        && publish_at.is_some_and(|p| p <= app::backend::db::now());
    let cache = if public {
        "public, max-age=31536000, immutable"
    } else {
        let user = user_of_session(db, &session).await.ok().flatten();
        let allowed = match &user {
            Some(user) => match articles::by_id(db, article_id).await {
                Ok(Some(article)) => policy::allows(
                    Some(user.role),
                    standing(Some(user), &article),
                    Action::EditStory,
                ),
                _ => false,
            },
            None => false,
        };
        if !allowed {
            return StatusCode::NOT_FOUND.into_response();
        }
        "private, no-store"
    };
    picture(&format, bytes, cache)
}

/// A stored picture (`format` `jpeg` or `png`) as an answer, cached as `cache` says.
fn picture(format: &str, bytes: Vec<u8>, cache: &'static str) -> Response {
    let content_type = if format == "jpeg" {
        "image/jpeg"
    } else {
        "image/png"
    };
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
        ],
        bytes,
    )
        .into_response()
}

fn unavailable(error: sqlx::Error) -> Response {
    tracing::error!(error = %error, "image storage failed");
    (
        StatusCode::SERVICE_UNAVAILABLE,
        "Please try again in a moment.",
    )
        .into_response()
}

/// `GET /covers/{company}/{version}/{size}`: one rendition of a company's cover (`wide` or `narrow`). Like logos,
/// cached for a year once the company is approved (a new cover gets a new version); before that only for its team
/// and the moderators.
pub async fn cover(
    State(state): State<ServerState>,
    session: Session,
    Path((company_id, _version, size)): Path<(i64, i64, String)>,
) -> Response {
    if !logos::COVER_WIDTHS.iter().any(|(name, _)| *name == size) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let db = &state.app.db;
    let (format, bytes, status) = match companies::cover(db, company_id, &size).await {
        Ok(Some(found)) => found,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return unavailable(error),
    };
    let Some(cache) = company_picture_cache(&state, &session, company_id, status).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    picture(&format, bytes, cache)
}

/// How a company's logo or cover may be cached: for a year by anyone once the company is approved; otherwise by the
/// browser of its team or a moderator only. `None`: the visitor may not see it.
async fn company_picture_cache(
    state: &ServerState,
    session: &Session,
    company_id: i64,
    status: Status,
) -> Option<&'static str> {
    if status == Status::Approved {
        return Some("public, max-age=31536000, immutable");
    }
    let db = &state.app.db;
    let user = user_of_session(db, session).await.ok().flatten()?;
    let role = companies::role_of(db, company_id, user.id).await.ok()?;
    policy::allows(Some(user.role), role.into(), Action::SeeUnlisted).then_some("private, no-store")
}

/// `GET /logos/{company}/{version}/{size}.png`: one rendition. The version in the path changes with every new
/// logo, so approved companies' logos are cached for a year; others only by their team's browser.
pub async fn logo(
    State(state): State<ServerState>,
    session: Session,
    Path((company_id, _version, file)): Path<(i64, i64, String)>,
) -> Response {
    let Some(size) = file
        .strip_suffix(".png")
        .and_then(|s| s.parse::<u32>().ok())
        .filter(|s| logos::SIZES.contains(s))
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let db = &state.app.db;
    let (png, status) = match companies::logo(db, company_id, size).await {
        Ok(Some(found)) => found,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return unavailable(error),
    };
    let Some(cache) = company_picture_cache(&state, &session, company_id, status).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    picture("png", png, cache)
}
