//! `GET /admin/audit.csv`: the audit log, filtered as on its page, as a CSV file. Admins only.

use app::policy::{self, Action, Standing};
use app::{
    backend::moderation::audit_all,
    moderation::{AuditQuery, audit_filter},
};
use axum::{
    extract::{Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use hubboard::day::Day;
use tower_sessions::Session;

use crate::state::{ServerState, signed_in};

/// The header row, in the order [`row`] writes the fields.
const HEADER: [&str; 11] = [
    "id",
    "time_utc",
    "unix_time",
    "actor",
    "action",
    "target_kind",
    "target_id",
    "target",
    "reason",
    "note",
    "changes",
];

/// A cell a spreadsheet would take for a formula gets a leading apostrophe, so opening the file runs nothing.
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

fn time(at: i64) -> String {
    let secs = at.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        Day::from_unix(at).iso(),
        secs / 3600,
        (secs % 3600) / 60,
        secs % 60
    )
}

/// The export, or 401/403 for anyone who is not an admin, 422 for a malformed date.
pub async fn export(
    State(state): State<ServerState>,
    session: Session,
    Query(query): Query<AuditQuery>,
) -> Response {
    let db = &state.app.db;
    let user = match signed_in(db, &session).await {
        Ok(user) => user,
        Err(response) => return response,
    };
    if !policy::allows(Some(user.role), Standing::Outsider, Action::Administer) {
        return (
            StatusCode::FORBIDDEN,
            "Only admins may export the audit log.",
        )
            .into_response();
    }
    let Ok(filter) = audit_filter(&query) else {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            "Enter dates such as 2026-11-02.",
        )
            .into_response();
    };
    let rows = match audit_all(db, &filter).await {
        Ok(rows) => rows,
        Err(error) => {
            tracing::error!(error = %error, "audit export");
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                "Please try again in a moment.",
            )
                .into_response();
        }
    };
    let mut writer = csv::Writer::from_writer(Vec::new());
    let written = writer.write_record(HEADER).and_then(|()| {
        rows.iter().try_for_each(|row| {
            writer.write_record([
                row.id.to_string(),
                time(row.at),
                row.at.to_string(),
                cell(&row.actor_email),
                cell(&row.action),
                cell(&row.target_kind),
                cell(&row.target_id),
                cell(&row.target_label),
                cell(row.reason.as_deref().unwrap_or_default()),
                cell(&row.note),
                cell(&row.changes),
            ])
        })
    });
    let body = match written.and_then(|()| writer.into_inner().map_err(|e| e.into_error().into())) {
        Ok(body) => body,
        Err(error) => {
            tracing::error!(error = %error, "audit export");
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong on our side.",
            )
                .into_response();
        }
    };
    tracing::info!(user.id = user.id, rows = rows.len(), "audit log exported");
    let name = format!(
        "hubboard-audit-{}.csv",
        Day::from_unix(app::backend::db::now()).iso()
    );
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("job.approve"), "job.approve");
    }

    #[test]
    fn times_are_iso_utc() {
        assert_eq!(time(1_795_651_200 + 3_661), "2026-11-26T01:01:01Z");
    }
}
