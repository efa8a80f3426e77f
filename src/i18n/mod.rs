//! Every UI string, one table per language. `Texts` is a struct rather than a key→string map so
//! that a label missing from either language is a compile error, not a blank on a rep's screen.

pub mod accounts;
pub mod complaints;
pub mod credit_card;
pub mod credit_page;
pub mod analysis;
mod en;
pub mod grading;
pub mod orders;
pub mod handoff;
pub mod recycle_bin;
pub mod list;
pub mod tablet;
mod zh;

pub use dossier_core::Lang;

use crate::archive_state::{CardFailure, MergeFailure, OwnerFailure, RepFailure, SaveError};
use dossier_core::commands::cards::CardError;
use dossier_core::commands::owner::AssignError;
use dossier_core::commands::reps::RepError;
use crate::entry_commands::EntryFailure;
use dossier_core::commands::entries::EntryError;
use crate::archive_state::{Persistence, StorageError};

/// Bytes as megabytes with one decimal and grouped thousands ("1,234.5 MB").
pub fn megabytes(bytes: f64) -> String {
    let tenths = (bytes / 104_857.6).round().max(0.0) as u64;
    format!("{}.{} MB", dossier_core::format_count(tenths / 10), tenths % 10)
}

pub struct Texts {
    pub app_name: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_customers: &'static str,
    pub nav_today: &'static str,
    pub nav_credit: &'static str,
    pub nav_handoff: &'static str,
    pub nav_analysis: &'static str,
    pub nav_settings: &'static str,
    pub lang_switch_label: &'static str,

    pub customers_title: &'static str,
    pub customers_intro: &'static str,
    pub today_title: &'static str,
    pub today_intro: &'static str,
    pub credit_title: &'static str,
    pub credit_intro: &'static str,
    pub handoff_title: &'static str,
    pub handoff_intro: &'static str,
    pub analysis_title: &'static str,
    pub analysis_intro: &'static str,
    pub settings_title: &'static str,
    pub coming_next: &'static str,

    pub settings_language: &'static str,
    pub settings_storage: &'static str,
    pub storage_opening: &'static str,
    pub storage_ready: &'static str,
    pub device_id: &'static str,
    pub persist_label: &'static str,
    pub persist_checking: &'static str,
    pub persist_not_yet: &'static str,
    pub persist_granted: &'static str,
    pub persist_denied: &'static str,
    pub persist_unsupported: &'static str,

    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub filter_all: &'static str,
    pub filter_kind: &'static str,
    pub filter_stage: &'static str,
    pub filter_tier: &'static str,
    pub filter_prospect: &'static str,
    pub filter_tag: &'static str,
    pub filter_region: &'static str,
    pub count_prefix: &'static str,
    pub count_suffix: &'static str,
    pub sort_label: &'static str,
    pub col_reg_no: &'static str,
    pub col_name: &'static str,
    pub col_kind: &'static str,
    pub col_stage: &'static str,
    pub col_sales_grade: &'static str,
    pub sales_grade: &'static str,
    pub col_tier: &'static str,
    pub col_region: &'static str,
    pub col_phone: &'static str,
    pub new_individual: &'static str,
    pub new_enterprise: &'static str,
    pub load_sample: &'static str,
    pub sample_size: &'static str,
    pub loading_archive: &'static str,
    /// A card and its file being read when opened.
    pub loading_card: &'static str,
    /// The summaries being made from the pages (first start after an update), before "n / N".
    pub making_summaries: &'static str,
    pub generating: &'static str,
    pub empty_title: &'static str,
    pub empty_body: &'static str,
    pub no_match: &'static str,
    pub back_to_list: &'static str,
    pub not_found: &'static str,
    pub card_deleted: &'static str,
    pub edit: &'static str,
    /// Prints the card (the browser's print dialog).
    pub print: &'static str,
    pub delete: &'static str,
    pub deleted_notice: &'static str,
    pub undo: &'static str,
    pub confirm: &'static str,
    pub cancel: &'static str,
    pub lifecycle: &'static str,
    pub move_former: &'static str,
    pub make_current: &'static str,
    pub former_reason: &'static str,
    pub tags: &'static str,
    pub region: &'static str,
    pub contacts: &'static str,
    pub no_contacts: &'static str,
    pub history: &'static str,
    pub no_history: &'static str,
    pub created_on: &'static str,
    pub edit_title: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub form_has_errors: &'static str,
    pub add_contact: &'static str,
    pub remove_contact: &'static str,
    pub person: &'static str,
    pub unsaved_warning: &'static str,
    pub conflict: &'static str,
    pub conflict_reload: &'static str,
    pub conflict_overwrite: &'static str,
    pub rows_hint: &'static str,
    pub yes: &'static str,
    pub unchanged: &'static str,

    // The customer's file, ledger and receivables.
    pub file_title: &'static str,
    pub file_empty: &'static str,
    pub file_all: &'static str,
    pub add: &'static str,
    pub ledger_title: &'static str,
    pub balance: &'static str,
    pub open_receivables: &'static str,
    pub credit_on_account: &'static str,
    pub unsettled_notes: &'static str,
    pub col_date: &'static str,
    pub col_item: &'static str,
    pub col_debit: &'static str,
    pub col_credit: &'static str,
    pub col_balance: &'static str,
    pub col_due: &'static str,
    pub col_amount: &'static str,
    pub col_open: &'static str,
    pub col_overdue_days: &'static str,
    pub col_order_no: &'static str,
    pub col_status: &'static str,
    pub col_remaining: &'static str,
    pub orders_title: &'static str,
    pub receivables_title: &'static str,
    pub deliver: &'static str,
    pub no_orders: &'static str,
    pub no_receivables: &'static str,
    pub col_customer: &'static str,
    pub bucket_not_due: &'static str,
    pub bucket_1_30: &'static str,
    pub bucket_31_60: &'static str,
    pub bucket_61_90: &'static str,
    pub bucket_over_90: &'static str,
    pub total: &'static str,
    pub as_of: &'static str,
    pub overdue_title: &'static str,
    pub no_overdue: &'static str,
    pub col_oldest_due: &'static str,
    pub col_overdue_amount: &'static str,
    pub confirm_amount: &'static str,
    pub file_label: &'static str,
    pub open_document: &'static str,
    pub document_missing: &'static str,
    pub apply_to: &'static str,
    pub apply_hint: &'static str,
    pub delete_entry: &'static str,
    pub entry_deleted: &'static str,
    pub order_select: &'static str,
    pub computing: &'static str,
    pub tab_receivables: &'static str,

    // 负责人, 查重 on save, touches (issue 5)
    pub merged_into_notice: &'static str,
    pub owner: &'static str,
    pub collaborators: &'static str,
    pub owner_history: &'static str,
    pub owner_none: &'static str,
    pub owner_history_empty: &'static str,
    pub change_owner: &'static str,
    pub owner_to: &'static str,
    pub owner_reason: &'static str,
    pub owner_by: &'static str,
    pub owner_first: &'static str,
    pub filter_owner: &'static str,
    pub filter_mine: &'static str,
    pub show_all_owners: &'static str,
    pub duplicates_button: &'static str,
    pub reps_title: &'static str,
    pub reps_intro: &'static str,
    pub rep_name: &'static str,
    pub rep_phone: &'static str,
    pub rep_area: &'static str,
    pub add_rep: &'static str,
    pub rep_me: &'static str,
    pub set_me: &'static str,
    pub rep_name_required: &'static str,
    pub rep_left: &'static str,
    pub rep_mark_left: &'static str,
    pub rep_restore: &'static str,
    pub rep_count_suffix: &'static str,
    pub me_prompt_title: &'static str,
    pub me_prompt_body: &'static str,
    pub me_pick: &'static str,
    pub later: &'static str,
    pub dup_blocked: &'static str,
    pub dup_blocked_tax: &'static str,
    pub dup_similar: &'static str,
    pub save_anyway: &'static str,
    pub call: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub prev_customer: &'static str,
    pub next_customer: &'static str,

    pub err_storage_unavailable: &'static str,
    pub err_storage_quota: &'static str,
    pub err_storage_newer: &'static str,
    pub err_storage_blocked: &'static str,
    pub err_storage_corrupt: &'static str,
    pub err_storage_failed: &'static str,
    pub err_no_random: &'static str,
    pub space_used_prefix: &'static str,
    pub space_used_of: &'static str,
    pub space_used_suffix: &'static str,
    pub storage_space: &'static str,
    pub storage_space_unknown: &'static str,
    pub damage_title: &'static str,
    pub damage_body: &'static str,
    pub damage_cards: &'static str,
    pub damage_unnamed_cards: &'static str,
    pub damage_unnamed_suffix: &'static str,
    pub damage_files: &'static str,
    pub damage_saves: &'static str,
    pub damage_download: &'static str,
    pub damage_download_failed: &'static str,
    pub damage_more: &'static str,
    pub damage_more_suffix: &'static str,
    pub doc_delete: &'static str,
    pub doc_delete_confirm: &'static str,
    pub doc_delete_cancel: &'static str,
    /// "已删除记录：" before the entry, with an undo button.
    pub entry_deleted_notice: &'static str,
    pub entry_in_use_prefix: &'static str,
    pub entry_in_use_suffix: &'static str,
    pub entry_gone: &'static str,
    pub entry_wrong_state: &'static str,
    pub card_wrong_state: &'static str,
    pub entry_made_elsewhere: &'static str,
    pub no_trade_start: &'static str,
    pub rep_gone: &'static str,
    pub err_new_ids: &'static str,

    // 查重 page and merge (issue 5)
    pub dup_title: &'static str,
    pub dup_intro: &'static str,
    pub dup_count_prefix: &'static str,
    pub dup_count_suffix: &'static str,
    pub dup_none_title: &'static str,
    pub dup_none_body: &'static str,
    pub dup_filter_label: &'static str,
    pub dup_filter_phone: &'static str,
    pub dup_filter_tax: &'static str,
    pub dup_filter_name: &'static str,
    pub dup_reason_phone: &'static str,
    pub dup_reason_tax: &'static str,
    pub dup_reason_name: &'static str,
    pub dup_shown: &'static str,
    pub dup_show_more: &'static str,
    pub dup_owner: &'static str,
    pub dup_merge: &'static str,
    pub dup_survivor: &'static str,
    pub dup_other: &'static str,
    pub dup_swap: &'static str,
    pub dup_same_card: &'static str,
    pub merge_title: &'static str,
    pub merge_explain: &'static str,
    pub merge_conflicts_hint: &'static str,
    pub merge_no_conflicts: &'static str,
    pub merge_field: &'static str,
    pub merge_entries_moved: &'static str,
    pub merge_contacts_moved: &'static str,
    pub merge_confirm: &'static str,
    pub merge_saving: &'static str,
}

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Zh => &zh::ZH,
        Lang::En => &en::EN,
    }
}

/// Each language's name in itself, for the switch.
pub fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "中文",
        Lang::En => "English",
    }
}

impl Texts {
    /// What the user can do about a storage failure.
    pub fn storage_error(&self, e: &StorageError) -> &'static str {
        match e {
            StorageError::Unavailable(_) => self.err_storage_unavailable,
            StorageError::QuotaFull(_) => self.err_storage_quota,
            StorageError::NewerVersion(_) => self.err_storage_newer,
            StorageError::Blocked(_) => self.err_storage_blocked,
            StorageError::Corrupt(_) => self.err_storage_corrupt,
            StorageError::Failed(_) => self.err_storage_failed,
            StorageError::NoRandom => self.err_no_random,
        }
    }

    /// What the user is told when a save did not happen.
    pub fn save_error(&self, e: &SaveError) -> String {
        match e {
            SaveError::Storage(e) => self.storage_error(e).to_string(),
            SaveError::Full { used, quota } => {
                let mut text = self.err_storage_quota.to_string();
                if let (Some(used), Some(quota)) = (used, quota) {
                    text.push_str(&self.space_used(*used, *quota));
                }
                text
            }
            SaveError::NoRandom => self.err_no_random.to_string(),
            SaveError::Conflict => self.conflict.to_string(),
            SaveError::NotReady => self.storage_opening.to_string(),
        }
    }

    /// Why an entry was not saved, deleted or restored (field problems are also shown beside
    /// the fields).
    pub fn entry_failure(&self, e: &EntryFailure) -> String {
        match e {
            EntryFailure::Refused(EntryError::InUse(ids)) => format!("{}{}{}", self.entry_in_use_prefix, ids.len(), self.entry_in_use_suffix),
            EntryFailure::Refused(EntryError::NoEntry | EntryError::NoCustomer) => self.entry_gone.to_string(),
            EntryFailure::Refused(EntryError::WrongState) => self.entry_wrong_state.to_string(),
            EntryFailure::Refused(EntryError::Invalid(_)) => self.form_has_errors.to_string(),
            EntryFailure::Refused(EntryError::MadeElsewhere) => self.entry_made_elsewhere.to_string(),
            EntryFailure::Save(e) => self.save_error(e),
        }
    }

    /// Why a card command did not save (a stage or owner rule says it in the core's words, in
    /// both languages).
    pub fn card_failure(&self, e: &CardFailure, lang: Lang) -> String {
        match e {
            CardFailure::Refused(CardError::NoCustomer) => self.not_found.to_string(),
            CardFailure::Refused(CardError::Exists | CardError::MissingIds) => self.err_new_ids.to_string(),
            CardFailure::Refused(CardError::Stage(e)) => e.message(lang),
            CardFailure::Refused(CardError::WrongState) => self.card_wrong_state.to_string(),
            CardFailure::Refused(CardError::NoTradeStart) => self.no_trade_start.to_string(),
            CardFailure::Refused(CardError::Invalid(_)) => self.form_has_errors.to_string(),
            CardFailure::Save(e) => self.save_error(e),
        }
    }

    /// Why the owner or collaborators did not change.
    pub fn owner_failure(&self, e: &OwnerFailure, lang: Lang) -> String {
        match e {
            OwnerFailure::Refused(AssignError::NoCustomer) => self.not_found.to_string(),
            OwnerFailure::Refused(AssignError::Owner(e)) => e.message(lang),
            OwnerFailure::Save(e) => self.save_error(e),
        }
    }

    /// Why a rep was not added or changed.
    pub fn rep_failure(&self, e: &RepFailure) -> String {
        match e {
            RepFailure::Refused(RepError::NameRequired) => self.rep_name_required.to_string(),
            RepFailure::Refused(RepError::NoRep) => self.rep_gone.to_string(),
            RepFailure::Refused(RepError::Exists) => self.err_new_ids.to_string(),
            RepFailure::Save(e) => self.save_error(e),
        }
    }

    /// Why two cards were not merged.
    pub fn merge_failure(&self, e: &MergeFailure, lang: Lang) -> String {
        match e {
            MergeFailure::Merge(e) => e.message(lang),
            MergeFailure::Save(e) => self.save_error(e),
        }
    }

    /// "已用 12.3 MB，共 50.0 MB。"
    pub fn space_used(&self, used: f64, quota: f64) -> String {
        format!("{}{}{}{}{}", self.space_used_prefix, megabytes(used), self.space_used_of, megabytes(quota), self.space_used_suffix)
    }

    pub fn persistence(&self, p: Persistence) -> &'static str {
        match p {
            Persistence::Checking => self.persist_checking,
            Persistence::NotYet => self.persist_not_yet,
            Persistence::Granted => self.persist_granted,
            Persistence::Denied => self.persist_denied,
            Persistence::Unsupported => self.persist_unsupported,
        }
    }
}
