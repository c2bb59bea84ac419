//! The Dossier explorer: a Leptos (CSR) app compiled to wasm32.
//!
//! The one-file bundle's bootstrap script unpacks the wasm and the corpus data
//! island, then calls [`mount`] with the root element and the corpus bytes.
//! All filtering goes through `dossier_corpus`; this crate only renders.

mod app;
mod embed;
mod state;
mod views;
mod web;

use dossier_corpus::bundle;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

/// Small allocations (most of an opened corpus's) without dlmalloc's header: see
/// [`dossier_corpus::slabs`].
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: dossier_corpus::slabs::Slabs = dossier_corpus::slabs::Slabs::new();

/// Mount the explorer into `root`, reading the corpus from bundle bytes, with `options`
/// (see [`embed::Options`]; `undefined` for the defaults).
///
/// On success the root carries `data-state="ready"` and `data-articles`; on
/// failure the error is returned to the bootstrap, which shows it.
#[wasm_bindgen]
pub fn mount(root: HtmlElement, data: Vec<u8>, options: JsValue) -> Result<(), JsError> {
    install_panic_hook();
    let options = embed::Options::from_js(&options).map_err(|e| JsError::new(&format!("the explorer's options are not valid: {e}")))?;
    // Every id in an opened corpus is checked (bundle::validate_refs), and the spans of each
    // block of bodies as it is read: the views may index by them.
    let (corpus, bodies) = bundle::open(&data).map_err(|e| JsError::new(&e.to_string()))?;
    // The bytes (the bundle's copy in wasm memory) are freed before the index is built, so
    // that the index takes their room rather than new memory (it never shrinks).
    drop(data);
    mark("dossier-decoded");
    let articles = corpus.articles.len();
    ROOTS.with(|r| r.borrow_mut().push(root.clone()));
    root.set_inner_html("");
    let app_root = send_wrapper::SendWrapper::new(root.clone());
    leptos::mount::mount_to(root.clone(), move || app::App(app::AppProps { corpus, bodies, options, root: app_root })).forget();
    root.set_attribute("data-articles", &articles.to_string()).map_err(|_| JsError::new("cannot set data-articles"))?;
    root.set_attribute("data-state", "ready").map_err(|_| JsError::new("cannot set data-state"))?;
    Ok(())
}

/// The `raw` bytes of a zstd frame: the page's bootstrap reads the import island with this
/// (zstd packs it a tenth smaller than gzip, and the explorer already has its decoder,
/// `ruzstd`, for bundles).
#[wasm_bindgen]
pub fn unzstd(frame: &[u8], raw: u32) -> Result<Vec<u8>, JsError> {
    bundle::read_frame(frame, raw as usize).map_err(|e| JsError::new(&e))
}

/// A `performance.mark` for `cargo xtask bench`, which splits the time to ready into its
/// steps (unpacked, decoded, indexed, rendered); nothing where the browser has no such API.
pub(crate) fn mark(name: &str) {
    use js_sys::{Function, Reflect};
    let performance = Reflect::get(&js_sys::global(), &JsValue::from_str("performance")).unwrap_or(JsValue::UNDEFINED);
    if let Ok(f) = Reflect::get(&performance, &JsValue::from_str("mark"))
        && let Some(f) = f.dyn_ref::<Function>()
    {
        let _ = f.call1(&performance, &JsValue::from_str(name));
    }
}

thread_local! {
    /// The explorers this wasm instance runs (the bootstrap gives each explorer an instance
    /// of its own, so normally one).
    static ROOTS: std::cell::RefCell<Vec<HtmlElement>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A panic shows a readable error in the explorer instead of a frozen view. The hook is
/// process-wide, so it is installed once, whatever the number of mounts; it marks the
/// explorers of this instance (the wasm aborts after a panic: they all stop).
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let message = format!(
                "The explorer stopped because of an internal error: {info}. Reload the page; if it happens again, report it with this message."
            );
            web_sys::console::error_1(&message.clone().into());
            let roots = ROOTS.try_with(|r| r.try_borrow().map(|r| r.clone()).unwrap_or_default()).unwrap_or_default();
            for root in roots {
                let _ = root.set_attribute("data-state", "error");
                root.set_text_content(Some(&message));
            }
        }));
    });
}
