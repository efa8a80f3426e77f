//! Dossier (客户档案) domain core: pure, deterministic, no clock, no randomness, wasm-friendly.
//!
//! Callers pass `today`, `now_ms` and random bytes in; everything here is a plain function of its
//! inputs so it can be tested natively and merged across devices.

#[macro_use]
mod util;

pub mod archive;
pub mod card;
pub mod card_merge;
pub mod check;
pub mod clock;
pub mod codes;
pub mod contact;
pub mod customer;
pub mod dedup;
pub mod enterprise;
pub mod form;
pub mod history;
pub mod id;
pub mod individual;
pub mod lang;
pub mod ledger;
pub mod lifecycle;
pub mod merge;
pub mod money;
pub mod numbering;
pub mod owner;
pub mod salvage;
pub mod sample;
pub mod schema;
pub mod search;

pub use card::{card_to_raw, validate_card, CardBody, Kind};
pub use card_merge::{follow_merged, merge_cards, move_entries, merge_conflicts, CardMerge, CardMergeError, Conflict, MergeChoices, Side};
pub use check::Problem;
pub use clock::{Clock, Hlc, Stamp};
pub use codes::{
    Category, ContactRole, Education, Gender, Influence, Marital, Nature, Stage, Storefront, Tag,
    Tier, Transport,
};
pub use contact::{contact_to_raw, validate_contact, Contact, ContactFields, ImportantDate};
pub use customer::{Customer, PartStamps};
pub use dedup::{
    clusters, names_similar, normalize_name, normalize_phone, normalize_tax, DupCheck, DupCluster, DupGroup, DupIndex,
    DupReason, PhoneHit,
};
pub use enterprise::{Enterprise, ProductLine};
pub use form::FieldError;
pub use history::{diff_raw, Action, Change, ChangeRecord};
pub use id::new_id;
pub use individual::{Child, Individual};
pub use lang::Lang;
pub use ledger::{
    aging, customer_since, entry_to_raw, group_by_customer, merge_entry, overdue_list, sample_ledger, timeline,
    validate_entry, Aging, AgingBucket, CustomerAging, CustomerLedger, Entry, EntryBody, EntryKind, LedgerContext,
    LedgerScratch, OverdueRow,
};
pub use lifecycle::{move_to_former, LifecycleError};
pub use merge::merge_customer;
pub use money::{format_count, format_yuan, format_yuan_grouped, parse_yuan, MoneyError};
pub use numbering::{format_reg_no, parse_reg_no, Numbering};
pub use owner::{change_owner, merge_rep, set_collaborators, OwnerChange, OwnerError, Rep};

pub use sample::{sample_archive, sample_owners};
pub use search::{ranks, ranks_by_name, sort_by_rank, Filter, SearchIndex, SortKey};
pub use schema::{
    contact_fields, enterprise_fields, individual_fields, Choice, Column, FieldDef, Form, Input,
    Part, RawForm,
};

