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

/// Mount the explorer into `root`, reading the corpus from bundle bytes, with `options`
/// (see [`embed::Options`]; `undefined` for the defaults).
///
/// On success the root carries `data-state="ready"` and `data-articles`; on
/// failure the error is returned to the bootstrap, which shows it.
#[wasm_bindgen]
pub fn mount(root: HtmlElement, data: &[u8], options: JsValue) -> Result<(), JsError> {
    install_panic_hook(root.clone());
    let options = embed::Options::from_js(&options).map_err(|e| JsError::new(&format!("the explorer's options are not valid: {e}")))?;
    let corpus = bundle::decode(data).map_err(|e| JsError::new(&e.to_string()))?;
    let articles = corpus.articles.len();
    root.set_inner_html("");
    let app_root = send_wrapper::SendWrapper::new(root.clone());
    leptos::mount::mount_to(root.clone(), move || app::App(app::AppProps { corpus, options, root: app_root })).forget();
    root.set_attribute("data-articles", &articles.to_string()).map_err(|_| JsError::new("cannot set data-articles"))?;
    root.set_attribute("data-state", "ready").map_err(|_| JsError::new("cannot set data-state"))?;
    Ok(())
}

/// A panic shows a readable error in the page instead of a frozen view.
fn install_panic_hook(root: HtmlElement) {
    let root = send_wrapper::SendWrapper::new(root);
    std::panic::set_hook(Box::new(move |info| {
        let message = format!(
            "The explorer stopped because of an internal error: {info}. Reload the page; if it happens again, report it with this message."
        );
        web_sys::console::error_1(&message.clone().into());
        let _ = root.set_attribute("data-state", "error");
        root.set_text_content(Some(&message));
    }));
}
