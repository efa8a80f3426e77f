//! The grades a card holds (issue 15): their values and the recorded change of one. Defined
//! here, below `customer`, because the customer record stores them; the rules that compute and
//! explain them are in `grading` (which re-exports these types).

use crate::primitives::codes::Tier;
use crate::primitives::lang::Lang;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

coded! {
    /// A prospect's grade; A is the readiest.
    pub enum ProspectGrade {
        A = "a", "A级", "A";
        B = "b", "B级", "B";
        C = "c", "C级", "C";
        D = "d", "D级", "D";
    }
}

coded! {
    /// A sales grade; A is the best. The default cuts make A, B and C; a manager's thresholds or
    /// shares may make up to six.
    pub enum SalesGrade {
        A = "A", "A级", "A";
        B = "B", "B级", "B";
        C = "C", "C级", "C";
        D = "D", "D级", "D";
        E = "E", "E级", "E";
        F = "F", "F级", "F";
    }
}

impl SalesGrade {
    /// The grade at 0-based position `i` (A = 0); past F: F.
    pub fn nth(i: usize) -> SalesGrade {
        SalesGrade::ALL.get(i).copied().unwrap_or(SalesGrade::F)
    }

    /// 0-based position (A = 0).
    pub fn index(self) -> usize {
        SalesGrade::ALL.iter().position(|g| *g == self).unwrap_or(0)
    }
}

/// The three answers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ManAnswers {
    #[serde(rename = "m", default)]
    pub money: bool,
    #[serde(rename = "a", default)]
    pub authority: bool,
    #[serde(rename = "n", default)]
    pub need: bool,
}

impl ManAnswers {
    pub const fn new(money: bool, authority: bool, need: bool) -> ManAnswers {
        ManAnswers { money, authority, need }
    }

    /// All eight, from `M-A-N` to `m-a-n` (more answers first; among equals, money first).
    pub const ALL: [ManAnswers; 8] = [
        ManAnswers::new(true, true, true),
        ManAnswers::new(true, true, false),
        ManAnswers::new(true, false, true),
        ManAnswers::new(false, true, true),
        ManAnswers::new(true, false, false),
        ManAnswers::new(false, true, false),
        ManAnswers::new(false, false, true),
        ManAnswers::new(false, false, false),
    ];

    /// `M-A-N`, `M-a-N`, … `m-a-n`.
    pub fn combination(self) -> &'static str {
        match (self.money, self.authority, self.need) {
            (true, true, true) => "M-A-N",
            (true, true, false) => "M-A-n",
            (true, false, true) => "M-a-N",
            (false, true, true) => "m-A-N",
            (true, false, false) => "M-a-n",
            (false, true, false) => "m-A-n",
            (false, false, true) => "m-a-N",
            (false, false, false) => "m-a-n",
        }
    }

    /// Reads a combination as [`ManAnswers::combination`] writes it (dashes and spaces optional,
    /// full-width letters accepted): `"M-a-N"`, `"MaN"`, `"Ｍ-Ａ-ｎ"`.
    pub fn parse(s: &str) -> Option<ManAnswers> {
        let mut letters = s
            .chars()
            .map(crate::primitives::text::half_width)
            .filter(|c| !matches!(c, '-' | ' ' | '·' | '/'));
        let mut read = |upper: char| -> Option<bool> {
            let c = letters.next()?;
            if c == upper {
                Some(true)
            } else if c == upper.to_ascii_lowercase() {
                Some(false)
            } else {
                None
            }
        };
        let out = ManAnswers { money: read('M')?, authority: read('A')?, need: read('N')? };
        letters.next().is_none().then_some(out)
    }

    /// How many of the three are there.
    pub fn count(self) -> u8 {
        u8::from(self.money) + u8::from(self.authority) + u8::from(self.need)
    }
}

coded! {
    /// Why a customer is under watch.
    pub enum WatchReason {
        Growing = "growing", "增长迅速", "Growing fast";
        Losing = "losing", "有流失迹象", "Being lost";
        Other = "other", "其他", "Other";
    }
}

#[allow(clippy::derivable_impls)] // `coded!` owns the derive list
impl Default for WatchReason {
    fn default() -> Self {
        WatchReason::Other
    }
}

record! {
    /// 另作观察: a customer put under watch at a check, with the reason.
    pub struct Watch {
        #[serde(rename = "k")]
        pub reason: WatchReason,
        /// The person's words; required for [`WatchReason::Other`].
        pub note: String,
        #[serde(rename = "d")]
        pub since: NaiveDate,
    }
}

coded! {
    /// Which of the four grades changed.
    pub enum GradeKind {
        Prospect = "prospect", "准客户等级", "Prospect grade";
        Man = "man", "MAN", "MAN";
        Sales = "sales", "销售等级", "Sales grade";
        Importance = "importance", "重要程度", "Importance";
    }
}

#[allow(clippy::derivable_impls)] // `coded!` owns the derive list
impl Default for GradeKind {
    fn default() -> Self {
        GradeKind::Prospect
    }
}

coded! {
    /// Whether a change was computed by a rule or set by a person.
    pub enum Derivation {
        Computed = "auto", "自动计算", "Computed";
        ByHand = "hand", "手动设定", "Set by hand";
    }
}

#[allow(clippy::derivable_impls)] // `coded!` owns the derive list
impl Default for Derivation {
    fn default() -> Self {
        Derivation::Computed
    }
}

/// Why a grade change (or a grade set by hand) is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum GradeError {
    /// A grade set by hand (or another than suggested) needs a reason.
    ReasonRequired,
    /// The new grade is the old one: nothing to record.
    Unchanged,
    /// Old and new are grades of different kinds.
    KindMismatch,
}

impl GradeError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            GradeError::ReasonRequired => {
                lang.pick("手动设定等级需要填写原因", "a grade set by hand needs a reason")
            }
            GradeError::Unchanged => lang.pick("等级没有变化", "the grade is unchanged"),
            GradeError::KindMismatch => lang.pick("新旧等级不是同一类", "the old and new grades are of different kinds"),
        }
        .to_string()
    }
}

/// A grade of one of the four kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GradeValue {
    Prospect(ProspectGrade),
    Man(ManAnswers),
    Sales(SalesGrade),
    Importance(Tier),
}

impl GradeValue {
    pub fn kind(self) -> GradeKind {
        match self {
            GradeValue::Prospect(_) => GradeKind::Prospect,
            GradeValue::Man(_) => GradeKind::Man,
            GradeValue::Sales(_) => GradeKind::Sales,
            GradeValue::Importance(_) => GradeKind::Importance,
        }
    }

    /// The stored form: the grade's code (`a`, `M-a-N`, `A`, `key`).
    pub fn code(self) -> &'static str {
        match self {
            GradeValue::Prospect(g) => g.code(),
            GradeValue::Man(m) => m.combination(),
            GradeValue::Sales(g) => g.code(),
            GradeValue::Importance(t) => t.code(),
        }
    }

    /// Reads a stored code back (`None`: not a grade of that kind).
    pub fn parse(kind: GradeKind, code: &str) -> Option<GradeValue> {
        match kind {
            GradeKind::Prospect => ProspectGrade::from_code(code).map(GradeValue::Prospect),
            GradeKind::Man => ManAnswers::parse(code).map(GradeValue::Man),
            GradeKind::Sales => SalesGrade::from_code(code).map(GradeValue::Sales),
            GradeKind::Importance => Tier::from_code(code).map(GradeValue::Importance),
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            GradeValue::Prospect(g) => g.label(lang),
            GradeValue::Man(m) => m.combination(),
            GradeValue::Sales(g) => g.label(lang),
            GradeValue::Importance(t) => t.label(lang),
        }
    }
}

record! {
    /// One change of one grade of one customer. Wire names in the module docs.
    pub struct GradeChange {
        #[serde(rename = "k")]
        pub kind: GradeKind,
        /// Code of the grade before; `None`: it had none.
        pub old: Option<String>,
        /// Code of the grade after; `None`: cleared.
        pub new: Option<String>,
        #[serde(rename = "d")]
        pub date: NaiveDate,
        pub how: Derivation,
        /// For a computed change the rule's account ("近3个月月均 ¥4,000.00 · 第7名/20 · 累计 86 %");
        /// for one by hand the person's reason.
        #[serde(rename = "why")]
        pub reason: String,
        /// Who set it by hand.
        pub by: String,
    }
}

fn change(
    old: Option<GradeValue>,
    new: Option<GradeValue>,
    date: NaiveDate,
    how: Derivation,
    reason: &str,
    by: &str,
) -> Result<GradeChange, GradeError> {
    let kind = match (old, new) {
        (Some(o), Some(n)) if o.kind() != n.kind() => return Err(GradeError::KindMismatch),
        (_, Some(v)) | (Some(v), None) => v.kind(),
        (None, None) => return Err(GradeError::Unchanged),
    };
    if old == new {
        return Err(GradeError::Unchanged);
    }
    let reason = reason.trim();
    if how == Derivation::ByHand && reason.is_empty() {
        return Err(GradeError::ReasonRequired);
    }
    Ok(GradeChange {
        kind,
        old: old.map(|v| v.code().to_string()),
        new: new.map(|v| v.code().to_string()),
        date,
        how,
        reason: reason.to_string(),
        by: by.trim().to_string(),
    })
}

impl GradeChange {
    /// A change computed by a rule; `reason` is the rule's account (may be empty). Refused when
    /// nothing changes or the kinds differ.
    pub fn computed(old: Option<GradeValue>, new: GradeValue, date: NaiveDate, reason: &str) -> Result<GradeChange, GradeError> {
        change(old, Some(new), date, Derivation::Computed, reason, "")
    }

    /// A change set by a person (`new: None` clears the grade); the reason is required.
    pub fn by_hand(
        old: Option<GradeValue>,
        new: Option<GradeValue>,
        date: NaiveDate,
        reason: &str,
        by: &str,
    ) -> Result<GradeChange, GradeError> {
        change(old, new, date, Derivation::ByHand, reason, by)
    }

    pub fn old_value(&self) -> Option<GradeValue> {
        self.old.as_deref().and_then(|c| GradeValue::parse(self.kind, c))
    }

    pub fn new_value(&self) -> Option<GradeValue> {
        self.new.as_deref().and_then(|c| GradeValue::parse(self.kind, c))
    }

    /// "2025-09-01 销售等级 B → A（自动计算：…）".
    pub fn describe(&self, lang: Lang) -> String {
        let label = |code: &Option<String>| match code.as_deref() {
            None => lang.pick("无", "none").to_string(),
            Some(c) => GradeValue::parse(self.kind, c).map_or_else(|| c.to_string(), |v| v.label(lang).to_string()),
        };
        let (old, new) = (label(&self.old), label(&self.new));
        let how = self.how.label(lang);
        let mut out = format!("{} {} {old} → {new}", self.date.format("%Y-%m-%d"), self.kind.label(lang));
        match (lang, self.reason.is_empty()) {
            (Lang::Zh, true) => out.push_str(&format!("（{how}）")),
            (Lang::Zh, false) => out.push_str(&format!("（{how}：{}）", self.reason)),
            (Lang::En, true) => out.push_str(&format!(" ({how})")),
            (Lang::En, false) => out.push_str(&format!(" ({how}: {})", self.reason)),
        }
        out
    }
}

record! {
    /// The grades and the route place a card holds (issue 15). Each is a status field with its
    /// own stamp (keys in [`GRADE_KEYS`]), so bundles merge them field by field; every change of
    /// a grade is also a [`GradeChange`] in the customer's change records.
    pub struct CardGrades {
        /// 准客户等级.
        #[serde(rename = "p")]
        pub prospect: Option<ProspectGrade>,
        /// MAN's three answers, once asked.
        pub man: Option<ManAnswers>,
        /// 销售等级 as the last regrade stored it.
        #[serde(rename = "s")]
        pub sales: Option<SalesGrade>,
        /// 另作观察.
        #[serde(rename = "w")]
        pub watch: Option<Watch>,
        /// 区域代号 of the route plan (e.g. `1A`).
        #[serde(rename = "ar")]
        pub area: String,
        /// 路序 within the area.
        #[serde(rename = "seq")]
        pub route_seq: Option<u32>,
        /// The card's last review (准客户 cards by their grade's cadence; 定期核查 for the rest).
        #[serde(rename = "rv")]
        pub reviewed: Option<NaiveDate>,
    }
}

/// The status keys of [`CardGrades`], in its field order.
pub const GRADE_KEYS: &[&str] = &["prospect", "man", "sales_grade", "watch", "area", "route_seq", "reviewed"];
