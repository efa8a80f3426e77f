use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::platform;
use crate::state::use_texts;

/// A phone number as reps use it: one tap calls (`tel:`), one tap copies (for 微信 or a
/// message). The link keeps only what a dialler understands.
#[component]
pub fn PhoneLink(number: String) -> impl IntoView {
    let t = use_texts();
    let copied = RwSignal::new(false);
    let dial: String = number.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
    let text = StoredValue::new(number.clone());
    let copy = move |_| {
        spawn_local(async move {
            let ok = platform::copy_text(&text.get_value()).await;
            copied.set(ok);
        });
    };
    view! {
        <span class="phone">
            <a href=format!("tel:{dial}") data-tel=dial.clone() aria-label=move || format!("{} {}", t.get().call, text.get_value())>{number}</a>
            <button type="button" class="icon" data-action="copy-phone" on:click=copy
                aria-label=move || format!("{} {}", t.get().copy, text.get_value())>
                {move || if copied.get() { t.get().copied } else { t.get().copy }}
            </button>
        </span>
    }
}
