use dossier_core::credit::CreditSettings;
use dossier_core::primitives::text::half_width;
use dossier_core::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::credit_commands::{manager_pass_set, set_manager_pass, verify_manager, CreditFailure};
use crate::reveal::reveal;
use crate::state::{use_app, use_texts};

/// "90" or "92.5" (per cent) → basis points; `None` for anything else.
fn percent_bp(s: &str) -> Option<u16> {
    let s: String = s.trim().trim_end_matches(['%', '％']).chars().map(half_width).collect();
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    if int.is_empty() || frac.len() > 2 || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac = format!("{frac:0<2}");
    u16::try_from(int.parse::<u32>().ok()? * 100 + frac.parse::<u32>().ok()?).ok()
}

/// Basis points as the box shows them: 9000 → "90", 9250 → "92.5" (exact, no float).
fn as_percent(bp: u16) -> String {
    dossier_core::credit::percent(i64::from(bp)).trim_end_matches(" %").to_string()
}

/// 设置 → 信用管理 (this device's): the manager passphrase that releases orders held by credit
/// (kept as a salted PBKDF2 hash only; replacing it needs the current one, so a rep cannot set
/// their own), and the order check's numbers. Nothing is saved until everything passes.
#[component]
pub fn CreditSettingsPanel() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let l = move || app.lang.get();
    let has_pass = RwSignal::new(manager_pass_set());
    let (old, pass, again) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let pass_msg = RwSignal::new(None::<(bool, String)>);
    let busy = RwSignal::new(false);
    let set_pass = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        pass_msg.set(None);
        spawn_local(async move {
            let lang = app.lang.get_untracked();
            let result = async {
                if has_pass.get_untracked() {
                    verify_manager(&old.get_untracked()).await?;
                }
                set_manager_pass(&pass.get_untracked(), &again.get_untracked()).await
            }
            .await;
            busy.set(false);
            match result {
                Ok(()) => {
                    has_pass.set(true);
                    for s in [old, pass, again] {
                        s.set(String::new());
                    }
                    pass_msg.set(Some((true, lang.pick("经理口令已设置（本机只保存其加盐哈希）", "Manager passphrase set (this device keeps only its salted hash)").into())));
                }
                Err(CreditFailure::WrongPassphrase) => pass_msg.set(Some((false, lang.pick("原经理口令不对，口令未更改", "the current passphrase is wrong: nothing changed").into()))),
                Err(e) => pass_msg.set(Some((false, e.text(lang, t.get_untracked())))),
            }
        });
    };

    let saved = crate::settings::load_credit();
    let warning = RwSignal::new(as_percent(saved.warning_bp));
    let overdue = RwSignal::new(saved.overdue_days.to_string());
    let open_orders = RwSignal::new(saved.count_open_orders);
    let urgent = RwSignal::new(saved.urgent_signs.to_string());
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(false);
    let fill = move |s: &CreditSettings| {
        warning.set(as_percent(s.warning_bp));
        overdue.set(s.overdue_days.to_string());
        open_orders.set(s.count_open_orders);
        urgent.set(s.urgent_signs.to_string());
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(false);
        let lang = app.lang.get_untracked();
        let number = |s: String, zh: &str, en: &str| -> Result<u32, String> {
            let s: String = s.trim().chars().map(half_width).collect();
            s.parse::<u32>().map_err(|_| match lang {
                Lang::Zh => format!("{zh}“{s}”不是整数"),
                Lang::En => format!("{en} “{s}” is not a whole number"),
            })
        };
        let result = (|| {
            let warning_bp = percent_bp(&warning.get_untracked()).ok_or_else(|| match lang {
                Lang::Zh => format!("预警线“{}”不是有效的百分数", warning.get_untracked().trim()),
                Lang::En => format!("the warning level “{}” is not a valid percentage", warning.get_untracked().trim()),
            })?;
            let overdue_days = u16::try_from(number(overdue.get_untracked(), "逾期天数", "days overdue")?).unwrap_or(u16::MAX);
            let urgent_signs = u8::try_from(number(urgent.get_untracked(), "紧急报告信号数", "signs for an urgent report")?).unwrap_or(u8::MAX);
            let s = CreditSettings { warning_bp, overdue_days, urgent_signs, count_open_orders: open_orders.get_untracked(), ..crate::settings::load_credit() };
            match s.problems().first() {
                Some(e) => Err(e.message(lang)),
                None => Ok(s),
            }
        })();
        match result {
            Ok(s) => {
                crate::settings::save_credit(&s);
                problem.set(None);
                done.set(true);
            }
            Err(m) => problem.set(Some(m)),
        }
    };
    let restore = move |_| {
        let d = CreditSettings::default();
        crate::settings::save_credit(&d);
        fill(&d);
        problem.set(None);
        done.set(true);
    };

    view! {
        <section class="card" data-credit-settings>
            <h2>{move || l().pick("信用管理", "Credit management")}</h2>
            <form class="pass-form" novalidate on:submit=set_pass data-manager-pass=move || if has_pass.get() { "set" } else { "none" }>
                <h3>{move || l().pick("经理口令", "Manager passphrase")}</h3>
                <p class="muted">{move || if has_pass.get() {
                    l().pick("已设置。信用冻结的订单须输入此口令才能放行。更改须先输入原口令。", "Set. An order held by credit is released only with it. To change it, type the current one first.")
                } else {
                    l().pick("尚未设置：设置后，信用冻结的订单须由经理输入此口令放行。本机只保存加盐哈希，不保存口令本身。", "Not set: once set, a manager releases orders held by credit with it. This device keeps only a salted hash, never the passphrase.")
                }}</p>
                {move || has_pass.get().then(|| view! {
                    <label for="manager-pass-old">{l().pick("原口令", "Current passphrase")}</label>
                    <input id="manager-pass-old" type="password" autocomplete="current-password" prop:value=move || old.get() on:input=move |e| old.set(event_target_value(&e))/>
                })}
                <label for="manager-pass">{move || l().pick("新口令（至少 8 个字符）", "New passphrase (8 characters or more)")}</label>
                <input id="manager-pass" type="password" autocomplete="new-password" prop:value=move || pass.get() on:input=move |e| pass.set(event_target_value(&e))/>
                <label for="manager-pass-again">{move || l().pick("再输入一次", "Type it again")}</label>
                <input id="manager-pass-again" type="password" autocomplete="new-password" prop:value=move || again.get() on:input=move |e| again.set(event_target_value(&e))/>
                <div class="form-actions">
                    <button type="submit" class="primary" data-action="set-manager-pass" disabled=move || busy.get()>
                        {move || if busy.get() { l().pick("正在计算…", "Working…") } else { l().pick("设置经理口令", "Set the manager passphrase") }}
                    </button>
                </div>
                {move || pass_msg.get().map(|(ok, m)| view! {
                    <p class=if ok { "banner banner-ok" } else { "banner banner-error" } role="alert" data-pass-result=if ok { "ok" } else { "error" } use:reveal>{m}</p>
                })}
            </form>
            <form class="pass-form" novalidate on:submit=save>
                <h3>{move || l().pick("订单信用检查", "Order credit check")}</h3>
                <label for="credit-warning">{move || l().pick("预警线（信用限度的 %）", "Warning level (% of the limit)")}</label>
                <input id="credit-warning" inputmode="decimal" prop:value=move || warning.get() on:input=move |e| warning.set(event_target_value(&e))/>
                <label for="credit-overdue">{move || l().pick("应收逾期超过多少天即冻结", "Block when a receivable is overdue more than (days)")}</label>
                <input id="credit-overdue" inputmode="numeric" prop:value=move || overdue.get() on:input=move |e| overdue.set(event_target_value(&e))/>
                <label class="check">
                    <input id="credit-open-orders" type="checkbox" prop:checked=move || open_orders.get() on:change=move |e| open_orders.set(event_target_checked(&e))/>
                    {move || l().pick("未出货订单计入信用占用额", "Open, undelivered orders count in the exposure")}
                </label>
                <label for="credit-urgent">{move || l().pick("预警信号达到几项即为紧急报告", "Signs that make an urgent report")}</label>
                <input id="credit-urgent" inputmode="numeric" prop:value=move || urgent.get() on:input=move |e| urgent.set(event_target_value(&e))/>
                <div class="form-actions">
                    <button type="submit" class="primary" data-action="save-credit-settings">{move || t.get().save}</button>
                    <button type="button" data-action="credit-defaults" on:click=restore>{move || l().pick("恢复默认", "Restore defaults")}</button>
                </div>
                {move || problem.get().map(|m| view! { <p class="banner banner-error" role="alert" data-credit-settings-problem use:reveal>{m}</p> })}
                {move || done.get().then(|| view! { <p class="banner banner-ok" data-credit-settings-saved>{l().pick("已保存", "Saved")}</p> })}
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::percent_bp;

    #[test]
    fn per_cent_as_typed() {
        assert_eq!(percent_bp("90"), Some(9000));
        assert_eq!(percent_bp(" 92.5% "), Some(9250));
        assert_eq!(percent_bp("９０"), Some(9000));
        assert_eq!(percent_bp("90.125"), None);
        assert_eq!(percent_bp("九十"), None);
        assert_eq!(percent_bp(""), None);
    }
}
