//! The SMTP sink the mail tests send to, and reading links out of what it received.

pub use server::smtp_sink::SmtpSink;

/// The plain-text part's lines of a raw message, with quoted-printable soft breaks joined.
pub fn text_of(data: &str) -> String {
    data.replace("=\r\n", "").replace("=3D", "=")
}

/// The first address on this site in a message's text, such as a link to confirm or reset.
pub fn link_in(data: &str, path: &str) -> String {
    let text = text_of(data);
    let start = text
        .find(&format!("http://127.0.0.1:3999{path}"))
        .expect("the link is in the message");
    text[start..]
        .split(|c: char| c.is_whitespace() || c == '<' || c == '"')
        .next()
        .unwrap()
        .to_owned()
}
