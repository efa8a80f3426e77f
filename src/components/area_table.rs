//! 区域划分表 (seed 004) in the settings: the areas of the route plan, in route order. 今日 lists
//! customers area by area in this order, then by 路序 (`grading::route`). Saved with one tap,
//! checked by `check_areas` (every row has a code, no code twice).

use dossier_core::grading::route::{check_areas, normalize_area_code};
use dossier_core::grading::{Area, AreaError};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::grading::{self as g, tr, Pair};
use crate::reveal::{reveal, reveal_first};
use crate::state::use_app;

/// One row being edited; `key` is stable while rows move.
#[derive(Clone, Copy)]
struct Row {
    key: u64,
    group: RwSignal<String>,
    code: RwSignal<String>,
    name: RwSignal<String>,
    bounds: RwSignal<String>,
    note: RwSignal<String>,
}

impl Row {
    fn new(key: u64, a: &Area) -> Row {
        Row {
            key,
            group: RwSignal::new(a.group.clone()),
            code: RwSignal::new(a.code.clone()),
            name: RwSignal::new(a.name.clone()),
            bounds: RwSignal::new(a.bounds.clone()),
            note: RwSignal::new(a.note.clone()),
        }
    }

    /// The row as saved: each field trimmed.
    fn area(&self) -> Area {
        let t = |s: RwSignal<String>| s.get_untracked().trim().to_string();
        Area { group: t(self.group), code: t(self.code), name: t(self.name), bounds: t(self.bounds), note: t(self.note) }
    }
}

/// Focuses (and scrolls to the middle of the screen) the first element matching one of
/// `selectors`, tried in turn, after the next render: a moved row keeps the focus on its button.
fn focus_later(selectors: Vec<String>) {
    crate::perf::after_render(move || {
        let doc = document();
        let Some(el) = selectors.iter().find_map(|s| doc.query_selector(s).ok().flatten()) else { return };
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&options);
        if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = el.focus_with_options(&options);
        }
    });
}

/// The area table: rows as card-like blocks with labelled inputs, added, removed and moved up
/// or down (the order is the route order), saved together.
#[component]
pub fn AreaTable() -> impl IntoView {
    let app = use_app();
    let l = move || app.lang.get();
    let next_key = StoredValue::new(0u64);
    let fresh_key = move || {
        let k = next_key.get_value();
        next_key.set_value(k + 1);
        k
    };
    let rows = RwSignal::new(crate::settings::load_areas().iter().map(|a| Row::new(fresh_key(), a)).collect::<Vec<_>>());
    // The row whose code is refused.
    let invalid = RwSignal::new(None::<u64>);
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(false);
    let changed = move || {
        done.set(false);
    };

    let add = move |_| {
        let key = fresh_key();
        rows.update(|v| v.push(Row::new(key, &Area::default())));
        changed();
        focus_later(vec![format!("#area-{key}-group")]);
    };
    let save = move |_| {
        done.set(false);
        let lang = app.lang.get_untracked();
        // Rows left wholly blank are dropped, so the numbers of the message are the rows shown.
        rows.update(|v| v.retain(|r| r.area() != Area::default()));
        let list = rows.get_untracked();
        let areas: Vec<Area> = list.iter().map(Row::area).collect();
        match check_areas(&areas) {
            Ok(()) => {
                crate::settings::save_areas(&areas);
                invalid.set(None);
                problem.set(None);
                done.set(true);
            }
            Err(e) => {
                let at = match &e {
                    AreaError::EmptyCode(i) => list.get(*i).map(|r| r.key),
                    // The second row with the code is the one to change.
                    AreaError::DuplicateCode(code) => {
                        list.iter().zip(&areas).filter(|(_, a)| normalize_area_code(&a.code) == *code).nth(1).map(|(r, _)| r.key)
                    }
                };
                invalid.set(at);
                problem.set(Some(e.message(lang)));
                if at.is_some() {
                    reveal_first("[data-area-table] [aria-invalid=true]");
                }
            }
        }
    };

    let row_view = move |r: Row| {
        let key = r.key;
        let pos = Memo::new(move |_| rows.with(|v| v.iter().position(|x| x.key == key).unwrap_or(0)));
        let count = Memo::new(move |_| rows.with(Vec::len));
        let is_last = move || pos.get() + 1 >= count.get();
        let field = move |name: &'static str, label: Pair, value: RwSignal<String>, wide: bool| {
            let id = format!("area-{key}-{name}");
            let for_id = id.clone();
            let is_code = name == "code";
            view! {
                <div class="field" class:area-wide=wide>
                    <label for=for_id>{move || tr(l(), label)}</label>
                    <input
                        type="text"
                        id=id
                        data-area-field=name
                        autocomplete="off"
                        aria-invalid=move || (is_code && invalid.get() == Some(key)).to_string()
                        prop:value=move || value.get()
                        on:input=move |e| {
                            value.set(event_target_value(&e));
                            changed();
                            if is_code && invalid.get_untracked() == Some(key) {
                                invalid.set(None);
                            }
                        }
                    />
                </div>
            }
        };
        let up = move |_: leptos::ev::MouseEvent| {
            let i = pos.get_untracked();
            if i > 0 {
                rows.update(|v| v.swap(i - 1, i));
                changed();
                let at = format!("[data-area-key='{key}']");
                focus_later(vec![format!("{at} [data-action=area-up]:not([disabled])"), format!("{at} [data-action=area-down]")]);
            }
        };
        let down = move |_: leptos::ev::MouseEvent| {
            let i = pos.get_untracked();
            if i + 1 < rows.with_untracked(Vec::len) {
                rows.update(|v| v.swap(i, i + 1));
                changed();
                let at = format!("[data-area-key='{key}']");
                focus_later(vec![format!("{at} [data-action=area-down]:not([disabled])"), format!("{at} [data-action=area-up]")]);
            }
        };
        let remove = move |_: leptos::ev::MouseEvent| {
            rows.update(|v| v.retain(|x| x.key != key));
            if invalid.get_untracked() == Some(key) {
                invalid.set(None);
            }
            changed();
            focus_later(vec!["[data-area-table] [data-action=add-area]".into()]);
        };
        view! {
            <li class="area-row" data-area data-area-key=key.to_string()>
                <div class="area-head">
                    <strong>{move || format!("{}{}{}", tr(l(), g::AREA_ROW_PREFIX), pos.get() + 1, tr(l(), g::AREA_ROW_SUFFIX))}</strong>
                    <div class="area-moves">
                        <button type="button" data-action="area-up" disabled=move || pos.get() == 0 on:click=up>{move || tr(l(), g::AREA_UP)}</button>
                        <button type="button" data-action="area-down" disabled=is_last on:click=down>{move || tr(l(), g::AREA_DOWN)}</button>
                        <button type="button" class="danger" data-action="remove-area" on:click=remove>{move || tr(l(), g::AREA_REMOVE)}</button>
                    </div>
                </div>
                <div class="area-fields">
                    {field("group", g::AREA_GROUP, r.group, false)}
                    {field("code", g::AREA_CODE, r.code, false)}
                    {field("name", g::AREA_NAME, r.name, true)}
                    {field("bounds", g::AREA_BOUNDS, r.bounds, true)}
                    {field("note", g::AREA_NOTE, r.note, true)}
                </div>
            </li>
        }
    };

    view! {
        <section class="card area-table" data-area-table>
            <h2>{move || tr(l(), g::AREAS_TITLE)}</h2>
            <p class="muted">{move || tr(l(), g::AREAS_EXPLAIN)}</p>
            {move || rows.with(Vec::is_empty).then(|| view! { <p class="muted" data-areas-empty>{tr(l(), g::AREAS_EMPTY)}</p> })}
            <ol class="area-rows">
                <For each=move || rows.get() key=|r| r.key children=row_view/>
            </ol>
            {move || problem.get().map(|p| view! { <p class="banner banner-error" role="alert" data-area-problem use:reveal tabindex="-1">{p}</p> })}
            {move || done.get().then(|| view! { <p class="banner banner-info" role="status" data-areas-saved use:reveal>{tr(l(), g::AREAS_SAVED)}</p> })}
            <div class="form-actions">
                <button type="button" data-action="add-area" on:click=add>{move || tr(l(), g::AREA_ADD)}</button>
                <button type="button" class="primary" data-action="save-areas" on:click=save>{move || tr(l(), g::AREAS_SAVE)}</button>
            </div>
        </section>
    }
}
