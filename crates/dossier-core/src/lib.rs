//! Dossier (客户档案) domain core: pure, deterministic, no clock, no randomness, wasm-friendly.
//!
//! Callers pass `today`, `now_ms` and random bytes in; everything here is a plain function of its
//! inputs so it can be tested natively and merged across devices.
//!
//! The modules are layers, lowest first; a module may use those above it in this list, never
//! those below (`python3 ../shared/tools/core_cycles.py crates/dossier-core/src` checks that
//! there is no cycle):
//!
//! 1. [`primitives`]: money, HLC stamps, ids, language, codes, phone numbers, the record macros.
//! 2. [`validation`]: checks of single values and the [`Problem`] they report.
//! 3. [`forms`]: the field schema of every form, reading and writing raw form values.
//! 4. [`customer`]: the customer record, its card, people, owner, lifecycle and history.
//! 5. [`ledger`]: the customer's file (entries, receivables, aging, reports, entry validation).
//! 6. [`archive`] (the whole archive as held and stored), [`dedup`] (查重 and 合并), [`search`]
//!    and [`sample`] (sample data): they use the layers above and not each other.
//!    [`grading`] (客户分级, cadences, route order, reminders) is one of them too.
//!    [`credit`] (客户信用管理: limit methods, the order check, classes, warning signs) too.
//! 7. [`summary`]: what is kept of each customer without its card and file (list, search,
//!    查重, receivables).
//! 8. [`analysis`]: 客户分析 (composition, series, products, complaints, starts and stops,
//!    the 综合评价表's facts), from the summaries. [`agenda`]: 今日 (a rep's day list) and the manager's per-rep view, from the summaries.
//! 9. [`bundle`]: hand-off bundles (档案包): the file format, read and written one part at a
//!    time, its encryption's framing and why a file is refused.
//! 10. [`commands`]: every use-case, one function each, returning the batch to write.
//!
//! The app imports almost everything from the crate root (the re-exports below).

// First: the `record!` and `coded!` macros it declares are used by every module after it.
#[macro_use]
pub mod primitives;
pub mod validation;
pub mod forms;
pub mod customer;
pub mod ledger;
pub mod archive;
pub mod dedup;
pub mod search;
pub mod sample;
pub mod grading;
pub mod credit;
pub mod summary;
pub mod analysis;
pub mod agenda;
pub mod bundle;
pub mod commands;

// primitives
pub use primitives::clock::{Clock, Hlc, Stamp};
pub use primitives::codes::{
    Category, Choice, ContactRole, Education, Gender, Influence, Marital, Nature, Stage, Storefront, Tag,
    Tier, Transport,
};
pub use primitives::grades::{CardGrades, GradeChange};
pub use primitives::id::new_id;
pub use primitives::lang::Lang;
pub use primitives::money::{format_count, format_yuan, format_yuan_grouped, parse_yuan, MoneyError};
// validation and forms
pub use validation::Problem;
pub use forms::form::FieldError;
pub use forms::value::{flat_values, FieldValue};
pub use forms::schema::{
    contact_fields, enterprise_fields, individual_fields, Column, FieldDef, Form, Input,
    Part, RawForm,
};
// customer
pub use customer::card::{card_to_raw, validate_card, CardBody, Kind};
pub use customer::contact::{contact_to_raw, validate_contact, Contact, ContactFields, ImportantDate};
pub use customer::enterprise::{Enterprise, ProductLine};
pub use customer::history::{diff_raw, Action, Change, ChangeRecord};
pub use customer::individual::{Child, Individual};
pub use customer::lifecycle::{move_to_former, LifecycleError};
pub use customer::merge::merge_customer;
pub use customer::numbering::{format_reg_no, parse_reg_no, Numbering};
pub use customer::owner::{change_owner, merge_rep, set_collaborators, OwnerChange, OwnerError, Rep};
pub use customer::{Customer, PartStamps};
// ledger
pub use ledger::{
    aging, customer_since, entry_to_raw, group_by_customer, merge_entry, overdue_list, timeline,
    validate_entry, Aging, AgingBucket, CustomerAging, CustomerLedger, Entry, EntryBody, EntryKind, LedgerContext,
    LedgerScratch, OverdueRow, RepRef,
};
// dedup, search, sample
pub use dedup::card_merge::{follow_merged, follow_merged_by, merge_cards, move_entries, merge_conflicts, CardMerge, CardMergeError, Conflict, MergeChoices, MergeValue, Side};
pub use dedup::{
    clusters, names_similar, normalize_name, normalize_phone, normalize_tax, DupCheck, DupCluster, DupGroup, DupIndex,
    DupReason, PhoneHit,
};
pub use sample::{sample_archive, sample_ledger, sample_owners};
pub use search::{ranks, ranks_by_name, sort_by_rank, Filter, OwnerFilter, SearchIndex, SortKey};
