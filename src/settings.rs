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
