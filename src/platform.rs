//! The few browser facts the app needs besides storage: randomness and the clock. The core never
//! reads either; it gets them from here as arguments.

use chrono::NaiveDate;

/// The browser gave no random bytes (no `crypto`, `getRandomValues` threw, or it returned all
/// zeros, which a working source does once in 2^128 calls).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoRandom;

/// 16 bytes from the browser's CSPRNG, for ids. Never a fallback value: ids made from a constant
/// would all be the same, so callers refuse to create anything instead.
pub fn random_bytes() -> Result<[u8; 16], NoRandom> {
    let mut bytes = [0u8; 16];
    let crypto = web_sys::window().ok_or(NoRandom)?.crypto().map_err(|_| NoRandom)?;
    crypto.get_random_values_with_u8_array(&mut bytes).map_err(|_| NoRandom)?;
    if bytes == [0; 16] {
        return Err(NoRandom);
    }
    Ok(bytes)
}

/// Wall-clock milliseconds since the epoch.
pub fn now_ms() -> u64 {
    js_sys::Date::now().max(0.0) as u64
}

/// Today in the device's local time zone: what a rep means by "today".
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_default()
}

/// A stamp's wall time as the device's local "YYYY-MM-DD HH:MM".
pub fn local_time(ms: u64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Puts `text` on the clipboard; false if the browser refused (no permission, insecure page).
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// The place of each of `names` (distinct, sorted by code point) in the order of the browser's
/// `Intl.Collator("zh-CN")`, which sorts Chinese by pinyin and Latin letters alphabetically:
/// `places[i]` for `names[i]`. The names cross into JavaScript as one string and come back as
/// one, and the browser sorts them natively: no comparison crosses into wasm. `None` where the
/// browser has no Intl, or a name holds the separator.
pub fn collation_places(names: &[&str]) -> Option<Vec<u32>> {
    use wasm_bindgen::{JsCast, JsValue};
    const SEP: char = '\u{1f}';
    if names.iter().any(|n| n.contains(SEP)) {
        return None;
    }
    let joined = js_sys::JsString::from(names.join("\u{1f}"));
    let array: js_sys::Array = joined.split(&SEP.to_string()).dyn_into().ok()?;
    let sort = js_sys::Reflect::get(&array, &JsValue::from_str("sort")).ok()?.dyn_into::<js_sys::Function>().ok()?;
    // `sort` is stable, so names equal to the collator keep code-point order.
    COLLATOR.with(|compare| sort.call1(&array, compare)).ok()?;
    let sorted = array.join(&SEP.to_string()).as_string()?;
    let mut places = vec![u32::MAX; names.len()];
    for (place, name) in sorted.split(SEP).enumerate() {
        let i = names.binary_search(&name).ok()?;
        places[i] = place as u32;
    }
    places.iter().all(|p| *p != u32::MAX).then_some(places)
}

thread_local! {
    /// The one `Intl.Collator("zh-CN")` compare function, for sorting all names and for single
    /// comparisons (creating a collator costs far more than comparing with it).
    static COLLATOR: js_sys::Function = {
        let locales = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str("zh-CN"));
        js_sys::Intl::Collator::new(&locales, &js_sys::Object::new()).compare()
    };
}

/// Two names in the order of [`collation_places`] (pinyin for Chinese): for placing one renamed
/// or new customer without collating every name again.
pub fn collate(a: &str, b: &str) -> std::cmp::Ordering {
    let answer = COLLATOR.with(|compare| compare.call2(&wasm_bindgen::JsValue::NULL, &a.into(), &b.into()));
    match answer.ok().and_then(|v| v.as_f64()) {
        Some(x) if x < 0.0 => std::cmp::Ordering::Less,
        Some(x) if x > 0.0 => std::cmp::Ordering::Greater,
        _ => std::cmp::Ordering::Equal,
    }
}
