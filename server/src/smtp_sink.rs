//! A real SMTP server on localhost for the mail tests and the mail benchmark: it speaks the protocol (greeting,
//! EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) and keeps every message it accepts. Nothing in the served site uses it.

use std::{
    net::SocketAddr,
    sync::{
        Arc, Mutex,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
    task::JoinHandle,
};

/// One accepted message: its envelope recipients and its raw data.
#[derive(Clone, Debug)]
pub struct Received {
    pub recipients: Vec<String>,
    pub data: String,
}

/// A running SMTP sink.
pub struct SmtpSink {
    pub addr: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    count: Arc<AtomicUsize>,
    task: JoinHandle<()>,
}

impl SmtpSink {
    /// A sink on a free port.
    pub async fn start() -> Self {
        Self::start_on("127.0.0.1:0".parse().unwrap()).await
    }

    /// A sink on `addr`, such as the address a stopped one had.
    pub async fn start_on(addr: SocketAddr) -> Self {
        Self::start_with(addr, Duration::ZERO, true).await
    }

    /// A sink on a free port that counts messages without keeping them, for the benchmark.
    pub async fn start_counting() -> Self {
        Self::start_with("127.0.0.1:0".parse().unwrap(), Duration::ZERO, false).await
    }

    /// A sink on a free port that takes `delay` to accept each message, like a busy server.
    pub async fn start_slow(delay: Duration) -> Self {
        Self::start_with("127.0.0.1:0".parse().unwrap(), delay, true).await
    }

    async fn start_with(addr: SocketAddr, delay: Duration, keep: bool) -> Self {
        let listener = TcpListener::bind(addr).await.expect("SMTP sink listens");
        let addr = listener.local_addr().unwrap();
        let received: Arc<Mutex<Vec<Received>>> = Arc::default();
        let count: Arc<AtomicUsize> = Arc::default();
        let (kept, counted) = (received.clone(), count.clone());
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let kept = keep.then(|| kept.clone());
                let counted = counted.clone();
                // Replies go out at once rather than waiting to be coalesced, as a real server's do.
                let _ = stream.set_nodelay(true);
                tokio::spawn(async move {
                    let _ = session(stream, kept, counted, delay).await;
                });
            }
        });
        Self {
            addr,
            received,
            count,
            task,
        }
    }

    /// The `HUBBOARD_MAIL` value that sends here.
    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    /// Messages accepted so far.
    pub fn count(&self) -> usize {
        self.count.load(Ordering::SeqCst)
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// Waits until at least `count` messages have arrived (the server's sender runs every few seconds).
    pub async fn wait_for(&self, count: usize) -> Vec<Received> {
        for _ in 0..200 {
            let received = self.received();
            if received.len() >= count {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("expected {count} messages, got {}", self.received().len());
    }

    /// Stops listening: connections are refused from now on.
    pub fn stop(self) -> SocketAddr {
        self.task.abort();
        self.addr
    }
}

async fn session(
    stream: TcpStream,
    received: Option<Arc<Mutex<Vec<Received>>>>,
    count: Arc<AtomicUsize>,
    delay: Duration,
) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 sink.test ESMTP ready\r\n").await?;
    let mut recipients = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_ascii_uppercase();
        let reply: &[u8] = if command.starts_with("EHLO") {
            b"250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"
        } else if command.starts_with("HELO") {
            b"250 sink.test\r\n"
        } else if command.starts_with("MAIL FROM:") {
            recipients.clear();
            b"250 OK\r\n"
        } else if command.starts_with("RCPT TO:") {
            recipients.push(
                line.trim_end()[8..]
                    .trim()
                    .trim_matches(['<', '>'])
                    .to_owned(),
            );
            b"250 OK\r\n"
        } else if command == "DATA" {
            write
                .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                .await?;
            let mut data = String::new();
            loop {
                line.clear();
                if lines.read_line(&mut line).await? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" || line == ".\n" {
                    break;
                }
                // Dot-stuffing: a leading dot was doubled by the client.
                data.push_str(line.strip_prefix('.').unwrap_or(&line));
            }
            tokio::time::sleep(delay).await;
            if let Some(received) = &received {
                received.lock().unwrap().push(Received {
                    recipients: std::mem::take(&mut recipients),
                    data,
                });
            }
            count.fetch_add(1, Ordering::SeqCst);
            b"250 OK queued\r\n"
        } else if command == "RSET" || command == "NOOP" {
            b"250 OK\r\n"
        } else if command == "QUIT" {
            write.write_all(b"221 Bye\r\n").await?;
            return Ok(());
        } else {
            b"502 Command not implemented\r\n"
        };
        write.write_all(reply).await?;
    }
}
