//! Performance marks and measures for the benchmark (bench/archive.mjs reads them).

use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn performance() -> Option<web_sys::Performance> {
    web_sys::window().and_then(|w| w.performance())
}

pub fn now() -> f64 {
    performance().map(|p| p.now()).unwrap_or(0.0)
}

pub fn mark(name: &str) {
    if let Some(p) = performance() {
        let _ = p.mark(name);
    }
}

/// A mark carrying `{ detail: { count } }`.
pub fn mark_with_count(name: &str, count: usize) {
    let Some(p) = performance() else { return };
    let detail = Object::new();
    let _ = Reflect::set(&detail, &"count".into(), &JsValue::from_f64(count as f64));
    let options = Object::new();
    let _ = Reflect::set(&options, &"detail".into(), &detail);
    call(&p, "mark", name, &options);
}

/// A measure from `start` (a `now()` value) to now.
pub fn measure_since(name: &str, start: f64) {
    let Some(p) = performance() else { return };
    let options = Object::new();
    let _ = Reflect::set(&options, &"start".into(), &JsValue::from_f64(start));
    let _ = Reflect::set(&options, &"end".into(), &JsValue::from_f64(p.now()));
    call(&p, "measure", name, &options);
}

fn call(p: &web_sys::Performance, method: &str, name: &str, options: &Object) {
    if let Ok(f) = Reflect::get(p, &method.into()) {
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            let _ = f.call2(p, &JsValue::from_str(name), options);
        }
    }
}

/// Runs `f` after the current rendering work (a zero timeout runs after Leptos' microtasks).
pub fn after_render(f: impl FnOnce() + 'static) {
    leptos::prelude::set_timeout(f, std::time::Duration::ZERO);
}

/// Resolves after the next frame has been painted.
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.request_animation_frame(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Resolves after a zero timeout: long background work lets the page handle input between
/// steps (unlike a frame, this also runs in a hidden tab).
pub async fn pause() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
}
