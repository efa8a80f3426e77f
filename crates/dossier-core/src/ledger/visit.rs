//! 拜访: a visit planned and/or made (seed 003 visit card: 亲访 / TEL / 来店 / DM, 预定拜访日期,
//! 实际拜访日期), with whoever came along from the visit plan (seed 004 客户访问计划).

use chrono::NaiveDate;
use std::collections::BTreeSet;

coded! {
    pub enum VisitMethod {
        InPerson = "visit", "亲访", "In person";
        Phone = "tel", "TEL", "Phone";
        CameToUs = "came", "来店", "Came to us";
        Mail = "dm", "DM", "Direct mail";
    }
}

// The usual kind of visit is the default, so it costs nothing on the wire.
#[allow(clippy::derivable_impls)]
impl Default for VisitMethod {
    fn default() -> Self {
        VisitMethod::InPerson
    }
}

coded! {
    /// Who came along besides the rep (经办人), in the seed's visit-plan columns.
    pub enum VisitRole {
        GroupLead = "lead", "组长", "Group lead";
        SectionHead = "section", "科长", "Section head";
        Manager = "manager", "经理", "Manager";
        GeneralManager = "gm", "总经理/副总经理", "General manager / deputy";
    }
}

record! {
    /// A visit planned, made, or both.
    pub struct Visit {
        #[serde(rename = "m")]
        pub method: VisitMethod,
        #[serde(rename = "pd")]
        pub planned: Option<NaiveDate>,
        /// When it happened; `None` while only planned.
        #[serde(rename = "d")]
        pub actual: Option<NaiveDate>,
        /// 经办人.
        pub rep: String,
        pub with: BTreeSet<VisitRole>,
        #[serde(rename = "aim")]
        pub purpose: String,
        #[serde(rename = "out")]
        pub outcome: String,
        pub next: String,
        #[serde(rename = "nd")]
        pub next_date: Option<NaiveDate>,
    }
}
