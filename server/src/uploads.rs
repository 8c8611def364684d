//! Company logos: the upload form's handler and the images themselves. Plain HTTP handlers, because a file
//! upload is a multipart form that works the same with and without JavaScript.

use app::server::{
    companies::{self, Status},
    logos::{self, LogoError},
    remember_in_session, user_of_session,
};
use axum::{
    extract::{DefaultBodyLimit, Multipart, Path, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use tower_sessions::Session;

use crate::web::ServerState;

/// The flash key the edit page reads the upload's error from.
const LOGO_FORM: &str = "logo";

/// The largest upload request: the image and the form around it.
pub const UPLOAD_LIMIT_BYTES: usize = logos::MAX_UPLOAD_BYTES + 64 * 1024;

/// Lets the multipart extractor read up to [`UPLOAD_LIMIT_BYTES`].
pub fn body_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(UPLOAD_LIMIT_BYTES)
}

/// `POST /uploads/company-logo`: checks, re-encodes and stores a new logo for a company the user edits, then
/// goes back to the edit page, with the reason next to the field if the file was refused.
pub async fn upload_logo(
    State(state): State<ServerState>,
    session: Session,
    headers: HeaderMap,
    mut form: Multipart,
) -> Response {
    let db = &state.app.db;
    let user = match user_of_session(db, &session).await {
        Ok(Some(user)) => user,
        Ok(None) => return (StatusCode::UNAUTHORIZED, "Please sign in first.").into_response(),
        Err(_) => {
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                "Please try again in a moment.",
            )
                .into_response();
        }
    };
    let mut company_id = None;
    let mut file = None;
    let mut too_large = false;
    loop {
        match form.next_field().await {
            Ok(Some(field)) => match field.name() {
                Some("company_id") => {
                    company_id = field
                        .text()
                        .await
                        .ok()
                        .and_then(|t| t.trim().parse::<i64>().ok())
                }
                Some("logo") => match field.bytes().await {
                    Ok(bytes) => file = Some(bytes),
                    Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                        too_large = true;
                        break;
                    }
                    Err(_) => {
                        return (StatusCode::BAD_REQUEST, "The upload was incomplete.")
                            .into_response();
                    }
                },
                _ => {}
            },
            Ok(None) => break,
            Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                too_large = true;
                break;
            }
            Err(_) => {
                return (StatusCode::BAD_REQUEST, "The upload was incomplete.").into_response();
            }
        }
    }
    let Some(company_id) = company_id else {
        return (StatusCode::BAD_REQUEST, "The form is missing the company.").into_response();
    };
    let company = match companies::by_id(db, company_id).await {
        Ok(Some(company)) => company,
        Ok(None) => return (StatusCode::NOT_FOUND, "No such company.").into_response(),
        Err(error) => return unavailable(error),
    };
    match companies::role_of(db, company_id, user.id).await {
        Ok(Some(_)) => {}
        Ok(None) => {
            return (
                StatusCode::FORBIDDEN,
                "Only the company’s team can change its logo.",
            )
                .into_response();
        }
        Err(error) => return unavailable(error),
    }
    let edit_page = format!("/companies/{}/edit", company.slug);
    let result = if too_large {
        // The file is most of the request; its declared length is the best measure of what was sent.
        let sent = headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(0);
        Err(LogoError::TooLarge {
            bytes: sent.max(logos::MAX_UPLOAD_BYTES + 1),
        })
    } else {
        let bytes = file.unwrap_or_default();
        tokio::task::spawn_blocking(move || logos::process(&bytes))
            .await
            .unwrap_or(Err(LogoError::Corrupt))
    };
    match result {
        Ok(renditions) => match companies::set_logo(db, company_id, &renditions).await {
            Ok(_) => {
                tracing::info!(user.id = user.id, company.id = company_id, "logo updated");
                Redirect::to(&format!("{edit_page}?notice=logo-updated")).into_response()
            }
            Err(error) => unavailable(error),
        },
        Err(error) => {
            tracing::info!(user.id = user.id, company.id = company_id, reason = %error, "logo refused");
            remember_in_session(&session, LOGO_FORM, &[("error", &error.to_string())]).await;
            Redirect::to(&format!("{edit_page}#logo")).into_response()
        }
    }
}

fn unavailable(error: sqlx::Error) -> Response {
    tracing::error!(error = %error, "logo storage failed");
    (
        StatusCode::SERVICE_UNAVAILABLE,
        "Please try again in a moment.",
    )
        .into_response()
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
    let cache = if status == Status::Approved {
        "public, max-age=31536000, immutable"
    } else {
        let user = user_of_session(db, &session).await.ok().flatten();
        let allowed = match &user {
            Some(user) if user.role.can_moderate() => true,
            Some(user) => matches!(
                companies::role_of(db, company_id, user.id).await,
                Ok(Some(_))
            ),
            None => false,
        };
        if !allowed {
            return StatusCode::NOT_FOUND.into_response();
        }
        "private, no-store"
    };
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("image/png")),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
        ],
        png,
    )
        .into_response()
}
