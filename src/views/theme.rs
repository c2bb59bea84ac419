//! Light or dark: the system's choice until the reader picks one.

use leptos::prelude::*;

use crate::web;

#[component]
pub fn ThemeToggle() -> impl IntoView {
    // None: follow the system.
    let chosen: RwSignal<Option<bool>> = RwSignal::new(None);
    let dark = move || chosen.get().unwrap_or_else(web::prefers_dark);
    Effect::new(move |_| {
        if let Some(d) = chosen.get() {
            web::set_theme(Some(if d { "dark" } else { "light" }));
        }
    });
    view! {
        <button
            type="button"
            class="theme"
            data-theme-toggle=""
            aria-pressed=move || dark().to_string()
            title="Dark theme"
            on:click=move |_| {
                let next = !dark();
                chosen.set(Some(next));
            }
        >
            "Dark theme"
        </button>
    }
}
