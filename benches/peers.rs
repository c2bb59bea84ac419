//! The JavaScript peers' harness (`benches/peers/peers.js`) in headless Chromium: opens the
//! page `cargo xtask bench --only peers` writes (target/bench/peers-N.html: the peers' UMD
//! builds, the corpus as a script, the harness) and prints the figures it leaves in
//! `window.PEERS_RESULT` as one JSON line. Run by xtask: `cargo bench -p dossier --bench peers -- PAGE.html`.

#[allow(dead_code)]
#[path = "../tests/browser/drivers.rs"]
mod drivers;

use std::time::{Duration, Instant};

/// The harness runs while the page loads; past this it is reported as not finished.
const CAP: Duration = Duration::from_secs(15 * 60);

fn main() {
    let Some(page) = std::env::args().skip(1).find(|a| !a.starts_with('-')) else {
        eprintln!("usage: cargo bench -p dossier --bench peers -- PAGE.html (cargo xtask bench --only peers writes it)");
        return;
    };
    let path = std::path::Path::new(&page).canonicalize().expect("the peers page");
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("tokio");
    rt.block_on(async {
        let session = drivers::start(drivers::Engine::Chromium).await.expect("starting Chromium");
        let client = &session.client;
        // The harness starts after the load event; while it runs the page does not answer, so a
        // poll that times out is retried until the cap.
        let timeouts = fantoccini::wd::TimeoutConfiguration::new(Some(CAP), Some(Duration::from_secs(300)), None);
        client.update_timeouts(timeouts).await.expect("timeouts");
        let started = Instant::now();
        let loaded = client.goto(&format!("file://{}", path.display())).await;
        let result = match loaded {
            Err(e) => format!("{{\"error\": {:?}}}", e.to_string()),
            Ok(()) => loop {
                let v = client.execute("return window.PEERS_RESULT ? JSON.stringify(window.PEERS_RESULT) : null", vec![]).await;
                if let Some(s) = v.as_ref().ok().and_then(|v| v.as_str()) {
                    break s.to_owned();
                }
                if started.elapsed() > CAP {
                    break "{\"error\": \"no result\"}".to_owned();
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            },
        };
        println!("{result}");
        session.close().await;
    });
}
