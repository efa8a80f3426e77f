//! Reports over the files: sales and collections per month per customer and per rep, the
//! balance check of a period, sales series for grading, the overdue list for the collection
//! route, and referral counts (VIP: three or more in a year).
//!
//! Sales are deliveries (a delivery is the invoice); collections are payments and notes received
//! (not dishonoured); returns are the approved returns, compensation and discounts. Deliveries
//! count for the rep of their order, payments and notes for their own rep, returns for the rep
//! of the order of their delivery (none when they name no delivery).

use super::receivables::{CustomerLedger, LedgerScratch};
use super::{clamp_fen, Entry, EntryBody, RepRef};
use crate::customer::owner::Rep;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;
use std::fmt;
use std::ops::AddAssign;

/// A referrer with this many referrals in one calendar year is a VIP (seed 003).
pub const VIP_REFERRALS_PER_YEAR: u32 = 3;

/// A calendar month.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    /// 1–12.
    pub month: u32,
}

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Option<YearMonth> {
        (1..=12).contains(&month).then_some(YearMonth { year, month })
    }

    pub fn of(d: NaiveDate) -> YearMonth {
        YearMonth { year: d.year(), month: d.month() }
    }

    /// Months since year 0 (year × 12 + month − 1): a month's place on one line.
    pub fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month.clamp(1, 12)) - 1
    }

    pub fn from_index(i: i64) -> YearMonth {
        YearMonth { year: i.div_euclid(12) as i32, month: i.rem_euclid(12) as u32 + 1 }
    }

    pub fn next(self) -> YearMonth {
        YearMonth::from_index(self.index() + 1)
    }

    pub fn prev(self) -> YearMonth {
        YearMonth::from_index(self.index() - 1)
    }

    /// Months from `self` to `later` (negative if `later` is earlier).
    pub fn months_until(self, later: YearMonth) -> i64 {
        later.index() - self.index()
    }

    pub fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month, 1)
    }

    pub fn last_day(self) -> Option<NaiveDate> {
        self.next().first_day()?.pred_opt()
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Sales, collections and returns of one month, fen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MonthFigures {
    pub month: YearMonth,
    pub sales: i64,
    pub collections: i64,
    pub returns: i64,
}

/// What one entry adds to the month figures, and the rep it counts for (with the name written).
struct Flow<'a> {
    date: NaiveDate,
    rep: (RepRef<'a>, &'a str),
    sales: i64,
    collections: i64,
    returns: i64,
}

/// The money flows of one customer's live entries.
fn flows<'a>(entries: &'a [Entry]) -> impl Iterator<Item = Flow<'a>> + 'a {
    const NOBODY: (RepRef<'static>, &str) = (RepRef::Named(""), "");
    let own = |name: &'a str, id: &'a str| (RepRef::of(name, id), name);
    let order_rep = move |oid: &str| -> (RepRef<'a>, &'a str) {
        entries
            .iter()
            .find_map(|e| match &e.body {
                EntryBody::Order(o) if e.id == oid => Some(own(&o.rep, &o.rep_id)),
                _ => None,
            })
            .unwrap_or(NOBODY)
    };
    let delivery_order = move |dlv: &str| -> &'a str {
        entries
            .iter()
            .find_map(|e| match &e.body {
                EntryBody::Delivery(d) if e.id == dlv => Some(d.oid.as_str()),
                _ => None,
            })
            .unwrap_or("")
    };
    entries.iter().filter(|e| !e.deleted).filter_map(move |e| {
        let f = |date, rep, sales, collections, returns| Some(Flow { date, rep, sales, collections, returns });
        match &e.body {
            EntryBody::Delivery(d) => f(d.date, order_rep(&d.oid), d.booked(), 0, 0),
            EntryBody::Payment(p) => f(p.date, own(&p.rep, &p.rep_id), 0, clamp_fen(p.fen), 0),
            EntryBody::Bill(b) if b.pays() => f(b.received, own(&b.rep, &b.rep_id), 0, clamp_fen(b.fen), 0),
            EntryBody::Return(r) if r.approved => {
                let rep = r.dlv.as_deref().map_or(NOBODY, |d| order_rep(delivery_order(d)));
                f(r.date, rep, 0, 0, clamp_fen(r.fen))
            }
            _ => None,
        }
    })
}

/// One customer's figures for every month from `from` to `to` (inclusive), zero months included.
pub fn monthly(entries: &[Entry], from: YearMonth, to: YearMonth) -> Vec<MonthFigures> {
    let n = usize::try_from(from.months_until(to) + 1).unwrap_or(0);
    let mut out: Vec<MonthFigures> = (0..n as i64).map(|i| MonthFigures { month: YearMonth::from_index(from.index() + i), ..Default::default() }).collect();
    for fl in flows(entries) {
        let Ok(i) = usize::try_from(from.months_until(YearMonth::of(fl.date))) else { continue };
        if let Some(m) = out.get_mut(i) {
            m.sales = m.sales.saturating_add(fl.sales);
            m.collections = m.collections.saturating_add(fl.collections);
            m.returns = m.returns.saturating_add(fl.returns);
        }
    }
    out
}

/// One rep's figures in one month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RepMonth<'a> {
    /// A linked rep by id (a renamed rep stays one row), else the name written; `Named("")`:
    /// no rep recorded.
    pub rep: RepRef<'a>,
    /// A name written on one of the entries, shown for a rep no longer on the list.
    pub written: &'a str,
    pub month: YearMonth,
    pub sales: i64,
    pub collections: i64,
    pub returns: i64,
}

impl<'a> RepMonth<'a> {
    /// The rep as shown now (see [`RepRef::name`]).
    pub fn rep_name(&self, reps: &'a [Rep]) -> &'a str {
        self.rep.name(reps).unwrap_or(self.written)
    }
}

/// Figures per rep and month over many customers' files, months `from`..=`to`; only rows with
/// something in them, by rep then month.
pub fn monthly_by_rep<'a>(customers: impl IntoIterator<Item = &'a [Entry]>, from: YearMonth, to: YearMonth) -> Vec<RepMonth<'a>> {
    let mut map: BTreeMap<(RepRef<'a>, YearMonth), (&'a str, i64, i64, i64)> = BTreeMap::new();
    for entries in customers {
        for fl in flows(entries) {
            let m = YearMonth::of(fl.date);
            if m < from || m > to {
                continue;
            }
            let slot = map.entry((fl.rep.0, m)).or_insert((fl.rep.1, 0, 0, 0));
            slot.1 = slot.1.saturating_add(fl.sales);
            slot.2 = slot.2.saturating_add(fl.collections);
            slot.3 = slot.3.saturating_add(fl.returns);
        }
    }
    map.into_iter()
        .map(|((rep, month), (written, sales, collections, returns))| RepMonth { rep, written, month, sales, collections, returns })
        .collect()
}

/// Does the period add up: opening receivable + sales − collections − returns = closing?
/// Receivables here are balances (open − credit on account), as the replay computes them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PeriodBalance {
    pub opening: i64,
    pub sales: i64,
    pub collections: i64,
    pub returns: i64,
    pub closing: i64,
}

impl PeriodBalance {
    pub fn expected_closing(&self) -> i64 {
        self.opening.saturating_add(self.sales).saturating_sub(self.collections).saturating_sub(self.returns)
    }

    /// Closing minus what the flows say it should be; zero when it balances.
    pub fn difference(&self) -> i64 {
        self.closing.saturating_sub(self.expected_closing())
    }

    pub fn balances(&self) -> bool {
        self.difference() == 0
    }

    /// Collections as a share of sales, in percent (`None` without sales).
    pub fn collection_rate_pct(&self) -> Option<i64> {
        (self.sales > 0).then(|| (i128::from(self.collections) * 100 / i128::from(self.sales)) as i64)
    }
}

impl AddAssign for PeriodBalance {
    fn add_assign(&mut self, o: PeriodBalance) {
        self.opening = self.opening.saturating_add(o.opening);
        self.sales = self.sales.saturating_add(o.sales);
        self.collections = self.collections.saturating_add(o.collections);
        self.returns = self.returns.saturating_add(o.returns);
        self.closing = self.closing.saturating_add(o.closing);
    }
}

/// The balance check of one customer for `from`..=`to`. Opening and closing come from replaying
/// the file, the flows from summing it, so a replay that lost or made up money shows here.
pub fn period_balance(entries: &[Entry], from: NaiveDate, to: NaiveDate) -> PeriodBalance {
    let opening = match from.pred_opt() {
        Some(day_before) => CustomerLedger::build_until(entries, Some(day_before), to).balance(),
        None => 0,
    };
    let closing = CustomerLedger::build_until(entries, Some(to), to).balance();
    let mut out = PeriodBalance { opening, closing, ..PeriodBalance::default() };
    for fl in flows(entries).filter(|f| f.date >= from && f.date <= to) {
        out.sales = out.sales.saturating_add(fl.sales);
        out.collections = out.collections.saturating_add(fl.collections);
        out.returns = out.returns.saturating_add(fl.returns);
    }
    out
}

/// Sales (deliveries) of the `n` months ending with `last`, oldest first. Grading (DOMAIN 4.3)
/// passes the last complete month, `YearMonth::of(today).prev()`.
pub fn sales_series(entries: &[Entry], last: YearMonth, n: usize) -> Vec<i64> {
    let mut out = vec![0i64; n];
    let first = YearMonth::from_index(last.index() - n as i64 + 1);
    for e in entries {
        let EntryBody::Delivery(d) = &e.body else { continue };
        if e.deleted {
            continue;
        }
        if let Ok(i) = usize::try_from(first.months_until(YearMonth::of(d.date))) {
            if let Some(slot) = out.get_mut(i) {
                *slot = slot.saturating_add(d.booked());
            }
        }
    }
    out
}

/// A customer with overdue receivables, for the day's collection route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OverdueRow<'a> {
    pub customer_id: &'a str,
    /// Σ open receivables past due.
    pub overdue_fen: i64,
    pub oldest_due: NaiveDate,
    pub max_days: i64,
}

/// Customers with anything overdue: most days overdue first, then the larger amount, then id.
/// Each item of `customers` is one customer's entries (see [`group_by_customer`]).
pub fn overdue_list<'a>(customers: impl IntoIterator<Item = &'a [Entry]>, today: NaiveDate) -> Vec<OverdueRow<'a>> {
    let mut scratch = LedgerScratch::default();
    let mut rows = Vec::new();
    for entries in customers {
        let Some(first) = entries.first() else { continue };
        let a = scratch.aging(entries, today);
        if let (Some(oldest_due), true) = (a.oldest_due, a.aging.overdue() > 0) {
            rows.push(OverdueRow { customer_id: &first.customer_id, overdue_fen: a.aging.overdue(), oldest_due, max_days: a.max_days_overdue });
        }
    }
    rows.sort_by(|a, b| b.max_days.cmp(&a.max_days).then(b.overdue_fen.cmp(&a.overdue_fen)).then(a.customer_id.cmp(b.customer_id)));
    rows
}

/// Splits entries held customer by customer (each customer's entries together, as the sample
/// and the store keep them) into one slice per customer.
pub fn group_by_customer(entries: &[Entry]) -> Vec<&[Entry]> {
    entries.chunk_by(|a, b| a.customer_id == b.customer_id).collect()
}

/// How many customers one referrer (a customer) introduced in one year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReferralCount<'a> {
    pub referrer: &'a str,
    pub year: i32,
    pub count: u32,
}

impl ReferralCount<'_> {
    pub fn is_vip(&self) -> bool {
        self.count >= VIP_REFERRALS_PER_YEAR
    }
}

/// Referral counts per referrer customer per year over any entries (all customers' files). Each
/// referred customer counts once per referrer and year, however many entries say so.
pub fn referral_counts(entries: &[Entry]) -> Vec<ReferralCount<'_>> {
    let mut seen: BTreeMap<(&str, i32, &str), ()> = BTreeMap::new();
    for e in entries {
        let EntryBody::Referral(r) = &e.body else { continue };
        if e.deleted {
            continue;
        }
        if let Some(by) = r.by_customer.as_deref().filter(|b| !b.is_empty() && *b != e.customer_id) {
            seen.insert((by, r.date.year(), &e.customer_id), ());
        }
    }
    let mut out: Vec<ReferralCount> = Vec::new();
    for (referrer, year, _) in seen.into_keys() {
        match out.last_mut() {
            Some(last) if last.referrer == referrer && last.year == year => last.count += 1,
            _ => out.push(ReferralCount { referrer, year, count: 1 }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::*;
    use crate::primitives::clock::{Hlc, Stamp};

    fn d(s: &str) -> NaiveDate {
        crate::validation::check::date(s).unwrap()
    }

    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    fn e(id: &str, cid: &str, body: EntryBody) -> Entry {
        Entry::new(id.into(), cid.into(), body, Stamp::new(Hlc { ms: 1, n: 0 }, "d"))
    }

    fn order(id: &str, cid: &str, rep: &str) -> Entry {
        let o = Order { no: id.into(), date: d("2025-01-01"), lines: vec![OrderLine { product: "x".into(), qty: 100, unit_fen: 100, unit: String::new() }], rep: rep.into(), ..Default::default() };
        e(id, cid, EntryBody::Order(o))
    }

    fn delivery(id: &str, cid: &str, oid: &str, date: &str, qty: i64) -> Entry {
        let lines = vec![DeliveryLine { line: 0, qty, unit_fen: 100 }];
        let dl = Delivery { oid: oid.into(), date: d(date), lines, fen: qty * 100, due: d(date) + chrono::Days::new(30), note: String::new() };
        e(id, cid, EntryBody::Delivery(dl))
    }

    fn payment(id: &str, cid: &str, date: &str, fen: i64, rep: &str) -> Entry {
        e(id, cid, EntryBody::Payment(Payment { date: d(date), fen, rep: rep.into(), ..Default::default() }))
    }

    fn file() -> Vec<Entry> {
        let mut v = vec![
            order("o", "c", "王伟"),
            delivery("d1", "c", "o", "2025-01-10", 10),
            delivery("d2", "c", "o", "2025-02-10", 20),
            payment("p1", "c", "2025-02-05", 600, "李娜"),
            payment("p2", "c", "2025-03-01", 1400, "王伟"),
        ];
        let r = Adjustment { date: d("2025-02-20"), fen: 300, approved: true, dlv: Some("d2".into()), ..Default::default() };
        v.push(e("r", "c", EntryBody::Return(r)));
        let b = Bill { fen: 500, received: d("2025-03-02"), due: d("2025-06-01"), status: BillStatus::Dishonoured, rep: "李娜".into(), ..Default::default() };
        v.push(e("b", "c", EntryBody::Bill(b)));
        v
    }

    #[test]
    fn year_months_step_across_years() {
        assert_eq!(ym(2024, 12).next(), ym(2025, 1));
        assert_eq!(ym(2025, 1).prev(), ym(2024, 12));
        assert_eq!(ym(2024, 11).months_until(ym(2025, 2)), 3);
        assert_eq!(ym(2024, 2).last_day(), Some(d("2024-02-29")));
        assert_eq!(ym(2025, 3).to_string(), "2025-03");
        assert_eq!(YearMonth::new(2025, 13), None);
        assert_eq!(YearMonth::of(d("2025-07-31")), ym(2025, 7));
    }

    #[test]
    fn months_of_one_customer() {
        let m = monthly(&file(), ym(2024, 12), ym(2025, 3));
        let rows: Vec<(String, i64, i64, i64)> = m.iter().map(|x| (x.month.to_string(), x.sales, x.collections, x.returns)).collect();
        assert_eq!(
            rows,
            [
                ("2024-12".to_string(), 0, 0, 0),
                ("2025-01".to_string(), 1000, 0, 0),
                ("2025-02".to_string(), 2000, 600, 300),
                ("2025-03".to_string(), 0, 1400, 0),
            ]
        );
        assert!(monthly(&file(), ym(2025, 3), ym(2025, 1)).is_empty());
    }

    #[test]
    fn months_per_rep() {
        let f = file();
        let other = vec![order("o2", "k", "李娜"), delivery("x", "k", "o2", "2025-02-11", 5)];
        let rows = monthly_by_rep([f.as_slice(), other.as_slice()], ym(2025, 1), ym(2025, 3));
        let got: Vec<(&str, String, i64, i64, i64)> = rows.iter().map(|r| (r.rep_name(&[]), r.month.to_string(), r.sales, r.collections, r.returns)).collect();
        assert_eq!(
            got,
            [
                ("李娜", "2025-02".to_string(), 500, 600, 0),
                ("王伟", "2025-01".to_string(), 1000, 0, 0),
                // The return names a delivery of 王伟's order.
                ("王伟", "2025-02".to_string(), 2000, 0, 300),
                ("王伟", "2025-03".to_string(), 0, 1400, 0),
            ]
        );

        // Linked to rep r1, written under two names (renamed in between): one rep, shown by the
        // name the rep has now; a name as written is a rep of its own.
        let linked = |id: &str, date: &str, fen: i64, name: &str| {
            let p = Payment { date: d(date), fen, rep: name.into(), rep_id: "r1".into(), ..Default::default() };
            e(id, "k", EntryBody::Payment(p))
        };
        let renamed = vec![linked("q1", "2025-01-05", 100, "王伟"), linked("q2", "2025-01-20", 50, "王伟伟"), payment("q3", "k", "2025-01-21", 7, "王伟")];
        let rows = monthly_by_rep([renamed.as_slice()], ym(2025, 1), ym(2025, 1));
        let reps = [Rep { id: "r1".into(), name: "王大伟".into(), ..Default::default() }];
        let got: Vec<(RepRef, &str, i64)> = rows.iter().map(|r| (r.rep, r.rep_name(&reps), r.collections)).collect();
        assert_eq!(got, [(RepRef::Id("r1"), "王大伟", 150), (RepRef::Named("王伟"), "王伟", 7)]);
        // Without r1 on the list, a name it was written under.
        assert_eq!(rows[0].rep_name(&[]), "王伟");
    }

    #[test]
    fn period_balances() {
        let f = file();
        let p = period_balance(&f, d("2025-02-01"), d("2025-02-28"));
        assert_eq!(p, PeriodBalance { opening: 1000, sales: 2000, collections: 600, returns: 300, closing: 2100 });
        assert!(p.balances());
        assert_eq!(p.collection_rate_pct(), Some(30));
        let whole = period_balance(&f, d("2024-01-01"), d("2025-12-31"));
        assert_eq!((whole.opening, whole.closing), (0, 700));
        assert!(whole.balances());
        let mut t = p;
        t += p;
        assert_eq!(t.sales, 4000);
        assert!(t.balances());
        // A closing that does not match the flows is reported, with the difference.
        let bad = PeriodBalance { closing: 2000, ..p };
        assert!(!bad.balances());
        assert_eq!(bad.difference(), -100);
    }

    #[test]
    fn sales_series_ends_with_the_given_month() {
        let f = file();
        assert_eq!(sales_series(&f, ym(2025, 3), 3), [1000, 2000, 0]);
        assert_eq!(sales_series(&f, ym(2025, 2), 1), [2000]);
        assert!(sales_series(&f, ym(2025, 2), 0).is_empty());
    }

    #[test]
    fn overdue_list_for_the_route() {
        let a = vec![order("o", "a", "r"), delivery("a1", "a", "o", "2025-01-01", 10)]; // due 01-31
        let b = vec![order("o", "b", "r"), delivery("b1", "b", "o", "2025-01-01", 50)]; // same age, more
        let c = vec![order("o", "c", "r"), delivery("c1", "c", "o", "2025-03-01", 50)]; // not due
        let z = vec![order("o", "z", "r"), delivery("z1", "z", "o", "2024-12-01", 1)]; // oldest
        let mut all = Vec::new();
        for v in [&a, &b, &c, &z] {
            all.extend(v.iter().cloned());
        }
        let groups = group_by_customer(&all);
        assert_eq!(groups.len(), 4);
        let rows = overdue_list(groups, d("2025-03-02"));
        let got: Vec<(&str, i64, i64)> = rows.iter().map(|r| (r.customer_id, r.overdue_fen, r.max_days)).collect();
        assert_eq!(got, [("z", 100, 61), ("b", 5000, 30), ("a", 1000, 30)]);
        assert_eq!(rows[0].oldest_due, d("2024-12-31"));
    }

    #[test]
    fn referrals_per_referrer_and_year() {
        let r = |id: &str, cid: &str, by: &str, date: &str| {
            e(id, cid, EntryBody::Referral(Referral { date: d(date), by_customer: Some(by.into()), ..Default::default() }))
        };
        let mut v = vec![
            r("1", "x", "vip", "2025-01-01"),
            r("2", "y", "vip", "2025-05-01"),
            r("3", "z", "vip", "2025-09-01"),
            // The same referred customer twice counts once.
            r("4", "z", "vip", "2025-10-01"),
            r("5", "w", "vip", "2024-03-01"),
            r("6", "w", "other", "2025-03-01"),
            // Self-referral and name-only referrals do not count.
            r("7", "q", "q", "2025-03-01"),
            e("8", "p", EntryBody::Referral(Referral { date: d("2025-01-01"), by_name: "老张".into(), ..Default::default() })),
        ];
        v.push(r("9", "u", "vip", "2025-11-01"));
        v[8].deleted = true;
        let counts = referral_counts(&v);
        let got: Vec<(&str, i32, u32, bool)> = counts.iter().map(|c| (c.referrer, c.year, c.count, c.is_vip())).collect();
        assert_eq!(got, [("other", 2025, 1, false), ("vip", 2024, 1, false), ("vip", 2025, 3, true)]);
    }
}
