//! Starting real browsers through their WebDriver servers: Chromium
//! (chromedriver), Firefox ESR (geckodriver) and WebKitGTK (WebKitWebDriver
//! driving MiniBrowser under Xvfb). A missing program is an error that says
//! how to install it, never a skip.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};

pub const MINIBROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Engine {
    Chromium,
    Firefox,
    WebKit,
}

impl Engine {
    pub const ALL: [Engine; 3] = [Engine::Chromium, Engine::Firefox, Engine::WebKit];

    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
            Engine::WebKit => "webkit",
        }
    }

    /// (program, how to install it)
    fn requirements(self) -> Vec<(&'static str, &'static str)> {
        match self {
            Engine::Chromium => {
                vec![("/usr/bin/chromium", "apt-get install chromium"), ("chromedriver", "apt-get install chromium-driver")]
            }
            Engine::Firefox => vec![("/usr/bin/firefox-esr", "apt-get install firefox-esr"), ("geckodriver", "cargo install geckodriver")],
            Engine::WebKit => vec![
                ("WebKitWebDriver", "apt-get install webkit2gtk-driver"),
                (MINIBROWSER, "apt-get install webkit2gtk-driver"),
                ("Xvfb", "apt-get install xvfb"),
            ],
        }
    }

    fn capabilities(self, profile_dir: &Path) -> Value {
        match self {
            Engine::Chromium => json!({
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": "/usr/bin/chromium",
                    "args": [
                        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--no-first-run",
                        "--disable-sync", "--window-size=1280,900",
                        format!("--user-data-dir={}", profile_dir.display()),
                    ]
                }
            }),
            Engine::Firefox => json!({
                "browserName": "firefox",
                "moz:firefoxOptions": {
                    "binary": "/usr/bin/firefox-esr",
                    "args": ["-headless", "-width=1280", "-height=900"],
                    "prefs": {
                        "app.update.enabled": false,
                        "network.captive-portal-service.enabled": false,
                        "datareporting.policy.dataSubmissionEnabled": false,
                        "browser.shell.checkDefaultBrowser": false
                    }
                }
            }),
            Engine::WebKit => json!({
                "browserName": "MiniBrowser",
                "webkitgtk:browserOptions": { "binary": MINIBROWSER, "args": ["--automation"] }
            }),
        }
    }
}

/// A running WebDriver server (and Xvfb for WebKit) with one session.
pub struct Session {
    pub client: Client,
    driver: Child,
    xvfb: Option<Child>,
    _profile: tempfile::TempDir,
}

impl Session {
    pub async fn close(mut self) {
        let _ = self.client.close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        if let Some(x) = self.xvfb.take() {
            stop_xvfb(x);
        }
    }
}

fn find_program(name: &str) -> Option<PathBuf> {
    if name.starts_with('/') {
        return Path::new(name).is_file().then(|| PathBuf::from(name));
    }
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(Path::new(&home).join(".cargo/bin"));
    }
    dirs.into_iter().map(|d| d.join(name)).find(|p| p.is_file())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free local port")
}

fn log_file(name: &str) -> Stdio {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-logs");
    let _ = std::fs::create_dir_all(&dir);
    std::fs::File::create(dir.join(name)).map(Stdio::from).unwrap_or_else(|_| Stdio::null())
}

/// Stop Xvfb with SIGTERM, so it removes its lock file and socket (SIGKILL leaves them).
fn stop_xvfb(mut x: Child) {
    let _ = Command::new("kill").arg(x.id().to_string()).status();
    let _ = x.wait();
}

/// Whether display `n` is taken: a lock file whose process is alive. A stale lock (its
/// process gone, e.g. after an interrupted run) is removed.
fn display_taken(n: u32) -> bool {
    let lock = format!("/tmp/.X{n}-lock");
    let pid = std::fs::read_to_string(&lock).ok().and_then(|s| s.trim().parse::<u32>().ok());
    match pid {
        Some(pid) if Path::new(&format!("/proc/{pid}")).exists() => true,
        Some(_) => {
            let _ = std::fs::remove_file(&lock);
            let _ = std::fs::remove_file(format!("/tmp/.X11-unix/X{n}"));
            false
        }
        None => Path::new(&lock).exists() || Path::new(&format!("/tmp/.X11-unix/X{n}")).exists(),
    }
}

/// Start Xvfb on a free display number.
fn start_xvfb() -> Result<(Child, String), String> {
    for n in 90..120 {
        if display_taken(n) {
            continue;
        }
        let display = format!(":{n}");
        let mut child = Command::new("Xvfb")
            .args([display.as_str(), "-screen", "0", "1280x900x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(log_file("xvfb.log"))
            .spawn()
            .map_err(|e| format!("cannot start Xvfb: {e}"))?;
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
                return Ok((child, display));
            }
            if let Ok(Some(status)) = child.try_wait() {
                return Err(format!("Xvfb exited at start ({status})"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        return Err("Xvfb did not open its display within 10 s".into());
    }
    Err("no free X display number in :90..:119".into())
}

/// Start the engine's driver and open a session.
pub async fn start(engine: Engine) -> Result<Session, String> {
    let missing: Vec<String> = engine
        .requirements()
        .into_iter()
        .filter(|(prog, _)| find_program(prog).is_none())
        .map(|(prog, install)| format!("{prog} (install it with: {install})"))
        .collect();
    if !missing.is_empty() {
        return Err(format!("{} cannot run, missing: {}. `cargo xtask test` installs these on Debian.", engine.name(), missing.join("; ")));
    }
    let mut xvfb = None;
    let mut env: Vec<(&str, String)> = Vec::new();
    if engine == Engine::WebKit && std::env::var_os("DISPLAY").is_none() {
        let (child, display) = start_xvfb()?;
        xvfb = Some(child);
        env.push(("DISPLAY", display));
    }
    let port = free_port();
    let (program, args): (&str, Vec<String>) = match engine {
        Engine::Chromium => ("chromedriver", vec![format!("--port={port}")]),
        Engine::Firefox => ("geckodriver", vec!["--port".into(), port.to_string()]),
        Engine::WebKit => ("WebKitWebDriver", vec![format!("--port={port}")]),
    };
    let program = find_program(program).expect("checked above");
    let driver = Command::new(&program)
        .args(&args)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .stdout(log_file(&format!("{}-driver.log", engine.name())))
        .stderr(log_file(&format!("{}-driver.err", engine.name())))
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", program.display()))?;
    let profile = tempfile::tempdir().map_err(|e| e.to_string())?;
    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut last_error = String::new();
    while Instant::now() < deadline {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            let caps = engine.capabilities(profile.path());
            let caps = caps.as_object().cloned().expect("capabilities are an object");
            match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new()).capabilities(caps).connect(&url).await {
                Ok(client) => {
                    return Ok(Session { client, driver, xvfb, _profile: profile });
                }
                Err(e) => last_error = e.to_string(),
            }
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let mut session_driver = driver;
    let _ = session_driver.kill();
    if let Some(x) = xvfb {
        stop_xvfb(x);
    }
    Err(format!("{} did not start a session within 30 s: {last_error}", engine.name()))
}
