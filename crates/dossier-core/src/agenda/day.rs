//! 今日: a rep's day list from the summaries alone (no card or file is read), so it can be built
//! for the whole archive on every change of the day, the scope or the settings.
//!
//! What is listed, the sections and the order are in `docs/grading.md` ("今日 and the manager's
//! view"). The rules of each item are the grading module's (cadence, visit plan, reminders,
//! holidays, route order); this file only gathers them and puts them in order.

use crate::credit::CreditClass;
use crate::grading::cadence::{Due, DueStatus, PlanRole, VisitFrequency};
use crate::grading::holidays::{holidays_between, Holiday};
use crate::grading::importance::{check_due, next_check};
use crate::grading::reminders::{date_reminders, greeted, Reminder, ReminderKind};
use crate::grading::route::{Area, RouteOrder, RoutePlace};
use crate::grading::settings::{GradingSettings, COMPLAINT_DAYS, MAX_REMINDER_DAYS};
use crate::ledger::ComplaintFact;
use crate::primitives::ledger_codes::{ComplaintKind, ComplaintStep};
use crate::primitives::codes::Stage;
use crate::primitives::grades::GradeValue;
use crate::primitives::lang::Lang;
use crate::primitives::money::format_yuan_grouped;
use crate::summary::Summary;
use chrono::{Days, NaiveDate};

coded! {
    /// What an item of the day asks for. Within a section and a customer, items of one day
    /// follow this order.
    pub enum DayKind {
        Review = "review", "复核准客户卡", "Review prospect card";
        PlanVisit = "plan_visit", "按计划拜访", "Visit by plan";
        PromisedVisit = "promised", "约定回访", "Promised visit";
        PlannedVisit = "planned", "预定拜访", "Planned visit";
        Birthday = "birthday", "生日", "Birthday";
        Anniversary = "anniversary", "结婚纪念日", "Wedding anniversary";
        Founding = "founding", "开业纪念日", "Founding (opening) day";
        ImportantDate = "date", "重要日期", "Important date";
        Holiday = "holiday", "节日问候", "Holiday greeting";
        Collection = "collection", "收款", "Collection";
        CreditReport = "credit-report", "信用报告到期", "Credit report due";
        CreditUrgent = "credit-urgent", "紧急报告待指示", "Urgent report awaiting instruction";
        Complaint = "complaint", "投诉待处理", "Open complaint";
    }
}

/// How many kinds there are (the length of [`DayCounts`]' table).
pub const KINDS: usize = DayKind::ALL.len();

impl DayKind {
    fn of_reminder(k: ReminderKind) -> DayKind {
        match k {
            ReminderKind::Birthday => DayKind::Birthday,
            ReminderKind::Anniversary => DayKind::Anniversary,
            ReminderKind::Founding => DayKind::Founding,
            ReminderKind::ImportantDate => DayKind::ImportantDate,
            ReminderKind::PromisedVisit => DayKind::PromisedVisit,
            ReminderKind::PlannedVisit => DayKind::PlannedVisit,
            ReminderKind::Holiday => DayKind::Holiday,
        }
    }

    /// 0-based position in [`DayKind::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Whose day: one rep's customers (`owner: Some(rep id)`; `Some("")`: customers without an
/// owner) or everyone's (`None`), and the role whose column of the visit plan applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayScope {
    pub owner: Option<String>,
    pub role: PlanRole,
}

impl Default for DayScope {
    fn default() -> Self {
        DayScope { owner: None, role: PlanRole::Rep }
    }
}

impl DayScope {
    /// Whether a customer is on this scope's list at all: live, not 旧客户, the scope's owner's.
    pub fn covers(&self, s: &Summary) -> bool {
        !s.deleted && s.stage != Stage::Former && self.owner.as_deref().is_none_or(|o| o == s.owner)
    }
}

/// One thing to do (or to know) for one customer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayItem {
    /// Index of the customer in the summaries given.
    pub pos: u32,
    pub customer_id: String,
    pub kind: DayKind,
    /// 已逾期 (the day is past), 今日到期 or 即将到期.
    pub section: DueStatus,
    /// Overdue: the last day it was due (a receivable's due date). Due: `today`. Upcoming: the
    /// first day it is due.
    pub date: NaiveDate,
    /// `date − today`: negative is days overdue, 0 today.
    pub days_left: i64,
    /// A plan visit due over several days (e.g. "2–3 a month"): the last of them, when later
    /// than `date`.
    pub until: Option<NaiveDate>,
    /// Whose date (a birthday's person, an enterprise's name).
    pub who: String,
    /// The card's or the file's own words: what was promised, a planned visit's purpose, what an
    /// important date is.
    pub detail: String,
    /// Collection: the overdue amount, fen.
    pub amount: Option<i64>,
    /// Review: the prospect grade (as on the settings' scale); plan visit: the stored sales grade.
    pub grade: Option<GradeValue>,
    /// Plan visit: the plan's frequency for this grade and role.
    pub frequency: Option<VisitFrequency>,
    /// Yearly date: which one (40th birthday).
    pub years: Option<i32>,
    pub holiday: Option<Holiday>,
    /// Credit report due: the customer's credit class (its cadence).
    pub class: Option<CreditClass>,
    /// Open complaint: which, and how long it has been open.
    pub complaint: Option<OpenComplaint>,
}

/// An open complaint on 今日 (及时处理, seed 004): received more than the settings' days ago and
/// not yet 建立商誉.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenComplaint {
    /// The complaint's entry id.
    pub id: String,
    pub kind: ComplaintKind,
    pub step: ComplaintStep,
    pub received: NaiveDate,
    /// Days since it was received.
    pub days_open: i64,
    /// Still at 受理 or 查明事实 and the customer has not agreed in writing to a long
    /// investigation: explain it and obtain their agreement (seed 004).
    pub needs_agreement: bool,
    /// Who handles it (负责人), as written on the complaint.
    pub owner: String,
}

impl OpenComplaint {
    fn of(c: &ComplaintFact, today: NaiveDate) -> OpenComplaint {
        OpenComplaint {
            id: c.id.clone(),
            kind: c.kind,
            step: c.step,
            received: c.received,
            days_open: (today - c.received).num_days(),
            needs_agreement: c.step <= ComplaintStep::Facts && !c.agreed,
            owner: c.owner.clone(),
        }
    }
}

impl DayItem {
    fn new(pos: u32, customer_id: String, kind: DayKind, section: DueStatus, date: NaiveDate, today: NaiveDate) -> DayItem {
        DayItem {
            pos,
            customer_id,
            kind,
            section,
            date,
            days_left: (date - today).num_days(),
            until: None,
            who: String::new(),
            detail: String::new(),
            amount: None,
            grade: None,
            frequency: None,
            years: None,
            holiday: None,
            class: None,
            complaint: None,
        }
    }

    /// What is to be done, without the customer's name (the list shows it from the summary):
    /// "复核准客户卡：C级（可升级）", "张三 生日（46岁）", "收款：逾期 ¥1,234.00（最早 2026-01-05 到期）".
    pub fn what(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let kind = self.kind.label(lang);
        let grade = self.grade.map(|g| g.label(lang)).unwrap_or_default();
        match self.kind {
            DayKind::Review => {
                let promote = matches!(self.grade, Some(GradeValue::Prospect(g)) if g.offers_promotion());
                match (zh, promote) {
                    (true, false) => format!("{kind}：{grade}"),
                    (true, true) => format!("{kind}：{grade}（可考虑升级）"),
                    (false, false) => format!("{kind}: grade {grade}"),
                    (false, true) => format!("{kind}: grade {grade} (consider a promotion)"),
                }
            }
            DayKind::PlanVisit => {
                let freq = self.frequency.map(|f| f.label(lang)).unwrap_or_default();
                if zh { format!("{kind}：{grade}，{freq}") } else { format!("{kind}: grade {grade}, {freq}") }
            }
            DayKind::PromisedVisit | DayKind::PlannedVisit => match (zh, self.detail.is_empty()) {
                (_, true) => kind.to_string(),
                (true, false) => format!("{kind}：{}", self.detail),
                (false, false) => format!("{kind}: {}", self.detail),
            },
            DayKind::Birthday | DayKind::Anniversary | DayKind::Founding | DayKind::ImportantDate => {
                let mut out = match (zh, self.who.is_empty()) {
                    (_, true) => kind.to_string(),
                    (true, false) => format!("{} {kind}", self.who),
                    (false, false) => format!("{}: {kind}", self.who),
                };
                if !self.detail.is_empty() {
                    out.push_str(&if zh { format!("：{}", self.detail) } else { format!(" — {}", self.detail) });
                }
                if let Some(n) = self.years {
                    out.push_str(&match (zh, self.kind) {
                        (true, DayKind::Birthday) => format!("（{n}岁）"),
                        (true, _) => format!("（{n}周年）"),
                        (false, _) => format!(" ({n})"),
                    });
                }
                out
            }
            DayKind::Holiday => match self.holiday {
                Some(h) => h.greeting(lang).to_string(),
                None => kind.to_string(),
            },
            DayKind::Collection => {
                let fen = format_yuan_grouped(self.amount.unwrap_or(0));
                let since = self.date.format("%Y-%m-%d");
                if zh {
                    format!("{kind}：逾期 ¥{fen}（最早 {since} 到期）")
                } else {
                    format!("Collect ¥{fen} overdue (oldest due {since})")
                }
            }
            DayKind::CreditReport => match (zh, self.class) {
                (_, None) => kind.to_string(),
                (true, Some(c)) => format!("{kind}：{}，{}", c.label(lang), c.cadence_label(lang)),
                (false, Some(c)) => format!("{kind}: {}, {}", c.label(lang), c.cadence_label(lang)),
            },
            DayKind::CreditUrgent => {
                let since = self.date.format("%Y-%m-%d");
                if zh { format!("紧急报告（{since}）待上司明确指示，不得擅自处理") } else { format!("Urgent report of {since} awaits the superior's instruction") }
            }
            DayKind::Complaint => match &self.complaint {
                None => kind.to_string(),
                Some(c) => {
                    let (k, step) = (c.kind.label(lang), c.step.label(lang));
                    let mut out = if zh { format!("{kind}：{k}投诉，{step}") } else { format!("{kind}: {k}, {step}") };
                    if !c.owner.is_empty() {
                        out.push_str(&if zh { format!("（负责人 {}）", c.owner) } else { format!(" (handled by {})", c.owner) });
                    }
                    out
                }
            },
        }
    }

    /// When, from today: "逾期 3 天", "今天", "今天起，最迟 2026-10-15", "明天", "3 天后（2026-10-05）".
    pub fn when(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let ymd = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        let n = self.days_left.unsigned_abs();
        match self.section {
            // An urgent report is not late work but a wait for someone else: how long it waits.
            DueStatus::Overdue if self.kind == DayKind::CreditUrgent => {
                if zh { format!("已等 {n} 天") } else if n == 1 { "waiting 1 day".into() } else { format!("waiting {n} days") }
            }
            // A complaint: how long the customer has been waiting since it was received.
            _ if self.kind == DayKind::Complaint => {
                let days = self.complaint.as_ref().map_or(0, |c| c.days_open);
                let since = self.complaint.as_ref().map(|c| ymd(c.received)).unwrap_or_default();
                if zh { format!("已受理 {days} 天（{since} 受理）") } else { format!("open {days} days (received {since})") }
            }
            DueStatus::Overdue => if zh { format!("逾期 {n} 天") } else if n == 1 { "1 day overdue".into() } else { format!("{n} days overdue") },
            DueStatus::Due => match self.until {
                None => lang.pick("今天", "today").to_string(),
                Some(u) => if zh { format!("今天起，最迟 {}", ymd(u)) } else { format!("due now, by {}", ymd(u)) },
            },
            DueStatus::Upcoming => {
                let mut out = match (zh, n) {
                    (true, 1) => format!("明天（{}）", ymd(self.date)),
                    (true, _) => format!("{n} 天后（{}）", ymd(self.date)),
                    (false, 1) => format!("tomorrow ({})", ymd(self.date)),
                    (false, _) => format!("in {n} days ({})", ymd(self.date)),
                };
                if let Some(u) = self.until {
                    out.push_str(&if zh { format!("，最迟 {}", ymd(u)) } else { format!(", by {}", ymd(u)) });
                }
                out
            }
        }
    }

    /// The item in one line, without the customer's name: what, then when.
    pub fn describe(&self, lang: Lang) -> String {
        format!("{} · {}", self.what(lang), self.when(lang))
    }
}

/// How many items of each kind and each section.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DayCounts {
    by_kind: [u32; KINDS],
    by_section: [u32; 3],
    /// Customers with at least one item.
    pub customers: u32,
    /// Σ overdue receivables of the collection items, fen.
    pub overdue_fen: i64,
}

impl DayCounts {
    pub fn kind(&self, k: DayKind) -> u32 {
        self.by_kind[k.index()]
    }

    pub fn section(&self, s: DueStatus) -> u32 {
        self.by_section[s as usize]
    }

    pub fn total(&self) -> u32 {
        self.by_section.iter().fold(0u32, |a, n| a.saturating_add(*n))
    }
}

/// The day's list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Day {
    pub today: NaiveDate,
    /// The horizon's last day (`today + reminder_days`), included.
    pub until: NaiveDate,
    /// Overdue, then due today, then upcoming; within each by route, date, kind.
    pub items: Vec<DayItem>,
    pub counts: DayCounts,
    /// 定期核查 of the whole archive is due (or overdue).
    pub check_due: bool,
    /// When it is (was) due; `None` only outside chrono's calendar.
    pub next_check: Option<NaiveDate>,
}

impl Day {
    /// The items of one section (they are contiguous).
    pub fn section(&self, s: DueStatus) -> &[DayItem] {
        let start = self.items.partition_point(|i| i.section < s);
        let end = self.items.partition_point(|i| i.section <= s);
        &self.items[start..end]
    }
}

/// Where a due falls on the list: its section, the item's date and, for a range, its last day.
/// `None` past the horizon.
fn place(due: Due, today: NaiveDate, end: NaiveDate) -> Option<(DueStatus, NaiveDate, Option<NaiveDate>)> {
    if due.by < today {
        Some((DueStatus::Overdue, due.by, None))
    } else if due.from <= today {
        Some((DueStatus::Due, today, (due.by > today).then_some(due.by)))
    } else if due.from <= end {
        Some((DueStatus::Upcoming, due.from, (due.by > due.from).then_some(due.by)))
    } else {
        None
    }
}

fn section_of(date: NaiveDate, today: NaiveDate) -> DueStatus {
    match date.cmp(&today) {
        std::cmp::Ordering::Less => DueStatus::Overdue,
        std::cmp::Ordering::Equal => DueStatus::Due,
        std::cmp::Ordering::Greater => DueStatus::Upcoming,
    }
}

/// A reminder as an item (its strings moved, not copied).
fn from_reminder(pos: u32, r: Reminder, today: NaiveDate) -> DayItem {
    let mut item = DayItem::new(pos, r.customer_id, DayKind::of_reminder(r.kind), section_of(r.date, today), r.date, today);
    item.who = r.who;
    item.detail = r.what;
    item.years = r.years;
    item.holiday = r.holiday;
    item
}

/// What the loop over customers shares: computed once per list.
struct Ctx<'a> {
    scope: &'a DayScope,
    settings: &'a GradingSettings,
    today: NaiveDate,
    end: NaiveDate,
    days: u16,
    holidays: &'a [(Holiday, NaiveDate)],
    /// Open complaints received more than this many days ago are listed.
    complaint_days: i64,
}

/// The items of one customer, appended to `out`.
fn customer_items(s: &Summary, pos: u32, cx: &Ctx<'_>, out: &mut Vec<DayItem>) {
    let (today, end) = (cx.today, cx.end);
    // (a) A prospect card's review, by its grade's cadence from the last review.
    if s.stage == Stage::Potential {
        if let Some(g) = s.grades.prospect.map(|g| cx.settings.prospect_scale.fit(g)) {
            let due = cx.settings.review.next_review(g, s.grades.reviewed, today);
            if let Some((section, date, until)) = due.and_then(|d| place(d, today, end)) {
                let mut item = DayItem::new(pos, s.id.clone(), DayKind::Review, section, date, today);
                item.until = until;
                item.grade = Some(GradeValue::Prospect(g));
                out.push(item);
            }
        }
    }
    // (b) The visit plan by stored sales grade and this scope's role, from the latest visit.
    if let Some(g) = s.grades.sales {
        let due = cx.settings.visit_plan.next_visit(g, cx.scope.role, s.visits.last, today);
        if let Some((section, date, until)) = due.and_then(|d| place(d, today, end)) {
            let mut item = DayItem::new(pos, s.id.clone(), DayKind::PlanVisit, section, date, today);
            item.until = until;
            item.grade = Some(GradeValue::Sales(g));
            item.frequency = Some(cx.settings.visit_plan.frequency(g, cx.scope.role));
            out.push(item);
        }
    }
    // (c) Promised and planned visits (overdue ones stay), (d) yearly dates and holidays.
    if s.visits.promised.is_some() || !s.visits.planned.is_empty() {
        out.extend(s.visits.reminders(&s.id, today, cx.days).into_iter().map(|r| from_reminder(pos, r, today)));
    }
    if !s.dates.is_empty() {
        out.extend(date_reminders(&s.id, &s.dates, today, cx.days).into_iter().map(|r| from_reminder(pos, r, today)));
    }
    if greeted(s.tier) {
        for &(h, date) in cx.holidays {
            let mut item = DayItem::new(pos, s.id.clone(), DayKind::Holiday, section_of(date, today), date, today);
            item.holiday = Some(h);
            out.push(item);
        }
    }
    // (e) Collection: something overdue today, dated by the oldest overdue receivable.
    if s.open.open.iter().any(|(due, fen)| *due < today && *fen > 0) {
        let aging = s.open.aging(today);
        let overdue = aging.aging.overdue();
        if let (true, Some(since)) = (overdue > 0, aging.oldest_due) {
            let mut item = DayItem::new(pos, s.id.clone(), DayKind::Collection, DueStatus::Overdue, since, today);
            item.amount = Some(overdue);
            out.push(item);
        }
    }
    // (f) Credit: the class's written report due (or overdue), and each urgent report still
    // waiting for the superior's instruction (dated by the report; one recorded with a later
    // date than today waits from today, so it is never "upcoming").
    if let Some(next) = s.credit.next_report(today).filter(|d| *d <= today) {
        let mut item = DayItem::new(pos, s.id.clone(), DayKind::CreditReport, section_of(next, today), next, today);
        item.class = s.credit.class;
        out.push(item);
    }
    for (_, date) in &s.credit.urgent {
        let date = (*date).min(today);
        out.push(DayItem::new(pos, s.id.clone(), DayKind::CreditUrgent, section_of(date, today), date, today));
    }
    // (g) Complaints still open more than the settings' days after they were received (及时处理):
    // dated by the last day they were within them, so they are always overdue.
    for c in s.facts.complaints.iter().filter(|c| c.step.open()) {
        let open = OpenComplaint::of(c, today);
        if open.days_open > cx.complaint_days {
            let date = c.received.checked_add_days(Days::new(cx.complaint_days.unsigned_abs())).unwrap_or(c.received);
            let mut item = DayItem::new(pos, s.id.clone(), DayKind::Complaint, section_of(date, today), date, today);
            item.who = c.owner.clone();
            item.complaint = Some(open);
            out.push(item);
        }
    }
}

/// The day's list of `scope` from the summaries (see the module docs), and whether the
/// whole-archive 定期核查 is due given the last one (`last_check`).
pub fn build(
    summaries: &[Summary],
    scope: &DayScope,
    settings: &GradingSettings,
    areas: &[Area],
    last_check: Option<NaiveDate>,
    today: NaiveDate,
) -> Day {
    // Settings are validated when saved; a horizon past the limit is still cut to it, so a bad
    // value cannot make the list (or the holiday table) unbounded.
    let days = settings.reminder_days.min(MAX_REMINDER_DAYS);
    let end = today.checked_add_days(Days::new(u64::from(days))).unwrap_or(today);
    // The lunar holidays take a calendar computation each: once for the list, not per customer.
    let holidays = holidays_between(today, end);
    // Likewise the complaints' days, into their range.
    let complaint_days = i64::from(settings.complaint_days.clamp(*COMPLAINT_DAYS.start(), *COMPLAINT_DAYS.end()));
    let cx = Ctx { scope, settings, today, end, days, holidays: &holidays, complaint_days };

    let mut items = Vec::new();
    let mut listed: Vec<usize> = Vec::new();
    for (i, s) in summaries.iter().enumerate() {
        if !scope.covers(s) {
            continue;
        }
        let before = items.len();
        customer_items(s, u32::try_from(i).unwrap_or(u32::MAX), &cx, &mut items);
        if items.len() > before {
            listed.push(i);
        }
    }

    // Route order once per customer on the list (a key allocates; items only carry a rank).
    let order = RouteOrder::new(areas);
    let mut keyed: Vec<_> = listed
        .iter()
        .map(|&i| {
            let s = &summaries[i];
            (order.key(RoutePlace { area: &s.grades.area, seq: s.grades.route_seq, id: &s.id }), i)
        })
        .collect();
    keyed.sort_unstable();
    let mut rank = vec![u32::MAX; if keyed.is_empty() { 0 } else { summaries.len() }];
    for (r, (_, i)) in keyed.iter().enumerate() {
        rank[*i] = u32::try_from(r).unwrap_or(u32::MAX);
    }
    let rank_of = |it: &DayItem| rank.get(it.pos as usize).copied().unwrap_or(u32::MAX);
    // Stable: a customer's items that tie keep the order they were made in, which depends on
    // the summary alone, so the list does not depend on the order of the summaries.
    // Overdue and today: one round, in route order. The next days: day by day, each in route order.
    let day_of = |it: &DayItem| if it.section == DueStatus::Upcoming { Some(it.date) } else { None };
    items.sort_by_cached_key(|it| (it.section, day_of(it), rank_of(it), it.date, it.kind));

    let mut counts = DayCounts { customers: u32::try_from(listed.len()).unwrap_or(u32::MAX), ..DayCounts::default() };
    for it in &items {
        let k = &mut counts.by_kind[it.kind.index()];
        *k = k.saturating_add(1);
        let s = &mut counts.by_section[it.section as usize];
        *s = s.saturating_add(1);
        counts.overdue_fen = counts.overdue_fen.saturating_add(it.amount.unwrap_or(0));
    }

    Day {
        today,
        until: end,
        items,
        counts,
        check_due: check_due(last_check, settings.check_months, today),
        next_check: next_check(last_check, settings.check_months, today),
    }
}
