//! Small per-device settings in localStorage (gloo-storage). The archive itself is in IndexedDB.

use dossier_core::Lang;
use gloo_storage::{LocalStorage, Storage};

const LANG_KEY: &str = "dossier.lang";

/// The remembered UI language; Simplified Chinese until the user picks another.
pub fn load_lang() -> Lang {
    LocalStorage::get::<Lang>(LANG_KEY).unwrap_or_default()
}

/// Remembering is best effort: a full or disabled localStorage must not stop the switch itself.
pub fn save_lang(lang: Lang) {
    let _ = LocalStorage::set(LANG_KEY, lang);
}

const ME_KEY: &str = "dossier.me";

/// The rep (业务员) this device belongs to: set on first start, used as the default owner of new
/// cards and for "my customers". `None` until chosen.
pub fn load_me() -> Option<String> {
    LocalStorage::get::<String>(ME_KEY).ok().filter(|s| !s.is_empty())
}

pub fn save_me(rep_id: &str) {
    let _ = LocalStorage::set(ME_KEY, rep_id);
}

const PROFILES_KEY: &str = "dossier.profiles";

/// Custom hand-off profiles the manager saved (name → field keys), most recent first.
pub fn load_custom_profiles() -> Vec<(String, Vec<String>)> {
    LocalStorage::get::<Vec<(String, Vec<String>)>>(PROFILES_KEY).unwrap_or_default()
}

/// Saves (or replaces, by name) a custom profile; it becomes the first.
pub fn save_custom_profile(name: &str, fields: &[String]) {
    let name = name.trim().to_string();
    let mut all = load_custom_profiles();
    all.retain(|(n, _)| *n != name);
    all.insert(0, (name, fields.to_vec()));
    let _ = LocalStorage::set(PROFILES_KEY, all);
}

const GRADING_KEY: &str = "dossier.grading";

/// The manager's grading settings (window, cuts, cadences) on this device; the seeds' defaults
/// until changed.
pub fn load_grading() -> dossier_core::grading::GradingSettings {
    LocalStorage::get::<dossier_core::grading::GradingSettings>(GRADING_KEY).unwrap_or_default()
}

/// Saves settings that passed [`dossier_core::grading::GradingSettings::problems`].
pub fn save_grading(settings: &dossier_core::grading::GradingSettings) {
    let _ = LocalStorage::set(GRADING_KEY, settings);
}

const REGRADED_KEY: &str = "dossier.regraded";

/// What the last 重新分级 on this device graded (window and cuts) and on which day, so a new
/// month, new cuts or the re-sort cadence regrade by themselves.
pub fn load_regraded() -> Option<(String, chrono::NaiveDate)> {
    LocalStorage::get::<(String, chrono::NaiveDate)>(REGRADED_KEY).ok()
}

pub fn save_regraded(mark: &str, on: chrono::NaiveDate) {
    let _ = LocalStorage::set(REGRADED_KEY, (mark, on));
}

const ROLE_KEY: &str = "dossier.role";
const AREAS_KEY: &str = "dossier.areas";
const CHECK_KEY: &str = "dossier.last_check";

/// This device's role in the visit plan (seed 004's six roles; 经办人 until chosen).
pub fn load_role() -> dossier_core::grading::PlanRole {
    LocalStorage::get::<dossier_core::grading::PlanRole>(ROLE_KEY).unwrap_or(dossier_core::grading::PlanRole::Rep)
}

pub fn save_role(role: dossier_core::grading::PlanRole) {
    let _ = LocalStorage::set(ROLE_KEY, role);
}

/// The area table of the route plan (区域), in route order.
pub fn load_areas() -> Vec<dossier_core::grading::Area> {
    LocalStorage::get::<Vec<dossier_core::grading::Area>>(AREAS_KEY).unwrap_or_default()
}

/// Saves an area table that passed `grading::route::check_areas`.
pub fn save_areas(areas: &[dossier_core::grading::Area]) {
    let _ = LocalStorage::set(AREAS_KEY, areas);
}

/// The day of the last 定期核查 (whole-archive check) done on this device.
pub fn load_last_check() -> Option<chrono::NaiveDate> {
    LocalStorage::get::<chrono::NaiveDate>(CHECK_KEY).ok()
}

pub fn save_last_check(day: chrono::NaiveDate) {
    let _ = LocalStorage::set(CHECK_KEY, day);
}

const CREDIT_KEY: &str = "dossier.credit";

/// The manager's credit settings (warning level, overdue days, open orders, urgent signs, the
/// scorecard table) on this device; our defaults until changed (docs/credit.md).
pub fn load_credit() -> dossier_core::credit::CreditSettings {
    LocalStorage::get::<dossier_core::credit::CreditSettings>(CREDIT_KEY).unwrap_or_default()
}

/// Saves settings that passed [`dossier_core::credit::CreditSettings::problems`].
pub fn save_credit(settings: &dossier_core::credit::CreditSettings) {
    let _ = LocalStorage::set(CREDIT_KEY, settings);
}

const MANAGER_KEY: &str = "dossier.manager-pass";

/// The manager passphrase's salted hash (never the passphrase), `None` until set.
pub fn load_manager_pass() -> Option<dossier_core::credit::passphrase::PassHash> {
    LocalStorage::get(MANAGER_KEY).ok()
}

/// Whether it was kept (a full or disabled localStorage refuses).
pub fn save_manager_pass(hash: &dossier_core::credit::passphrase::PassHash) -> bool {
    LocalStorage::set(MANAGER_KEY, hash).is_ok()
}

const PRODUCT_COSTS_KEY: &str = "dossier.product-costs";

/// The manager's product costs (商品分析: unit cost and average stock at cost, fen) on this
/// device, in the order entered; none until saved.
pub fn load_product_costs() -> Vec<dossier_core::analysis::ProductCost> {
    LocalStorage::get::<Vec<(String, i64, i64)>>(PRODUCT_COSTS_KEY)
        .unwrap_or_default()
        .into_iter()
        .map(|(product, unit_cost_fen, avg_stock_fen)| dossier_core::analysis::ProductCost { product, unit_cost_fen, avg_stock_fen })
        .collect()
}

/// Saves costs that passed [`check_product_costs`]; whether they were kept (a full or disabled
/// localStorage refuses).
pub fn save_product_costs(costs: &[dossier_core::analysis::ProductCost]) -> bool {
    let rows: Vec<(&str, i64, i64)> = costs.iter().map(|c| (c.product.as_str(), c.unit_cost_fen, c.avg_stock_fen)).collect();
    LocalStorage::set(PRODUCT_COSTS_KEY, rows).is_ok()
}

/// One row of the product cost table as typed (yuan, "1,234.50").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CostInput {
    pub product: String,
    pub unit_cost: String,
    pub avg_stock: String,
}

/// Which box of a row a problem is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CostField {
    Product,
    UnitCost,
    AvgStock,
}

#[derive(Clone, Debug, PartialEq)]
pub enum CostProblem {
    /// Figures without a product's name.
    NameRequired,
    /// The same product twice.
    Duplicate,
    /// An average stock needs the unit cost it is valued at.
    StockNeedsCost,
    /// Not an amount of money (negative, three decimals…).
    Money(dossier_core::Problem),
}

impl CostProblem {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            CostProblem::NameRequired => lang.pick("请填写商品名称。", "Enter the product's name.").into(),
            CostProblem::Duplicate => lang.pick("这个商品已在表中。", "This product is already in the table.").into(),
            CostProblem::StockNeedsCost => lang.pick("填写平均库存时也要填写单位成本。", "Enter a unit cost along with the average stock.").into(),
            CostProblem::Money(p) => p.message(lang),
        }
    }
}

/// A problem in row `row` (0-based, as given) of the cost table.
#[derive(Clone, Debug, PartialEq)]
pub struct CostError {
    pub row: usize,
    pub field: CostField,
    pub problem: CostProblem,
}

/// The costs to keep from the rows as typed: a row with no figure is left out; a row with
/// figures needs a product's name (once in the table) and a unit cost; amounts are yuan, zero or
/// more. Every problem of every row, or the costs.
pub fn check_product_costs(rows: &[CostInput]) -> Result<Vec<dossier_core::analysis::ProductCost>, Vec<CostError>> {
    use dossier_core::validation::check;
    let mut errors = Vec::new();
    let mut costs: Vec<dossier_core::analysis::ProductCost> = Vec::new();
    for (row, r) in rows.iter().enumerate() {
        let product = r.product.trim();
        let (unit, stock) = (r.unit_cost.trim(), r.avg_stock.trim());
        if unit.is_empty() && stock.is_empty() {
            continue;
        }
        let mut fail = |field, problem| errors.push(CostError { row, field, problem });
        if product.is_empty() {
            fail(CostField::Product, CostProblem::NameRequired);
        } else if costs.iter().any(|c| c.product == product) {
            fail(CostField::Product, CostProblem::Duplicate);
        }
        let unit_fen = if unit.is_empty() {
            fail(CostField::UnitCost, CostProblem::StockNeedsCost);
            None
        } else {
            check::money(unit).map_err(|p| fail(CostField::UnitCost, CostProblem::Money(p))).ok()
        };
        let stock_fen = if stock.is_empty() { Some(0) } else { check::money(stock).map_err(|p| fail(CostField::AvgStock, CostProblem::Money(p))).ok() };
        if let (Some(unit_cost_fen), Some(avg_stock_fen), false) = (unit_fen, stock_fen, product.is_empty()) {
            if !costs.iter().any(|c| c.product == product) {
                costs.push(dossier_core::analysis::ProductCost { product: product.to_string(), unit_cost_fen, avg_stock_fen });
            }
        }
    }
    if errors.is_empty() {
        Ok(costs)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn row(p: &str, u: &str, s: &str) -> CostInput {
        CostInput { product: p.into(), unit_cost: u.into(), avg_stock: s.into() }
    }

    #[wasm_bindgen_test]
    fn costs_are_checked_row_by_row() {
        let ok = check_product_costs(&[row("螺丝", "1.50", "3,000"), row("垫片", "", ""), row("螺母", "0.2", "")]).unwrap();
        assert_eq!(ok.iter().map(|c| (c.product.as_str(), c.unit_cost_fen, c.avg_stock_fen)).collect::<Vec<_>>(), [("螺丝", 150, 300_000), ("螺母", 20, 0)]);
        let errs = check_product_costs(&[row("", "1", ""), row("螺丝", "1", ""), row("螺丝", "2", ""), row("垫片", "", "5"), row("螺母", "-1", "1.234")]).unwrap_err();
        let got: Vec<(usize, CostField)> = errs.iter().map(|e| (e.row, e.field)).collect();
        assert_eq!(got, [(0, CostField::Product), (2, CostField::Product), (3, CostField::UnitCost), (4, CostField::UnitCost), (4, CostField::AvgStock)]);
        assert_eq!(errs[1].problem.message(Lang::Zh), "这个商品已在表中。");
    }
}
