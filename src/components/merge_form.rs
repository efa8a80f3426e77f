//! 合并: two cards of one customer become one. The user picks a value for every field both cards
//! fill differently; everything else is decided by the core merge (gaps filled, people kept once,
//! the other card's file moved).

use dossier_core::dedup::card_merge;
use dossier_core::{merge_conflicts, CardMergeError, Conflict, Customer, Form, Lang, MergeChoices, MergeValue, Side};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::archive_state::ArchiveState;
use crate::components::field_input::display_value;
use crate::i18n::Texts;

use crate::route::{go, Page};
use crate::state::{use_app, use_archive, use_texts};
use crate::reveal::reveal;

/// The two cards as the form shows them, read once when it opens.
struct Pair {
    survivor: Customer,
    other: Customer,
    /// The other card's ledger records (live ones) that move.
    entries: usize,
}

/// A conflict's label and both values as a person reads them.
fn describe(archive: ArchiveState, form: Form, c: &Conflict, l: Lang, t: &Texts) -> (String, String, String) {
    let label = match c.key.as_str() {
        card_merge::STAGE => t.filter_stage.to_string(),
        card_merge::TIER => t.filter_tier.to_string(),
        card_merge::REGION => t.region.to_string(),
        card_merge::OWNER => t.dup_owner.to_string(),
        key => form.field(key).map(|f| f.label(l).to_string()).unwrap_or_else(|| key.to_string()),
    };
    let value = |v: &MergeValue| -> String {
        let shown = match v {
            MergeValue::Stage { stage, reason } if reason.is_empty() => stage.label(l).to_string(),
            // A former customer's reason for stopping.
            MergeValue::Stage { stage, reason } => format!("{}{}{reason}", stage.label(l), l.pick("：", ": ")),
            MergeValue::Tier(tier) => tier.map(|x| x.label(l).to_string()).unwrap_or_default(),
            MergeValue::Owner(id) => archive.archive.with_untracked(|a| a.rep(id).map(|r| r.name.clone())).unwrap_or_else(|| id.clone()),
            MergeValue::Region(region) => region.clone(),
            MergeValue::Field(v) => form.field(&c.key).map(|f| display_value(f, v, l, t.yes)).unwrap_or_else(|| v.flat()),
        };
        if shown.is_empty() { "—".to_string() } else { shown }
    };
    (label, value(&c.survivor), value(&c.other))
}

/// Merges `other_id` into `survivor_id` after the user has chosen a value per conflict and
/// confirmed; opens the survivor's card when done.
#[component]
pub fn MergeForm(survivor_id: String, other_id: String, on_cancel: Callback<()>) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let t = use_texts();
    let lang = app.lang;
    let pair = archive.archive.with_untracked(|a| {
        let (s, o) = (a.get(&survivor_id)?.clone(), a.get(&other_id)?.clone());
        let entries = a.ledger(&other_id).iter().filter(|e| !e.deleted).count();
        Some(Pair { survivor: s, other: o, entries })
    });
    let Some(pair) = pair else {
        return view! { <p class="banner banner-error" role="alert">{move || t.get().not_found}</p> }.into_any();
    };
    // What the core would refuse, said before the user works through the fields.
    let refused = if pair.survivor.deleted || pair.other.deleted {
        Some(CardMergeError::Deleted)
    } else if pair.survivor.kind() != pair.other.kind() {
        Some(CardMergeError::KindDiffers)
    } else {
        None
    };
    let form = pair.survivor.kind().form();
    let mut conflicts = if refused.is_some() { Vec::new() } else { merge_conflicts(&pair.survivor, &pair.other) };
    // In the card's own order (the core lists them by key); status and owner last.
    conflicts.sort_by_key(|c| form.fields().iter().position(|f| f.key == c.key).unwrap_or(usize::MAX));
    // Every conflict starts on the card to keep, so confirming without a look changes least.
    let choices = RwSignal::new(conflicts.iter().map(|c| (c.key.clone(), Side::Survivor)).collect::<MergeChoices>());
    let error = RwSignal::new(refused.as_ref().map(|e| e.message(lang.get_untracked())));
    let saving = RwSignal::new(false);
    let (sid, oid) = (StoredValue::new(survivor_id), StoredValue::new(other_id));

    let confirm = move |_| {
        if saving.get_untracked() {
            return;
        }
        saving.set(true);
        error.set(None);
        spawn_local(async move {
            let by = app.me.get_untracked().unwrap_or_default();
            let (s, o) = (sid.get_value(), oid.get_value());
            let result = archive.merge_cards(&s, &o, &choices.get_untracked(), &by).await;
            match result {
                Ok(()) => go(&Page::Card(s)),
                Err(e) => {
                    saving.set(false);
                    error.set(Some(t.get_untracked().merge_failure(&e, lang.get_untracked())));
                }
            }
        });
    };

    let heading = |c: &Customer| format!("{} · {}", c.display_name(), c.reg_no);
    let (s_head, o_head) = (heading(&pair.survivor), heading(&pair.other));
    let contacts = pair.other.live_contacts().count();
    let entries = pair.entries;
    let has_conflicts = !conflicts.is_empty();
    let blocked = refused.is_some();
    let conflicts = StoredValue::new(conflicts);

    let rows = move || {
        let (l, tx) = (lang.get(), t.get());
        conflicts
            .get_value()
            .into_iter()
            .map(|c| {
                let (label, s_val, o_val) = describe(archive, form, &c, l, tx);
                let key = c.key;
                let (s_id, o_id, name) = (format!("merge-{key}-s"), format!("merge-{key}-o"), format!("merge-{key}"));
                let is = {
                    let key = key.clone();
                    move |side: Side| choices.with(|m| m.get(&key).copied().unwrap_or_default() == side)
                };
                let set = {
                    let key = key.clone();
                    move |side: Side| choices.update(|m| { m.insert(key.clone(), side); })
                };
                let (is_s, is_o, set_s, set_o) = (is.clone(), is, set.clone(), set);
                view! {
                    <fieldset class="merge-row" data-conflict=key.clone()>
                        <legend>{label}</legend>
                        <div class="merge-choice">
                            <input type="radio" id=s_id.clone() name=name.clone() value="survivor"
                                prop:checked=move || is_s(Side::Survivor) on:change=move |_| set_s(Side::Survivor)/>
                            <label for=s_id><span class="merge-side">{tx.dup_survivor}</span><span class="merge-value">{s_val}</span></label>
                        </div>
                        <div class="merge-choice">
                            <input type="radio" id=o_id.clone() name=name value="other"
                                prop:checked=move || is_o(Side::Other) on:change=move |_| set_o(Side::Other)/>
                            <label for=o_id><span class="merge-side">{tx.dup_other}</span><span class="merge-value">{o_val}</span></label>
                        </div>
                    </fieldset>
                }
            })
            .collect_view()
    };

    view! {
        <form class="merge-form" data-merge-form novalidate on:submit=move |e| { e.prevent_default(); confirm(()); }>
            <h2>{move || t.get().merge_title}</h2>
            <div class="merge-heads">
                <div class="merge-head merge-head-survivor">
                    <span class="merge-side">{move || t.get().dup_survivor}</span>
                    <strong data-merge-survivor=sid.get_value()>{s_head}</strong>
                </div>
                <div class="merge-head merge-head-other">
                    <span class="merge-side">{move || t.get().dup_other}</span>
                    <strong data-merge-other=oid.get_value()>{o_head}</strong>
                </div>
            </div>
            <p class="merge-explain">{move || t.get().merge_explain}</p>
            <dl class="facts merge-moves">
                <dt>{move || t.get().merge_entries_moved}</dt><dd data-merge-entries>{entries}</dd>
                <dt>{move || t.get().merge_contacts_moved}</dt><dd data-merge-contacts>{contacts}</dd>
            </dl>
            {(!blocked).then(|| view! {
                <p class="muted">{move || if has_conflicts { t.get().merge_conflicts_hint } else { t.get().merge_no_conflicts }}</p>
                <div class="merge-rows">{rows}</div>
            })}
            {move || error.get().map(|m| view! { <p class="banner banner-error" role="alert" data-merge-error use:reveal>{m}</p> })}
            <div class="form-actions">
                <button type="submit" class="primary" data-action="confirm-merge" disabled=move || blocked || saving.get()>
                    {move || if saving.get() { t.get().merge_saving } else { t.get().merge_confirm }}
                </button>
                <button type="button" data-action="cancel-merge" on:click=move |_| on_cancel.run(())>{move || t.get().cancel}</button>
            </div>
        </form>
    }
    .into_any()
}
