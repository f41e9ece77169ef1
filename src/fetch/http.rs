//! One polite HTTP GET: conditional (ETag, Last-Modified), compressed
//! (gzip, deflate, brotli, decompressed here so the size cap holds after
//! decompression too), redirects followed by hand (so a permanent move is
//! known and a loop is an error), bounded in time and size.

use std::io::Read;
use std::time::Duration;

use url::Url;

/// Redirects followed before giving up.
pub const MAX_REDIRECTS: usize = 5;

/// What the last fetch of a feed left to make the next one conditional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A successful answer.
#[derive(Debug)]
pub struct Response {
    /// Where the body came from, after redirects.
    pub url: String,
    /// Set when every redirect on the way was permanent (301, 308): the
    /// address the subscription should now use.
    pub moved_to: Option<String>,
    /// `None` for 304 Not Modified.
    pub body: Option<Vec<u8>>,
    pub content_type: Option<String>,
    pub validators: Validators,
}

/// Why a fetch failed, worded for one line of output.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("{code} {reason}")]
    Status { code: u16, reason: String, retry_after: Option<Duration> },
    #[error("410 Gone: the feed was removed for good (`broadsheet feeds remove` it)")]
    Gone,
    #[error("redirect loop at {0}")]
    RedirectLoop(String),
    #[error("more than {MAX_REDIRECTS} redirects")]
    TooManyRedirects,
    #[error("a redirect without a usable Location")]
    BadRedirect,
    #[error("the response is over {0} bytes")]
    TooBig(u64),
    #[error("the response decompresses to over {0} bytes (a compression bomb?)")]
    Bomb(u64),
    #[error("cannot decompress the response ({0})")]
    Encoding(String),
    #[error("timed out")]
    Timeout,
    #[error("not an http(s) address: {0}")]
    BadUrl(String),
    #[error("{0}")]
    Network(String),
}

impl FetchError {
    /// How long the server asked to wait before asking again, for 429
    /// and 503 (`None`: no such status, or no wait given).
    pub fn retry_after(&self) -> Option<Option<Duration>> {
        match self {
            Self::Status { code: 429 | 503, retry_after, .. } => Some(*retry_after),
            _ => None,
        }
    }
}

/// An HTTP client with broadsheet's limits.
#[derive(Clone)]
pub struct Client {
    agent: ureq::Agent,
    max_bytes: u64,
}

impl Client {
    pub fn new(timeout: Duration, max_bytes: u64) -> Self {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .timeout_global(Some(timeout))
            .timeout_connect(Some(timeout.min(Duration::from_secs(10))))
            .user_agent(user_agent())
            .build();
        Self { agent: config.into(), max_bytes }
    }

    /// GETs `url`, following redirects, as a conditional request when
    /// `validators` has any.
    pub fn get(&self, url: &str, validators: &Validators) -> Result<Response, FetchError> {
        let mut current = parse_http(url)?;
        let mut seen = vec![current.clone()];
        let mut permanent = true;
        for _ in 0..=MAX_REDIRECTS {
            let mut request = self.agent.get(current.as_str()).header("Accept-Encoding", "gzip, deflate, br");
            if let Some(etag) = &validators.etag {
                request = request.header("If-None-Match", etag);
            }
            if let Some(modified) = &validators.last_modified {
                request = request.header("If-Modified-Since", modified);
            }
            let mut response = request.call().map_err(network_error)?;
            let status = response.status().as_u16();
            let header = |name: &str| {
                response.headers().get(name).and_then(|v| v.to_str().ok()).map(|v| v.trim().to_owned())
            };
            match status {
                301 | 302 | 303 | 307 | 308 => {
                    let location = header("location").ok_or(FetchError::BadRedirect)?;
                    let next = current.join(&location).map_err(|_| FetchError::BadRedirect)?;
                    let next = parse_http(next.as_str())?;
                    if seen.contains(&next) {
                        return Err(FetchError::RedirectLoop(next.to_string()));
                    }
                    permanent &= matches!(status, 301 | 308);
                    seen.push(next.clone());
                    current = next;
                    continue;
                }
                304 => {
                    return Ok(Response {
                        moved_to: moved(permanent, &seen),
                        url: current.to_string(),
                        body: None,
                        content_type: None,
                        validators: validators.clone(),
                    });
                }
                200..=299 => {
                    let content_type = header("content-type");
                    let encoding = header("content-encoding");
                    let fresh = Validators { etag: header("etag"), last_modified: header("last-modified") };
                    let raw = read_capped(response.body_mut().as_reader(), self.max_bytes)
                        .map_err(|e| read_error(e, self.max_bytes))?;
                    let body = decompress(raw, encoding.as_deref(), self.max_bytes)?;
                    return Ok(Response {
                        moved_to: moved(permanent, &seen),
                        url: current.to_string(),
                        body: Some(body),
                        content_type,
                        validators: fresh,
                    });
                }
                410 => return Err(FetchError::Gone),
                _ => {
                    let retry_after = header("retry-after").and_then(|v| parse_retry_after(&v));
                    let reason = response.status().canonical_reason().unwrap_or("").to_owned();
                    return Err(FetchError::Status { code: status, reason, retry_after });
                }
            }
        }
        Err(FetchError::TooManyRedirects)
    }
}

/// "broadsheet/0.1.0 (+terminal news reader)".
pub fn user_agent() -> String {
    format!("broadsheet/{} (terminal news reader)", env!("CARGO_PKG_VERSION"))
}

fn moved(permanent: bool, seen: &[Url]) -> Option<String> {
    (permanent && seen.len() > 1).then(|| seen.last().expect("not empty").to_string())
}

fn parse_http(url: &str) -> Result<Url, FetchError> {
    match Url::parse(url) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => Ok(url),
        _ => Err(FetchError::BadUrl(url.to_owned())),
    }
}

fn network_error(error: ureq::Error) -> FetchError {
    match error {
        ureq::Error::Timeout(_) => FetchError::Timeout,
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => FetchError::Timeout,
        other => FetchError::Network(other.to_string()),
    }
}

fn read_error(error: std::io::Error, max: u64) -> FetchError {
    match error.kind() {
        std::io::ErrorKind::TimedOut => FetchError::Timeout,
        std::io::ErrorKind::FileTooLarge => FetchError::TooBig(max),
        _ if error.to_string().contains("imeout") => FetchError::Timeout,
        _ => FetchError::Network(error.to_string()),
    }
}

/// Reads at most `max` bytes; more is an error.
fn read_capped(reader: impl Read, max: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(std::io::Error::new(std::io::ErrorKind::FileTooLarge, "over the cap"));
    }
    Ok(bytes)
}

/// Undoes a `Content-Encoding`, stopping past `max` bytes of output.
pub fn decompress(raw: Vec<u8>, encoding: Option<&str>, max: u64) -> Result<Vec<u8>, FetchError> {
    let encoding = encoding.unwrap_or("identity").to_ascii_lowercase();
    let capped = |reader: &mut dyn Read| -> Result<Vec<u8>, FetchError> {
        read_capped(reader, max).map_err(|e| match e.kind() {
            std::io::ErrorKind::FileTooLarge => FetchError::Bomb(max),
            _ => FetchError::Encoding(e.to_string()),
        })
    };
    match encoding.as_str() {
        "identity" | "" => Ok(raw),
        "gzip" | "x-gzip" => capped(&mut flate2::read::MultiGzDecoder::new(&raw[..])),
        // "deflate" means zlib-wrapped, though some servers send it raw.
        "deflate" => capped(&mut flate2::read::ZlibDecoder::new(&raw[..]))
            .or_else(|_| capped(&mut flate2::read::DeflateDecoder::new(&raw[..]))),
        "br" => capped(&mut brotli_decompressor::Decompressor::new(&raw[..], 4096)),
        other => Err(FetchError::Encoding(format!("unknown encoding {other:?}"))),
    }
}

/// `Retry-After`: seconds, or an HTTP date.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    if let Ok(seconds) = value.trim().parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = chrono::DateTime::parse_from_rfc2822(value.trim()).ok()?;
    let wait = when.with_timezone(&chrono::Utc) - chrono::Utc::now();
    Some(wait.to_std().unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        assert_eq!(parse_retry_after("120"), Some(Duration::from_secs(120)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), Some(Duration::ZERO), "past: now");
        let later = (chrono::Utc::now() + chrono::Duration::seconds(90)).to_rfc2822();
        let wait = parse_retry_after(&later).unwrap();
        assert!(wait > Duration::from_secs(80) && wait <= Duration::from_secs(90), "{wait:?}");
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn every_encoding_decompresses_and_a_bomb_is_stopped() {
        let text = b"<rss><channel><title>x</title></channel></rss>".repeat(100);
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gzip.write_all(&text).unwrap();
        let gzip = gzip.finish().unwrap();
        assert_eq!(decompress(gzip.clone(), Some("gzip"), 1 << 20).unwrap(), text);
        let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        zlib.write_all(&text).unwrap();
        assert_eq!(decompress(zlib.finish().unwrap(), Some("deflate"), 1 << 20).unwrap(), text);
        let mut raw = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        raw.write_all(&text).unwrap();
        assert_eq!(
            decompress(raw.finish().unwrap(), Some("Deflate"), 1 << 20).unwrap(),
            text,
            "raw deflate too"
        );
        // A megabyte of zeros packs into about a kilobyte.
        let mut bomb = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        bomb.write_all(&vec![0u8; 1 << 20]).unwrap();
        let bomb = bomb.finish().unwrap();
        assert!(bomb.len() < 4096);
        assert_eq!(decompress(bomb, Some("gzip"), 64 * 1024), Err(FetchError::Bomb(64 * 1024)));
        assert!(matches!(decompress(gzip, Some("zstd"), 1 << 20), Err(FetchError::Encoding(_))));
    }
}
