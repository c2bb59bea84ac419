//! Real-browser tests: the one-file explorer opened from `file://` (and over
//! http://127.0.0.1) in Chromium, Firefox ESR and WebKitGTK via WebDriver.
//!
//! Each trial is named `engine::scenario`; trials run one at a time, sharing
//! one browser session per engine. Needs `dist/explorer.html` (`cargo xtask build`).

mod drivers;
mod embed;
mod explore;
mod hostile;
mod import;
mod page;
mod scenarios;
mod views;

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use tokio::sync::Mutex;

use drivers::{Engine, Session};
use libtest_mimic::{Arguments, Failed, Trial};

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("tokio runtime"))
}

/// One session per engine, started on first use; a failed start is remembered
/// so every trial of that engine fails with the same reason.
type Sessions = Arc<Mutex<HashMap<Engine, Result<Session, String>>>>;

fn main() {
    let mut args = Arguments::from_args();
    // One browser at a time: the machine has two cores, and sessions are shared.
    args.test_threads = Some(1);
    let sessions: Sessions = Arc::default();
    let ctx = Arc::new(scenarios::Context::new());
    let mut trials = Vec::new();
    for engine in Engine::ALL {
        for (name, scenario) in
            scenarios::ALL.iter().chain(explore::ALL).chain(embed::ALL).chain(views::ALL).chain(hostile::ALL).chain(import::ALL)
        {
            let (sessions, ctx) = (sessions.clone(), ctx.clone());
            trials.push(Trial::test(format!("{}::{name}", engine.name()), move || {
                runtime().block_on(async {
                    let mut map = sessions.lock().await;
                    if let std::collections::hash_map::Entry::Vacant(slot) = map.entry(engine) {
                        slot.insert(drivers::start(engine).await);
                    }
                    let session = map.get(&engine).expect("inserted").as_ref().map_err(|e| Failed::from(e.as_str()))?;
                    scenario(&session.client, &ctx).await.map_err(Failed::from)
                })
            }));
        }
    }
    let conclusion = libtest_mimic::run(&args, trials);
    runtime().block_on(async {
        for (_, session) in std::mem::take(&mut *sessions.lock().await) {
            if let Ok(s) = session {
                s.close().await;
            }
        }
    });
    conclusion.exit();
}
