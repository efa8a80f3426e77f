use dossier_core::grading::sales::{MAX_GRADES, MAX_WINDOW, MIN_WINDOW};
use dossier_core::grading::{cut_from_text, Cut, CutMode, GradingSettings};
use dossier_core::primitives::money::{format_yuan, format_yuan_grouped};
use leptos::prelude::*;

use crate::reveal::reveal;
use crate::state::{use_app, use_archive};

/// The boxes of a cut as the manager typed them: shares in per cent, thresholds in yuan.
fn boxes_of(cut: &Cut) -> (CutMode, Vec<String>) {
    let mut boxes: Vec<String> = match cut {
        Cut::Share { cuts_bp } => cuts_bp.iter().map(|bp| format_yuan(i64::from(*bp)).trim_end_matches(".00").to_string()).collect(),
        Cut::Threshold { fen } => fen.iter().map(|f| format_yuan_grouped(*f).trim_end_matches(".00").to_string()).collect(),
    };
    boxes.resize(MAX_GRADES - 1, String::new());
    (if matches!(cut, Cut::Share { .. }) { CutMode::Share } else { CutMode::Threshold }, boxes)
}

/// 客户分级 settings (this device's): the sales window and how 销售等级 is cut, by cumulative
/// share (Pareto) or by 等级标准额. Refusals name the box and what is wrong, in the language
/// shown; nothing is saved until everything passes.
#[component]
pub fn GradingSettingsPanel() -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let saved = crate::settings::load_grading();
    let (mode0, boxes0) = boxes_of(&saved.cut);
    let window = RwSignal::new(saved.window_months);
    let mode = RwSignal::new(mode0);
    let boxes: Vec<RwSignal<String>> = boxes0.into_iter().map(RwSignal::new).collect();
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(false);
    let boxes_for_save = boxes.clone();
    let save = move |_| {
        done.set(false);
        let l = app.lang.get_untracked();
        let typed: Vec<String> = boxes_for_save.iter().map(|b| b.get_untracked()).collect();
        let cut = match cut_from_text(mode.get_untracked(), &typed) {
            Ok(c) => c,
            Err(e) => return problem.set(Some(e.message(l))),
        };
        let settings = GradingSettings { window_months: window.get_untracked(), cut, ..crate::settings::load_grading() };
        if let Some(e) = settings.problems().first() {
            return problem.set(Some(e.message(l)));
        }
        crate::settings::save_grading(&settings);
        problem.set(None);
        done.set(true);
        // New cuts or a new window: the stored grades follow (each change in its card's history).
        archive.regrade_if_due(false, l);
    };
    let boxes_for_reset = boxes.clone();
    let reset = move |_| {
        let d = GradingSettings::default();
        let (m, b) = boxes_of(&d.cut);
        window.set(d.window_months);
        mode.set(m);
        for (signal, text) in boxes_for_reset.iter().zip(b) {
            signal.set(text);
        }
        crate::settings::save_grading(&GradingSettings { window_months: d.window_months, cut: d.cut, ..crate::settings::load_grading() });
        problem.set(None);
        done.set(true);
        archive.regrade_if_due(false, app.lang.get_untracked());
    };
    let l = move || app.lang.get();
    view! {
        <section class="card" data-grading-settings>
            <h2>{move || l().pick("客户分级（销售等级）", "Grading (sales grades)")}</h2>
            <div class="field">
                <label for="grading-window">{move || l().pick("统计月数（最近几个完整月）", "Window (last whole months)")}</label>
                <select id="grading-window" prop:value=move || window.get().to_string() on:change=move |e| { if let Ok(n) = event_target_value(&e).parse() { window.set(n) } }>
                    {(MIN_WINDOW..=MAX_WINDOW).map(|n| view! { <option value=n.to_string()>{n}</option> }).collect_view()}
                </select>
            </div>
            <div class="radio-row" role="radiogroup">
                <label class="radio" for="cut-share">
                    <input type="radio" id="cut-share" name="cut-mode" data-cut-mode="share" prop:checked=move || mode.get() == CutMode::Share on:change=move |_| mode.set(CutMode::Share)/>
                    {move || l().pick("按累计占比（帕累托，%）", "By cumulative share (Pareto, %)")}
                </label>
                <label class="radio" for="cut-threshold">
                    <input type="radio" id="cut-threshold" name="cut-mode" data-cut-mode="threshold" prop:checked=move || mode.get() == CutMode::Threshold on:change=move |_| mode.set(CutMode::Threshold)/>
                    {move || l().pick("按等级标准额（月均，元）", "By threshold (monthly average, ¥)")}
                </label>
            </div>
            <p class="muted">{move || match mode.get() {
                CutMode::Share => l().pick("每格一个界线，由小到大，例如 80 与 95：A 级到 80 %，B 级到 95 %，其余为 C 级。", "One cut per box, rising, e.g. 80 and 95: A up to 80 %, B up to 95 %, C the rest."),
                CutMode::Threshold => l().pick("每格一个月均销售额，由大到小，例如 10,000 与 5,000：达到 10,000 为 A 级，达到 5,000 为 B 级，其余为 C 级。", "One monthly average per box, falling, e.g. 10,000 and 5,000: A from 10,000, B from 5,000, C the rest."),
            }}</p>
            <div class="cut-boxes">
                {boxes.iter().enumerate().map(|(i, b)| {
                    let b = *b;
                    let id = format!("grading-cut-{i}");
                    let for_id = id.clone();
                    view! {
                        <label class="filter" for=for_id>
                            <span>{move || format!("{}{}", l().pick("界线 ", "Cut "), i + 1)}</span>
                            <input id=id data-cut=i.to_string() inputmode="decimal" autocomplete="off" prop:value=move || b.get() on:input=move |e| b.set(event_target_value(&e))/>
                        </label>
                    }
                }).collect_view()}
            </div>
            {move || problem.get().map(|p| view! { <p class="banner banner-error" role="alert" data-grading-problem use:reveal tabindex="-1">{p}</p> })}
            {move || done.get().then(|| view! { <p class="banner banner-info" role="status" data-grading-saved use:reveal>{l().pick("已保存：销售等级按新设置重新划分。", "Saved: sales grades are cut by the new settings.")}</p> })}
            <div class="form-actions">
                <button class="primary" data-action="save-grading" on:click=save>{move || l().pick("保存", "Save")}</button>
                <button data-action="reset-grading" on:click=reset>{move || l().pick("恢复默认", "Restore defaults")}</button>
            </div>
        </section>
    }
}
