use dossier_core::credit::{percent, yuan, Verdict};
use dossier_core::{parse_yuan, Lang, RawForm};
use leptos::prelude::*;

use crate::state::{use_app, use_archive};

/// The order form's total as typed: Σ qty × unit over the lines that parse (a line still being
/// typed counts as nothing), so the check follows the rep's typing.
pub fn typed_total(raw: &RawForm) -> i64 {
    let Some(lines) = raw.get("lines") else { return 0 };
    lines
        .rows()
        .iter()
        .filter_map(|row| {
            let qty: i64 = row.get(1)?.trim().parse().ok()?;
            let unit = parse_yuan(row.get(2)?.trim()).ok()?;
            qty.checked_mul(unit)
        })
        .fold(0i64, |a, b| a.saturating_add(b))
}

/// The credit check of the order being typed (issue 16): green 通过, amber 预警, red 冻结, with
/// every reason and what would make it pass, updated as lines are added. A blocked order can
/// only be saved as 信用冻结; a manager releases it on the card.
#[component]
pub fn OrderCheck(customer_id: String, values: RwSignal<RawForm>, editing: Option<String>) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let cid = StoredValue::new(customer_id);
    let editing = StoredValue::new(editing);
    let result = Memo::new(move |_| {
        archive.revision.track();
        let (fen, cash) = values.with(|v| (typed_total(v), v.get("cash").is_some_and(|c| c.flag())));
        // The status asked: a draft, closed or cancelled order is not checked (it does not ship).
        let status = values.with(|v| v.get("status").map(|s| s.text().to_string()).unwrap_or_default());
        let checked = matches!(status.as_str(), "" | "open" | "blocked");
        checked.then(|| archive.credit_preview(&cid.get_value(), fen, cash, editing.get_value().as_deref()))
    });
    move || {
        let l = app.lang.get();
        result.get().map(|r| {
            let class = match r.verdict {
                Verdict::Pass => "credit-check pass",
                Verdict::Warn => "credit-check warn",
                Verdict::Block => "credit-check block",
            };
            let headline = match (l, r.limit, r.utilisation_bp) {
                (Lang::Zh, Some(lim), Some(u)) => format!("信用检查 · {} · 限度 {} · 占用 {}", r.verdict.label(l), yuan(lim), percent(u)),
                (Lang::En, Some(lim), Some(u)) => format!("Credit check · {} · limit {} · {} used", r.verdict.label(l), yuan(lim), percent(u)),
                (Lang::Zh, _, _) => format!("信用检查 · {}", r.verdict.label(l)),
                (Lang::En, _, _) => format!("Credit check · {}", r.verdict.label(l)),
            };
            let reasons = r.reasons.iter().map(|x| view! { <li data-check-reason>{x.message(l)}</li> }).collect_view();
            let remedies = (!r.remedies.is_empty()).then(|| {
                view! { <p data-check-remedies>{l.pick("可以：", "To pass: ")}{r.remedies_text(l)}</p> }
            });
            let held = (r.verdict == Verdict::Block).then(|| {
                view! { <p class="strong" data-check-held>{l.pick(
                    "保存后订单为“信用冻结”，须经理在客户卡的信用栏用经理口令放行。",
                    "Saved, the order is held by credit (信用冻结) until a manager releases it with the manager passphrase on the card's credit section.",
                )}</p> }
            });
            view! {
                <section class=class data-credit-check=r.verdict.code() aria-live="polite">
                    <p class="strong">{headline}</p>
                    <p class="muted" data-check-exposure>{r.exposure.working(l)}</p>
                    <ul>{reasons}</ul>
                    {remedies}
                    {held}
                </section>
            }
        })
    }
}
