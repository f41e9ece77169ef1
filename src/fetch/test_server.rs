//! A small HTTP/1.1 server on loopback (127.0.0.1) for the fetch tests
//! and the fetch benchmark: routes set and changed while it runs, each
//! with a status, headers, a body, a delay and a behaviour (stall midway,
//! answer conditionally). It counts requests, conditional requests and
//! the most served at once. It stops when dropped, and by itself after
//! its lifetime, whatever the test does. Not used by broadsheet itself.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the server does for a path.
#[derive(Debug, Clone, Default)]
pub struct Route {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Waited before answering.
    pub delay: Duration,
    /// Sends the headers and a little of the body, then nothing more.
    pub stall: bool,
    /// Answers 304 to a request whose `If-None-Match` is this.
    pub etag: Option<String>,
}

impl Route {
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            ..Self::default()
        }
    }

    pub fn status(status: u16) -> Self {
        Self { status, body: format!("status {status}").into_bytes(), ..Self::default() }
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn with_etag(mut self, etag: &str) -> Self {
        self.etag = Some(etag.to_owned());
        self.header("ETag", etag)
    }

    pub fn delayed(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

/// What the server saw.
#[derive(Debug, Default)]
pub struct Counts {
    pub requests: AtomicUsize,
    /// Requests with `If-None-Match` or `If-Modified-Since`.
    pub conditional: AtomicUsize,
    pub in_flight: AtomicUsize,
    pub most_in_flight: AtomicUsize,
    /// The `User-Agent` of the last request.
    pub user_agent: Mutex<String>,
}

pub struct TestServer {
    pub port: u16,
    routes: Arc<Mutex<HashMap<String, Route>>>,
    pub counts: Arc<Counts>,
    stop: Arc<AtomicBool>,
}

impl TestServer {
    /// Starts a server that stops by itself after `lifetime`.
    pub fn start(lifetime: Duration) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind on loopback");
        listener.set_nonblocking(true).expect("a non-blocking listener");
        let port = listener.local_addr().expect("an address").port();
        let routes: Arc<Mutex<HashMap<String, Route>>> = Arc::default();
        let counts: Arc<Counts> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let (r, c, s) = (routes.clone(), counts.clone(), stop.clone());
        std::thread::spawn(move || {
            let end = Instant::now() + lifetime;
            while !s.load(Ordering::Relaxed) && Instant::now() < end {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (r, c, s) = (r.clone(), c.clone(), s.clone());
                        std::thread::spawn(move || {
                            let _ = serve(stream, &r, &c, &s, end);
                        });
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(2)),
                }
            }
        });
        Self { port, routes, counts, stop }
    }

    /// The address of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn route(&self, path: &str, route: Route) {
        self.routes.lock().unwrap_or_else(|e| e.into_inner()).insert(path.to_owned(), route);
    }

    pub fn requests(&self) -> usize {
        self.counts.requests.load(Ordering::Relaxed)
    }

    pub fn conditional(&self) -> usize {
        self.counts.conditional.load(Ordering::Relaxed)
    }

    pub fn most_in_flight(&self) -> usize {
        self.counts.most_in_flight.load(Ordering::Relaxed)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn serve(
    stream: TcpStream,
    routes: &Mutex<HashMap<String, Route>>,
    counts: &Counts,
    stop: &AtomicBool,
    end: Instant,
) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let mut headers: HashMap<String, String> = HashMap::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
        }
    }
    counts.requests.fetch_add(1, Ordering::Relaxed);
    if headers.contains_key("if-none-match") || headers.contains_key("if-modified-since") {
        counts.conditional.fetch_add(1, Ordering::Relaxed);
    }
    *counts.user_agent.lock().unwrap_or_else(|e| e.into_inner()) =
        headers.get("user-agent").cloned().unwrap_or_default();
    let now = counts.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    counts.most_in_flight.fetch_max(now, Ordering::SeqCst);
    let route = routes
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(&path)
        .cloned()
        .unwrap_or_else(|| Route::status(404));
    std::thread::sleep(route.delay);
    let result = answer(stream, &route, &headers, stop, end);
    counts.in_flight.fetch_sub(1, Ordering::SeqCst);
    result
}

fn answer(
    mut stream: TcpStream,
    route: &Route,
    headers: &HashMap<String, String>,
    stop: &AtomicBool,
    end: Instant,
) -> std::io::Result<()> {
    let not_modified = route.etag.is_some() && headers.get("if-none-match") == route.etag.as_ref();
    let status = if not_modified { 304 } else { route.status };
    let mut head = format!("HTTP/1.1 {status} {}\r\nConnection: close\r\n", reason(status));
    for (name, value) in &route.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    let body: &[u8] = if not_modified { b"" } else { &route.body };
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    stream.write_all(head.as_bytes())?;
    if route.stall {
        stream.write_all(&body[..body.len().min(16)])?;
        stream.flush()?;
        while !stop.load(Ordering::Relaxed) && Instant::now() < end {
            std::thread::sleep(Duration::from_millis(20));
        }
        return Ok(());
    }
    stream.write_all(body)?;
    stream.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        404 => "Not Found",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}
