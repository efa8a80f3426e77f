//! 客户分析: the 分析 page's figures, each from the customers' summaries and the reps through the
//! core's pure functions (`dossier_core::analysis`, one pass over the summaries each, no file
//! read), its tables offered as CSV files, and [`deferred`], which keeps the page's first chart
//! quick by computing the rest one painted frame after another.

use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use chrono::NaiveDate;
use dossier_core::analysis::{
    self, Balance, ComplaintAnalysis, CustomerDim, MonthRow, Period, ProductCost, ProductRow, RepBalance, SalesDim, Scope, Share,
    StartStop,
};
use dossier_core::customer::owner::Rep;
use dossier_core::Lang;
use leptos::prelude::*;

use crate::archive_state::ArchiveState;
use crate::i18n::analysis as w;
use crate::i18n::grading::tr;
use crate::perf;

/// Customers named one by one in 销售构成 before the rest is one 其他 row.
pub const TOP_CUSTOMERS: usize = 20;

/// Whose sales and collections the series shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SeriesScope {
    All,
    /// A rep's customers, by the rep's id.
    Rep(String),
    /// One customer, by id.
    Customer(String),
}

impl SeriesScope {
    fn core(&self) -> Scope<'_> {
        match self {
            SeriesScope::All => Scope::All,
            SeriesScope::Rep(id) => Scope::Rep(id),
            SeriesScope::Customer(id) => Scope::Customer(id),
        }
    }
}

impl ArchiveState {
    /// Every rep the archive knows (those who left too: their customers' figures keep a name).
    pub fn analysis_reps(self) -> Vec<Rep> {
        self.archive.with_untracked(|a| a.reps().to_vec())
    }

    /// 客户构成: the live customers by `dim`.
    pub fn analysis_customers(self, dim: CustomerDim, lang: Lang) -> Vec<Share> {
        let reps = self.analysis_reps();
        self.with_summaries(|all| analysis::customers_by(all, dim, &reps, lang))
    }

    /// 销售构成 / 商品构成 / 地区构成: the period's sales by `dim`; by customer the first
    /// [`TOP_CUSTOMERS`] and one 其他 row for the rest.
    pub fn analysis_sales(self, dim: SalesDim, period: &Period, lang: Lang) -> Vec<Share> {
        let reps = self.analysis_reps();
        let rows = self.with_summaries(|all| analysis::sales_by(all, dim, period, &reps, lang));
        if dim == SalesDim::Customer {
            fold_rest(rows, TOP_CUSTOMERS, tr(lang, w::OTHER))
        } else {
            rows
        }
    }

    /// Sales and collections per month of `scope`, and whether they balance.
    pub fn analysis_series(self, period: &Period, scope: &SeriesScope) -> (Vec<MonthRow>, Balance) {
        let rows = self.with_summaries(|all| analysis::series(all, period, scope.core()));
        let balance = analysis::balance(&rows);
        (rows, balance)
    }

    /// 检阅销售、收款是否平衡, per rep.
    pub fn analysis_rep_balance(self, period: &Period) -> Vec<RepBalance> {
        let reps = self.analysis_reps();
        self.with_summaries(|all| analysis::balance_by_rep(all, period, &reps))
    }

    /// The products sold in the period with their economics (by the manager's costs).
    pub fn analysis_products(self, period: &Period, costs: &[ProductCost]) -> Vec<ProductRow> {
        self.with_summaries(|all| analysis::products(all, period, costs))
    }

    /// 投诉分析 of the complaints received in the period.
    pub fn analysis_complaints(self, period: &Period, lang: Lang) -> ComplaintAnalysis {
        self.with_summaries(|all| analysis::complaints(all, period, lang))
    }

    /// 交易开始与中止 per month, and the 交易开始调查书 waiting for approval now.
    pub fn analysis_accounts(self, period: &Period) -> (Vec<StartStop>, usize) {
        self.with_summaries(|all| (analysis::starts_stops(all, period), analysis::starts_waiting(all)))
    }

    /// Whether the archive has a live customer (the page's empty state).
    pub fn analysis_has_customers(self) -> bool {
        self.live_count() > 0
    }

    /// The live customer a rep means by `query`: the one with this 登记编号, else the first
    /// with exactly this name, else the first whose name holds it. (id, name).
    pub fn analysis_find_customer(self, query: &str) -> Option<(String, String)> {
        let q = query.trim();
        if q.is_empty() {
            return None;
        }
        self.with_summaries(|all| {
            let live = || all.iter().filter(|s| !s.deleted);
            live()
                .find(|s| s.reg_no.eq_ignore_ascii_case(q))
                .or_else(|| live().find(|s| s.name == q))
                .or_else(|| live().find(|s| s.name.contains(q)))
                .map(|s| (s.id.clone(), s.name.clone()))
        })
    }

    /// Offers a table as a CSV file named [`csv_file_name`] (`analysis::csv`: UTF-8 with a BOM,
    /// CRLF, quoted, formulas guarded); false if the browser refused.
    pub fn offer_csv(self, name: &str, header: &[&str], rows: &[Vec<String>]) -> bool {
        let text = analysis::csv(header, rows);
        self.offer_download(&csv_file_name(name, crate::platform::today()), "text/csv;charset=utf-8", text.as_bytes())
    }
}

/// "客户分析-构成-地区-2026-12-02.csv": the table's name and the day it was exported.
pub fn csv_file_name(name: &str, today: NaiveDate) -> String {
    format!("客户分析-{name}-{}.csv", today.format("%Y-%m-%d"))
}

/// The first `keep` rows as they are and the rest as one row labelled `other` (key "other"),
/// its basis points what the kept rows leave of 10,000 so the list still adds up.
pub fn fold_rest(mut rows: Vec<Share>, keep: usize, other: &str) -> Vec<Share> {
    if rows.len() <= keep + 1 {
        return rows;
    }
    let rest = rows.split_off(keep);
    let kept_bp: u32 = rows.iter().map(|r| r.bp).sum();
    let any = rows.iter().chain(&rest).any(|r| r.bp > 0);
    rows.push(Share {
        key: "other".into(),
        label: format!("{other}（{}）", rest.len()),
        count: rest.iter().map(|r| r.count).sum(),
        fen: rest.iter().fold(0i64, |a, r| a.saturating_add(r.fen)),
        bp: if any { analysis::WHOLE_BP.saturating_sub(kept_bp) } else { 0 },
    });
    rows
}

/// A figure computed away from the first paint: `None` until then. `key` runs at once and
/// inside an effect (what it reads is tracked); `compute` runs with its value after `turn` + 1
/// painted frames, and again one frame after each change of what `key` read, the newest run
/// winning (the figure shown until then is the last one). Parts of a page given turns 0, 1, 2… appear one frame after another, each
/// computed in its own task, so the browser paints and answers taps in between.
pub fn deferred<K, T>(turn: u32, key: impl Fn() -> K + 'static, compute: impl Fn(K) -> T + 'static) -> RwSignal<Option<T>>
where
    K: 'static,
    T: Send + Sync + 'static,
{
    let out = RwSignal::new(None);
    // The newest run's number; a run that finds another number stops (also when the page goes).
    let newest = Arc::new(AtomicU64::new(0));
    let compute = Rc::new(compute);
    {
        let newest = newest.clone();
        on_cleanup(move || {
            newest.fetch_add(1, Ordering::Relaxed);
        });
    }
    Effect::new(move |before: Option<()>| {
        let k = key();
        let me = newest.fetch_add(1, Ordering::Relaxed).wrapping_add(1);
        let (newest, compute) = (newest.clone(), compute.clone());
        // The first time parts take turns; a change (period, language) redoes each at once.
        let frames = if before.is_none() { turn + 1 } else { 1 };
        leptos::task::spawn_local(async move {
            for _ in 0..frames {
                perf::next_frame().await;
                if newest.load(Ordering::Relaxed) != me {
                    return;
                }
            }
            let value = compute(k);
            if newest.load(Ordering::Relaxed) == me {
                let _ = out.try_set(Some(value));
            }
        });
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn share(key: &str, count: usize, fen: i64, bp: u32) -> Share {
        Share { key: key.into(), label: key.into(), count, fen, bp }
    }

    #[wasm_bindgen_test]
    fn fold_rest_keeps_the_first_and_sums_the_rest() {
        let rows = vec![share("a", 1, 500, 5000), share("b", 1, 300, 3000), share("c", 1, 150, 1500), share("d", 2, 50, 500)];
        let folded = fold_rest(rows.clone(), 2, "其他");
        assert_eq!(folded.len(), 3);
        assert_eq!((folded[2].key.as_str(), folded[2].count, folded[2].fen, folded[2].bp), ("other", 3, 200, 2000));
        assert_eq!(folded[2].label, "其他（2）");
        assert_eq!(folded.iter().map(|r| r.bp).sum::<u32>(), 10_000);
        // One row left over stays itself.
        assert_eq!(fold_rest(rows.clone(), 3, "其他"), rows);
    }

    #[wasm_bindgen_test]
    fn csv_file_name_has_the_table_and_the_day() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        assert_eq!(csv_file_name("构成-地区", day), "客户分析-构成-地区-2026-12-02.csv");
    }
}
