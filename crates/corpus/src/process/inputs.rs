//! Where inputs come from: files and folders named on the command line, listed first and
//! read one at a time when their turn comes (so a folder of any size is processed in the
//! memory one file needs), and web archives, whose HTML pages are read one record at a time.

use std::path::{Path, PathBuf};

use super::{Archived, Input, Kind, Problem, warc};

/// An input file found in a folder: listed first, read only when its turn comes, so a
/// folder of any size is processed in the memory one file needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub file: String,
    pub path: PathBuf,
}

/// The largest file read as one page. A news page, even saved as HTML with its inline
/// scripts, is a few MB; a file above this is not one page and is reported, not read
/// (processing takes about 17 times a text file's size in memory, so this also bounds memory).
pub const MAX_FILE_BYTES: u64 = 32 << 20;

/// The `.txt`/`.html`/`.warc`/`.warc.gz` entries of `dir` (sorted by name), without reading them. Every entry
/// with an input extension is listed, so one that turns out not to be a readable file (a
/// folder, a dangling link, a pipe) is reported when it is read rather than skipped in
/// silence. `manifest.toml` is not an input.
pub fn list_dir(dir: &Path) -> Result<Vec<Listed>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read folder {}: {e}", dir.display()))?;
    let mut listed: Vec<Listed> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let file = e.file_name().to_string_lossy().into_owned();
            (Kind::of(&file).is_some() || warc::is_warc(&file)).then(|| Listed { file, path: e.path() })
        })
        .collect();
    listed.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(listed)
}

/// Read one listed file, or say why it cannot be read. Only regular files are read (a
/// pipe is opened without blocking and refused); a file removed since the folder was
/// listed is reported as gone.
pub fn read_listed(item: &Listed) -> Result<Input, Problem> {
    use std::io::Read;
    let problem = |message: String| Problem { file: item.file.clone(), message };
    let failed = |e: std::io::Error| {
        problem(match e.kind() {
            std::io::ErrorKind::NotFound => {
                format!("cannot be read: it is gone (removed after the folder was listed, or a link to a missing file): {e}")
            }
            _ => format!("cannot be read: {e}"),
        })
    };
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let mut f = options.open(&item.path).map_err(failed)?;
    let meta = f.metadata().map_err(failed)?;
    if meta.is_dir() {
        return Err(problem("is a folder, not a file; it was skipped".into()));
    }
    if !meta.is_file() {
        return Err(problem("is not a regular file (a pipe, socket or device); it was skipped".into()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(problem(format!(
            "is {:.1} MB, more than the {} MB one page can be; it was skipped (is it several pages in one file?)",
            meta.len() as f64 / (1 << 20) as f64,
            MAX_FILE_BYTES >> 20
        )));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    f.by_ref().take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(failed)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(problem(format!("grew past {} MB while being read; it was skipped", MAX_FILE_BYTES >> 20)));
    }
    Ok(Input::new(item.file.clone(), bytes))
}

/// Read every `.txt`/`.html` file of `dir` (sorted by name) into memory. Unreadable files
/// become problems. [`process_dir`] reads one file at a time instead.
pub fn read_dir(dir: &Path) -> Result<(Vec<Input>, Vec<Problem>), String> {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for item in list_dir(dir)? {
        match read_listed(&item) {
            Ok(input) => inputs.push(input),
            Err(p) => problems.push(p),
        }
    }
    Ok((inputs, problems))
}

/// The inputs named: a folder stands for its entries ([`list_dir`]), a file for itself.
pub fn list_paths(paths: &[PathBuf]) -> Result<Vec<Listed>, String> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            out.extend(list_dir(path)?);
        } else {
            let file = path.file_name().unwrap_or(path.as_os_str()).to_string_lossy().into_owned();
            out.push(Listed { file, path: path.clone() });
        }
    }
    Ok(out)
}

type Archive = warc::Pages<Box<dyn std::io::BufRead>>;

/// Every input of a listing, in order: a page file as one input, a web archive as its HTML
/// pages (named `ARCHIVE#N`, N counting its pages from 1), each read only when asked for.
/// What could not be read is an `Err` naming the file; records of an archive that are not
/// pages are counted in `skipped`.
pub struct Inputs {
    listed: std::vec::IntoIter<Listed>,
    /// The archive being read: its name, its pages, and how many were given out.
    archive: Option<(String, Archive, usize)>,
    pub skipped: warc::Skipped,
    pub archives: usize,
}

impl Inputs {
    pub fn new(listed: Vec<Listed>) -> Inputs {
        Inputs { listed: listed.into_iter(), archive: None, skipped: warc::Skipped::default(), archives: 0 }
    }
}

impl Iterator for Inputs {
    type Item = Result<Input, Problem>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some((name, pages, n)) = &mut self.archive {
                match pages.next() {
                    Some(Ok(page)) => {
                        *n += 1;
                        let file = format!("{name}#{n}");
                        let archived = Archived { url: page.url, captured: page.captured, charset: page.charset };
                        return Some(Ok(Input { file, bytes: page.body, archived: Some(archived) }));
                    }
                    Some(Err(message)) if !pages.done() => {
                        return Some(Err(Problem { file: name.clone(), message: format!("{message}; the pages after it are read too") }));
                    }
                    Some(Err(message)) => {
                        let file = name.clone();
                        self.finish_archive();
                        return Some(Err(Problem { file, message: format!("{message}; the pages before it were read") }));
                    }
                    None => self.finish_archive(),
                }
                continue;
            }
            let item = self.listed.next()?;
            if !warc::is_warc(&item.file) {
                return Some(read_listed(&item));
            }
            match warc::open(&item.path) {
                Ok(pages) => {
                    self.archives += 1;
                    self.archive = Some((item.file, pages, 0));
                }
                Err(e) => return Some(Err(Problem { file: item.file, message: format!("cannot be read: {e}") })),
            }
        }
    }
}

impl Inputs {
    fn finish_archive(&mut self) {
        if let Some((_, pages, _)) = self.archive.take() {
            self.skipped += &pages.skipped;
        }
    }
}
