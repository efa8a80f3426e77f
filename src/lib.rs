//! Dossier (客户档案): the browser app. The domain lives in `dossier_core`; this crate is views,
//! routing, settings and storage.

mod app;
/// 客户分析: the 分析 page's figures from the summaries, CSV downloads, deferred parts.
pub mod analysis_commands;
pub mod archive_state;
pub mod credit_commands;
pub mod components;
/// Adding, editing, deleting and restoring entries of a customer's file.
pub mod entry_commands;
/// 销售等级 of the whole archive from the summaries.
pub mod grading_commands;
/// Hand-off bundles: export, read, preview and import through the repository.
pub mod handoff_commands;
pub mod i18n;
/// Search, sort and 查重 indexes over the archive in memory.
pub mod indexes;
pub mod pages;
/// UI timing marks for the benchmark (not storage).
pub mod perf;
pub mod platform;
/// Loading, saving, tab sync and compaction of the archive.
pub mod repository;
/// Showing the answer to a tap: scroll it into view and focus it.
pub mod reveal;
pub mod route;
pub mod settings;
pub mod state;
pub mod storage;

pub use app::App;

#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
