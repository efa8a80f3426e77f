//! The result of a tap is seen without scrolling (tablet rule): a notice that answers a tap —
//! a refused save, a duplicate warning, a conflict — is scrolled to the middle of the screen and
//! focused, so neither the sticky action bar nor the fold hides it, and a screen reader reads it.

use wasm_bindgen::JsCast;

/// Directive: `<div use:reveal role="alert">…</div>`. Runs once the element is in the page.
/// A field marked invalid is the first problem: it keeps the focus over the banner that sums up.
pub fn reveal(el: web_sys::Element) {
    crate::perf::after_render(move || {
        let invalid = leptos::prelude::document().query_selector("[aria-invalid=true]").ok().flatten();
        if invalid.is_none() {
            show(&el);
        }
    });
}

/// The first element matching `selector`, revealed after the next render (for inputs marked
/// invalid by the render that is about to happen).
pub fn reveal_first(selector: &'static str) {
    crate::perf::after_render(move || {
        if let Some(el) = leptos::prelude::document().query_selector(selector).ok().flatten() {
            show(&el);
        }
    });
}

fn show(el: &web_sys::Element) {
    if !el.is_connected() {
        return;
    }
    // A problem behind a closed disclosure (更多资料) is shown by opening it.
    let mut up = el.parent_element();
    while let Some(p) = up {
        if p.tag_name() == "DETAILS" && !p.has_attribute("open") {
            let _ = p.set_attribute("open", "");
        }
        up = p.parent_element();
    }
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&options);
    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
        // Notices are not focusable by themselves; -1 keeps them out of the tab order.
        if el.tab_index() < 0 && !el.has_attribute("tabindex") {
            el.set_tab_index(-1);
        }
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = el.focus_with_options(&options);
    }
}
