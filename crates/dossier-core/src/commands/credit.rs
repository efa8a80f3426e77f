//! 客户信用管理 on a card (issue 16): each action adds a credit record to the customer's file
//! (`ledger::credit`) or, for an order, decides its status by the credit check.
//!
//! - [`record_info`]: 信用资料 as learned (each figure's date and channel), the class given;
//! - [`approve_limit`]: 信用限度核定 (one method's result or an amount set by hand);
//! - [`record_investigation`]: 客户信用调查 — the signs, the 客户调查表, the assessment; an urgent
//!   report is raised when the rules say so and waits for [`instruct`] (the superior's explicit
//!   instruction, 不得擅自处理);
//! - [`take_countermeasure`]: 对策 for worsening credit;
//! - [`gate_order`]: an order that the check blocks is held (信用冻结) whatever status was asked,
//!   and only [`release_order`] (a manager, with a reason) sends it on while the check still
//!   blocks.

use thiserror::Error;

use super::Planned;
use crate::archive::{entry_version, Archive, Batch};
use crate::credit::{
    urgent_report, Approval, ApprovalError, CheckResult, CountermeasureTaken, CreditSettings, ProfileError, Verdict,
};
use crate::ledger::credit::{order_check, CreditInfo, Instruction, Investigation, Release};
use crate::ledger::{Entry, EntryBody, OrderStatus};
use crate::primitives::clock::Stamp;
use crate::primitives::lang::Lang;
use chrono::NaiveDate;

/// Why a credit action is refused. [`CreditError::message`] words it in either language.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("{}", self.message(Lang::En))]
pub enum CreditError {
    NoCustomer,
    /// The customer is deleted.
    Deleted,
    NoEntry,
    /// The profile has problems (each worded).
    Profile(Vec<ProfileError>),
    Approval(ApprovalError),
    /// A date after today.
    FutureDate(NaiveDate),
    /// Who recorded, approved, instructed or released it is not said.
    NoName,
    /// An instruction or a release without its text or reason.
    NoReason,
    /// Not an urgent report waiting for an instruction.
    NotWaiting,
    /// Only an order held by credit can be released.
    NotHeld,
    /// An investigation with nothing in it (no sign, no survey, no assessment).
    Empty,
}

impl CreditError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            CreditError::NoCustomer => lang.pick("找不到这位客户", "no such customer").to_string(),
            CreditError::Deleted => lang.pick("客户已删除", "the customer is deleted").to_string(),
            CreditError::NoEntry => lang.pick("找不到这条记录", "no such record").to_string(),
            CreditError::Profile(ps) => ps.iter().map(|p| p.message(lang)).collect::<Vec<_>>().join(lang.pick("；", "; ")),
            CreditError::Approval(e) => e.message(lang),
            CreditError::FutureDate(d) => match lang {
                Lang::Zh => format!("日期 {d} 晚于今天"),
                Lang::En => format!("the date {d} is after today"),
            },
            CreditError::NoName => lang.pick("请填写经办人姓名", "say who does it").to_string(),
            CreditError::NoReason => lang.pick("请写明指示或理由", "write the instruction or the reason").to_string(),
            CreditError::NotWaiting => {
                lang.pick("这不是等待上司指示的紧急报告", "this is not an urgent report waiting for an instruction").to_string()
            }
            CreditError::NotHeld => lang.pick("只有被信用冻结的订单才能放行", "only an order held by credit can be released").to_string(),
            CreditError::Empty => lang
                .pick("调查记录是空的：请勾选预警信号、填写调查表或写下评估", "the investigation is empty: tick a sign, fill the survey or write the assessment")
                .to_string(),
        }
    }
}

fn live_customer<'a>(a: &'a Archive, id: &str) -> Result<&'a crate::customer::Customer, CreditError> {
    let c = a.get(id).ok_or(CreditError::NoCustomer)?;
    if c.deleted {
        return Err(CreditError::Deleted);
    }
    Ok(c)
}

fn not_future(d: NaiveDate, today: NaiveDate) -> Result<(), CreditError> {
    if d > today { Err(CreditError::FutureDate(d)) } else { Ok(()) }
}

fn named(by: &str) -> Result<String, CreditError> {
    let by = by.trim();
    if by.is_empty() { Err(CreditError::NoName) } else { Ok(by.to_string()) }
}

fn added(customer_id: &str, body: EntryBody, id: &str, stamp: &Stamp) -> Planned {
    let entry = Entry::new(id.to_string(), customer_id.to_string(), body, stamp.clone());
    (Batch { entries: vec![entry], ..Batch::default() }, vec![(id.to_string(), None)])
}

/// 信用资料 of customer `customer_id` as learned on `info.date` (new record `id`).
pub fn record_info(a: &Archive, customer_id: &str, mut info: CreditInfo, today: NaiveDate, id: &str, stamp: &Stamp) -> Result<Planned, CreditError> {
    live_customer(a, customer_id)?;
    not_future(info.date, today)?;
    info.by = named(&info.by)?;
    let problems = info.profile.problems(today);
    if !problems.is_empty() {
        return Err(CreditError::Profile(problems));
    }
    info.note = info.note.trim().to_string();
    Ok(added(customer_id, EntryBody::CreditInfo(info), id, stamp))
}

/// 信用限度核定: `approval` (made by `Approval::of_limit` or `Approval::manual`, which refuse
/// what they must) becomes the limit in force.
pub fn approve_limit(a: &Archive, customer_id: &str, approval: Result<Approval, ApprovalError>, today: NaiveDate, id: &str, stamp: &Stamp) -> Result<Planned, CreditError> {
    live_customer(a, customer_id)?;
    let approval = approval.map_err(CreditError::Approval)?;
    not_future(approval.date, today)?;
    Ok(added(customer_id, EntryBody::CreditLimit(approval), id, stamp))
}

/// 客户信用调查: an urgent report is raised when [`urgent_report`] says so under `settings`.
/// Returns whether it was.
pub fn record_investigation(
    a: &Archive,
    customer_id: &str,
    mut inv: Investigation,
    settings: &CreditSettings,
    today: NaiveDate,
    id: &str,
    stamp: &Stamp,
) -> Result<(Planned, bool), CreditError> {
    live_customer(a, customer_id)?;
    not_future(inv.review.date, today)?;
    inv.review.by = named(&inv.review.by)?;
    inv.review.signs = inv.review.distinct();
    inv.assessment = inv.assessment.trim().to_string();
    if inv.review.signs.is_empty() && !inv.review.sudden_change && inv.survey.is_none() && inv.assessment.is_empty() {
        return Err(CreditError::Empty);
    }
    inv.urgent = urgent_report(&inv.review, settings).is_some();
    inv.instruction = None;
    let urgent = inv.urgent;
    Ok((added(customer_id, EntryBody::Investigation(Box::new(inv)), id, stamp), urgent))
}

/// The superior's instruction on the urgent report `entry_id`.
pub fn instruct(a: &Archive, entry_id: &str, by: &str, text: &str, today: NaiveDate, stamp: &Stamp) -> Result<Planned, CreditError> {
    let old = a.entry(entry_id).filter(|e| !e.deleted).ok_or(CreditError::NoEntry)?;
    let EntryBody::Investigation(inv) = &old.body else { return Err(CreditError::NoEntry) };
    if !inv.waiting() {
        return Err(CreditError::NotWaiting);
    }
    let by = named(by)?;
    let text = text.trim();
    if text.is_empty() {
        return Err(CreditError::NoReason);
    }
    let mut inv = inv.clone();
    inv.instruction = Some(Instruction { date: today, by, text: text.to_string() });
    let mut entry = old.clone();
    entry.set_body(EntryBody::Investigation(inv), stamp.clone());
    Ok((Batch { entries: vec![entry], ..Batch::default() }, vec![(entry_id.to_string(), Some(entry_version(old)))]))
}

/// 对策 taken for customer `customer_id`.
pub fn take_countermeasure(a: &Archive, customer_id: &str, mut cm: CountermeasureTaken, today: NaiveDate, id: &str, stamp: &Stamp) -> Result<Planned, CreditError> {
    live_customer(a, customer_id)?;
    not_future(cm.date, today)?;
    cm.by = named(&cm.by)?;
    cm.note = cm.note.trim().to_string();
    Ok(added(customer_id, EntryBody::Countermeasure(cm), id, stamp))
}

/// The order in `batch` (an added or edited order entry), checked against its customer's file:
/// a credit check that blocks holds it (信用冻结) when it was to go out (待出货). An order already
/// held stays held while the check still blocks, so only [`release_order`] sends it on. Drafts,
/// closed and cancelled orders are not checked. Returns the check, if one was made.
pub fn gate_order(a: &Archive, batch: &mut Batch, settings: &CreditSettings, today: NaiveDate) -> Option<CheckResult> {
    let entry = batch.entries.iter_mut().find(|e| matches!(e.body, EntryBody::Order(_)))?;
    let EntryBody::Order(order) = &mut entry.body else { return None };
    let held_before = a.entry(&entry.id).is_some_and(|old| matches!(&old.body, EntryBody::Order(o) if o.status == OrderStatus::Blocked));
    if !matches!(order.status, OrderStatus::Open | OrderStatus::Blocked) {
        return None;
    }
    let file = a.ledger(&entry.customer_id);
    let result = order_check(file, order.amount().unwrap_or(i64::MAX), order.cash, Some(&entry.id), settings, today);
    if result.verdict == Verdict::Block {
        order.status = OrderStatus::Blocked;
    } else if order.status == OrderStatus::Blocked && held_before {
        // The check passes now (paid, limit raised): the hold lifts by itself.
        order.status = OrderStatus::Open;
    }
    Some(result)
}

/// 放行: a manager sends order `order_id`, held by credit, on (待出货), with the reason; the
/// release is a record in the file with the check as it stood. Whoever calls this has verified
/// the manager's passphrase.
#[allow(clippy::too_many_arguments)] // each is one fact of the release; a struct would only rename them
pub fn release_order(a: &Archive, order_id: &str, by: &str, reason: &str, settings: &CreditSettings, today: NaiveDate, lang: Lang, id: &str, stamp: &Stamp) -> Result<Planned, CreditError> {
    let old = a.entry(order_id).filter(|e| !e.deleted).ok_or(CreditError::NoEntry)?;
    let EntryBody::Order(order) = &old.body else { return Err(CreditError::NoEntry) };
    if order.status != OrderStatus::Blocked {
        return Err(CreditError::NotHeld);
    }
    live_customer(a, &old.customer_id)?;
    let by = named(by)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(CreditError::NoReason);
    }
    let file = a.ledger(&old.customer_id);
    let check = order_check(file, order.amount().unwrap_or(i64::MAX), order.cash, Some(order_id), settings, today);
    let mut released = old.clone();
    let mut body = order.clone();
    body.status = OrderStatus::Open;
    released.set_body(EntryBody::Order(body), stamp.clone());
    let record = Entry::new(
        id.to_string(),
        old.customer_id.clone(),
        EntryBody::Release(Release { oid: order_id.to_string(), date: today, by, reason: reason.to_string(), check: check.explain(lang) }),
        stamp.clone(),
    );
    Ok((
        Batch { entries: vec![released, record], ..Batch::default() },
        vec![(order_id.to_string(), Some(entry_version(old))), (id.to_string(), None)],
    ))
}

/// The check of a new order of `fen` for `customer_id` as the form is typed (nothing saved).
pub fn preview_check(a: &Archive, customer_id: &str, fen: i64, cash: bool, editing: Option<&str>, settings: &CreditSettings, today: NaiveDate) -> CheckResult {
    order_check(a.ledger(customer_id), fen, cash, editing, settings, today)
}
