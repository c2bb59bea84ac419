//! The few browser services the views need, kept apart from them: the location hash,
//! downloads and the clock.

use wasm_bindgen::{JsCast, JsValue};

/// The current location hash, without `#`.
pub fn hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default().trim_start_matches('#').to_owned()
}

/// Show `hash` in the address bar: as a new history entry (Back returns to the previous
/// view), or in place of the current one (while typing).
pub fn set_hash(hash: &str, new_entry: bool) {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return };
    let result = if new_entry { location.set_hash(hash) } else { location.replace(&format!("#{hash}")) };
    if let Err(e) = result {
        web_sys::console::warn_2(&"dossier: cannot update the address".into(), &e);
    }
}

/// Offer a text as a file download, given in pieces (strings) one after the other, so that a
/// large export is never one string. Works from `file://`: the data never leaves the page.
pub fn download(file_name: &str, mime: &str, parts: &js_sys::Array) -> Result<(), JsValue> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    // Let the download start before the address is released.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Milliseconds on the page's clock (for work done in slices between tasks).
pub fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or_else(js_sys::Date::now, |p| p.now())
}

/// Whether the system asks for a dark theme.
pub fn prefers_dark() -> bool {
    web_sys::window().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten()).is_some_and(|m| m.matches())
}

/// Show the explorer in a theme: `data-theme` on its root element.
pub fn set_theme(root: &web_sys::Element, dark: bool) {
    let _ = root.set_attribute("data-theme", if dark { "dark" } else { "light" });
}
