//! Light or dark: the system's choice (followed as it changes) until the reader or the
//! host's options pick one. The root element's `data-theme` always says which applies.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::app::Frame;
use crate::web;

#[derive(Clone, Copy)]
pub struct Theme {
    /// None: follow the system.
    chosen: RwSignal<Option<bool>>,
    system: RwSignal<bool>,
}

impl Theme {
    fn dark(self) -> bool {
        self.chosen.get().unwrap_or_else(|| self.system.get())
    }
}

/// Apply the theme to the explorer's root and keep it applied; call once per explorer.
pub fn provide_theme(frame: &Frame) {
    let chosen = RwSignal::new(match frame.options.theme.as_deref() {
        Some("dark") => Some(true),
        Some("light") => Some(false),
        _ => None,
    });
    let system = RwSignal::new(web::prefers_dark());
    if let Some(query) = web_sys::window().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten()) {
        let follow = Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(move |e: web_sys::MediaQueryListEvent| system.set(e.matches()));
        let _ = query.add_event_listener_with_callback("change", follow.as_ref().unchecked_ref());
        follow.forget();
    }
    let theme = Theme { chosen, system };
    let root = frame.root.clone();
    Effect::new(move |_| web::set_theme(&root, theme.dark()));
    provide_context(theme);
}

#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = expect_context::<Theme>();
    view! {
        <button
            type="button"
            class="theme"
            data-theme-toggle=""
            aria-pressed=move || theme.dark().to_string()
            on:click=move |_| {
                let next = !theme.dark();
                theme.chosen.set(Some(next));
            }
        >
            "Dark theme"
        </button>
    }
}
