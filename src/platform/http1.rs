//! A small HTTP/1.1 client for the Hostless API calls: one request at a time per connection, written and read
//! by the calling task itself over a pooled keep-alive connection (TCP with `TCP_NODELAY`, or TLS through
//! rustls with the platform's certificate verifier).
//!
//! Why not reqwest: a proxied call spent about 45,000 instructions in reqwest and hyper's client (URL parsed
//! again twice, a proxy lookup, the redirect layer, a connection task that the request and its body reach over
//! channels). Here a call is one write and as many reads as the answer needs, on the task that awaits it.
//! Only what the API calls need is implemented: `Content-Length`, chunked and close-delimited bodies, a size
//! limit that is checked before a body is read, no redirects (a 3xx is returned as is, so a credential never
//! leaves the base URL), no HTTP/2, no proxies. Timeouts are the caller's (the whole call is one future).

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::http::{HeaderValue, Method};
use tokio::io::{AsyncRead, AsyncReadExt as _, AsyncWrite, AsyncWriteExt as _, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;
use url::{Host, Url};

/// An idle connection older than this is closed rather than reused (the API may have dropped it already).
const IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// An idle connection older than this is checked for a close by the API before it is reused.
const PROBE_AFTER: Duration = Duration::from_millis(250);
/// At most this many idle connections are kept.
const MAX_IDLE: usize = 64;
/// The most bytes a status line plus headers (or a chunk-size line, or the trailers) may take.
const MAX_HEAD_BYTES: usize = 64 * 1024;
const MAX_HEADERS: usize = 64;

#[derive(Debug, thiserror::Error)]
pub enum Http1Error {
    #[error("connection failed: {0}")]
    Connect(io::Error),
    #[error("{0}")]
    Io(io::Error),
    #[error("the answer is not valid HTTP/1.1: {0}")]
    Malformed(&'static str),
    #[error("the answer is larger than the limit")]
    TooLarge,
    #[error("TLS setup failed: {0}")]
    Tls(String),
    /// The TLS handshake was refused (most often: the API's certificate is not trusted here).
    #[error("the TLS handshake failed: {0}")]
    Handshake(rustls::Error),
}

/// A complete answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
}

/// The headers of one request, besides those the client adds itself (`Host`, `User-Agent`, `Accept`,
/// `Content-Length`).
pub struct Head<'a> {
    pub method: &'a Method,
    /// Path and query, already percent-encoded.
    pub target: &'a str,
    pub authorization: &'a HeaderValue,
    pub request_id: Option<HeaderValue>,
    pub body: Option<&'a [u8]>,
}

enum Stream {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

impl Stream {
    fn tcp(&self) -> &TcpStream {
        match self {
            Self::Plain(tcp) => tcp,
            Self::Tls(tls) => tls.get_ref().0,
        }
    }
}

impl AsyncRead for Stream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Self::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Self::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Stream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Self::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Self::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Self::Plain(s) => Pin::new(s).poll_flush(cx),
            Self::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Self::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Self::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

/// One connection and the bytes read from it that were not used yet.
struct Conn {
    stream: Stream,
    buf: Vec<u8>,
}

impl Conn {
    /// Reads more bytes into the buffer; the end of the stream is an error (the answer is incomplete).
    async fn fill(&mut self) -> Result<(), Http1Error> {
        if self.buf.capacity() - self.buf.len() < 4096 {
            self.buf.reserve(8192);
        }
        match self.stream.read_buf(&mut self.buf).await {
            Ok(0) => Err(Http1Error::Io(io::ErrorKind::UnexpectedEof.into())),
            Ok(_) => Ok(()),
            Err(e) => Err(Http1Error::Io(e)),
        }
    }

    /// Whether a pooled connection still looks usable: nothing to read, not closed by the peer.
    fn looks_alive(&self) -> bool {
        let mut probe = [0u8; 1];
        matches!(self.stream.tcp().try_read(&mut probe), Err(e) if e.kind() == io::ErrorKind::WouldBlock)
    }
}

struct Idle {
    conn: Conn,
    since: Instant,
}

/// Where the API is and how to reach it.
struct Target {
    host: String,
    /// The address when the host is an IP literal (no name lookup).
    ip: Option<IpAddr>,
    port: u16,
    /// `Host` header value.
    authority: String,
    tls: Option<(TlsConnector, rustls::pki_types::ServerName<'static>)>,
}

/// A pool of connections to one base URL.
#[derive(Clone)]
pub struct Http1Client {
    target: Arc<Target>,
    idle: Arc<Mutex<Vec<Idle>>>,
    connect_timeout: Duration,
    user_agent: &'static str,
}

impl Http1Client {
    /// A client for `base`'s scheme, host and port (`http` or `https`).
    pub fn new(
        base: &Url,
        connect_timeout: Duration,
        user_agent: &'static str,
    ) -> Result<Self, Http1Error> {
        Self::with_tls(base, connect_timeout, user_agent, platform_tls_config)
    }

    /// A client whose https connections trust `root` only (tests: a local TLS server's private CA).
    #[cfg(test)]
    pub(crate) fn trusting(
        base: &Url,
        connect_timeout: Duration,
        root: rustls::pki_types::CertificateDer<'static>,
    ) -> Result<Self, Http1Error> {
        Self::with_tls(base, connect_timeout, "t/1", move || {
            let mut roots = rustls::RootCertStore::empty();
            roots
                .add(root)
                .map_err(|e| Http1Error::Tls(e.to_string()))?;
            rustls::ClientConfig::builder_with_provider(Arc::new(
                rustls::crypto::ring::default_provider(),
            ))
            .with_safe_default_protocol_versions()
            .map_err(|e| Http1Error::Tls(e.to_string()))
            .map(|b| b.with_root_certificates(roots).with_no_client_auth())
        })
    }

    fn with_tls(
        base: &Url,
        connect_timeout: Duration,
        user_agent: &'static str,
        tls_config: impl FnOnce() -> Result<rustls::ClientConfig, Http1Error>,
    ) -> Result<Self, Http1Error> {
        let host = base
            .host()
            .ok_or(Http1Error::Malformed("the base URL has no host"))?;
        let port = base
            .port_or_known_default()
            .ok_or(Http1Error::Malformed("the base URL has no port"))?;
        let (name, ip) = match &host {
            Host::Domain(d) => ((*d).to_owned(), None),
            Host::Ipv4(ip) => (ip.to_string(), Some(IpAddr::V4(*ip))),
            Host::Ipv6(ip) => (ip.to_string(), Some(IpAddr::V6(*ip))),
        };
        let authority = match base.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_string(),
        };
        let tls = match base.scheme() {
            "http" => None,
            "https" => Some(tls_connector(&name, ip, tls_config()?)?),
            _ => {
                return Err(Http1Error::Malformed(
                    "the base URL is neither http nor https",
                ));
            }
        };
        Ok(Self {
            target: Arc::new(Target {
                host: name,
                ip,
                port,
                authority,
                tls,
            }),
            idle: Arc::new(Mutex::new(Vec::new())),
            connect_timeout,
            user_agent,
        })
    }

    /// Sends one request and reads its whole answer (at most `limit` body bytes). A request that an idle
    /// connection failed before any answer byte arrived is sent again once on a new connection when its method
    /// is idempotent (the API may have closed the connection as it was taken from the pool).
    pub async fn send(&self, head: &Head<'_>, limit: usize) -> Result<Answer, Http1Error> {
        let request = self.request_bytes(head);
        if let Some(conn) = self.pooled() {
            match self.exchange(conn, &request, head.method, limit).await {
                Err(Exchange::BeforeAnswer(_)) if idempotent(head.method) => {}
                Err(Exchange::BeforeAnswer(e) | Exchange::During(e)) => return Err(e),
                Ok(answer) => return Ok(answer),
            }
        }
        let conn = self.connect().await?;
        match self.exchange(conn, &request, head.method, limit).await {
            Ok(answer) => Ok(answer),
            Err(Exchange::BeforeAnswer(e) | Exchange::During(e)) => Err(e),
        }
    }

    fn request_bytes(&self, head: &Head<'_>) -> Vec<u8> {
        let body = head.body.unwrap_or_default();
        let mut out = Vec::with_capacity(256 + head.target.len() + body.len());
        out.extend_from_slice(head.method.as_str().as_bytes());
        out.push(b' ');
        out.extend_from_slice(head.target.as_bytes());
        out.extend_from_slice(b" HTTP/1.1\r\nhost: ");
        out.extend_from_slice(self.target.authority.as_bytes());
        out.extend_from_slice(b"\r\nuser-agent: ");
        out.extend_from_slice(self.user_agent.as_bytes());
        out.extend_from_slice(
            b"\r\naccept: */*\r\ncontent-type: application/json\r\nauthorization: ",
        );
        // A `HeaderValue` holds no CR or LF, so neither value can add a header line.
        out.extend_from_slice(head.authorization.as_bytes());
        if let Some(id) = &head.request_id {
            out.extend_from_slice(b"\r\nx-request-id: ");
            out.extend_from_slice(id.as_bytes());
        }
        if head.body.is_some() {
            out.extend_from_slice(b"\r\ncontent-length: ");
            out.extend_from_slice(body.len().to_string().as_bytes());
        }
        out.extend_from_slice(b"\r\n\r\n");
        out.extend_from_slice(body);
        out
    }

    /// The most recently used idle connection that still looks alive.
    fn pooled(&self) -> Option<Conn> {
        let mut idle = self.idle.lock().ok()?;
        while let Some(Idle { conn, since }) = idle.pop() {
            let idle_for = since.elapsed();
            // A connection used a moment ago is not probed (that is a syscall per call under load): servers close
            // idle connections after seconds, not within a quarter of one.
            if idle_for < IDLE_TIMEOUT && (idle_for < PROBE_AFTER || conn.looks_alive()) {
                return Some(conn);
            }
        }
        None
    }

    fn put_back(&self, conn: Conn) {
        if let Ok(mut idle) = self.idle.lock()
            && idle.len() < MAX_IDLE
        {
            idle.push(Idle {
                conn,
                since: Instant::now(),
            });
        }
    }

    async fn connect(&self) -> Result<Conn, Http1Error> {
        let target = &self.target;
        let connecting = async {
            match target.ip {
                Some(ip) => TcpStream::connect(SocketAddr::new(ip, target.port)).await,
                None => TcpStream::connect((target.host.as_str(), target.port)).await,
            }
        };
        tracing::trace!(tls = target.tls.is_some(), "API connection opening");
        let tcp = tokio::time::timeout(self.connect_timeout, connecting)
            .await
            .map_err(|_| Http1Error::Connect(io::ErrorKind::TimedOut.into()))?
            .map_err(Http1Error::Connect)?;
        let _ = tcp.set_nodelay(true);
        let stream = match &target.tls {
            None => Stream::Plain(tcp),
            Some((connector, name)) => {
                let tls = tokio::time::timeout(
                    self.connect_timeout,
                    connector.connect(name.clone(), tcp),
                )
                .await
                .map_err(|_| Http1Error::Connect(io::ErrorKind::TimedOut.into()))?
                .map_err(handshake_error)?;
                Stream::Tls(Box::new(tls))
            }
        };
        Ok(Conn {
            stream,
            buf: Vec::with_capacity(8192),
        })
    }

    async fn exchange(
        &self,
        mut conn: Conn,
        request: &[u8],
        method: &Method,
        limit: usize,
    ) -> Result<Answer, Exchange> {
        if let Err(e) = conn.stream.write_all(request).await {
            return Err(Exchange::BeforeAnswer(Http1Error::Io(e)));
        }
        if let Err(e) = conn.stream.flush().await {
            return Err(Exchange::BeforeAnswer(Http1Error::Io(e)));
        }
        // Never the target or a header: they can carry arguments and the credential.
        tracing::trace!(method = %method, bytes = request.len(), "API request written");
        conn.buf.clear();
        let head = loop {
            match parse_head(&conn.buf) {
                Ok(Some(head)) if (100..200).contains(&head.status) => {
                    // An interim answer (100 Continue): the real one follows, maybe already read.
                    conn.buf.drain(..head.len);
                    continue;
                }
                Ok(Some(head)) => break head,
                Ok(None) if conn.buf.len() > MAX_HEAD_BYTES => {
                    return Err(Exchange::During(Http1Error::Malformed("headers too long")));
                }
                Ok(None) => {}
                Err(e) => return Err(Exchange::During(e)),
            }
            let before = conn.buf.is_empty();
            if let Err(e) = conn.fill().await {
                return Err(if before {
                    Exchange::BeforeAnswer(e)
                } else {
                    Exchange::During(e)
                });
            }
        };
        conn.buf.drain(..head.len);
        tracing::trace!(
            status = head.status,
            content_length = head.content_length,
            chunked = head.chunked,
            keep_alive = head.keep_alive,
            "API answer head read"
        );
        let no_body = *method == Method::HEAD || head.status == 204 || head.status == 304;
        let (body, reusable) = if no_body {
            (Vec::new(), head.keep_alive)
        } else if head.chunked {
            (
                read_chunked(&mut conn, limit)
                    .await
                    .map_err(Exchange::During)?,
                head.keep_alive,
            )
        } else if let Some(length) = head.content_length {
            if length > limit {
                return Err(Exchange::During(Http1Error::TooLarge));
            }
            while conn.buf.len() < length {
                conn.fill().await.map_err(Exchange::During)?;
            }
            let rest = conn.buf.split_off(length);
            (std::mem::replace(&mut conn.buf, rest), head.keep_alive)
        } else {
            // No length: the body runs to the end of the connection.
            loop {
                if conn.buf.len() > limit {
                    return Err(Exchange::During(Http1Error::TooLarge));
                }
                match conn.fill().await {
                    Ok(()) => {}
                    Err(Http1Error::Io(e)) if e.kind() == io::ErrorKind::UnexpectedEof => break,
                    Err(e) => return Err(Exchange::During(e)),
                }
            }
            (std::mem::take(&mut conn.buf), false)
        };
        // Bytes after the answer mean the API is out of step with us: never reuse such a connection.
        let kept = reusable && conn.buf.is_empty();
        tracing::trace!(bytes = body.len(), kept, "API answer read");
        if kept {
            self.put_back(conn);
        }
        Ok(Answer {
            status: head.status,
            body,
        })
    }
}

/// How an exchange failed: before any byte of the answer (the request may be sent again) or during it.
enum Exchange {
    BeforeAnswer(Http1Error),
    During(Http1Error),
}

fn idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS
    )
}

/// A TLS handshake's failure: rustls's own error when it refused (a certificate, a protocol), else the I/O error.
fn handshake_error(e: io::Error) -> Http1Error {
    match e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
    {
        Some(refused) => Http1Error::Handshake(refused.clone()),
        None => Http1Error::Connect(e),
    }
}

/// Certificates checked by the platform's verifier (the system's trust store).
fn platform_tls_config() -> Result<rustls::ClientConfig, Http1Error> {
    use rustls_platform_verifier::BuilderVerifierExt as _;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Http1Error::Tls(e.to_string()))?
        .with_platform_verifier()
        .map_err(|e| Http1Error::Tls(e.to_string()))?
        .with_no_client_auth())
}

fn tls_connector(
    host: &str,
    ip: Option<IpAddr>,
    mut config: rustls::ClientConfig,
) -> Result<(TlsConnector, rustls::pki_types::ServerName<'static>), Http1Error> {
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let name = match ip {
        Some(ip) => rustls::pki_types::ServerName::IpAddress(ip.into()),
        None => rustls::pki_types::ServerName::try_from(host.to_owned())
            .map_err(|e| Http1Error::Tls(e.to_string()))?,
    };
    Ok((TlsConnector::from(Arc::new(config)), name))
}

/// The parts of a status line and headers the client acts on.
#[derive(Debug, PartialEq)]
struct ParsedHead {
    status: u16,
    /// Bytes the head takes, the blank line included.
    len: usize,
    content_length: Option<usize>,
    chunked: bool,
    keep_alive: bool,
}

/// The answer's head, once all of it is in `buf`.
fn parse_head(buf: &[u8]) -> Result<Option<ParsedHead>, Http1Error> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut headers);
    let len = match response.parse(buf) {
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(_) => return Err(Http1Error::Malformed("bad status line or header")),
    };
    let status = response.code.ok_or(Http1Error::Malformed("no status"))?;
    // HTTP/1.0 closes by default; 1.1 keeps the connection unless told otherwise.
    let mut keep_alive = response.version == Some(1);
    let mut content_length = None;
    let mut chunked = false;
    for header in response.headers.iter() {
        let value = header.value;
        if header.name.eq_ignore_ascii_case("content-length") {
            let text =
                std::str::from_utf8(value).map_err(|_| Http1Error::Malformed("content-length"))?;
            let length: usize = text
                .trim()
                .parse()
                .map_err(|_| Http1Error::Malformed("content-length"))?;
            if content_length.is_some_and(|l| l != length) {
                return Err(Http1Error::Malformed("two different content-lengths"));
            }
            content_length = Some(length);
        } else if header.name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value
                .rsplit(|&b| b == b',')
                .next()
                .is_some_and(|last| last.trim_ascii().eq_ignore_ascii_case(b"chunked"));
            if !chunked {
                // Another coding last: the body runs to the end of the connection.
                keep_alive = false;
            }
        } else if header.name.eq_ignore_ascii_case("connection") {
            for token in value.split(|&b| b == b',').map(<[u8]>::trim_ascii) {
                if token.eq_ignore_ascii_case(b"close") {
                    keep_alive = false;
                } else if token.eq_ignore_ascii_case(b"keep-alive") && response.version == Some(0) {
                    keep_alive = true;
                }
            }
        }
    }
    if chunked {
        // Transfer-Encoding wins over Content-Length (RFC 9112 §6.3).
        content_length = None;
    }
    Ok(Some(ParsedHead {
        status,
        len,
        content_length,
        chunked,
        keep_alive,
    }))
}

/// The end of the line that starts at `from` in the connection's buffer (reading more as needed).
async fn line_end(conn: &mut Conn, from: usize) -> Result<usize, Http1Error> {
    loop {
        if let Some(rest) = conn.buf.get(from..)
            && let Some(i) = rest.windows(2).position(|w| w == b"\r\n")
        {
            return Ok(from + i);
        }
        if conn.buf.len() - from > MAX_HEAD_BYTES {
            return Err(Http1Error::Malformed("line too long"));
        }
        conn.fill().await?;
    }
}

/// A chunked body, decoded; the connection's buffer keeps what follows it.
async fn read_chunked(conn: &mut Conn, limit: usize) -> Result<Vec<u8>, Http1Error> {
    let mut body = Vec::new();
    loop {
        let end = line_end(conn, 0).await?;
        let line = conn.buf.get(..end).unwrap_or_default();
        let size_text = line
            .split(|&b| b == b';')
            .next()
            .unwrap_or_default()
            .trim_ascii();
        let size = std::str::from_utf8(size_text)
            .ok()
            .and_then(|t| usize::from_str_radix(t, 16).ok())
            .ok_or(Http1Error::Malformed("chunk size"))?;
        conn.buf.drain(..end + 2);
        if size == 0 {
            // Trailers, if any, up to the blank line.
            loop {
                let end = line_end(conn, 0).await?;
                conn.buf.drain(..end + 2);
                if end == 0 {
                    return Ok(body);
                }
            }
        }
        if body.len().saturating_add(size) > limit {
            return Err(Http1Error::TooLarge);
        }
        while conn.buf.len() < size + 2 {
            conn.fill().await?;
        }
        if conn.buf.get(size..size + 2) != Some(b"\r\n".as_slice()) {
            return Err(Http1Error::Malformed("chunk not followed by CRLF"));
        }
        body.extend_from_slice(conn.buf.get(..size).unwrap_or_default());
        conn.buf.drain(..size + 2);
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use tokio::io::AsyncWriteExt as _;
    use tokio::net::TcpListener;

    use super::*;

    /// A server that answers each connection's requests with `answers` in turn (one per request read).
    async fn server(answers: Vec<&'static [u8]>) -> (Url, Arc<Mutex<Vec<Vec<u8>>>>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = Url::parse(&format!("http://{}", listener.local_addr().unwrap())).unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        tokio::spawn(async move {
            let mut answers = answers.into_iter();
            loop {
                let (mut socket, _) = listener.accept().await.unwrap();
                let mut buf = vec![0u8; 65536];
                loop {
                    let n = socket.read(&mut buf).await.unwrap_or(0);
                    if n == 0 {
                        break;
                    }
                    log.lock().unwrap().push(buf[..n].to_vec());
                    let Some(answer) = answers.next() else { return };
                    socket.write_all(answer).await.unwrap();
                    if answer
                        .windows(17)
                        .any(|w| w.eq_ignore_ascii_case(b"connection: close"))
                    {
                        break;
                    }
                }
            }
        });
        (url, seen)
    }

    fn head<'a>(method: &'a Method, auth: &'a HeaderValue, body: Option<&'a [u8]>) -> Head<'a> {
        Head {
            method,
            target: "/v1/projects?a=b",
            authorization: auth,
            request_id: Some(HeaderValue::from_static("req-1")),
            body,
        }
    }

    #[tokio::test]
    async fn bodies_by_length_chunks_and_close_on_one_kept_connection() {
        let (url, seen) = server(vec![
            b"HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\n[1,2",
            b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\ntransfer-encoding: chunked\r\n\r\n3;x=y\r\n{\"a\r\n4\r\n\":1}\r\n0\r\nx-t: 1\r\n\r\n",
            b"HTTP/1.1 204 No Content\r\n\r\n",
            b"HTTP/1.1 500 Oops\r\nconnection: close\r\n\r\nbroken",
        ])
        .await;
        let client = Http1Client::new(&url, Duration::from_secs(1), "t/1").unwrap();
        let auth = HeaderValue::from_static("hlk_x");
        let a = client
            .send(&head(&Method::GET, &auth, None), 100)
            .await
            .unwrap();
        assert_eq!((a.status, a.body.as_slice()), (200, b"[1,2".as_slice()));
        let a = client
            .send(&head(&Method::POST, &auth, Some(b"{}")), 100)
            .await
            .unwrap();
        assert_eq!(
            (a.status, a.body.as_slice()),
            (201, b"{\"a\":1}".as_slice())
        );
        let a = client
            .send(&head(&Method::DELETE, &auth, None), 100)
            .await
            .unwrap();
        assert_eq!((a.status, a.body.len()), (204, 0));
        let a = client
            .send(&head(&Method::GET, &auth, None), 100)
            .await
            .unwrap();
        assert_eq!((a.status, a.body.as_slice()), (500, b"broken".as_slice()));
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 4, "all four on one connection");
        let first = String::from_utf8(seen[0].clone()).unwrap();
        assert!(
            first.starts_with("GET /v1/projects?a=b HTTP/1.1\r\n"),
            "{first}"
        );
        for line in [
            "authorization: hlk_x",
            "user-agent: t/1",
            "x-request-id: req-1",
            "content-type: application/json",
        ] {
            assert!(first.contains(line), "{first}");
        }
        assert!(!first.contains("content-length"), "{first}");
        let second = String::from_utf8(seen[1].clone()).unwrap();
        assert!(second.ends_with("content-length: 2\r\n\r\n{}"), "{second}");
        assert!(client.pooled().is_none(), "a closed connection is not kept");
    }

    #[tokio::test]
    async fn a_body_above_the_limit_is_refused() {
        let (url, _) = server(vec![
            b"HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n",
            b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3e8\r\n",
        ])
        .await;
        let client = Http1Client::new(&url, Duration::from_secs(1), "t/1").unwrap();
        let auth = HeaderValue::from_static("k");
        for _ in 0..2 {
            let err = client
                .send(&head(&Method::GET, &auth, None), 10)
                .await
                .unwrap_err();
            assert!(matches!(err, Http1Error::TooLarge), "{err}");
        }
    }

    #[tokio::test]
    async fn a_connection_the_server_closed_is_replaced() {
        // The first connection answers once and closes without saying so; the second answers.
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = Url::parse(&format!("http://{}", listener.local_addr().unwrap())).unwrap();
        tokio::spawn(async move {
            for _ in 0..2 {
                let (mut socket, _) = listener.accept().await.unwrap();
                let mut buf = vec![0u8; 4096];
                let _ = socket.read(&mut buf).await;
                socket
                    .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok")
                    .await
                    .unwrap();
                socket.shutdown().await.unwrap();
            }
        });
        let client = Http1Client::new(&url, Duration::from_secs(1), "t/1").unwrap();
        let auth = HeaderValue::from_static("k");
        for _ in 0..2 {
            let a = client
                .send(&head(&Method::POST, &auth, Some(b"{}")), 10)
                .await
                .unwrap();
            assert_eq!(a.body, b"ok");
            // Past PROBE_AFTER, so the closed connection is noticed before it is used.
            tokio::time::sleep(PROBE_AFTER + Duration::from_millis(100)).await;
        }
    }

    const CA: &[u8] = include_bytes!("../../tests/fixtures/tls/ca.pem");
    const SERVER_CERT: &[u8] = include_bytes!("../../tests/fixtures/tls/server.pem");
    const SERVER_KEY: &[u8] = include_bytes!("../../tests/fixtures/tls/server.key");

    fn ca() -> rustls::pki_types::CertificateDer<'static> {
        use rustls::pki_types::pem::PemObject as _;
        rustls::pki_types::CertificateDer::from_pem_slice(CA).unwrap()
    }

    /// A TLS server (certificate for 127.0.0.1 signed by the test CA) that answers each request read with
    /// `answers` in turn; it counts the connections whose handshake succeeded and keeps the requests' text.
    async fn tls_server(
        answers: Vec<&'static [u8]>,
    ) -> (
        Url,
        Arc<std::sync::atomic::AtomicUsize>,
        Arc<Mutex<Vec<String>>>,
    ) {
        use rustls::pki_types::pem::PemObject as _;
        use rustls::pki_types::{CertificateDer, PrivateKeyDer};
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from_pem_slice(SERVER_CERT).unwrap()],
            PrivateKeyDer::from_pem_slice(SERVER_KEY).unwrap(),
        )
        .unwrap();
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = Url::parse(&format!("https://{}", listener.local_addr().unwrap())).unwrap();
        let handshakes = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (count, log) = (handshakes.clone(), seen.clone());
        tokio::spawn(async move {
            let mut answers = answers.into_iter();
            loop {
                let (tcp, _) = listener.accept().await.unwrap();
                // A client that refuses the certificate ends the handshake: the server waits for the next one.
                let Ok(mut socket) = acceptor.accept(tcp).await else {
                    continue;
                };
                count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let mut buf = vec![0u8; 65536];
                loop {
                    let n = socket.read(&mut buf).await.unwrap_or(0);
                    if n == 0 {
                        break;
                    }
                    log.lock()
                        .unwrap()
                        .push(String::from_utf8_lossy(&buf[..n]).into_owned());
                    let Some(answer) = answers.next() else { return };
                    socket.write_all(answer).await.unwrap();
                    socket.flush().await.unwrap();
                }
            }
        });
        (url, handshakes, seen)
    }

    #[tokio::test]
    async fn https_answers_by_length_and_chunks_on_one_kept_tls_connection() {
        let (url, handshakes, seen) = tls_server(vec![
            b"HTTP/1.1 200 OK\r\ncontent-length: 12\r\n\r\n{\"items\":[]}",
            b"HTTP/1.1 201 Created\r\ntransfer-encoding: chunked\r\n\r\n6\r\n{\"id\":\r\n3\r\n\"x\"\r\n1\r\n}\r\n0\r\n\r\n",
            b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n[]",
        ])
        .await;
        let client = Http1Client::trusting(&url, Duration::from_secs(5), ca()).unwrap();
        let auth = HeaderValue::from_static("hlk_tls");
        let a = client
            .send(&head(&Method::GET, &auth, None), 100)
            .await
            .unwrap();
        assert_eq!(
            (a.status, a.body.as_slice()),
            (200, b"{\"items\":[]}".as_slice())
        );
        let a = client
            .send(&head(&Method::POST, &auth, Some(b"{}")), 100)
            .await
            .unwrap();
        assert_eq!(
            (a.status, a.body.as_slice()),
            (201, b"{\"id\":\"x\"}".as_slice())
        );
        // Past PROBE_AFTER, so the kept TLS connection is probed (and found alive) before it is reused.
        tokio::time::sleep(PROBE_AFTER + Duration::from_millis(50)).await;
        let a = client
            .send(&head(&Method::GET, &auth, None), 100)
            .await
            .unwrap();
        assert_eq!((a.status, a.body.as_slice()), (200, b"[]".as_slice()));
        assert_eq!(
            handshakes.load(std::sync::atomic::Ordering::SeqCst),
            1,
            "three requests over one TLS connection"
        );
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 3);
        assert!(
            seen[0].starts_with("GET /v1/projects?a=b HTTP/1.1\r\n"),
            "{}",
            seen[0]
        );
        assert!(seen[0].contains("authorization: hlk_tls"), "{}", seen[0]);
        assert!(
            seen[1].ends_with("content-length: 2\r\n\r\n{}"),
            "{}",
            seen[1]
        );
    }

    #[tokio::test]
    async fn https_to_a_certificate_not_trusted_is_refused_with_an_actionable_error() {
        let (url, handshakes, seen) =
            tls_server(vec![b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n[]"]).await;
        // The low-level client: a handshake error naming the certificate, not an I/O error or a hang.
        let client = Http1Client::new(&url, Duration::from_secs(5), "t/1").unwrap();
        let auth = HeaderValue::from_static("hlk_secret");
        let err = tokio::time::timeout(
            Duration::from_secs(10),
            client.send(&head(&Method::GET, &auth, None), 100),
        )
        .await
        .expect("refused, not hung")
        .unwrap_err();
        assert!(
            matches!(
                &err,
                Http1Error::Handshake(rustls::Error::InvalidCertificate(_))
            ),
            "{err:?}"
        );
        // Through the API client: the tool error a user reads says what to fix.
        let api = crate::platform::client::ApiClient::new(&url, Duration::from_secs(5)).unwrap();
        let request = crate::platform::client::ApiRequest {
            method: Method::GET,
            path: "/v1/projects".into(),
            query: Vec::new(),
            body: None,
        };
        let err = tokio::time::timeout(Duration::from_secs(10), api.send(&request, &auth, None))
            .await
            .expect("refused, not hung")
            .unwrap_err();
        let text = err.to_string();
        assert!(
            matches!(err, crate::platform::error::PlatformError::Unreachable(_)),
            "{text}"
        );
        for words in ["TLS handshake was refused", "certificate", "trust store"] {
            assert!(text.contains(words), "{text}");
        }
        assert!(!text.contains("hlk_secret"), "{text}");
        assert_eq!(handshakes.load(std::sync::atomic::Ordering::SeqCst), 0);
        assert!(seen.lock().unwrap().is_empty(), "no request was sent");
    }

    #[test]
    fn heads_are_read_as_rfc_9112_says() {
        let h = parse_head(b"HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\n")
            .unwrap()
            .unwrap();
        assert!(!h.keep_alive);
        let h = parse_head(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\nContent-Length: 3\r\n\r\n",
        )
        .unwrap()
        .unwrap();
        assert!(h.chunked && h.content_length.is_none() && h.keep_alive);
        assert!(
            parse_head(b"HTTP/1.1 200 OK\r\ncontent-length: 3\r\ncontent-length: 4\r\n\r\n")
                .is_err()
        );
        assert!(
            parse_head(b"HTTP/1.1 200 OK\r\ncontent-le")
                .unwrap()
                .is_none()
        );
    }
}
