use dossier_core::OwnerFilter;
use leptos::prelude::*;

use crate::state::{use_app, use_texts};

/// The options of an owner filter (the list's and 信用's): everyone, mine, nobody's, then every
/// other rep (a rep who left marked so). Values are [`OwnerFilter::code`]s. `reps`: (id, name, left).
#[component]
pub fn OwnerOptions(reps: Memo<Vec<(String, String, bool)>>) -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    view! {
        <option value="">{move || t.get().filter_all}</option>
        {move || app.me.get().map(|me| view! { <option value=me>{t.get().filter_mine}</option> })}
        <option value=OwnerFilter::NOBODY_CODE>{move || t.get().owner_none}</option>
        {move || {
            let me = app.me.get();
            reps.get().into_iter().filter(|r| Some(&r.0) != me.as_ref()).map(|(id, name, left)| {
                let label = if left { format!("{name}（{}）", t.get().rep_left) } else { name };
                view! { <option value=id>{label}</option> }
            }).collect_view()
        }}
    }
}
