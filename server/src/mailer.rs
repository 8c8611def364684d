//! Sending the outbox: the transport chosen by configuration and the background sender.
//!
//! `HUBBOARD_MAIL` names the transport: `smtp://user:password@host:587?tls=required` (STARTTLS),
//! `smtps://user:password@host:465` (TLS from the start), `smtp://host:25` (plain, for a relay on the same
//! machine), or `file:data/mail` (the default: one `.eml` file per message, for a laptop). The sender claims due
//! messages in batches (see [`app::backend::mail`]), so several instances can run it at once and each message is
//! handed to the transport by one of them.

use std::{path::PathBuf, time::Duration};

use app::backend::{
    db::Db,
    mail::{self, Claimed},
};
use lettre::{
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{
        Mailbox, MultiPart,
        header::{HeaderName, HeaderValue},
    },
    transport::smtp::PoolConfig,
};
use tokio_util::{sync::CancellationToken, task::TaskTracker};

/// How long a claimed message belongs to its sender before another may take it over.
pub const LEASE_SECS: i64 = 120;
/// Messages claimed at a time.
pub const BATCH: i64 = 50;
/// How often the sender looks for due messages.
pub const INTERVAL: Duration = Duration::from_secs(2);

/// Where mail goes.
#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    File(AsyncFileTransport<Tokio1Executor>, PathBuf),
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Transport::Smtp(_) => f.write_str("Transport::Smtp"),
            Transport::File(_, dir) => write!(f, "Transport::File({})", dir.display()),
        }
    }
}

impl Transport {
    /// The transport a `HUBBOARD_MAIL` value names.
    pub fn from_url(url: &str) -> Result<Self, String> {
        if let Some(dir) = url.strip_prefix("file:") {
            let dir = PathBuf::from(dir.trim_start_matches("//"));
            std::fs::create_dir_all(&dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            return Ok(Transport::File(AsyncFileTransport::new(&dir), dir));
        }
        if url.starts_with("smtp://") || url.starts_with("smtps://") {
            let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                .map_err(|e| format!("not a usable SMTP address: {e}"))?
                .timeout(Some(Duration::from_secs(20)))
                .pool_config(PoolConfig::new().max_size(CONCURRENT as u32))
                .build();
            return Ok(Transport::Smtp(transport));
        }
        Err("use smtp://, smtps:// or file:".into())
    }

    /// Hands one message over. `Err((reason, permanent))`: `permanent` when the server refused the message
    /// itself, so trying again cannot help.
    async fn send(&self, message: Message) -> Result<(), (String, bool)> {
        match self {
            Transport::Smtp(smtp) => smtp.send(message).await.map(|_| ()).map_err(|e| {
                let permanent = e.is_permanent();
                (e.to_string(), permanent)
            }),
            Transport::File(file, _) => file
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| (e.to_string(), false)),
        }
    }
}

/// A claimed message as a MIME message with its plain-text and HTML parts.
fn build(from: &Mailbox, message: &Claimed) -> Result<Message, String> {
    let to: Mailbox = message
        .recipient
        .parse()
        .map_err(|e| format!("bad recipient: {e}"))?;
    let domain = from.email.domain();
    let mut builder = Message::builder();
    if let Some(href) = &message.list_unsubscribe {
        // RFC 8058: a mail program may offer one-click unsubscribing, which POSTs to the address.
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{href}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_owned(),
            ));
    }
    builder
        .from(from.clone())
        .to(to)
        .subject(&message.subject)
        // The same id on every attempt, so a receiver can tell a retried message from a new one.
        .message_id(Some(format!(
            "<outbox-{}-{}@{domain}>",
            message.id, message.created_at
        )))
        .multipart(MultiPart::alternative_plain_html(
            message.text.clone(),
            message.html.clone(),
        ))
        .map_err(|e| format!("cannot build the message: {e}"))
}

/// Messages of a batch handed to the transport at once. SMTP is a conversation of round trips, so one at a time
/// leaves the connection idle most of the time; the SMTP transport keeps a pool of connections for these.
pub const CONCURRENT: usize = 16;

/// Sends what is due now, one batch at a time until none is left; answers how many were sent. A temporary failure
/// (the server is down or refusing for now) ends the round: messages of the batch not yet tried keep their claim
/// until its lease runs out and go in a later round.
pub async fn send_due(
    db: &Db,
    transport: &Transport,
    from: &Mailbox,
) -> Result<usize, sqlx::Error> {
    use futures::StreamExt;
    use std::sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    };

    let mut sent = 0;
    loop {
        let batch = mail::claim_due(db, BATCH, LEASE_SECS).await?;
        if batch.is_empty() {
            return Ok(sent);
        }
        // Once a temporary failure is seen, messages not yet started are left alone; those already in the hands
        // of the transport finish (a conversation cut short would leave its connection unusable).
        let halted = Arc::new(AtomicBool::new(false));
        let attempts = batch.into_iter().map(|message| {
            let (halted, transport, from) = (halted.clone(), transport.clone(), from.clone());
            async move {
                if halted.load(Ordering::SeqCst) {
                    return (message, None);
                }
                let outcome = match build(&from, &message) {
                    Ok(built) => transport.send(built).await,
                    Err(reason) => Err((reason, true)),
                };
                if matches!(outcome, Err((_, false))) {
                    halted.store(true, Ordering::SeqCst);
                }
                (message, Some(outcome))
            }
        });
        let mut outcomes = futures::stream::iter(attempts).buffer_unordered(CONCURRENT);
        while let Some((message, outcome)) = outcomes.next().await {
            match outcome {
                None => {}
                Some(Ok(())) => {
                    if mail::mark_sent(db, &message).await? {
                        sent += 1;
                    }
                    tracing::info!(mail.id = message.id, kind = message.kind, "mail sent");
                }
                Some(Err((reason, permanent))) => {
                    tracing::warn!(mail.id = message.id, kind = message.kind, attempt = message.attempts,
                        permanent, %reason, "sending mail failed");
                    mail::mark_failed(db, &message, &reason, permanent).await?;
                }
            }
        }
        if halted.load(Ordering::SeqCst) {
            return Ok(sent);
        }
    }
}

/// Runs [`send_due`] every [`INTERVAL`] until `shutdown`.
pub fn spawn_sender(
    db: Db,
    transport: Transport,
    from: Mailbox,
    tasks: &TaskTracker,
    shutdown: CancellationToken,
) {
    tasks.spawn(async move {
        let mut ticks = tokio::time::interval(INTERVAL);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = ticks.tick() => {
                    if let Err(error) = send_due(&db, &transport, &from).await {
                        tracing::warn!(%error, "reading the outbox failed");
                    }
                }
                () = shutdown.cancelled() => break,
            }
        }
    });
}
