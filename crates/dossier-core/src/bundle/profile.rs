//! Hand-off profiles (发放规则, seeds 000 and 002): which fields leave the device.
//!
//! - 业务员 (sales rep): company name, person's name and title only (the seed's rule for sales
//!   staff); no file, no history.
//! - 客服 (service staff): everything but original documents (attachments may be looked at but
//!   never lent or handed out).
//! - 备份 (backup): everything, attachments included, for the rep's own restore.
//! - Custom: a named allow-list of field keys the manager saves and reuses.
//!
//! A field key is a card field's key (`name`, `payment`…), a status or owner key (`stage`,
//! `tags`, `tier`, `region`, `owner`, `collaborators`), `contact.<key>` for a person's field, or
//! one of the pseudo-keys [`ENTRIES`], [`HISTORY`], [`FILES`] for the customer's file, its change
//! records and the attached documents' bytes.

use std::collections::BTreeSet;

use super::format::{Profile, ProfileCode};
use crate::forms::schema::{contact_fields, enterprise_fields, individual_fields};
use crate::primitives::lang::Lang;

/// The customer's file (ledger entries).
pub const ENTRIES: &str = "entries";
/// The change records (修改记录).
pub const HISTORY: &str = "history";
/// The bytes of attached documents (原件).
pub const FILES: &str = "files";

/// Status and owner keys (the card's other parts besides its form).
pub const STATUS_KEYS: &[&str] = &[
    "stage", "tags", "tier", "region", "prospect", "man", "sales_grade", "watch", "area", "route_seq", "reviewed", "owner",
    "collaborators",
];

/// What the 业务员 profile provides: the seed's "company name, person's name and title".
const REP_FIELDS: &[&str] = &["name", "company", "title", "contact.name", "contact.position"];

/// Every key a profile can provide, in form order, without repeats.
pub fn all_keys() -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let card = enterprise_fields().iter().chain(individual_fields()).map(|f| f.key.to_string());
    let people = contact_fields().iter().map(|f| format!("contact.{}", f.key));
    let rest = STATUS_KEYS.iter().chain(&[ENTRIES, HISTORY, FILES]).map(|k| k.to_string());
    for k in card.chain(people).chain(rest) {
        if seen.insert(k.clone()) {
            out.push(k);
        }
    }
    out
}

/// A profile's default name in `lang`.
pub fn name(code: ProfileCode, lang: Lang) -> &'static str {
    match code {
        ProfileCode::Rep => lang.pick("业务员", "Sales rep"),
        ProfileCode::Service => lang.pick("客服", "Service staff"),
        ProfileCode::Backup => lang.pick("备份", "Backup"),
        ProfileCode::Custom => lang.pick("自定义", "Custom"),
    }
}

/// One of the three fixed profiles, named in `lang` (a custom one comes from [`custom`]).
pub fn fixed(code: ProfileCode, lang: Lang) -> Profile {
    let fields = match code {
        ProfileCode::Rep => REP_FIELDS.iter().map(|k| k.to_string()).collect(),
        ProfileCode::Service => all_keys().into_iter().filter(|k| k != FILES).collect(),
        ProfileCode::Backup | ProfileCode::Custom => Vec::new(),
    };
    Profile { code, name: name(code, lang).to_string(), fields }
}

/// A custom profile: the keys of `fields` known to [`all_keys`], in that order (unknown keys are
/// dropped: a saved list from an older build never withholds by accident what it did not name).
pub fn custom(name: &str, fields: &[String]) -> Profile {
    let wanted: BTreeSet<&str> = fields.iter().map(String::as_str).collect();
    let fields = all_keys().into_iter().filter(|k| wanted.contains(k.as_str())).collect();
    Profile { code: ProfileCode::Custom, name: name.trim().to_string(), fields }
}

/// Whether the profile lets `key` leave the device. A backup provides everything.
pub fn provides(profile: &Profile, key: &str) -> bool {
    profile.code == ProfileCode::Backup || profile.fields.iter().any(|k| k == key)
}

/// The keys the profile leaves out, for the header and the receiving app to show.
pub fn withheld(profile: &Profile) -> Vec<String> {
    all_keys().into_iter().filter(|k| !provides(profile, k)).collect()
}

/// The label of a key in `lang` (a card, person, status or pseudo-key), for lists of withheld
/// fields and conflicts.
pub fn label(key: &str, lang: Lang) -> String {
    let (forms, key_in_form): (Vec<&[crate::forms::schema::FieldDef]>, &str) = match key.strip_prefix("contact.") {
        // `contact.<id>.<key>` (a conflict) or `contact.<key>` (a profile).
        Some(rest) => (vec![contact_fields()], rest.rsplit('.').next().unwrap_or(rest)),
        None => (vec![enterprise_fields(), individual_fields()], key),
    };
    if let Some(f) = forms.iter().flat_map(|fs| fs.iter()).find(|f| f.key == key_in_form) {
        let person = if key.starts_with("contact.") { lang.pick("人员·", "Person · ") } else { "" };
        return format!("{person}{}", lang.pick(f.zh, f.en));
    }
    let (zh, en) = match key {
        "stage" => ("客户状态", "Status"),
        "tags" => ("标签", "Tags"),
        "tier" => ("重要程度", "Importance"),
        "region" => ("销售区域", "Sales region"),
        "prospect" => ("准客户等级", "Prospect grade"),
        "man" => ("MAN", "MAN"),
        "sales_grade" => ("销售等级", "Sales grade"),
        "watch" => ("另作观察", "Under watch"),
        "area" => ("区域代号", "Area code"),
        "route_seq" => ("路序", "Route order"),
        "reviewed" => ("上次复核", "Last review"),
        "owner" => ("负责人", "Owner"),
        "collaborators" => ("协作人", "Collaborators"),
        ENTRIES => ("往来记录", "File entries"),
        HISTORY => ("修改记录", "Change records"),
        FILES => ("原件（附件）", "Original documents (attachments)"),
        other => return other.to_string(),
    };
    lang.pick(zh, en).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_rule_for_sales_staff() {
        let p = fixed(ProfileCode::Rep, Lang::Zh);
        assert_eq!(p.name, "业务员");
        for k in ["name", "contact.name", "contact.position", "title"] {
            assert!(provides(&p, k), "{k}");
        }
        for k in ["mobile", "bank_account", "contact.mobile", "payment", "owner", ENTRIES, HISTORY, FILES] {
            assert!(!provides(&p, k), "{k}");
        }
        assert!(withheld(&p).contains(&"bank_account".to_string()));
    }

    #[test]
    fn service_staff_get_everything_but_originals_and_backup_everything() {
        let s = fixed(ProfileCode::Service, Lang::En);
        assert_eq!(withheld(&s), vec![FILES.to_string()]);
        let b = fixed(ProfileCode::Backup, Lang::En);
        assert!(withheld(&b).is_empty() && provides(&b, FILES) && b.fields.is_empty());
    }

    #[test]
    fn custom_lists_keep_known_keys_in_form_order() {
        let p = custom(" 区域经理 ", &["region".into(), "name".into(), "no_such".into(), ENTRIES.into()]);
        assert_eq!(p.name, "区域经理");
        assert_eq!(p.fields, ["name", "region", ENTRIES]);
        assert!(!provides(&p, "no_such"));
    }

    #[test]
    fn labels_in_both_languages() {
        assert_eq!(label("bank_account", Lang::Zh), "往来银行及帐号");
        assert_eq!(label("contact.p1.mobile", Lang::Zh), "人员·手机");
        assert_eq!(label("owner", Lang::En), "Owner");
        assert_eq!(label(FILES, Lang::Zh), "原件（附件）");
    }
}
