//! Web archives (WARC 1.0/1.1, ISO 28500), as Webrecorder, Browsertrix, the Internet
//! Archive and Common Crawl write them: each HTTP 200 HTML response becomes a page with its
//! target URL, capture date and the charset its HTTP headers declare. Requests, revisits,
//! metadata, non-HTML and error responses are skipped and counted.
//!
//! Records are read one at a time from any `BufRead` (a `.warc.gz` is a series of gzip
//! members: wrap it in `flate2::read::MultiGzDecoder`), and a record that is not a page is
//! skipped without being held in memory, so memory does not grow with the archive.
//!
//! Why not the `warc` crate: it pulls chrono, nom, url and uuid with random v4 ids (which
//! do not build for wasm32-unknown-unknown, where the in-page import runs this code), and
//! buffers every record whole. The format needs only a header parser and a length.

use std::io::{self, BufRead, Read};

/// The largest HTML page kept (bigger responses are counted as too large and skipped).
pub const MAX_PAGE: u64 = 64 << 20;
/// The longest header block (WARC or HTTP) accepted.
const MAX_HEAD: usize = 256 << 10;

/// An archived HTML page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// `WARC-Target-URI`.
    pub url: String,
    /// `WARC-Date` (ISO 8601 UTC, e.g. `2019-11-18T22:05:36Z`).
    pub captured: Option<String>,
    /// The `charset` of the HTTP `Content-Type`, when given.
    pub charset: Option<String>,
    /// The HTTP body, with transfer and content encodings undone.
    pub body: Vec<u8>,
}

/// Records that were not pages, by why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skipped {
    pub requests: usize,
    pub revisits: usize,
    /// warcinfo, metadata, conversion, continuation and unknown types.
    pub other_records: usize,
    /// Responses that are not HTML (images, scripts, robots.txt, PDFs).
    pub not_html: usize,
    /// Responses with a status other than 200.
    pub not_ok: usize,
    pub too_large: usize,
    /// Records whose HTTP part could not be read (bad status line, unknown encoding).
    pub unreadable: usize,
}

impl Skipped {
    pub fn total(&self) -> usize {
        self.requests + self.revisits + self.other_records + self.not_html + self.not_ok + self.too_large + self.unreadable
    }
}

impl std::ops::AddAssign<&Skipped> for Skipped {
    fn add_assign(&mut self, o: &Skipped) {
        self.requests += o.requests;
        self.revisits += o.revisits;
        self.other_records += o.other_records;
        self.not_html += o.not_html;
        self.not_ok += o.not_ok;
        self.too_large += o.too_large;
        self.unreadable += o.unreadable;
    }
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts = [
            (self.requests, "requests"),
            (self.revisits, "revisits"),
            (self.other_records, "other records"),
            (self.not_html, "non-HTML responses"),
            (self.not_ok, "error or redirect responses"),
            (self.too_large, "pages over 64 MB"),
            (self.unreadable, "unreadable responses"),
        ];
        let listed: Vec<String> = parts.iter().filter(|(n, _)| *n > 0).map(|(n, what)| format!("{n} {what}")).collect();
        if listed.is_empty() { write!(f, "nothing skipped") } else { write!(f, "skipped {}", listed.join(", ")) }
    }
}

/// The pages of an archive, in order; `skipped` counts the rest as they go by. A damaged
/// record ends the iteration with an error (the pages before it are kept), unless the reader
/// below could pass over the damage (a `.warc.gz`'s damaged member, see [`Members`]): then
/// the error is given and the pages go on from the next record.
pub struct Pages<R> {
    reader: Back<R>,
    pub skipped: Skipped,
    done: bool,
    /// After damage passed over: what comes before the next record's first line is skipped.
    resync: bool,
    /// Records begun: past the first, what is not a record is damage to pass over (before
    /// it, the file is not an archive).
    records: usize,
    /// Damage met after a record's page was read (the archive ends inside the record): the
    /// page is given first, then this.
    after: Option<io::Error>,
}

impl<R: BufRead> Pages<R> {
    pub fn new(reader: R) -> Pages<R> {
        Pages {
            reader: Back { front: Vec::new(), at: 0, inner: reader },
            skipped: Skipped::default(),
            done: false,
            resync: false,
            records: 0,
            after: None,
        }
    }

    /// Whether the pages have ended (after the last one, or at damage not passed over).
    pub fn done(&self) -> bool {
        self.done
    }

    /// The first line of the next record; after damage, the first line that starts one.
    fn version_line(&mut self) -> io::Result<Option<String>> {
        loop {
            let Some((l, whole)) = capped_line(&mut self.reader)? else { return Ok(None) };
            let l = l.trim();
            // Blank lines between records (the end of the previous one) are not a record.
            if l.is_empty() || self.resync && !l.starts_with("WARC/") {
                continue;
            }
            if !whole {
                return Err(overlong_line());
            }
            self.resync = false;
            return Ok(Some(l.to_owned()));
        }
    }
}

/// The error a [`Members`] reader gives once for a damaged member it passed over.
#[derive(Debug)]
struct PassedOver(String);

impl std::fmt::Display for PassedOver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PassedOver {}

/// A reader with bytes put back in front of it: a page whose record's length ran past its
/// end gives back the start of the next record it took in.
struct Back<R> {
    front: Vec<u8>,
    at: usize,
    inner: R,
}

impl<R: BufRead> Back<R> {
    /// Put `bytes` back before what is still to be read (bytes put back before included).
    fn put_back(&mut self, mut bytes: Vec<u8>) {
        bytes.extend_from_slice(&self.front[self.at.min(self.front.len())..]);
        (self.front, self.at) = (bytes, 0);
    }
}

impl<R: BufRead> Read for Back<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = {
            let have = self.fill_buf()?;
            let n = have.len().min(buf.len());
            buf[..n].copy_from_slice(&have[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Back<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.at < self.front.len() { Ok(&self.front[self.at..]) } else { self.inner.fill_buf() }
    }

    fn consume(&mut self, n: usize) {
        if self.at < self.front.len() {
            self.at += n;
            if self.at >= self.front.len() {
                (self.front, self.at) = (Vec::new(), 0);
            }
        } else {
            self.inner.consume(n);
        }
    }
}

/// Where a page's bytes hold the start of the next record (its record's length ran past its
/// end): the blank line that ends a record, a version line, then a WARC field.
fn next_record_at(bytes: &[u8]) -> Option<usize> {
    memchr::memmem::find_iter(bytes, b"\r\n\r\nWARC/1.").find(|&i| {
        let rest = &bytes[i + 4..];
        let line_end = rest.iter().take(16).position(|&b| b == b'\n');
        line_end.and_then(|e| rest.get(e + 1..e + 6)).is_some_and(|f| f.eq_ignore_ascii_case(b"WARC-"))
    })
}

/// The gzip members of a `.warc.gz` read one after the other, as `MultiGzDecoder` reads them,
/// except that a damaged member does not end the archive: its rest is passed over to the next
/// member's header, after one [`PassedOver`] error (a WARC writes each record as a member
/// of its own, so the records after the damage are whole).
struct Members<R> {
    /// Between members: the compressed bytes, and how many of them were read.
    raw: Option<Counted<R>>,
    member: Option<flate2::bufread::GzDecoder<Counted<R>>>,
    /// Where the current member starts.
    start: u64,
}

impl<R: BufRead> Members<R> {
    fn new(reader: R) -> Members<R> {
        Members { raw: Some(Counted { inner: reader, read: 0 }), member: None, start: 0 }
    }
}

impl<R: BufRead> Read for Members<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if let Some(member) = &mut self.member {
                match member.read(buf) {
                    Ok(0) if !buf.is_empty() => self.raw = self.member.take().map(|m| m.into_inner()),
                    Ok(n) => return Ok(n),
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => {
                        let Some(mut raw) = self.member.take().map(|m| m.into_inner()) else { return Err(e) };
                        // A member that fails where it starts is passed by a byte at least.
                        if raw.read == self.start {
                            raw.consume(1);
                        }
                        next_member(&mut raw)?;
                        let passed = raw.read - self.start;
                        self.raw = Some(raw);
                        return Err(io::Error::other(PassedOver(format!("a damaged gzip member ({e}), {passed} bytes passed over"))));
                    }
                }
                continue;
            }
            let Some(mut raw) = self.raw.take() else { return Ok(0) };
            if raw.fill_buf()?.is_empty() {
                self.raw = Some(raw);
                return Ok(0);
            }
            self.start = raw.read;
            self.member = Some(flate2::bufread::GzDecoder::new(raw));
        }
    }
}

/// Move `r` to the next gzip member's header (its magic number and deflate method), or to the end.
fn next_member<R: BufRead>(r: &mut Counted<R>) -> io::Result<()> {
    const HEADER: [u8; 3] = [0x1f, 0x8b, 0x08];
    loop {
        let buf = r.fill_buf()?;
        if buf.len() < HEADER.len() {
            // The end, or the last bytes read so far: a header may start here.
            if buf.is_empty() || HEADER.starts_with(buf) {
                return Ok(());
            }
            r.consume(1);
            continue;
        }
        match buf.windows(HEADER.len()).position(|w| w == HEADER) {
            Some(at) => {
                r.consume(at);
                return Ok(());
            }
            // The last two bytes may begin a header that the next read completes.
            None => {
                let n = buf.len() - (HEADER.len() - 1);
                r.consume(n);
            }
        }
    }
}

/// A reader that counts the bytes read from it.
struct Counted<R> {
    inner: R,
    read: u64,
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        self.read += n as u64;
        self.inner.consume(n);
    }
}

/// Header fields as (lower-cased name, value) pairs.
type Fields = Vec<(String, String)>;

fn field<'a>(fields: &'a Fields, name: &str) -> Option<&'a str> {
    fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// Read a line (without its line end) of at most `MAX_HEAD` bytes; None at the end.
fn line(r: &mut impl BufRead) -> io::Result<Option<String>> {
    match capped_line(r)? {
        Some((_, false)) => Err(overlong_line()),
        l => Ok(l.map(|(l, _)| l)),
    }
}

/// The first `MAX_HEAD` bytes of a line (without its line end), and whether the line ended
/// within them; None at the end.
fn capped_line(r: &mut impl BufRead) -> io::Result<Option<(String, bool)>> {
    let mut buf = Vec::new();
    let n = r.by_ref().take(MAX_HEAD as u64).read_until(b'\n', &mut buf)?;
    if n == 0 {
        return Ok(None);
    }
    let whole = buf.last() == Some(&b'\n') || n < MAX_HEAD;
    while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        buf.pop();
    }
    Ok(Some((String::from_utf8_lossy(&buf).into_owned(), whole)))
}

fn overlong_line() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, "a header line longer than 256 KB")
}

/// Header lines up to the blank line that ends them.
fn fields(r: &mut impl BufRead) -> io::Result<Fields> {
    let mut out: Fields = Vec::new();
    let mut size = 0;
    loop {
        let Some(l) = line(r)? else {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the archive ends inside a header"));
        };
        if l.is_empty() {
            return Ok(out);
        }
        size += l.len();
        if size > MAX_HEAD {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "a header block over 256 KB"));
        }
        match (l.starts_with([' ', '\t']), out.last_mut(), l.split_once(':')) {
            // A folded continuation line.
            (true, Some(last), _) => {
                last.1.push(' ');
                last.1.push_str(l.trim());
            }
            (_, _, Some((name, value))) => out.push((name.trim().to_ascii_lowercase(), value.trim().to_owned())),
            _ => {} // not a field: ignored
        }
    }
}

fn skip(r: &mut impl Read, n: u64) -> io::Result<()> {
    let copied = io::copy(&mut r.take(n), &mut io::sink())?;
    if copied < n {
        return Err(ends_inside_a_record());
    }
    Ok(())
}

fn ends_inside_a_record() -> io::Error {
    io::Error::new(io::ErrorKind::UnexpectedEof, "the archive ends inside a record")
}

/// The parameter `name` of a header value such as `text/html; charset=UTF-8`.
fn parameter(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case(name).then(|| v.trim().trim_matches('"').to_owned()).filter(|v| !v.is_empty())
    })
}

/// Undo `Transfer-Encoding: chunked`.
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let end = rest.iter().position(|b| *b == b'\n')?;
        let size_line = String::from_utf8_lossy(&rest[..end]);
        let size = usize::from_str_radix(size_line.split(';').next()?.trim(), 16).ok()?;
        rest = &rest[end + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size..)?;
        rest = rest.strip_prefix(b"\r\n").or_else(|| rest.strip_prefix(b"\n")).unwrap_or(rest);
    }
}

/// Undo `Content-Encoding` (gzip, deflate); None for an encoding this reader lacks.
fn decode_content(body: Vec<u8>, encoding: Option<&str>) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    match encoding.map(|e| e.trim().to_ascii_lowercase()).as_deref() {
        None | Some("" | "identity") => return Some(body),
        Some("gzip" | "x-gzip") => {
            flate2::read::MultiGzDecoder::new(&body[..]).take(MAX_PAGE).read_to_end(&mut out).ok()?;
        }
        Some("deflate") => {
            // Servers send zlib-wrapped or raw deflate under this name.
            if flate2::read::ZlibDecoder::new(&body[..]).take(MAX_PAGE).read_to_end(&mut out).is_err() {
                out.clear();
                flate2::read::DeflateDecoder::new(&body[..]).take(MAX_PAGE).read_to_end(&mut out).ok()?;
            }
        }
        Some(_) => return None,
    };
    Some(out)
}

fn is_html(content_type: &str) -> bool {
    let mime = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    mime == "text/html" || mime == "application/xhtml+xml"
}

impl<R: BufRead> Pages<R> {
    /// Pass over `n` bytes of a record's block that are no page. Where they hold the start of
    /// the next record (the record's length ran past its end), only what comes before it is
    /// passed over: the rest is put back, to be read next, and the damage told after.
    /// Blocks larger than a page are passed over unread.
    fn pass_over(&mut self, n: u64) -> io::Result<()> {
        if n > MAX_PAGE {
            return skip(&mut self.reader, n);
        }
        let mut raw = Vec::new();
        (&mut self.reader).take(n).read_to_end(&mut raw)?;
        if let Some(at) = next_record_at(&raw) {
            self.read_next(raw.split_off(at + 4));
            return Ok(());
        }
        if (raw.len() as u64) < n {
            return Err(ends_inside_a_record());
        }
        Ok(())
    }

    /// A record's block took in the start of the next record (its length ran past its end):
    /// put it back, to be read next, and tell the damage after what this record gave.
    fn read_next(&mut self, next: Vec<u8>) {
        self.reader.put_back(next);
        if self.after.is_none() {
            self.after = Some(io::Error::other(PassedOver("a record's length runs past its end, into the next record".into())));
        }
    }

    /// Read one record; Some(page) when it is one, None when it was skipped.
    fn record(&mut self) -> io::Result<Option<Option<Page>>> {
        let Some(version) = self.version_line()? else { return Ok(None) };
        if !version.starts_with("WARC/") {
            let what = format!("not a WARC record: {:?}", version.chars().take(40).collect::<String>());
            // Past the first record, a record's length that was wrong (or damaged) left this
            // in the way: the records after it are looked for.
            return Err(if self.records > 0 {
                io::Error::other(PassedOver(what))
            } else {
                io::Error::new(io::ErrorKind::InvalidData, what)
            });
        }
        self.records += 1;
        let warc = fields(&mut self.reader)?;
        let length: u64 = field(&warc, "content-length")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "a WARC record without a Content-Length"))?;
        let kind = field(&warc, "warc-type").unwrap_or("").to_ascii_lowercase();
        let block_type = field(&warc, "content-type").unwrap_or("").to_ascii_lowercase();
        let counter = match kind.as_str() {
            // A response whose record does not say its block's type (a SHOULD of the WARC
            // standard that some writers leave out) is read as HTTP if it starts as HTTP.
            "response" if block_type.is_empty() || block_type.starts_with("application/http") => None,
            "resource" if is_html(&block_type) => None,
            "response" | "resource" => Some(&mut self.skipped.not_html),
            "request" => Some(&mut self.skipped.requests),
            "revisit" => Some(&mut self.skipped.revisits),
            _ => Some(&mut self.skipped.other_records),
        };
        if let Some(counter) = counter {
            *counter += 1;
            self.pass_over(length)?;
            return Ok(Some(None));
        }
        let url = field(&warc, "warc-target-uri").unwrap_or("").trim_matches(['<', '>']).to_owned();
        let captured = field(&warc, "warc-date").map(str::to_owned);
        let mut block = (&mut self.reader).take(length);
        let skipped = &mut self.skipped;
        let mut found = Found::default();
        let page = if kind == "resource" {
            // A resource record holds the document itself, with no HTTP part.
            body(&mut block, length, parameter(&block_type, "charset"), false, None, skipped, &mut found)?
        } else {
            http(&mut block, length, skipped, &mut found)?
        }
        .map(|(body, charset)| Page { url, captured, charset, body });
        if let Some(next) = found.next {
            // The page took in the next record's start: it is read next, and the rest of this
            // record's length is that record's.
            self.read_next(next);
            return Ok(Some(page));
        }
        if let Some(e) = found.late {
            // Damage inside the page, where the reader has already passed it over. The page is
            // kept only if the archive ends there (a download cut short); damage before the
            // end may have garbled what was read of it (a deflate stream goes wrong before it
            // fails), so it is lost as before.
            if page.is_none() || !self.reader.fill_buf().is_ok_and(<[u8]>::is_empty) {
                return Err(e);
            }
            self.after = Some(e);
            return Ok(Some(page));
        }
        // Whatever of the block was not read (a skipped body) is passed over. Where the
        // archive ends first (cut short, or a length past its end), a page read is kept, as
        // far as it goes, and the damage told after it.
        let left = block.limit();
        if let Err(e) = self.pass_over(left) {
            if page.is_none() {
                return Err(e);
            }
            self.after = Some(match e.kind() {
                io::ErrorKind::UnexpectedEof => {
                    io::Error::new(e.kind(), "the archive ends inside a record, whose page is kept as far as it goes")
                }
                _ => e,
            });
        }
        Ok(Some(page))
    }
}

/// What reading a page found besides it: damage after some of it was read (`late`), and the
/// start of the next record inside it (`next`, cut off the page).
#[derive(Default)]
struct Found {
    late: Option<io::Error>,
    next: Option<Vec<u8>>,
}

/// The HTTP response in a block: its HTML body and charset, or None (counted).
fn http(block: &mut impl BufRead, length: u64, skipped: &mut Skipped, found: &mut Found) -> io::Result<Option<(Vec<u8>, Option<String>)>> {
    let status = line(block)?.unwrap_or_default();
    let code = status.split_whitespace().nth(1).and_then(|c| c.parse::<u16>().ok());
    let Some(code) = code.filter(|_| status.starts_with("HTTP/")) else {
        skipped.unreadable += 1;
        return Ok(None);
    };
    let head = match fields(block) {
        Ok(h) => h,
        Err(_) => {
            skipped.unreadable += 1;
            return Ok(None);
        }
    };
    if code != 200 {
        skipped.not_ok += 1;
        return Ok(None);
    }
    let content_type = field(&head, "content-type").unwrap_or("");
    if !is_html(content_type) {
        skipped.not_html += 1;
        return Ok(None);
    }
    let charset = parameter(content_type, "charset");
    let chunked = field(&head, "transfer-encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
    let encoding = field(&head, "content-encoding").map(str::to_owned);
    body(block, length, charset, chunked, encoding.as_deref(), skipped, found)
}

/// Read a page body of at most [`MAX_PAGE`] bytes and undo its encodings. Damage met after
/// some of it was read goes in `found.late`: the page is kept as far as it goes; the next
/// record's start inside it in `found.next`.
fn body(
    block: &mut impl Read,
    length: u64,
    charset: Option<String>,
    chunked: bool,
    encoding: Option<&str>,
    skipped: &mut Skipped,
    found: &mut Found,
) -> io::Result<Option<(Vec<u8>, Option<String>)>> {
    if length > MAX_PAGE {
        skipped.too_large += 1;
        return Ok(None);
    }
    let mut raw = Vec::new();
    if let Err(e) = block.read_to_end(&mut raw) {
        if raw.is_empty() {
            return Err(e);
        }
        found.late = Some(e);
    }
    if let Some(at) = next_record_at(&raw) {
        found.next = Some(raw.split_off(at + 4));
        raw.truncate(at);
    }
    let raw = if chunked { dechunk(&raw) } else { Some(raw) };
    match raw.and_then(|r| decode_content(r, encoding)) {
        Some(body) => Ok(Some((body, charset))),
        None => {
            skipped.unreadable += 1;
            Ok(None)
        }
    }
}

impl<R: BufRead> Iterator for Pages<R> {
    type Item = Result<Page, String>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let read = match self.after.take() {
                Some(e) => Err(e),
                None => self.record(),
            };
            match read {
                Ok(Some(Some(page))) => return Some(Ok(page)),
                Ok(Some(None)) => continue,
                Ok(None) => self.done = true,
                Err(e) => {
                    // Damage a reader below passed over is followed by the next record.
                    if e.get_ref().is_some_and(|e| e.is::<PassedOver>()) {
                        self.resync = true;
                    } else {
                        self.done = true;
                    }
                    return Some(Err(format!("damaged archive: {e}")));
                }
            }
        }
        None
    }
}

/// Is this file a web archive (by name)?
pub fn is_warc(file: &str) -> bool {
    let lower = file.to_ascii_lowercase();
    lower.ends_with(".warc") || lower.ends_with(".warc.gz")
}

/// The pages of an archive file's bytes as a stream (`.warc.gz` decompressed on the way).
pub fn open(path: &std::path::Path) -> io::Result<Pages<Box<dyn BufRead>>> {
    let file = std::fs::File::open(path)?;
    let gz = path.to_string_lossy().to_ascii_lowercase().ends_with(".gz");
    let reader: Box<dyn BufRead> =
        if gz { Box::new(io::BufReader::new(Members::new(io::BufReader::new(file)))) } else { Box::new(io::BufReader::new(file)) };
    Ok(Pages::new(reader))
}

/// Builds WARC records, for tests and for the benchmark's synthetic archive.
pub mod write {
    /// A WARC record of `kind` with `block` as its content.
    pub fn record(kind: &str, url: &str, date: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\nWARC-Date: {date}\r\nWARC-Record-ID: <urn:uuid:{:08x}-0000-4000-8000-000000000000>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            block.len() as u32 ^ url.len() as u32,
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    /// A page's capture as a crawler records it: the request, the HTML response, and around
    /// it what crawls hold that is no page (an image, robots.txt, a broken link's 404).
    pub fn capture(url: &str, date: &str, html: &[u8]) -> [Vec<u8>; 5] {
        [
            record("request", url, date, "application/http; msgtype=request", b"GET / HTTP/1.1\r\n\r\n"),
            response(url, date, 200, "text/html; charset=utf-8", html),
            response(&format!("{url}/logo.jpg"), date, 200, "image/jpeg", b"\xff\xd8\xff\xe0\0\x10JFIF\0"),
            response(&format!("{url}/robots.txt"), date, 200, "text/plain", b"User-agent: *\nDisallow: /private\n"),
            response(&format!("{url}/missing"), date, 404, "text/html", b"<h1>Not Found</h1>"),
        ]
    }

    /// A record as one gzip member, as `.warc.gz` files hold them (each record on its own,
    /// so a reader can start at any record).
    pub fn gzip_member(record: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(record).expect("writing to memory");
        enc.finish().expect("writing to memory")
    }

    /// An HTTP response record with `status`, `content_type` and `body`.
    pub fn response(url: &str, date: &str, status: u16, content_type: &str, body: &[u8]) -> Vec<u8> {
        let mut http =
            format!("HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n", body.len()).into_bytes();
        http.extend_from_slice(body);
        record("response", url, date, "application/http; msgtype=response", &http)
    }
}

#[cfg(test)]
mod tests {
    use super::write::{record, response};
    use super::*;

    fn pages(bytes: &[u8]) -> (Vec<Page>, Skipped, Option<String>) {
        let mut it = Pages::new(bytes);
        let mut out = Vec::new();
        let mut err = None;
        for p in it.by_ref() {
            match p {
                Ok(p) => out.push(p),
                Err(e) => err = Some(e),
            }
        }
        (out, it.skipped, err)
    }

    #[test]
    fn html_responses_are_pages_the_rest_is_counted() {
        let date = "2019-11-18T22:05:36Z";
        let mut warc = record("warcinfo", "", date, "application/warc-fields", b"software: test\r\n");
        warc.extend(record("request", "https://news.example/a", date, "application/http; msgtype=request", b"GET /a HTTP/1.1\r\n\r\n"));
        warc.extend(response("https://news.example/a", date, 200, "text/html; charset=ISO-8859-1", b"<p>caf\xe9</p>"));
        warc.extend(response("https://news.example/logo.png", date, 200, "image/png", &[0x89, b'P', b'N', b'G', 0, 0, 13, 10]));
        warc.extend(response("https://news.example/robots.txt", date, 200, "text/plain", b"User-agent: *\r\nDisallow:\r\n"));
        warc.extend(response("https://news.example/gone", date, 404, "text/html", b"<h1>Not found</h1>"));
        warc.extend(record("revisit", "https://news.example/a", date, "application/http; msgtype=response", b"HTTP/1.1 200 OK\r\n\r\n"));
        warc.extend(response("https://news.example/b", date, 200, "application/xhtml+xml", b"<p>b</p>"));
        let (got, skipped, err) = pages(&warc);
        assert_eq!(err, None);
        assert_eq!(got.iter().map(|p| p.url.as_str()).collect::<Vec<_>>(), ["https://news.example/a", "https://news.example/b"]);
        assert_eq!(got[0].body, b"<p>caf\xe9</p>");
        assert_eq!(got[0].charset.as_deref(), Some("ISO-8859-1"));
        assert_eq!(got[0].captured.as_deref(), Some(date));
        assert_eq!(skipped, Skipped { requests: 1, revisits: 1, other_records: 1, not_html: 2, not_ok: 1, ..Skipped::default() });
        assert_eq!(
            skipped.to_string(),
            "skipped 1 requests, 1 revisits, 1 other records, 2 non-HTML responses, 1 error or redirect responses"
        );
    }

    #[test]
    fn a_response_record_without_a_block_type_is_read_as_http() {
        let date = "2020-01-01T00:00:00Z";
        let http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>untyped</p>";
        let mut warc = record("response", "https://x.example/a", date, "", http);
        // Not HTTP after all: counted, not read as a page.
        warc.extend(record("response", "https://x.example/b", date, "", b"<p>no status line</p>"));
        let (got, skipped, err) = pages(&warc);
        assert_eq!(err, None);
        assert_eq!(got.iter().map(|p| p.body.as_slice()).collect::<Vec<_>>(), [b"<p>untyped</p>".as_slice()]);
        assert_eq!(skipped, Skipped { unreadable: 1, ..Skipped::default() });
    }

    #[test]
    fn encodings_are_undone() {
        use std::io::Write;
        let page = b"<html><body><p>Hello</p></body></html>";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(page).unwrap();
        let gz = gz.finish().unwrap();
        let mut http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n",
            gz.len()
        )
        .into_bytes();
        http.extend_from_slice(&gz);
        http.extend_from_slice(b"\r\n0\r\n\r\n");
        let warc = record("response", "https://x.example/", "2020-01-01T00:00:00Z", "application/http;msgtype=response", &http);
        let (got, _, err) = pages(&warc);
        assert_eq!(err, None);
        assert_eq!(got[0].body, page);
        let warc = response("https://x.example/", "2020-01-01T00:00:00Z", 200, "text/html", b"x");
        let brotli =
            String::from_utf8_lossy(&warc).replace("Content-Type: text/html\r\n", "Content-Type: text/html\r\nContent-Encoding: br\r\n");
        let (got, skipped, _) = pages(brotli.as_bytes());
        assert!(got.is_empty());
        assert_eq!(skipped.unreadable, 1);
    }

    #[test]
    fn damage_ends_with_an_error_after_the_good_pages() {
        let mut warc = response("https://x.example/1", "2020-01-01T00:00:00Z", 200, "text/html", b"<p>one</p>");
        let second = response("https://x.example/2", "2020-01-01T00:00:00Z", 200, "text/html", b"<p>two</p>");
        warc.extend_from_slice(&second[..second.len() - 20]);
        let (got, _, err) = pages(&warc);
        assert_eq!(got.len(), 1);
        assert!(err.is_some_and(|e| e.contains("ends inside")));
        let (got, _, err) = pages(b"GIF89a not an archive");
        assert!(got.is_empty() && err.is_some_and(|e| e.contains("not a WARC record")));
    }

    #[test]
    fn gzip_members_stream() {
        let mut file = Vec::new();
        for i in 0..3 {
            file.extend(super::write::gzip_member(&response(
                &format!("https://x.example/{i}"),
                "2020-01-01T00:00:00Z",
                200,
                "text/html",
                b"<p>p</p>",
            )));
        }
        let reader = io::BufReader::new(Members::new(&file[..]));
        assert_eq!(Pages::new(reader).filter_map(Result::ok).count(), 3);
    }

    /// Pages and errors of an archive read as `open` reads a `.warc.gz`, and whether it ended.
    fn gz_pages(file: &[u8]) -> (Vec<String>, Vec<String>) {
        let mut it = Pages::new(io::BufReader::new(Members::new(file)));
        let (mut urls, mut errors) = (Vec::new(), Vec::new());
        for p in it.by_ref() {
            match p {
                Ok(p) => urls.push(p.url),
                Err(e) => errors.push(e),
            }
        }
        (urls, errors)
    }

    fn members(n: usize) -> Vec<Vec<u8>> {
        (0..n)
            .map(|i| {
                let page = format!("<p>page {i}</p>");
                super::write::gzip_member(&response(
                    &format!("https://x.example/{i}"),
                    "2020-01-01T00:00:00Z",
                    200,
                    "text/html",
                    page.as_bytes(),
                ))
            })
            .collect()
    }

    #[test]
    fn a_damaged_member_loses_its_record_only() {
        let mut parts = members(5);
        // Damage the deflate data of the third member (its gzip header is 10 bytes).
        let third = &mut parts[2];
        for b in &mut third[12..40] {
            *b = !*b;
        }
        let (urls, errors) = gz_pages(&parts.concat());
        assert_eq!(urls, ["https://x.example/0", "https://x.example/1", "https://x.example/3", "https://x.example/4"]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("damaged gzip member"), "{errors:?}");
    }

    #[test]
    fn a_member_cut_short_keeps_its_page_as_far_as_it_goes() {
        let mut parts = members(2);
        // A page with enough text that its start is out of the member before the cut.
        let words: String = (0..400).map(|i| format!("w{} ", i * 7919 % 1009)).collect();
        let page = format!("<p>{words}</p>");
        let last = super::write::gzip_member(&response("https://x.example/2", "2020-01-01T00:00:00Z", 200, "text/html", page.as_bytes()));
        parts.push(last[..last.len() - 40].to_vec());
        let (urls, errors) = gz_pages(&parts.concat());
        assert_eq!(urls, ["https://x.example/0", "https://x.example/1", "https://x.example/2"]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("damaged gzip member"), "{errors:?}");
    }

    #[test]
    fn a_member_with_a_damaged_header_loses_its_record_only() {
        let mut parts = members(4);
        parts[1][0] = b'X'; // not a gzip member's magic number
        let (urls, errors) = gz_pages(&parts.concat());
        assert_eq!(urls, ["https://x.example/0", "https://x.example/2", "https://x.example/3"]);
        assert_eq!(errors.len(), 1, "{errors:?}");
    }

    #[test]
    fn a_page_cut_short_by_the_archive_s_end_is_kept_as_far_as_it_goes() {
        let date = "2020-01-01T00:00:00Z";
        let mut warc = response("https://x.example/1", date, 200, "text/html", b"<p>one</p>");
        let whole = response("https://x.example/2", date, 200, "text/html", b"<p>two and more words</p>");
        // A download cut inside the last record's page.
        let cut = whole.len() - 12;
        warc.extend(&whole[..cut]);
        let (got, _, err) = pages(&warc);
        assert_eq!(got.len(), 2, "{err:?}");
        assert!(String::from_utf8_lossy(&got[1].body).starts_with("<p>two and"), "{:?}", String::from_utf8_lossy(&got[1].body));
        assert!(err.is_some_and(|e| e.contains("ends inside a record, whose page is kept")));
        // A length past the archive's end, the page whole.
        let mut warc = response("https://x.example/1", date, 200, "text/html", b"<p>one</p>");
        let last = String::from_utf8(response("https://x.example/2", date, 200, "text/html", b"<p>two</p>")).unwrap();
        let n: usize = last.split("Content-Length: ").nth(1).and_then(|r| r.split("\r\n").next()).and_then(|v| v.parse().ok()).unwrap();
        warc.extend(last.replacen(&format!("Content-Length: {n}\r\n"), &format!("Content-Length: {}\r\n", n + 5000), 1).into_bytes());
        let (got, _, err) = pages(&warc);
        let urls: Vec<&str> = got.iter().map(|p| p.url.as_str()).collect();
        assert_eq!(urls, ["https://x.example/1", "https://x.example/2"]);
        assert!(err.is_some());
        // A skipped record cut short is damage with no page.
        let mut warc = response("https://x.example/1", date, 200, "text/html", b"<p>one</p>");
        let image = response("https://x.example/i.png", date, 200, "image/png", b"0123456789abcdef");
        warc.extend(&image[..image.len() - 8]);
        let (got, _, err) = pages(&warc);
        assert_eq!(got.len(), 1);
        assert!(err.is_some_and(|e| e.contains("ends inside a record")));
    }

    #[test]
    fn a_length_that_runs_into_the_next_record_loses_nothing() {
        let date = "2020-01-01T00:00:00Z";
        let first = String::from_utf8(response("https://x.example/1", date, 200, "text/html", b"<p>one</p>")).unwrap();
        let n: usize = first.split("Content-Length: ").nth(1).and_then(|r| r.split("\r\n").next()).and_then(|v| v.parse().ok()).unwrap();
        // 60 bytes too long: the first page's block takes in the second record's first line.
        let mut warc = first.replacen(&format!("Content-Length: {n}\r\n"), &format!("Content-Length: {}\r\n", n + 60), 1).into_bytes();
        warc.extend(response("https://x.example/2", date, 200, "text/html", b"<p>two</p>"));
        warc.extend(response("https://x.example/3", date, 200, "text/html", b"<p>three</p>"));
        let (got, _, err) = pages(&warc);
        let urls: Vec<&str> = got.iter().map(|p| p.url.as_str()).collect();
        assert_eq!(urls, ["https://x.example/1", "https://x.example/2", "https://x.example/3"], "{err:?}");
        assert_eq!(got[0].body, b"<p>one</p>", "the first page ends where its record does");
        assert!(err.is_some_and(|e| e.contains("runs past its end")));
        // Two such records in a row: the second is read from what the first put back.
        let longer = |url: &str, body: &[u8], by: usize| {
            let r = String::from_utf8(response(url, date, 200, "text/html", body)).unwrap();
            let n: usize = r.split("Content-Length: ").nth(1).and_then(|r| r.split("\r\n").next()).and_then(|v| v.parse().ok()).unwrap();
            r.replacen(&format!("Content-Length: {n}\r\n"), &format!("Content-Length: {}\r\n", n + by), 1).into_bytes()
        };
        // The first takes in all of the second and 100 bytes of the third; the second, 60.
        let second = longer("https://x.example/2", b"<p>two</p>", 60);
        let mut two = longer("https://x.example/1", b"<p>one</p>", second.len() + 100);
        two.extend(second);
        two.extend(response("https://x.example/3", date, 200, "text/html", b"<p>three</p>"));
        two.extend(response("https://x.example/4", date, 200, "text/html", b"<p>four</p>"));
        let (got, _, _) = pages(&two);
        let bodies: Vec<&[u8]> = got.iter().map(|p| &p.body[..]).collect();
        assert_eq!(bodies, [&b"<p>one</p>"[..], b"<p>two</p>", b"<p>three</p>", b"<p>four</p>"]);
        let (urls, dates): (Vec<&str>, Vec<Option<&str>>) = got.iter().map(|p| (p.url.as_str(), p.captured.as_deref())).unzip();
        assert_eq!(urls, ["https://x.example/1", "https://x.example/2", "https://x.example/3", "https://x.example/4"]);
        assert!(dates.iter().all(|d| *d == Some(date)), "{dates:?}");
        // The same in a .warc.gz, a member a record.
        let gz: Vec<u8> = [first.replacen(&format!("Content-Length: {n}\r\n"), &format!("Content-Length: {}\r\n", n + 60), 1).into_bytes()]
            .into_iter()
            .chain((2..4).map(|i| response(&format!("https://x.example/{i}"), date, 200, "text/html", b"<p>more</p>")))
            .map(|r| super::write::gzip_member(&r))
            .collect::<Vec<_>>()
            .concat();
        let (urls, errors) = gz_pages(&gz);
        assert_eq!(urls, ["https://x.example/1", "https://x.example/2", "https://x.example/3"], "{errors:?}");
        // A record that is no page (an image, a request), its length too long: the page after
        // it is read all the same.
        for first in [
            response("https://x.example/a.png", date, 200, "image/png", &[0x89, b'P', b'N', b'G', 0, 1, 2, 3]),
            record(
                "request",
                "https://x.example/2",
                date,
                "application/http; msgtype=request",
                b"GET /2 HTTP/1.1\r\nHost: x.example\r\n\r\n",
            ),
        ] {
            let first = String::from_utf8_lossy(&first).into_owned();
            let n: usize =
                first.split("Content-Length: ").nth(1).and_then(|r| r.split("\r\n").next()).and_then(|v| v.parse().ok()).unwrap();
            let mut warc = first.replacen(&format!("Content-Length: {n}\r\n"), &format!("Content-Length: {}\r\n", n + 80), 1).into_bytes();
            warc.extend(response("https://x.example/2", date, 200, "text/html", b"<p>two</p>"));
            warc.extend(response("https://x.example/3", date, 200, "text/html", b"<p>three</p>"));
            let (got, _, err) = pages(&warc);
            let urls: Vec<&str> = got.iter().map(|p| p.url.as_str()).collect();
            assert_eq!(urls, ["https://x.example/2", "https://x.example/3"], "{err:?}");
            assert!(err.is_some_and(|e| e.contains("runs past its end")));
        }
        // A page that quotes a version line in its text is not cut there.
        let quoted = b"<pre>\r\n\r\nWARC/1.0\r\nnot a field</pre>";
        let (got, _, err) = pages(&response("https://x.example/q", date, 200, "text/html", quoted));
        assert_eq!((got.len(), err), (1, None));
        assert_eq!(got[0].body, quoted);
    }

    #[test]
    fn a_record_with_a_wrong_length_loses_itself_only() {
        let date = "2020-01-01T00:00:00Z";
        let mut warc = response("https://x.example/1", date, 200, "text/html", b"<p>one</p>");
        let second = String::from_utf8(response("https://x.example/2", date, 200, "text/html", b"<p>two</p>")).unwrap();
        // A length 30 bytes short: the record's rest is in the way of the next one.
        let n: usize = second.split("Content-Length: ").nth(1).and_then(|r| r.split("\r\n").next()).and_then(|v| v.parse().ok()).unwrap();
        warc.extend(second.replacen(&format!("Content-Length: {n}\r\n"), &format!("Content-Length: {}\r\n", n - 30), 1).into_bytes());
        warc.extend(response("https://x.example/3", date, 200, "text/html", b"<p>three</p>"));
        let (got, _, err) = pages(&warc);
        let urls: Vec<&str> = got.iter().map(|p| p.url.as_str()).collect();
        assert!(urls.first() == Some(&"https://x.example/1") && urls.last() == Some(&"https://x.example/3"), "{urls:?}");
        assert!(err.is_some_and(|e| e.contains("not a WARC record")));
    }
}
