//! 客户投诉, 客户情况综合评价表, 交易开始调查书 and 中止交易: form → record.
//!
//! A complaint is checked against the step it stands at (seed 004's claim handling): from
//! 提出解决办法 the facts, the responsibility and a solution; from 公平解决索赔 the resolved date,
//! the departments notified, the remedy (and for money, the amount and who approved it), the
//! meeting when the fault is not ours and the claim against a supplier at fault; from 建议推销 the
//! suggestion; at 建立商誉 whether the customer is satisfied and the follow-up. While the
//! responsibility is 待查 nothing may be conceded (no remedy, no amount).

use super::*;
use crate::primitives::ledger_codes::{ComplaintStep, EvalItem, Remedy, Responsibility};

pub(super) fn read_complaint(r: &mut Reader, ctx: &LedgerContext) -> Complaint {
    use ComplaintStep as S;
    let kind = required_choice(r, "kind");
    let received = actual_date(r, "received", ctx, true);
    let said = r.required("said");
    let about = opt_text(r, "about");
    if let Some(id) = &about {
        if ctx.order(id).is_none() && ctx.delivery(id).is_none() {
            r.fail("about", Problem::UnknownOrderOrDelivery);
        }
    }
    let (owner, owner_id) = ctx.rep_of(r.required("owner"));
    let step: ComplaintStep = required_choice(r, "step");
    let after_received = |r: &mut Reader, key: &str| {
        let d = r.date(key)?;
        if d > ctx.today {
            r.fail(key, Problem::FutureDate);
        } else if received.is_some_and(|rec| d < rec) {
            r.fail(key, Problem::BeforeReceived);
        }
        Some(d)
    };
    let answered = after_received(r, "answered");
    let facts = r.text("facts");
    let responsibility: Option<Responsibility> = r.choice("responsibility");
    let meeting = r.text("meeting");
    let agreed = r.flag("agreed");
    let solution = r.text("solution");
    let remedy: Option<Remedy> = r.choice("remedy");
    let fen = if r.get("amount").is_empty() { 0 } else { r.check("amount", amount_of).unwrap_or(0) };
    let approver = r.text("approver");
    let notified = r.text("notified");
    let supplier_claim = r.text("supplier_claim");
    let suggestion = r.text("suggestion");
    let resolved = after_received(r, "resolved");
    let satisfied = match r.get("satisfied") {
        "" => None,
        "yes" => Some(true),
        "no" => Some(false),
        other => {
            let other = other.to_string();
            r.fail("satisfied", Problem::UnknownChoice(other));
            None
        }
    };
    let follow = r.text("follow");

    let need = |r: &mut Reader, key: &str, filled: bool, from: ComplaintStep| {
        if step >= from && !filled && !r.failed(key) {
            r.fail(key, Problem::RequiredAtStep(from));
        }
    };
    let pending = responsibility.is_none_or(|x| x == Responsibility::Pending);
    need(r, "answered", answered.is_some(), S::Proposed);
    need(r, "facts", !facts.is_empty(), S::Proposed);
    need(r, "responsibility", !pending, S::Proposed);
    need(r, "solution", !solution.is_empty(), S::Proposed);
    need(r, "resolved", resolved.is_some(), S::Settled);
    need(r, "notified", !notified.is_empty(), S::Settled);
    need(r, "remedy", remedy.is_some(), S::Settled);
    let not_ours = !pending && responsibility != Some(Responsibility::Us);
    need(r, "meeting", !not_ours || !meeting.is_empty(), S::Settled);
    need(r, "supplier_claim", responsibility != Some(Responsibility::Supplier) || !supplier_claim.is_empty(), S::Settled);
    need(r, "suggestion", !suggestion.is_empty(), S::Suggested);
    need(r, "satisfied", satisfied.is_some(), S::Goodwill);
    need(r, "follow", !follow.is_empty(), S::Goodwill);
    if resolved.is_some() && step < S::Settled && !r.failed("resolved") {
        r.fail("resolved", Problem::TooEarlyForStep(S::Settled));
    }
    // 原因不能确定时应迅速追查，调查期间不作任何承诺.
    if pending && matches!(remedy, Some(Remedy::Replace | Remedy::Money)) {
        r.fail("remedy", Problem::ConcedeNothing);
    } else if pending && fen > 0 && !r.failed("amount") {
        r.fail("amount", Problem::ConcedeNothing);
    }
    if remedy == Some(Remedy::Money) {
        need(r, "amount", fen > 0, S::Settled);
        need(r, "approver", !approver.is_empty(), S::Settled);
        // Against a delivery, no more than is left to return on it (as a 退赔折价 would be).
        if let Some(d) = about.as_deref().and_then(|id| ctx.delivery(id).map(|d| (id, d))) {
            let (id, dl) = d;
            let own = ctx.editing.map(compensation_entry_id);
            let others = ctx
                .live()
                .filter(|e| Some(&e.id) != own.as_ref())
                .filter_map(|e| match &e.body {
                    EntryBody::Return(a) if a.approved && a.dlv.as_deref() == Some(id) => Some(clamp_fen(a.fen)),
                    _ => None,
                })
                .fold(0i64, i64::saturating_add);
            let left = dl.booked().saturating_sub(others).max(0);
            if fen > left && step.settled() && !r.failed("amount") {
                r.fail("amount", Problem::ReturnExceedsDelivery { left });
            }
        }
    } else if fen > 0 && !r.failed("amount") {
        r.fail("amount", Problem::AmountWithoutMoney);
    }
    Complaint {
        kind,
        received: received.unwrap_or_default(),
        said,
        about,
        owner,
        owner_id,
        step,
        answered,
        facts,
        responsibility,
        meeting,
        solution,
        agreed,
        remedy,
        fen,
        approver,
        notified,
        supplier_claim,
        suggestion,
        resolved,
        satisfied,
        follow,
    }
}

pub(super) fn write_complaint(w: &mut Writer, c: &Complaint) {
    w.choice("kind", Some(c.kind));
    w.date("received", Some(c.received));
    w.text("said", &c.said);
    w.text("about", c.about.as_deref().unwrap_or(""));
    w.text("owner", &c.owner);
    w.choice("step", Some(c.step));
    w.date("answered", c.answered);
    w.text("facts", &c.facts);
    w.choice("responsibility", c.responsibility);
    w.text("meeting", &c.meeting);
    w.flag("agreed", c.agreed);
    w.text("solution", &c.solution);
    w.choice("remedy", c.remedy);
    w.money("amount", (c.fen > 0).then_some(c.fen));
    w.text("approver", &c.approver);
    w.text("notified", &c.notified);
    w.text("supplier_claim", &c.supplier_claim);
    w.text("suggestion", &c.suggestion);
    w.date("resolved", c.resolved);
    w.text("satisfied", c.satisfied.map_or("", |s| if s { "yes" } else { "no" }));
    w.text("follow", &c.follow);
}

/// The form key of one cell of 客户情况综合评价表.
pub fn eval_key(item: EvalItem, column: &str) -> String {
    format!("{}.{column}", item.code())
}

pub(super) fn read_evaluation(r: &mut Reader, ctx: &LedgerContext) -> Evaluation {
    let date = actual_date(r, "date", ctx, true);
    let by = r.required("by");
    let rows: Vec<EvalRow> = EvalItem::ALL
        .iter()
        .map(|&item| EvalRow {
            item,
            data: r.text(&eval_key(item, "data")),
            comment: r.text(&eval_key(item, "comment")),
            problems: r.text(&eval_key(item, "problems")),
            measures: r.text(&eval_key(item, "measures")),
        })
        .filter(|row| !(row.data.is_empty() && row.comment.is_empty() && row.problems.is_empty() && row.measures.is_empty()))
        .collect();
    // The manager's part is the point of the table: at least one 评语, problem or measure.
    if !rows.iter().any(|x| !(x.comment.is_empty() && x.problems.is_empty() && x.measures.is_empty())) {
        r.fail(&eval_key(EvalItem::Basic, "comment"), Problem::NoLines);
    }
    Evaluation { date: date.unwrap_or_default(), by, rows }
}

pub(super) fn write_evaluation(w: &mut Writer, e: &Evaluation) {
    w.date("date", Some(e.date));
    w.text("by", &e.by);
    for row in &e.rows {
        w.text(&eval_key(row.item, "data"), &row.data);
        w.text(&eval_key(row.item, "comment"), &row.comment);
        w.text(&eval_key(row.item, "problems"), &row.problems);
        w.text(&eval_key(row.item, "measures"), &row.measures);
    }
}

pub(super) fn read_trade_start(r: &mut Reader, ctx: &LedgerContext) -> TradeStart {
    let date = past_date(r, "date", ctx);
    let by = r.required("by");
    let goods = r.required("goods");
    let fen = if r.get("amount").is_empty() { 0 } else { r.check("amount", amount_of).unwrap_or(0) };
    let terms = r.text("terms");
    let credit = r.text("credit");
    let note = r.text("note");
    let head = r.text("head");
    let chair = r.text("chair");
    let when = |r: &mut Reader, key: &str, name: &str| {
        let d = r.date(key)?;
        if d > ctx.today {
            r.fail(key, Problem::FutureDate);
        } else if date.is_some_and(|f| d < f) {
            r.fail(key, Problem::BeforeSurvey);
        }
        if name.is_empty() {
            r.fail(key, Problem::NameForDate);
        }
        Some(d)
    };
    let head_on = when(r, "head_on", &head);
    let chair_on = when(r, "chair_on", &chair);
    if let Some(c) = chair_on {
        if head_on.is_none_or(|h| c < h) && !r.failed("chair_on") {
            r.fail("chair_on", Problem::ChairBeforeHead);
        }
    }
    TradeStart { date: date.unwrap_or_default(), by, goods, fen, terms, credit, note, head, head_on, chair, chair_on }
}

pub(super) fn write_trade_start(w: &mut Writer, t: &TradeStart) {
    w.date("date", Some(t.date));
    w.text("by", &t.by);
    w.text("goods", &t.goods);
    w.money("amount", (t.fen > 0).then_some(t.fen));
    w.text("terms", &t.terms);
    w.text("credit", &t.credit);
    w.text("note", &t.note);
    w.text("head", &t.head);
    w.date("head_on", t.head_on);
    w.text("chair", &t.chair);
    w.date("chair_on", t.chair_on);
}

pub(super) fn read_trade_stop(r: &mut Reader, ctx: &LedgerContext) -> TradeStop {
    let date = actual_date(r, "date", ctx, true);
    TradeStop { date: date.unwrap_or_default(), reason: r.required("reason"), kept: r.required("kept"), by: r.required("by") }
}

pub(super) fn write_trade_stop(w: &mut Writer, t: &TradeStop) {
    w.date("date", Some(t.date));
    w.text("reason", &t.reason);
    w.text("kept", &t.kept);
    w.text("by", &t.by);
}
