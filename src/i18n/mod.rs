//! Every UI string, one table per language. `Texts` is a struct rather than a key→string map so
//! that a label missing from either language is a compile error, not a blank on a rep's screen.

mod en;
mod zh;

pub use dossier_core::Lang;

use crate::storage::{Persistence, StorageError};

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
    pub persist_granted: &'static str,
    pub persist_denied: &'static str,
    pub persist_unsupported: &'static str,

    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub filter_all: &'static str,
    pub filter_kind: &'static str,
    pub filter_stage: &'static str,
    pub filter_tier: &'static str,
    pub filter_tag: &'static str,
    pub filter_region: &'static str,
    pub count_prefix: &'static str,
    pub count_suffix: &'static str,
    pub sort_label: &'static str,
    pub col_reg_no: &'static str,
    pub col_name: &'static str,
    pub col_kind: &'static str,
    pub col_stage: &'static str,
    pub col_tier: &'static str,
    pub col_region: &'static str,
    pub col_phone: &'static str,
    pub new_individual: &'static str,
    pub new_enterprise: &'static str,
    pub load_sample: &'static str,
    pub sample_size: &'static str,
    pub loading_archive: &'static str,
    pub generating: &'static str,
    pub empty_title: &'static str,
    pub empty_body: &'static str,
    pub no_match: &'static str,
    pub back_to_list: &'static str,
    pub not_found: &'static str,
    pub card_deleted: &'static str,
    pub edit: &'static str,
    pub delete: &'static str,
    pub delete_confirm: &'static str,
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

    pub err_storage_unavailable: &'static str,
    pub err_storage_quota: &'static str,
    pub err_storage_newer: &'static str,
    pub err_storage_blocked: &'static str,
    pub err_storage_corrupt: &'static str,
    pub err_storage_failed: &'static str,
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
        }
    }

    pub fn persistence(&self, p: Persistence) -> &'static str {
        match p {
            Persistence::Checking => self.persist_checking,
            Persistence::Granted => self.persist_granted,
            Persistence::Denied => self.persist_denied,
            Persistence::Unsupported => self.persist_unsupported,
        }
    }
}
