//! Change history: every save leaves a record of what changed, when and on which device.

use crate::forms::schema::RawForm;
use crate::primitives::clock::Stamp;
use crate::primitives::grades::GradeChange;
use crate::primitives::lang::Lang;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Field key (`contact.<id>.<key>` for people).
    pub field: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub old: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub new: String,
}

coded! {
    pub enum Action {
        Create = "create", "新建", "Created";
        Edit = "edit", "修改", "Edited";
        Stage = "stage", "状态变更", "Status changed";
        Delete = "delete", "删除", "Deleted";
        Restore = "restore", "恢复", "Restored";
        // Restored from the 回收站 (the undo of a delete is `Restore`).
        RestoreBin = "restore_bin", "从回收站恢复", "Restored from the recycle bin";
        ContactAdd = "contact_add", "添加人员", "Person added";
        ContactEdit = "contact_edit", "修改人员", "Person edited";
        ContactDelete = "contact_delete", "删除人员", "Person removed";
        Import = "import", "导入", "Imported";
        Merge = "merge", "合并", "Merged";
        Owner = "owner", "更换负责人", "Owner changed";
        Grade = "grade", "分级", "Graded";
    }
}

// The `coded!` macro owns the derive list, so the default is written by hand.
#[allow(clippy::derivable_impls)]
impl Default for Action {
    fn default() -> Self {
        Action::Edit
    }
}

record! {
    pub struct ChangeRecord {
        pub id: String,
        pub customer_id: String,
        pub stamp: Stamp,
        pub action: Action,
        pub changes: Vec<Change>,
        /// The grade changes of this save (a regrade, or grades set by hand), with their reasons.
        #[serde(rename = "gr")]
        pub grades: Vec<GradeChange>,
    }
}

impl ChangeRecord {
    /// One line for a history list, e.g. "修改：付款方式、交易条件".
    pub fn summary(&self, lang: Lang, label: impl Fn(&str) -> String) -> String {
        let fields: Vec<String> = self.changes.iter().map(|c| label(&c.field)).collect();
        if fields.is_empty() {
            return self.action.label(lang).to_string();
        }
        let (sep, list_sep) = (lang.pick("：", ": "), lang.pick("、", ", "));
        format!("{}{sep}{}", self.action.label(lang), fields.join(list_sep))
    }
}

/// Fields whose value differs (a missing key counts as empty), sorted by key; values are kept
/// as [`crate::forms::FieldValue::flat`] text.
pub fn diff_raw(old: &RawForm, new: &RawForm) -> Vec<Change> {
    let keys: std::collections::BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    keys.into_iter()
        .filter_map(|k| {
            let o = old.get(k).map(|v| v.flat()).unwrap_or_default();
            let n = new.get(k).map(|v| v.flat()).unwrap_or_default();
            (o != n).then(|| Change { field: k.clone(), old: o, new: n })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(pairs: &[(&str, &str)]) -> RawForm {
        crate::forms::flat_values(pairs.iter().copied())
    }

    #[test]
    fn diff_only_changed_sorted() {
        let old = raw(&[("name", "甲"), ("phone", "010-1"), ("fax", "x"), ("email", "")]);
        let new = raw(&[("name", "甲"), ("phone", "010-2"), ("address", "北京")]);
        let d = diff_raw(&old, &new);
        let keys: Vec<&str> = d.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(keys, ["address", "fax", "phone"]);
        assert_eq!(d[0], Change { field: "address".into(), old: "".into(), new: "北京".into() });
        assert_eq!(d[1].new, "");
        assert!(diff_raw(&old, &old).is_empty());
    }

    #[test]
    fn summary_lists_fields() {
        let r = ChangeRecord {
            action: Action::Edit,
            changes: diff_raw(&raw(&[]), &raw(&[("a", "1"), ("b", "2")])),
            ..Default::default()
        };
        assert_eq!(r.summary(Lang::Zh, |k| k.to_uppercase()), "修改：A、B");
        assert_eq!(r.summary(Lang::En, |k| k.to_string()), "Edited: a, b");
    }
}
