//! The outbox and the account mail written into it.
//!
//! A message is written to `outbox` in the same transaction as the change that causes it, so a crash never loses
//! one nor sends one for a change that did not happen. The server's mailer claims due messages for a short lease
//! (one claim per message, however many senders run), sends them and marks them sent; a temporary failure puts a
//! message back with an exponentially later next attempt, and after [`MAX_ATTEMPTS`] it fails for good.
//!
//! Every message has a plain-text and an HTML part, built here from the same words; the HTML part is a template
//! (`maud`) that escapes every value it is given and carries the site's name, colours and main links.

use sqlx::{Any, Row, Transaction};

use maud::{DOCTYPE, Markup, html};

use super::db::{Db, now};

/// Attempts before a message is given up as failed.
pub const MAX_ATTEMPTS: i64 = 8;
/// The wait after the first failed attempt; it doubles with each further one.
pub const FIRST_RETRY_SECS: i64 = 30;
/// The longest wait between attempts.
pub const MAX_RETRY_SECS: i64 = 6 * 3600;

/// A message to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    /// What it is, for logs and tests: `verify-email`, `password-reset`, `password-changed`.
    pub kind: &'static str,
    pub recipient: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// For alert mail: the one-click unsubscribe address (RFC 8058), sent as `List-Unsubscribe` headers.
    pub list_unsubscribe: Option<String>,
}

/// Writes `message` to the outbox as part of `tx`.
pub async fn enqueue(
    tx: &mut Transaction<'_, Any>,
    message: &Outgoing,
) -> Result<i64, sqlx::Error> {
    let at = now();
    sqlx::query(
        "insert into outbox (kind, recipient, subject, body_text, body_html, list_unsubscribe, next_attempt_at, \
         created_at) values ($1, $2, $3, $4, $5, $6, $7, $7) returning id",
    )
    .bind(message.kind)
    .bind(&message.recipient)
    .bind(&message.subject)
    .bind(&message.text)
    .bind(&message.html)
    .bind(message.list_unsubscribe.as_deref())
    .bind(at)
    .fetch_one(&mut **tx)
    .await?
    .try_get("id")
}

/// A message a sender has claimed.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Claimed {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    #[sqlx(rename = "body_text")]
    pub text: String,
    #[sqlx(rename = "body_html")]
    pub html: String,
    pub list_unsubscribe: Option<String>,
    /// Including this one.
    pub attempts: i64,
    pub created_at: i64,
    /// Proves the claim when the outcome is written.
    #[sqlx(skip)]
    pub claim_token: String,
}

/// Claims up to `limit` due messages for `lease_secs`: queued ones whose time has come, and ones whose sender's
/// lease ran out (it stopped mid-batch). Each message is claimed by one caller only, however many run at once.
pub async fn claim_due(db: &Db, limit: i64, lease_secs: i64) -> Result<Vec<Claimed>, sqlx::Error> {
    let at = now();
    let token = super::passwords::random_token();
    let lock = match db.backend() {
        super::db::Backend::Postgres => " for update skip locked",
        // SQLite has one writer at a time: the whole statement is the lock.
        super::db::Backend::Sqlite => "",
    };
    let mut claimed: Vec<Claimed> = sqlx::query_as(&format!(
        "update outbox set status = 'sending', claimed_until = $1, claim_token = $2, attempts = attempts + 1 \
         where id in (select id from outbox where (status = 'queued' and next_attempt_at <= $3) \
         or (status = 'sending' and claimed_until < $3) order by id limit {}{lock}) \
         returning id, kind, recipient, subject, body_text, body_html, list_unsubscribe, attempts, created_at",
        limit.clamp(1, 1000)
    ))
    .bind(at + lease_secs)
    .bind(&token)
    .bind(at)
    .fetch_all(db.write())
    .await?;
    for message in &mut claimed {
        message.claim_token.clone_from(&token);
    }
    claimed.sort_by_key(|c| c.id);
    Ok(claimed)
}

/// Records that a claimed message was sent. False if the claim had lapsed and another sender took it over.
pub async fn mark_sent(db: &Db, message: &Claimed) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update outbox set status = 'sent', sent_at = $1, claimed_until = null, last_error = null \
         where id = $2 and claim_token = $3 and status = 'sending'",
    )
    .bind(now())
    .bind(message.id)
    .bind(&message.claim_token)
    .execute(db.write())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The wait before attempt `attempts + 1`, after `attempts` failed ones.
pub fn retry_delay(attempts: i64) -> i64 {
    let doublings = u32::try_from((attempts - 1).clamp(0, 20)).unwrap_or(20);
    (FIRST_RETRY_SECS.saturating_mul(1_i64 << doublings)).min(MAX_RETRY_SECS)
}

/// Records a failed attempt: back in the queue for later, or failed for good when `permanent` (the server refused
/// the message itself) or after [`MAX_ATTEMPTS`].
pub async fn mark_failed(
    db: &Db,
    message: &Claimed,
    error: &str,
    permanent: bool,
) -> Result<(), sqlx::Error> {
    let give_up = permanent || message.attempts >= MAX_ATTEMPTS;
    sqlx::query(
        "update outbox set status = $1, next_attempt_at = $2, claimed_until = null, last_error = $3 \
         where id = $4 and claim_token = $5 and status = 'sending'",
    )
    .bind(if give_up { "failed" } else { "queued" })
    .bind(now() + retry_delay(message.attempts))
    .bind(error.chars().take(500).collect::<String>())
    .bind(message.id)
    .bind(&message.claim_token)
    .execute(db.write())
    .await?;
    Ok(())
}

/// Messages waiting to be sent, for monitoring.
pub async fn queue_depth(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query("select count(*) as n from outbox where status in ('queued', 'sending')")
        .fetch_one(db.read())
        .await?
        .try_get("n")
}

/// The site's identity in mail. Mail clients ignore style sheets and most do not follow the reader's dark theme, so
/// every message carries the light theme's colours inline, the same values as the site's design tokens.
mod identity {
    pub const ACCENT: &str = "#0b5394";
    pub const ON_ACCENT: &str = "#ffffff";
    pub const TEXT: &str = "#1a1a1a";
    pub const HEADING: &str = "#0b1f3a";
    pub const MUTED: &str = "#4a4f57";
    pub const BOX: &str = "#f2f4f7";
    pub const RULE: &str = "#d0d6de";
    pub const SANS: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
    pub const SERIF: &str = "Georgia, Cambria, 'Times New Roman', serif";
    /// The line under the name, as in the site's header.
    pub const TAGLINE: &str = "Jobs, companies and the news that links them";
}

/// A whole HTML message in the site's identity: the name and tagline in the accent band, `body`, then `footer` with
/// the site's main sections. Every string is escaped by the template; `preheader` is the line inboxes show after
/// the subject.
fn page(site: &str, subject: &str, preheader: &str, body: Markup, footer: Markup) -> String {
    use identity::*;
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light";
                title { (subject) }
            }
            body style={ "margin: 0; padding: 0; background: " (BOX) } {
                div style="display: none; max-height: 0; overflow: hidden" { (preheader) }
                table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"
                    style={ "background: " (BOX) } {
                    tr { td align="center" style="padding: 24px 12px" {
                        table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"
                            style={ "max-width: 600px; background: #ffffff; border: 1px solid " (RULE) "; border-radius: 8px" } {
                            tr { td style={ "background: " (ACCENT) "; padding: 18px 24px; border-radius: 8px 8px 0 0" } {
                                a href=(site) style={ "color: " (ON_ACCENT) "; font-family: " (SERIF) "; font-size: 24px; font-weight: bold; text-decoration: none" } {
                                    "Hubboard"
                                }
                                div style={ "color: " (ON_ACCENT) "; font-family: " (SANS) "; font-size: 13px; margin-top: 2px" } {
                                    (TAGLINE)
                                }
                            } }
                            // A word longer than a phone's screen (a name, an address) breaks rather than widening the mail.
                            tr { td style={ "padding: 24px; font-family: " (SANS) "; font-size: 16px; line-height: 1.5; color: " (TEXT) "; overflow-wrap: anywhere; word-break: break-word" } {
                                (body)
                            } }
                            tr { td style={ "padding: 16px 24px; border-top: 1px solid " (RULE) "; font-family: " (SANS) "; font-size: 13px; line-height: 1.5; color: " (MUTED) } {
                                (footer)
                                p style="margin: 12px 0 0" {
                                    @for (i, (label, path)) in [("Jobs", "/jobs"), ("Companies", "/companies"), ("News", "/news"), ("Your alerts", "/alerts")].into_iter().enumerate() {
                                        @if i > 0 { " · " }
                                        a href={ (site) (path) } style={ "color: " (ACCENT) } { (label) }
                                    }
                                }
                            } }
                        }
                    } }
                }
            }
        }
    }
    .into_string()
}

/// A paragraph in the body's style.
fn paragraph(text: &str) -> Markup {
    html! { p style="margin: 0 0 16px" { (text) } }
}

/// A message of paragraphs with at most one button-like link, in both parts.
fn compose(
    kind: &'static str,
    site: &str,
    recipient: &str,
    subject: &str,
    paragraphs: &[&str],
    link: Option<(&str, &str)>,
    closing: &str,
) -> Outgoing {
    use identity::*;
    let mut text = String::new();
    for paragraph in paragraphs {
        text.push_str(paragraph);
        text.push_str("\n\n");
    }
    if let Some((label, href)) = link {
        text.push_str(&format!("{label}:\n{href}\n\n"));
    }
    text.push_str(closing);
    text.push_str("\n\n— Hubboard\n");
    let body = html! {
        @for text in paragraphs { (paragraph(text)) }
        @if let Some((label, href)) = link {
            p style="margin: 24px 0" {
                a href=(href) style={ "background: " (ACCENT) "; color: " (ON_ACCENT) "; padding: 12px 20px; text-decoration: none; border-radius: 4px; display: inline-block; font-weight: bold" } {
                    (label)
                }
            }
            p style={ "color: " (MUTED) "; font-size: 14px; margin: 0 0 16px; word-break: break-all" } {
                "If the button does not work, copy this address into your browser: " (href)
            }
        }
    };
    let footer = html! { p style="margin: 0" { (closing) } };
    let preheader = paragraphs.first().copied().unwrap_or(subject);
    Outgoing {
        kind,
        recipient: recipient.to_owned(),
        subject: subject.to_owned(),
        text,
        html: page(site, subject, preheader, body, footer),
        list_unsubscribe: None,
    }
}

/// How long an email verification link works.
pub const VERIFY_TTL_SECS: i64 = 3 * 86_400;
/// How long a password reset link works.
pub const RESET_TTL_SECS: i64 = 3600;

/// The mail that asks a new account holder to confirm their address.
pub fn verify_email(site: &str, recipient: &str, token: &str) -> Outgoing {
    compose(
        "verify-email",
        site,
        recipient,
        "Confirm your email address for Hubboard",
        &[
            "Welcome to Hubboard. Please confirm that this is your email address, so that we can send you job \
             alerts and account notices, and so that your company can earn its verified badge.",
            "The link works for three days and only once.",
        ],
        Some((
            "Confirm my email address",
            &format!("{site}/verify-email/{token}"),
        )),
        "If you did not create an account, ignore this message: nothing happens without the link.",
    )
}

/// The mail with a link to choose a new password.
pub fn password_reset(site: &str, recipient: &str, token: &str) -> Outgoing {
    compose(
        "password-reset",
        site,
        recipient,
        "Choose a new Hubboard password",
        &[
            "Someone, probably you, asked to reset the password of the Hubboard account with this address.",
            "The link works for one hour and only once. Choosing a new password signs the account out everywhere \
             else.",
        ],
        Some((
            "Choose a new password",
            &format!("{site}/password/reset/{token}"),
        )),
        "If you did not ask for this, ignore this message: your password stays as it is.",
    )
}

/// The notice that an account's password has changed.
pub fn password_changed(site: &str, recipient: &str) -> Outgoing {
    compose(
        "password-changed",
        site,
        recipient,
        "Your Hubboard password has changed",
        &[
            "The password of the Hubboard account with this address has just been changed, and every other \
             device signed in to it has been signed out.",
        ],
        Some(("Reset your password", &format!("{site}/password/forgot"))),
        "If this was you, there is nothing to do. If it was not, reset your password now and check your account.",
    )
}

/// The answer to a registration with an address that has an account already: registering says nothing about
/// which addresses have accounts, so the address's owner hears it here instead.
pub fn account_exists(site: &str, recipient: &str) -> Outgoing {
    compose(
        "account-exists",
        site,
        recipient,
        "You already have a Hubboard account",
        &[
            "Someone, perhaps you, asked to create a Hubboard account with this address. It has an account already, \
             so nothing was changed.",
            "Sign in with your password, or choose a new one if you have forgotten it.",
        ],
        Some(("Choose a new password", &format!("{site}/password/forgot"))),
        "If this was not you, there is nothing to do: your account and password are as they were.",
    )
}

/// An invitation to join a company's team.
pub fn invitation(
    site: &str,
    recipient: &str,
    company: &str,
    inviter: &str,
    link: &str,
) -> Outgoing {
    compose(
        "invitation",
        site,
        recipient,
        &format!("Join {company} on Hubboard"),
        &[
            &format!(
                "{inviter} invites you to edit the profile and jobs of {company} on Hubboard."
            ),
            "Accept with the account that has this email address (or create one with it). The invitation works \
             for seven days and only once.",
        ],
        Some(("Accept the invitation", link)),
        "If you do not know this company, ignore this message: nothing happens without the link.",
    )
}

/// A moderator's decision, in the words its mail uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Approved,
    Rejected,
    ChangesRequested,
    Suspended,
}

/// The notice to a company's team or a story's writer that a moderator has decided on their listing. `what` names
/// it ("your company Acme Health", "your job “Writer”"); `reason` is the reason's words and `note` the moderator's
/// own, for a refusal.
pub fn decision(
    site: &str,
    recipient: &str,
    what: &str,
    decision: Decision,
    reason: Option<&str>,
    note: &str,
    link: &str,
) -> Outgoing {
    let (subject, outcome) = match decision {
        Decision::Approved => (
            format!("Approved on Hubboard: {what}"),
            format!("Good news: a moderator has approved {what}. It is now public."),
        ),
        Decision::Rejected => (
            format!("Not approved on Hubboard: {what}"),
            format!("A moderator has not approved {what}, so it is not public."),
        ),
        Decision::ChangesRequested => (
            format!("Changes needed on Hubboard: {what}"),
            format!("A moderator has asked for changes to {what} before it can be approved."),
        ),
        Decision::Suspended => (
            format!("Suspended on Hubboard: {what}"),
            format!("A moderator has suspended {what}: it is hidden from the public for now."),
        ),
    };
    let reason_line = reason.map(|r| format!("The reason given: {r}."));
    let note_line =
        (!note.trim().is_empty()).then(|| format!("The moderator's note: {}", note.trim()));
    let mut paragraphs = vec![outcome.as_str()];
    if let Some(line) = &reason_line {
        paragraphs.push(line);
    }
    if let Some(line) = &note_line {
        paragraphs.push(line);
    }
    if decision != Decision::Approved {
        paragraphs.push("You can correct it and send it again from your dashboard, where the reason stays shown.");
    }
    compose(
        "decision",
        site,
        recipient,
        &subject,
        &paragraphs,
        Some(("See it on Hubboard", link)),
        "You get this because you are on the team of a company on Hubboard, or wrote for it.",
    )
}

/// How long a link confirming an alert works.
pub const ALERT_CONFIRM_TTL_SECS: i64 = 7 * 86_400;

/// The mail that asks a subscriber to confirm an alert (double opt-in).
pub fn alert_confirmation(site: &str, recipient: &str, what: &str, token: &str) -> Outgoing {
    compose(
        "alert-confirm",
        site,
        recipient,
        "Confirm your Hubboard alert",
        &[
            &format!(
                "Someone, probably you, asked for Hubboard email alerts to this address: {what}."
            ),
            "Nothing is sent until you confirm. The link works for seven days.",
        ],
        Some((
            "Confirm my alert",
            &format!("{site}/alerts/confirm/{token}"),
        )),
        "If you did not ask for this, ignore this message: without the link you will hear no more from us.",
    )
}

/// One item of an alert mail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DigestItem {
    pub title: String,
    /// One line under the title: company and place for a job, the standfirst for an article.
    pub line: String,
    /// Absolute.
    pub href: String,
}

/// The part of an alert mail for one subscription.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DigestSection {
    /// What the subscription follows, as the person chose it.
    pub heading: String,
    pub items: Vec<DigestItem>,
    /// A link to everything new when there was more than fits, with its words.
    pub more: Option<(String, String)>,
}

/// An alert mail: every subscription that had something new, jobs and articles together.
pub fn digest(
    site: &str,
    recipient: &str,
    subject: &str,
    sections: &[DigestSection],
    manage_href: &str,
    unsubscribe_href: &str,
) -> Outgoing {
    use identity::*;
    const INTRO: &str = "New on Hubboard for the alerts you chose.";
    let mut text = format!("{INTRO}\n\n");
    for section in sections {
        text.push_str(&format!(
            "{}\n{}\n",
            section.heading,
            "=".repeat(section.heading.chars().count().min(72))
        ));
        for item in &section.items {
            text.push_str(&format!(
                "* {}\n  {}\n  {}\n",
                item.title, item.line, item.href
            ));
        }
        if let Some((label, href)) = &section.more {
            text.push_str(&format!("{label}: {href}\n"));
        }
        text.push('\n');
    }
    text.push_str(&format!(
        "You get this because you subscribed to these alerts on Hubboard.\nChange how often, or stop some or all of \
         them: {manage_href}\nUnsubscribe from the alerts in this message: {unsubscribe_href}\n\n— Hubboard\n"
    ));
    let body = html! {
        (paragraph(INTRO))
        @for section in sections {
            h2 style={ "font-family: " (SERIF) "; font-size: 20px; color: " (HEADING) "; margin: 24px 0 8px" } {
                (section.heading)
            }
            table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" {
                @for item in &section.items {
                    tr { td style={ "padding: 10px 0; border-bottom: 1px solid " (RULE) } {
                        a href=(item.href) style={ "color: " (ACCENT) "; font-weight: bold" } { (item.title) }
                        br;
                        span style={ "color: " (MUTED) "; font-size: 15px" } { (item.line) }
                    } }
                }
            }
            @if let Some((label, href)) = &section.more {
                p style="margin: 12px 0 0" { a href=(href) style={ "color: " (ACCENT) } { (label) } }
            }
        }
    };
    let footer = html! {
        p style="margin: 0" {
            "You get this because you subscribed to these alerts on Hubboard. "
            a href=(manage_href) style={ "color: " (ACCENT) } { "Change how often, or stop some or all of them" }
            " · "
            a href=(unsubscribe_href) style={ "color: " (ACCENT) } { "Unsubscribe from the alerts in this message" }
        }
    };
    Outgoing {
        kind: "alert-digest",
        recipient: recipient.to_owned(),
        subject: subject.to_owned(),
        text,
        html: page(site, subject, INTRO, body, footer),
        list_unsubscribe: Some(unsubscribe_href.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_twice_as_long_each_time_up_to_a_limit() {
        assert_eq!(retry_delay(1), 30);
        assert_eq!(retry_delay(2), 60);
        assert_eq!(retry_delay(3), 120);
        assert_eq!(retry_delay(40), MAX_RETRY_SECS);
    }

    #[test]
    fn both_parts_carry_the_link_and_html_is_escaped() {
        let mail = verify_email("https://hub.example", "a<b>@example.com", "tok&en");
        assert!(
            mail.text
                .contains("https://hub.example/verify-email/tok&en")
        );
        assert!(
            mail.html
                .contains("https://hub.example/verify-email/tok&amp;en")
        );
        assert!(!mail.html.contains("tok&en"));
        assert_eq!(mail.kind, "verify-email");
    }

    #[test]
    fn digests_list_every_section_and_carry_the_unsubscribe_address() {
        let section = |heading: &str, title: &str| DigestSection {
            heading: heading.to_owned(),
            items: vec![DigestItem {
                title: title.to_owned(),
                line: "Line".to_owned(),
                href: "https://hub.example/x".to_owned(),
            }],
            more: None,
        };
        let mail = digest(
            "https://hub.example",
            "a@example.com",
            "Subject",
            &[
                section("Jobs like “rust”", "Engineer <lead>"),
                section("News", "Story"),
            ],
            "https://hub.example/alerts/manage/1-ab",
            "https://hub.example/alerts/unsubscribe/1-2-cd",
        );
        assert!(mail.text.contains("Jobs like “rust”") && mail.text.contains("Story"));
        assert!(mail.html.contains("Engineer &lt;lead&gt;"));
        assert!(mail.html.contains("https://hub.example/alerts/manage/1-ab"));
        assert_eq!(
            mail.list_unsubscribe.as_deref(),
            Some("https://hub.example/alerts/unsubscribe/1-2-cd")
        );
    }

    /// Every kind of message, with hostile words wherever a visitor's text can reach it.
    fn every_kind(hostile: &str) -> Vec<Outgoing> {
        let site = "https://hub.example";
        let item = DigestItem {
            title: hostile.to_owned(),
            line: hostile.to_owned(),
            href: format!("{site}/jobs/1"),
        };
        let section = DigestSection {
            heading: hostile.to_owned(),
            items: vec![item],
            more: Some((hostile.to_owned(), format!("{site}/jobs"))),
        };
        vec![
            verify_email(site, "a@example.com", "token"),
            password_reset(site, "a@example.com", "token"),
            password_changed(site, "a@example.com"),
            account_exists(site, "a@example.com"),
            invitation(
                site,
                "a@example.com",
                hostile,
                hostile,
                &format!("{site}/invitations/t"),
            ),
            decision(
                site,
                "a@example.com",
                hostile,
                Decision::Rejected,
                Some(hostile),
                hostile,
                site,
            ),
            alert_confirmation(site, "a@example.com", hostile, "token"),
            digest(site, "a@example.com", hostile, &[section], site, site),
        ]
    }

    #[test]
    fn every_mail_carries_the_site_identity_in_both_parts() {
        for mail in every_kind("Acme") {
            let html = &mail.html;
            assert!(html.starts_with("<!DOCTYPE html>"), "{}", mail.kind);
            assert!(
                html.contains(">Hubboard</a>"),
                "{}: the name in the band",
                mail.kind
            );
            assert!(html.contains(identity::TAGLINE), "{}", mail.kind);
            assert!(
                html.contains(&format!("background: {}", identity::ACCENT)),
                "{}",
                mail.kind
            );
            assert!(
                html.contains(r#"href="https://hub.example/jobs""#),
                "{}: the site's sections",
                mail.kind
            );
            assert!(mail.text.contains("Hubboard"), "{}", mail.kind);
            assert!(
                !mail.text.contains('<'),
                "{}: the text part is plain",
                mail.kind
            );
        }
    }

    #[test]
    fn no_visitor_text_becomes_markup_in_any_mail() {
        let hostile = r#"<b>bold</b>"><svg onload=alert(1)><img src=x onerror=alert(1)>&amp;"#;
        for mail in every_kind(hostile) {
            assert!(!mail.html.contains("<b>"), "{}", mail.kind);
            assert!(!mail.html.contains("<svg"), "{}", mail.kind);
            assert!(!mail.html.contains("<img"), "{}", mail.kind);
            if ["invitation", "decision", "alert-confirm", "alert-digest"].contains(&mail.kind) {
                assert!(
                    mail.html.contains("&lt;b&gt;bold&lt;/b&gt;"),
                    "{}: the words are shown",
                    mail.kind
                );
            }
        }
    }
}
