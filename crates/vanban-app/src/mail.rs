//! Sending e-mail: the [`Mailer`] seam and its SMTP implementation over lettre ([`SmtpMailer`]),
//! and where the server is ([`SmtpServer`]: a body's `[bodies.smtp]` or `VANBAN_SMTP`). lettre
//! builds the MIME message and speaks SMTP; TLS is native-tls (the system's OpenSSL), which
//! checks the server's certificate against the system's roots plus, when given, one more root
//! certificate (a department's own CA) — certificate checks are never turned off.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{Message, SmtpTransport, Transport as _};
use vanban_store::{SmtpSpec, SmtpTls};

use crate::{Error, Result};

/// Where the SMTP server is and how to reach it (no password).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpServer {
    /// Host name or address.
    pub host: String,
    /// Port.
    pub port: u16,
    /// How the connection is protected.
    pub tls: SmtpTls,
    /// The login, when the server asks for one.
    pub user: Option<String>,
}

/// Whether `host` is this machine (where `tls = "none"` is allowed).
pub fn is_loopback(host: &str) -> bool {
    let h = host.trim_start_matches('[').trim_end_matches(']');
    h.eq_ignore_ascii_case("localhost")
        || h.parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn bad(field: &str, detail: impl Into<String>) -> Error {
    Error::SmtpSettings {
        field: field.to_owned(),
        detail: detail.into(),
    }
}

/// Checks SMTP settings as typed (`prefix` names where: "smtp", "bodies[0].smtp"); a refusal
/// names the field and says what to fix.
pub fn check_smtp(prefix: &str, s: &mut SmtpSpec) -> Result<()> {
    s.host = s.host.trim().to_owned();
    s.user = (s.user.as_deref().map(str::trim))
        .filter(|u| !u.is_empty())
        .map(str::to_owned);
    s.sender = s.sender.trim().to_owned();
    s.sender_name = (s.sender_name.as_deref().map(str::trim))
        .filter(|n| !n.is_empty())
        .map(str::to_owned);
    let f = |name: &str| format!("{prefix}.{name}");
    if s.host.is_empty() || s.host.contains(char::is_whitespace) || s.host.contains('/') {
        return Err(bad(
            &f("host"),
            "hãy nhập tên hoặc địa chỉ máy chủ thư (ví dụ mail.longan.gov.vn), không có dấu cách hay dấu /.",
        ));
    }
    if s.port == Some(0) {
        return Err(bad(
            &f("port"),
            "cổng phải từ 1 đến 65535 (thường là 587 với starttls, 465 với tls).",
        ));
    }
    if s.tls == SmtpTls::None && !is_loopback(&s.host) {
        return Err(bad(
            &f("tls"),
            format!(
                "chỉ được dùng tls = \"none\" (không mã hóa) với máy chủ thư trên chính máy này; máy chủ {} phải dùng \"starttls\" hoặc \"tls\".",
                s.host
            ),
        ));
    }
    if s.user
        .as_deref()
        .is_some_and(|u| u.contains(char::is_whitespace))
    {
        return Err(bad(&f("user"), "tên đăng nhập không được có dấu cách."));
    }
    check_email(&f("sender"), &s.sender)?;
    Ok(())
}

/// Checks an e-mail address (`field` names where it was given).
pub fn check_email(field: &str, email: &str) -> Result<()> {
    email
        .trim()
        .parse::<lettre::Address>()
        .map(|_| ())
        .map_err(|_| {
            bad(
                field,
                format!(
                    "“{email}” không phải địa chỉ thư điện tử hợp lệ (dạng ten@coquan.gov.vn)."
                ),
            )
        })
}

impl SmtpServer {
    /// The server of a body's settings.
    pub fn from_spec(s: &SmtpSpec) -> SmtpServer {
        SmtpServer {
            host: s.host.clone(),
            port: s.port(),
            tls: s.tls,
            user: s.user.clone(),
        }
    }

    /// Reads `smtp://[user@]host:port[?tls=starttls|tls|none]` (the `VANBAN_SMTP` variable,
    /// named `field` in refusals). A password in the address is refused: it would be seen in
    /// the process list and the shell's history.
    pub fn from_url(field: &str, address: &str) -> Result<SmtpServer> {
        let shape = "dạng smtp://[người_dùng@]máy_chủ:cổng[?tls=starttls|tls|none]";
        let u = url::Url::parse(address.trim()).map_err(|e| {
            bad(
                field,
                format!("địa chỉ “{address}” không đọc được ({e}); {shape}."),
            )
        })?;
        if u.scheme() != "smtp" {
            return Err(bad(
                field,
                format!("địa chỉ phải bắt đầu bằng smtp:// ({shape})."),
            ));
        }
        if u.password().is_some() {
            return Err(bad(
                field,
                "không ghi mật khẩu trong địa chỉ máy chủ thư; dùng --password-file TỆP hoặc biến VANBAN_SMTP_PASSWORD.",
            ));
        }
        let host = u
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| bad(field, format!("thiếu tên máy chủ ({shape}).")))?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        let mut tls = SmtpTls::Starttls;
        for (k, v) in u.query_pairs() {
            match (&*k, SmtpTls::from_str_opt(&v)) {
                ("tls", Some(t)) => tls = t,
                _ => {
                    return Err(bad(
                        field,
                        format!(
                            "tham số “{k}={v}” không dùng được; chỉ có tls=starttls, tls=tls hoặc tls=none."
                        ),
                    ));
                }
            }
        }
        let user = url::form_urlencoded::parse(format!("u={}", u.username()).as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .filter(|v| !v.is_empty());
        let mut spec = SmtpSpec {
            host,
            port: u.port(),
            tls,
            user,
            sender: "kiem.tra@example.invalid".into(),
            sender_name: None,
        };
        check_smtp(field, &mut spec)?;
        Ok(SmtpServer::from_spec(&spec))
    }

    /// The server in words, without a password ("smtp://vanthu@mail.example:587?tls=starttls").
    pub fn describe(&self) -> String {
        let user = self
            .user
            .as_deref()
            .map(|u| format!("{u}@"))
            .unwrap_or_default();
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        format!(
            "smtp://{user}{host}:{}?tls={}",
            self.port,
            self.tls.as_str()
        )
    }
}

/// Why a message was not sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailError {
    /// The server answered with a refusal (a 4xx or 5xx reply): this message only.
    Refused(String),
    /// The server refused the login.
    Login(String),
    /// The connection failed or was lost (network, TLS, an incomplete reply): whether the
    /// message arrived is not known.
    Connection(String),
}

impl std::fmt::Display for MailError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MailError::Refused(r) => write!(f, "máy chủ thư từ chối: {r}"),
            MailError::Login(r) => write!(f, "máy chủ thư từ chối đăng nhập: {r}"),
            MailError::Connection(r) => write!(f, "mất kết nối với máy chủ thư: {r}"),
        }
    }
}

/// Where messages go: the seam between the sending use case and SMTP.
pub trait Mailer {
    /// Where it sends, in words, without a password.
    fn destination(&self) -> String;

    /// Connects and logs in once, before anything is recorded: a wrong password or an
    /// unreachable server fails here.
    fn check(&mut self) -> Result<(), MailError>;

    /// Sends one message to its envelope's recipients.
    fn send(&mut self, message: &Message) -> Result<(), MailError>;
}

/// An SMTP server, through lettre (one connection per message).
pub struct SmtpMailer {
    transport: SmtpTransport,
    server: SmtpServer,
}

fn classify(e: &lettre::transport::smtp::Error) -> MailError {
    if e.is_permanent() || e.is_transient() {
        MailError::Refused(e.to_string())
    } else {
        MailError::Connection(e.to_string())
    }
}

impl SmtpMailer {
    /// A mailer for `server`, logging in with `password` when the server has a user; the
    /// server's certificate is checked against the system's roots and `root_certificate` (a
    /// PEM file), when given.
    pub fn new(
        server: &SmtpServer,
        password: Option<&str>,
        root_certificate: Option<&Path>,
    ) -> Result<SmtpMailer> {
        let connect = |detail: String| Error::MailConnect {
            server: server.describe(),
            detail,
        };
        let mut params = TlsParameters::builder(server.host.clone());
        if let Some(path) = root_certificate {
            let pem = std::fs::read(path).map_err(|source| Error::Io {
                path: path.to_owned(),
                source,
            })?;
            let cert = Certificate::from_pem(&pem).map_err(|e| {
                connect(format!(
                    "tệp chứng thư gốc {} không đọc được ({e})",
                    path.display()
                ))
            })?;
            params = params.add_root_certificate(cert);
        }
        let tls = match server.tls {
            SmtpTls::None => Tls::None,
            t => {
                let p = params
                    .build_native()
                    .map_err(|e| connect(format!("không chuẩn bị được TLS ({e})")))?;
                if t == SmtpTls::Tls {
                    Tls::Wrapper(p)
                } else {
                    Tls::Required(p)
                }
            }
        };
        let mut builder = SmtpTransport::builder_dangerous(server.host.clone())
            .port(server.port)
            .tls(tls)
            .timeout(Some(Duration::from_secs(60)));
        if let Some(user) = &server.user {
            let password = password.ok_or_else(|| Error::SmtpPasswordNeeded(user.clone()))?;
            builder = builder
                .credentials(Credentials::new(user.clone(), password.to_owned()))
                .authentication(vec![Mechanism::Plain, Mechanism::Login]);
        }
        Ok(SmtpMailer {
            transport: builder.build(),
            server: server.clone(),
        })
    }
}

impl Mailer for SmtpMailer {
    fn destination(&self) -> String {
        self.server.describe()
    }

    fn check(&mut self) -> Result<(), MailError> {
        match self.transport.test_connection() {
            Ok(true) => Ok(()),
            Ok(false) => Err(MailError::Connection(
                "máy chủ không trả lời lệnh NOOP".into(),
            )),
            Err(e) if e.is_permanent() || e.is_transient() => Err(MailError::Login(e.to_string())),
            Err(e) => Err(MailError::Connection(e.to_string())),
        }
    }

    fn send(&mut self, message: &Message) -> Result<(), MailError> {
        self.transport
            .send(message)
            .map(|_| ())
            .map_err(|e| classify(&e))
    }
}

/// How this machine sends a document's e-mail: the server (`VANBAN_SMTP`, else the body's
/// `[bodies.smtp]`), the password (given — typed in the window or read from a file —, else
/// `VANBAN_SMTP_PASSWORD`, else the file `settings.toml`'s `[smtp] password_file` names) and a
/// root certificate to trust (`VANBAN_SMTP_CA`, else `[smtp] root_certificate`). Both fronts
/// find it here, so the command and the window send the same way.
pub struct MailRoute {
    /// The server.
    pub server: SmtpServer,
    password: Option<zeroize::Zeroizing<String>>,
    root_certificate: Option<PathBuf>,
}

impl MailRoute {
    /// The route for document `id` on `wf`, reading the environment through `env` and the
    /// machine's settings `machine`.
    pub fn for_document(
        wf: &crate::workflow::Workflow,
        id: vanban_store::DocumentId,
        given_password: Option<zeroize::Zeroizing<String>>,
        machine: &crate::connection::SmtpMachineSettings,
        env: impl Fn(&str) -> Option<OsString>,
    ) -> Result<MailRoute> {
        let env = |k: &str| env(k).filter(|v| !v.is_empty());
        let server = match env("VANBAN_SMTP") {
            Some(address) => SmtpServer::from_url("VANBAN_SMTP", &address.to_string_lossy())?,
            None => SmtpServer::from_spec(&wf.document_smtp_settings(id)?),
        };
        let password = match (given_password, env("VANBAN_SMTP_PASSWORD")) {
            (Some(p), _) => Some(p),
            (None, Some(p)) => Some(zeroize::Zeroizing::new(p.to_string_lossy().into_owned())),
            (None, None) => match &machine.password_file {
                Some(f) => Some(first_line(f)?),
                None => None,
            },
        };
        let root_certificate = env("VANBAN_SMTP_CA")
            .map(PathBuf::from)
            .or_else(|| machine.root_certificate.clone());
        if let Some(r) = &root_certificate
            && !r.is_file()
        {
            return Err(Error::Io {
                path: r.clone(),
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "không có tệp chứng thư gốc (VANBAN_SMTP_CA hoặc root_certificate trong \
                     [smtp] của settings.toml)",
                ),
            });
        }
        Ok(MailRoute {
            server,
            password,
            root_certificate,
        })
    }

    /// The server asks for a login and no password is known yet: the window asks for it.
    pub fn needs_password(&self) -> bool {
        self.server.user.is_some() && self.password.is_none()
    }

    /// A mailer over this route.
    pub fn mailer(&self) -> Result<SmtpMailer> {
        SmtpMailer::new(
            &self.server,
            self.password.as_deref().map(String::as_str),
            self.root_certificate.as_deref(),
        )
    }
}

/// The first line of a file holding a secret, in memory that is wiped when dropped.
fn first_line(file: &Path) -> Result<zeroize::Zeroizing<String>> {
    let text =
        zeroize::Zeroizing::new(std::fs::read_to_string(file).map_err(|source| Error::Io {
            path: file.to_owned(),
            source,
        })?);
    Ok(zeroize::Zeroizing::new(
        text.lines().next().unwrap_or_default().to_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_smtp_address_is_read_and_a_password_in_it_refused() {
        let s = SmtpServer::from_url("VANBAN_SMTP", "smtp://vanthu@127.0.0.1:2525?tls=none")
            .expect("read");
        assert_eq!(s.host, "127.0.0.1");
        assert_eq!(s.port, 2525);
        assert_eq!(s.tls, SmtpTls::None);
        assert_eq!(s.user.as_deref(), Some("vanthu"));
        let s =
            SmtpServer::from_url("VANBAN_SMTP", "smtp://mail.example.vn?tls=tls").expect("read");
        assert_eq!((s.port, s.user), (465, None));
        let e = SmtpServer::from_url("VANBAN_SMTP", "smtp://vanthu:bimat@mail.example.vn:587")
            .expect_err("password");
        assert!(
            e.to_string().starts_with("VANBAN_SMTP: không ghi mật khẩu"),
            "{e}"
        );
        let e = SmtpServer::from_url("VANBAN_SMTP", "smtp://mail.example.vn:25?tls=none")
            .expect_err("plain text to another machine");
        assert!(e.to_string().contains("VANBAN_SMTP.tls"), "{e}");
        assert!(SmtpServer::from_url("VANBAN_SMTP", "http://mail.example.vn").is_err());
        assert!(SmtpServer::from_url("VANBAN_SMTP", "smtp://h?tls=ssl").is_err());
    }

    #[test]
    fn settings_are_checked_field_by_field() {
        let mut s = SmtpSpec {
            host: "mail.longan.example".into(),
            sender: "vanthu@longan.example".into(),
            ..SmtpSpec::default()
        };
        check_smtp("smtp", &mut s).expect("fine");
        s.sender = "vanthu".into();
        let e = check_smtp("smtp", &mut s).expect_err("sender");
        assert!(e.to_string().starts_with("smtp.sender: "), "{e}");
        s.sender = "vanthu@longan.example".into();
        s.port = Some(0);
        assert!(
            check_smtp("smtp", &mut s)
                .expect_err("port")
                .to_string()
                .starts_with("smtp.port")
        );
    }
}
