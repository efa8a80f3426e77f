//! Visits, activities and referrals: the relation with us (业务状况).

use super::*;
use crate::forms::Reader;
use crate::validation::{check, Problem};

pub(super) fn read_visit(r: &mut Reader, ctx: &LedgerContext) -> Visit {
    let method = required_choice(r, "method");
    let planned = r.date("planned");
    let actual = actual_date(r, "actual", ctx, false);
    let (planned_given, actual_given) = (!r.get("planned").is_empty(), !r.get("actual").is_empty());
    if !planned_given && !actual_given {
        r.fail("actual", Problem::VisitDate);
    }
    let next_date = r.date("next_date");
    if let (Some(n), Some(v)) = (next_date, actual.or(planned)) {
        if n < v {
            r.fail("next_date", Problem::NextBeforeVisit);
        }
    }
    let (rep, rep_id) = ctx.rep_of(r.required("rep"));
    Visit {
        method,
        planned,
        actual,
        rep,
        rep_id,
        with: r.multi("with"),
        purpose: r.text("purpose"),
        outcome: r.text("outcome"),
        next: r.text("next_step"),
        next_date,
    }
}

pub(super) fn read_activity(r: &mut Reader, ctx: &LedgerContext) -> Activity {
    let kind: ActivityKind = required_choice(r, "kind");
    let date = if kind == ActivityKind::Appointment {
        // An appointment is planned: the future is fine, before the customer is not.
        let d = required_date(r, "date");
        if d.is_some_and(|d| d < ctx.since) {
            r.fail("date", Problem::BeforeCustomer(ctx.since));
        }
        d
    } else {
        actual_date(r, "date", ctx, true)
    };
    let cost_fen = match r.get("cost") {
        "" => 0,
        s => match check::money(s) {
            Ok(f) if f > MAX_ENTRY_FEN => {
                r.fail("cost", Problem::OverCap(MAX_ENTRY_FEN));
                0
            }
            Ok(f) => f,
            Err(p) => {
                r.fail("cost", p);
                0
            }
        },
    };
    Activity { kind, date: date.unwrap_or_default(), note: r.text("note"), cost_fen }
}

pub(super) fn read_referral(r: &mut Reader, ctx: &LedgerContext) -> Referral {
    let date = past_date(r, "date", ctx);
    let by_customer = opt_text(r, "by_customer");
    if by_customer.as_deref() == Some(ctx.customer_id) {
        r.fail("by_customer", Problem::SelfReferral);
    }
    let by_contact = opt_text(r, "by_contact");
    let by_name = r.text("by_name");
    if by_customer.is_none() && by_contact.is_none() && by_name.is_empty() {
        r.fail("by_name", Problem::ReferrerMissing);
    }
    Referral { date: date.unwrap_or_default(), by_customer, by_contact, by_name, note: r.text("note") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::validate::tests::*;
    use crate::primitives::lang::Lang;
    use crate::primitives::money::MoneyError;
    use std::collections::BTreeSet;

    #[test]
    fn a_rep_named_on_an_entry_is_linked_by_id_and_shown_by_current_name() {
        use crate::customer::owner::Rep;
        let f = file();
        let mut wang = Rep { id: "r1".into(), name: "王伟".into(), ..Rep::default() };
        let left = Rep { id: "r0".into(), name: "王伟".into(), deleted: true, ..Rep::default() };
        let reps = vec![left.clone(), wang.clone()];
        let c = LedgerContext { reps: &reps, ..ctx(&f) };
        // By name (the current rep before one who left with the same name) or by id.
        for written in ["王伟", "r1"] {
            let Ok(EntryBody::Visit(v)) = run(EntryKind::Visit, &with(VISIT, &[("rep", written)]), &c) else { panic!() };
            assert_eq!((v.rep.as_str(), v.rep_id.as_str()), ("王伟", "r1"), "{written}");
        }
        // Someone not on the list: kept as written, no id.
        let Ok(body) = run(EntryKind::Visit, &with(VISIT, &[("rep", "临时工小赵")]), &c) else { panic!() };
        assert_eq!(body.rep(), Some(("临时工小赵", "")));
        // Renamed later: the entry shows the rep's name now; an unlinked one shows what was written.
        let Ok(linked) = run(EntryKind::Visit, &with(VISIT, &[("rep", "王伟")]), &c) else { panic!() };
        wang.name = "王伟东".into();
        let renamed = [left, wang];
        assert_eq!(linked.rep_name(&renamed), "王伟东");
        assert_eq!(body.rep_name(&renamed), "临时工小赵");
        // An entry written before reps were linked (no "rid") reads as it was, with its name.
        let old: Entry = serde_json::from_str(r#"{"id":"v0","cid":"c","c":{"at":{"ms":1,"n":0},"dev":"d"},"b":{"t":"vis","m":"visit","act":"2025-03-01","rep":"老李"}}"#).unwrap();
        assert_eq!(old.body.rep(), Some(("老李", "")));
        assert_eq!(old.body.rep_name(&renamed), "老李");
    }

    #[test]
    fn visits() {
        let f = file();
        let c = ctx(&f);
        let ok = |extra| run(EntryKind::Visit, &with(VISIT, extra), &c);
        let Ok(EntryBody::Visit(v)) = ok(&[("with", "manager,gm"), ("next_date", "2025-07-15"), ("outcome", " 答应月底付款 ")]) else { panic!() };
        assert_eq!(v.with, BTreeSet::from([VisitRole::Manager, VisitRole::GeneralManager]));
        assert_eq!(v.outcome, "答应月底付款");
        // Planned only, in the future: fine.
        assert!(run(EntryKind::Visit, &[("method", "tel"), ("planned", "2025-08-01"), ("rep", "王伟")], &c).is_ok());
        let p = one(EntryKind::Visit, &[("method", "tel"), ("rep", "王伟")], &c, "actual");
        assert_eq!(p, Problem::VisitDate);
        assert_eq!(p.message(Lang::Zh), "预定拜访日期和实际拜访日期至少填一个");
        assert_eq!(one(EntryKind::Visit, &with(VISIT, &[("actual", "2025-07-01")]), &c, "actual"), Problem::FutureDate);
        let p = one(EntryKind::Visit, &with(VISIT, &[("actual", "2023-12-31")]), &c, "actual");
        assert_eq!(p, Problem::BeforeCustomer(d("2024-01-01")));
        assert_eq!(p.message(Lang::Zh), "日期不能早于客户建档日期（2024-01-01）");
        assert_eq!(p.message(Lang::En), "the date cannot be before the customer existed (2024-01-01)");
        assert_eq!(one(EntryKind::Visit, &with(VISIT, &[("next_date", "2025-02-01")]), &c, "next_date"), Problem::NextBeforeVisit);
        assert_eq!(one(EntryKind::Visit, &with(VISIT, &[("method", "")]), &c, "method"), Problem::Required);
        assert_eq!(one(EntryKind::Visit, &with(VISIT, &[("rep", " ")]), &c, "rep"), Problem::Required);
        assert_eq!(one(EntryKind::Visit, &with(VISIT, &[("with", "boss")]), &c, "with"), Problem::UnknownChoice("boss".into()));
        assert_eq!(one(EntryKind::Visit, &with(VISIT, &[("planned", "2025-02-30")]), &c, "planned"), Problem::Date);
    }

    #[test]
    fn activities() {
        let f = file();
        let c = ctx(&f);
        let base: &[(&str, &str)] = &[("kind", "gift"), ("date", "2025-02-01"), ("cost", "88.50")];
        let Ok(EntryBody::Activity(a)) = run(EntryKind::Activity, base, &c) else { panic!() };
        assert_eq!((a.kind, a.cost_fen), (ActivityKind::Gift, 8_850));
        assert_eq!(one(EntryKind::Activity, &with(base, &[("date", "2025-07-01")]), &c, "date"), Problem::FutureDate);
        // An appointment is planned: the future is fine, before the customer is not.
        assert!(run(EntryKind::Activity, &[("kind", "appt"), ("date", "2025-07-01")], &c).is_ok());
        assert_eq!(one(EntryKind::Activity, &[("kind", "appt"), ("date", "2023-07-01")], &c, "date"), Problem::BeforeCustomer(d("2024-01-01")));
        assert_eq!(one(EntryKind::Activity, &with(base, &[("cost", "1000000001")]), &c, "cost"), Problem::OverCap(MAX_ENTRY_FEN));
        assert_eq!(one(EntryKind::Activity, &with(base, &[("cost", "-1")]), &c, "cost"), Problem::Money(MoneyError::Negative));
        assert_eq!(one(EntryKind::Activity, &[("kind", "gift")], &c, "date"), Problem::Required);
    }

    #[test]
    fn referrals() {
        let f = file();
        let c = ctx(&f);
        // Introduced before we opened the file: fine.
        let Ok(EntryBody::Referral(r)) = run(EntryKind::Referral, &[("date", "2023-05-01"), ("by_customer", "k9"), ("by_name", "老张")], &c) else { panic!() };
        assert_eq!(r.by_customer.as_deref(), Some("k9"));
        assert!(run(EntryKind::Referral, &[("date", "2025-05-01"), ("by_contact", "p1")], &c).is_ok());
        let p = one(EntryKind::Referral, &[("date", "2025-05-01")], &c, "by_name");
        assert_eq!(p, Problem::ReferrerMissing);
        assert_eq!(one(EntryKind::Referral, &[("date", "2025-05-01"), ("by_customer", "c")], &c, "by_customer"), Problem::SelfReferral);
        assert_eq!(one(EntryKind::Referral, &[("date", "2025-07-01"), ("by_name", "老张")], &c, "date"), Problem::FutureDate);
    }
}
