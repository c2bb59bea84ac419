//! The browsers and WebDriver servers the browser tests need, and installing
//! them on a fresh Debian machine.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use anyhow::{Context, Result, bail};

/// A program the browser tests need, and the Debian package that has it.
struct Tool {
    path: &'static str,
    package: &'static str,
}

pub const MINIBROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

const DEBIAN: &[Tool] = &[
    Tool { path: "/usr/bin/chromium", package: "chromium" },
    Tool { path: "/usr/bin/chromedriver", package: "chromium-driver" },
    Tool { path: "/usr/bin/firefox-esr", package: "firefox-esr" },
    Tool { path: "/usr/bin/WebKitWebDriver", package: "webkit2gtk-driver" },
    Tool { path: MINIBROWSER, package: "webkit2gtk-driver" },
    Tool { path: "/usr/bin/Xvfb", package: "xvfb" },
];

fn on_path(name: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|p| p.join(name).is_file()))
}

/// Make sure every browser and driver is there, installing what is missing
/// when `install` is set and we can (root with apt-get; cargo for geckodriver).
pub fn ensure_browsers(install: bool) -> Result<()> {
    let mut missing: Vec<&str> = DEBIAN.iter().filter(|t| !Path::new(t.path).exists()).map(|t| t.package).collect();
    missing.dedup();
    if !missing.is_empty() {
        let is_root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0"));
        if !(install && is_root && on_path("apt-get")) {
            bail!("missing browser packages: {}. Install them with: sudo apt-get install -y {}", missing.join(", "), missing.join(" "));
        }
        println!("installing {}", missing.join(", "));
        crate::run(Command::new("apt-get").args(["update", "-q"]))?;
        crate::run(Command::new("apt-get").args(["install", "-y", "-q"]).args(&missing).env("DEBIAN_FRONTEND", "noninteractive"))?;
    }
    if !on_path("geckodriver") {
        if !install {
            bail!("geckodriver is missing. Install it with: cargo install geckodriver");
        }
        crate::run(crate::cargo().args(["install", "geckodriver"]))?;
    }
    Ok(())
}

/// Cargo's target folder for this workspace, as cargo itself reports it (so `CARGO_TARGET_DIR`,
/// `build.target-dir` in a config file, and the default `target/` all work).
pub fn target_dir() -> Result<PathBuf> {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    if let Some(dir) = DIR.get() {
        return Ok(dir.clone());
    }
    let out = crate::cargo().args(["metadata", "--format-version", "1", "--no-deps"]).output().context("running cargo metadata")?;
    if !out.status.success() {
        bail!("cargo metadata failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).context("reading cargo metadata")?;
    let dir = meta["target_directory"].as_str().context("cargo metadata gave no target_directory")?;
    Ok(DIR.get_or_init(|| PathBuf::from(dir)).clone())
}

/// The axe-core release the browser tests inject to check accessibility.
pub const AXE_CORE: &str = "axe-core@4.10.3";

/// Where `ensure_axe` puts it: `npm` in the target folder (the browser tests read it from there).
pub fn axe_dir() -> Result<PathBuf> {
    Ok(target_dir()?.join("npm"))
}

/// Make sure axe-core is installed from the npm registry under the target folder's `npm/`.
pub fn ensure_axe(install: bool) -> Result<()> {
    let axe_dir = axe_dir()?;
    if axe_dir.join("node_modules/axe-core/axe.min.js").is_file() {
        return Ok(());
    }
    if !on_path("npm") {
        let is_root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0"));
        if !(install && is_root && on_path("apt-get")) {
            bail!("npm is missing (needed to fetch {AXE_CORE} for the accessibility checks). Install it with: sudo apt-get install -y npm");
        }
        crate::run(Command::new("apt-get").args(["install", "-y", "-q", "npm"]).env("DEBIAN_FRONTEND", "noninteractive"))?;
    }
    if !install {
        bail!("{AXE_CORE} is missing. Install it with: npm install --prefix {} --no-save {AXE_CORE}", axe_dir.display());
    }
    std::fs::create_dir_all(&axe_dir)?;
    crate::run(Command::new("npm").args(["install", "--prefix"]).arg(&axe_dir).args(["--no-save", "--no-audit", "--no-fund", AXE_CORE]))
}

/// Save a PNG of `page` (opened at `hash`) as headless Chromium renders it at `size`.
pub fn screenshot(page: &Path, hash: &str, png: &Path, size: (u32, u32)) -> Result<()> {
    ensure_browsers(true)?;
    if let Some(dir) = png.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let profile = std::env::temp_dir().join(format!("dossier-shot-{}", std::process::id()));
    let page = std::fs::canonicalize(page)?;
    crate::run(Command::new("/usr/bin/chromium").args([
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--hide-scrollbars",
        "--virtual-time-budget=5000",
        &format!("--user-data-dir={}", profile.display()),
        &format!("--window-size={},{}", size.0, size.1),
        &format!("--screenshot={}", std::path::absolute(png)?.display()),
        &format!("file://{}{hash}", page.display()),
    ]))?;
    let _ = std::fs::remove_dir_all(profile);
    println!("saved {}", png.display());
    Ok(())
}

/// Make sure the wasm32 target of the pinned toolchain is installed. rustup reads
/// rust-toolchain.toml, but may be told not to install anything by itself
/// (RUSTUP_AUTO_INSTALL=0), so ask for it explicitly.
pub fn ensure_wasm_target() -> Result<()> {
    let installed = Command::new("rustup").args(["target", "list", "--installed"]).output();
    match installed {
        Ok(out) if String::from_utf8_lossy(&out.stdout).lines().any(|l| l.trim() == "wasm32-unknown-unknown") => Ok(()),
        Ok(_) => crate::run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"])),
        Err(e) => bail!("rustup is needed to add the wasm32-unknown-unknown target ({e}); install it from https://rustup.rs"),
    }
}
