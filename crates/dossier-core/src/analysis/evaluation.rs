//! 客户情况综合评价表: the 客户资料 column filled from what the archive knows (seed 004 表4-5;
//! the manager writes 评语, 存在的问题 and 改进措施, and the two rows only the customer can
//! answer, 客户对本公司的评价 and 客户对销售业务的支持程度).
//!
//! Every figure is over [`window`]: the twelve calendar months up to and including the month of
//! `today` (the same months the app reads from the summaries for the share of our sales). Orders
//! are live orders that are neither 草稿 nor 已取消, by their date; sales are net sales as the
//! grading counts them (`grading::sales`: deliveries less approved returns); a payment is late
//! when a delivery of the window was paid in full after its due date or is still open past it;
//! a delivery is late when an order of the window with a 要求交货日期 had a delivery after that
//! day, or still has something to deliver after it.

use chrono::NaiveDate;

use crate::customer::Customer;
use crate::grading::sales::{monthly_net_sales, MonthlySales, SalesWindow};
use crate::ledger::{customer_since, order_progress, CustomerLedger, Entry, EntryBody, YearMonth};
use crate::primitives::codes::Stage;
use crate::primitives::lang::Lang;
use crate::primitives::ledger_codes::{EvalItem, OrderStatus};
use crate::primitives::money::format_yuan_grouped;

/// Months the prefill looks back over.
pub const MONTHS: u8 = 12;

/// The twelve months up to and including `today`'s.
pub fn window(today: NaiveDate) -> SalesWindow {
    let last = YearMonth::of(today);
    let first = YearMonth::from_index(last.index() - i64::from(MONTHS) + 1);
    SalesWindow { first, last, months: MONTHS }
}

/// A customer's share of the company's net sales in `window`, in basis points (1/100 %), from
/// the summaries' sales by month: `all` is every live customer's (this one's included). `None`
/// when the company sold nothing net in those months.
pub fn share_bp<'a>(mine: &MonthlySales, all: impl IntoIterator<Item = &'a MonthlySales>, window: &SalesWindow) -> Option<u32> {
    let sum = |s: &MonthlySales| s.in_window(window).iter().map(|m| i128::from(*m)).sum::<i128>();
    let total: i128 = all.into_iter().map(sum).sum();
    if total <= 0 {
        return None;
    }
    let part = sum(mine).max(0);
    let bp = (part * 10_000 + total / 2) / total;
    Some(u32::try_from(bp.min(10_000)).unwrap_or(10_000))
}

/// "12.34%".
pub fn percent_bp(bp: i128) -> String {
    let bp = bp.max(0);
    format!("{}.{:02}%", bp / 100, bp % 100)
}

fn yuan(fen: i64) -> String {
    format!("¥{}", format_yuan_grouped(fen))
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// One decimal: 85 tenths → "8.5", 80 → "8".
fn tenths(t: i128) -> String {
    if t % 10 == 0 { (t / 10).to_string() } else { format!("{}.{}", t / 10, t % 10) }
}

/// `a / b` rounded half up, for non-negative `a` and positive `b`.
fn div_round(a: i128, b: i128) -> i128 {
    (a + b / 2) / b
}

/// The parts of one cell, joined as a sentence of the language.
fn join(lang: Lang, parts: Vec<String>) -> String {
    let parts: Vec<String> = parts.into_iter().filter(|p| !p.is_empty()).collect();
    parts.join(lang.pick("；", "; "))
}

/// What the archive says for each row it can fill, in the seed's order (rows it cannot fill are
/// left out): see the module docs for what is counted. `share_bp` is [`share_bp`] (the app has
/// the summaries), `visit_plan` the plan of the customer's grade as the app words it (the plan is
/// a setting). Pure: `today` is given.
pub fn prefill(
    c: &Customer,
    file: &[Entry],
    share_bp: Option<u32>,
    visit_plan: Option<&str>,
    today: NaiveDate,
    lang: Lang,
) -> Vec<(EvalItem, String)> {
    let zh = lang == Lang::Zh;
    let w = window(today);
    let live = || file.iter().filter(|e| !e.deleted);
    let in_window = |d: NaiveDate| w.index_of(d).is_some();
    let last12 = lang.pick("近12个月", "Last 12 months");
    let mut out = Vec::new();

    // 客户的基本情况.
    let mut basic = vec![c.kind().label(lang).to_string()];
    if let Some(n) = c.body.nature() {
        basic.push(format!("{}{}", lang.pick("性质：", "nature: "), n.label(lang)));
    }
    if let Some(k) = c.body.category() {
        basic.push(format!("{}{}", lang.pick("类别：", "category: "), k.label(lang)));
    }
    basic.push(c.stage.label(lang).to_string());
    if let Some(t) = c.tier {
        basic.push(format!("{}{}", lang.pick("重要程度：", "importance: "), t.label(lang)));
    }
    if !c.region.is_empty() {
        basic.push(format!("{}{}", lang.pick("地区：", "region: "), c.region));
    }
    let since = day(customer_since(c));
    basic.push(match (zh, c.stage) {
        (true, Stage::Potential) => format!("{since} 建档"),
        (true, _) => format!("自 {since} 起往来"),
        (false, Stage::Potential) => format!("on file since {since}"),
        (false, _) => format!("customer since {since}"),
    });
    out.push((EvalItem::Basic, join(lang, basic)));

    // Orders of the window.
    let orders: Vec<(&Entry, &crate::ledger::Order)> = live()
        .filter_map(|e| match &e.body {
            EntryBody::Order(o) if !matches!(o.status, OrderStatus::Draft | OrderStatus::Cancelled) && in_window(o.date) => Some((e, o)),
            _ => None,
        })
        .collect();
    let n = orders.len() as i128;
    let amount: i128 = orders.iter().map(|(_, o)| i128::from(o.amount().unwrap_or(0).max(0))).sum();
    let qty: i128 = orders.iter().flat_map(|(_, o)| &o.lines).map(|l| i128::from(l.qty.max(0))).sum();
    let net: i64 = monthly_net_sales(file, &w).iter().fold(0i64, |a, m| a.saturating_add(*m));

    // 每次订购产品的数量.
    let per_order = if n == 0 {
        if zh { format!("{last12}无订单") } else { format!("{last12}: no orders") }
    } else {
        let avg = i64::try_from(div_round(amount, n)).unwrap_or(i64::MAX);
        let q = tenths(div_round(qty * 10, n));
        if zh {
            format!("{last12}平均每单 {}，{q} 件（共 {n} 单）", yuan(avg))
        } else {
            format!("{last12}: {} and {q} units per order on average ({n} orders)", yuan(avg))
        }
    };
    out.push((EvalItem::OrderQty, per_order));

    // 订购产品的次数.
    let latest = orders.iter().map(|(_, o)| o.date).max();
    let ever = live().filter(|e| matches!(&e.body, EntryBody::Order(o) if !matches!(o.status, OrderStatus::Draft | OrderStatus::Cancelled))).count();
    let count = match (zh, latest) {
        (true, None) => format!("{last12}未订购（累计 {ever} 次）"),
        (true, Some(d)) => format!("{last12}订购 {n} 次，最近一次 {}（累计 {ever} 次）", day(d)),
        (false, None) => format!("{last12}: no orders ({ever} in all)"),
        (false, Some(d)) => format!("{last12}: {n} orders, the latest on {} ({ever} in all)", day(d)),
    };
    out.push((EvalItem::OrderCount, count));

    // 占公司销售总额的比例.
    let sales = if zh { format!("{last12}销售额 {}", yuan(net)) } else { format!("{last12}: net sales {}", yuan(net)) };
    let share = match share_bp {
        Some(bp) => {
            let p = percent_bp(i128::from(bp));
            if zh { format!("{sales}，占公司销售总额 {p}") } else { format!("{sales}, {p} of the company's sales") }
        }
        None => sales,
    };
    out.push((EvalItem::Share, share));

    // 销售费用水平: what the activities with this customer cost.
    let (cost, activities) = live()
        .filter_map(|e| match &e.body {
            EntryBody::Activity(a) if a.cost_fen > 0 && in_window(a.date) => Some(a.cost_fen),
            _ => None,
        })
        .fold((0i64, 0usize), |(s, k), f| (s.saturating_add(f), k + 1));
    let selling = if activities == 0 {
        if zh { format!("{last12}无销售费用记录") } else { format!("{last12}: no selling costs recorded") }
    } else {
        let ratio = (net > 0).then(|| percent_bp(div_round(i128::from(cost) * 10_000, i128::from(net))));
        match (zh, ratio) {
            (true, Some(r)) => format!("{last12}销售费用 {}（{activities} 次活动），占该客户销售额 {r}", yuan(cost)),
            (true, None) => format!("{last12}销售费用 {}（{activities} 次活动）", yuan(cost)),
            (false, Some(r)) => format!("{last12}: selling costs {} ({activities} activities), {r} of this customer's sales", yuan(cost)),
            (false, None) => format!("{last12}: selling costs {} ({activities} activities)", yuan(cost)),
        }
    };
    out.push((EvalItem::SellingCost, selling));

    // 贷款费用水平: what the customer owes and how late.
    let ledger = CustomerLedger::build(file, today);
    let terms = if zh { format!("账期 {} 天", c.credit_days()) } else { format!("credit period {} days", c.credit_days()) };
    let mut credit = Vec::new();
    if ledger.open > 0 {
        let overdue = ledger.aging.overdue();
        credit.push(match (zh, ledger.oldest_overdue()) {
            (true, Some(r)) => format!("应收账款 {}，其中逾期 {}，最长逾期 {} 天", yuan(ledger.open), yuan(overdue), r.days_overdue),
            (true, None) => format!("应收账款 {}，均未到期", yuan(ledger.open)),
            (false, Some(r)) => format!("receivables {}, of which {} overdue, the oldest {} days", yuan(ledger.open), yuan(overdue), r.days_overdue),
            (false, None) => format!("receivables {}, none overdue", yuan(ledger.open)),
        });
    } else {
        credit.push(lang.pick("无应收账款", "nothing owed").to_string());
    }
    if ledger.unsettled_notes > 0 {
        credit.push(if zh { format!("未结算票据 {}", yuan(ledger.unsettled_notes)) } else { format!("unsettled notes {}", yuan(ledger.unsettled_notes)) });
    }
    let paid: Vec<i64> = ledger
        .receivables
        .iter()
        .filter(|r| in_window(r.date))
        .filter_map(|r| r.settled_on.map(|s| (s - r.date).num_days().max(0)))
        .collect();
    if !paid.is_empty() {
        let avg = div_round(paid.iter().map(|d| i128::from(*d)).sum(), paid.len() as i128);
        credit.push(if zh { format!("{last12}平均 {avg} 天收回货款") } else { format!("paid {avg} days after delivery on average") });
    }
    credit.push(terms);
    out.push((EvalItem::CreditCost, join(lang, credit)));

    // 访问计划: the plan of the grade, and the visits made.
    let visits: Vec<NaiveDate> = live()
        .filter_map(|e| match &e.body {
            EntryBody::Visit(v) => v.actual.filter(|d| in_window(*d) && *d <= today),
            _ => None,
        })
        .collect();
    let made = match (zh, visits.iter().max()) {
        (true, None) => format!("{last12}无访问记录"),
        (true, Some(d)) => format!("{last12}访问 {} 次，最近一次 {}", visits.len(), day(*d)),
        (false, None) => format!("{last12}: no visits recorded"),
        (false, Some(d)) => format!("{last12}: {} visits, the latest on {}", visits.len(), day(*d)),
    };
    out.push((EvalItem::VisitPlan, join(lang, vec![visit_plan.unwrap_or_default().trim().to_string(), made])));

    // 延迟的情况: late payments and late deliveries.
    let late_payments = ledger.receivables.iter().filter(|r| in_window(r.date)).filter(|r| match r.settled_on {
        Some(s) => s > r.due,
        None => r.open > 0 && r.days_overdue > 0,
    });
    let (late, still_open) = late_payments.fold((0usize, 0usize), |(k, o), r| (k + 1, o + usize::from(r.open > 0)));
    let late_deliveries = orders
        .iter()
        .filter(|(e, o)| {
            let Some(asked) = o.requested else { return false };
            let after = live().any(|x| matches!(&x.body, EntryBody::Delivery(d) if d.oid == e.id && d.date > asked));
            let waiting = matches!(o.status, OrderStatus::Open | OrderStatus::Blocked)
                && asked < today
                && order_progress(file, &e.id, None).is_some_and(|p| p.iter().any(|l| l.remaining > 0));
            after || waiting
        })
        .count();
    let delays = match (zh, late, still_open) {
        (true, 0, _) => format!("{last12}无逾期付款"),
        (true, k, 0) => format!("{last12}逾期付款 {k} 笔"),
        (true, k, o) => format!("{last12}逾期付款 {k} 笔（{o} 笔仍未付清）"),
        (false, 0, _) => format!("{last12}: no late payments"),
        (false, k, 0) => format!("{last12}: {k} late payments"),
        (false, k, o) => format!("{last12}: {k} late payments ({o} still open)"),
    };
    let deliveries = match (zh, late_deliveries) {
        (true, 0) => "无延迟交货".to_string(),
        (true, k) => format!("延迟交货 {k} 单"),
        (false, 0) => "no late deliveries".to_string(),
        (false, k) => format!("{k} orders delivered late"),
    };
    out.push((EvalItem::Delays, join(lang, vec![delays, deliveries])));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::card::CardBody;
    use crate::customer::enterprise::Enterprise;
    use crate::ledger::{Activity, Delivery, DeliveryLine, Order, OrderLine, Payment, Visit};
    use crate::primitives::clock::{Hlc, Stamp};
    use crate::primitives::codes::{Category, Nature, Tier};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[derive(Default)]
    struct File(Vec<Entry>);

    impl File {
        fn push(&mut self, id: &str, body: EntryBody) -> &mut Entry {
            let n = self.0.len() as u64;
            self.0.push(Entry::new(id.into(), "c".into(), body, Stamp::new(Hlc { ms: n + 1, n: 0 }, "d")));
            self.0.last_mut().unwrap()
        }
        fn order(&mut self, id: &str, date: &str, lines: &[(i64, i64)], status: OrderStatus, requested: Option<&str>) {
            let lines = lines.iter().map(|&(qty, unit_fen)| OrderLine { product: "纸箱".into(), qty, unit_fen, unit: String::new() }).collect();
            let o = Order { no: id.into(), date: d(date), lines, status, requested: requested.map(d), ..Order::default() };
            self.push(id, EntryBody::Order(o));
        }
        /// Delivers the whole first line of order `oid`.
        fn delivery(&mut self, id: &str, oid: &str, date: &str, due: &str, qty: i64, unit_fen: i64) {
            let lines = vec![DeliveryLine { line: 0, qty, unit_fen }];
            let dl = Delivery { oid: oid.into(), date: d(date), lines, fen: qty * unit_fen, due: d(due), note: String::new() };
            self.push(id, EntryBody::Delivery(dl));
        }
        fn payment(&mut self, id: &str, date: &str, fen: i64) {
            self.push(id, EntryBody::Payment(Payment { date: d(date), fen, ..Payment::default() }));
        }
        fn activity(&mut self, id: &str, date: &str, cost_fen: i64) {
            self.push(id, EntryBody::Activity(Activity { date: d(date), cost_fen, ..Activity::default() }));
        }
        fn visit(&mut self, id: &str, date: &str) -> &mut Entry {
            self.push(id, EntryBody::Visit(Visit { actual: Some(d(date)), ..Visit::default() }))
        }
    }

    fn customer() -> Customer {
        let mut e = Enterprise::default();
        e.basic.name = "华东纸业".into();
        e.basic.nature = Some(Nature::State);
        e.basic.category = Some(Category::Wholesaler1);
        e.basic.first_trade = Some(d("2023-04-01"));
        // Created 2024-01-01 (ms since the epoch): the first trade is earlier, so it is the start.
        let created = Stamp::new(Hlc { ms: 1_704_067_200_000, n: 0 }, "d");
        let mut c = Customer::new("c".into(), "KH-2024-000001".into(), CardBody::Enterprise(e), created);
        c.stage = Stage::Current;
        c.tier = Some(Tier::Key);
        c.region = "华东".into();
        c
    }

    /// Today 2026-06-15: the window is 2025-07 … 2026-06.
    fn file() -> File {
        let mut f = File::default();
        // Before the window: counted only in "in all".
        f.order("o0", "2025-03-01", &[(10, 1_000)], OrderStatus::Closed, None);
        f.delivery("d0", "o0", "2025-03-05", "2025-04-04", 10, 1_000);
        f.payment("p0", "2025-03-20", 10_000);
        // Three orders in the window: 100 × ¥10, 40 × ¥25 + 15 × ¥20, 50 × ¥8.
        f.order("o1", "2025-08-10", &[(100, 1_000)], OrderStatus::Closed, Some("2025-08-20"));
        f.order("o2", "2026-01-05", &[(40, 2_500), (15, 2_000)], OrderStatus::Delivered, None);
        f.order("o3", "2026-05-20", &[(50, 800)], OrderStatus::Open, Some("2026-06-01"));
        // Cancelled and draft orders do not count.
        f.order("ox", "2026-02-01", &[(999, 100)], OrderStatus::Cancelled, None);
        f.order("oy", "2026-02-02", &[(999, 100)], OrderStatus::Draft, None);
        // o1 delivered late (asked for 08-20), paid 10 days late; o2 paid on time; o3 not delivered
        // by the day asked (a late delivery).
        f.delivery("d1", "o1", "2025-08-25", "2025-09-24", 100, 1_000);
        f.payment("p1", "2025-10-04", 100_000);
        f.delivery("d2", "o2", "2026-01-10", "2026-02-09", 40, 2_500);
        f.payment("p2", "2026-02-01", 100_000);
        // A part delivery of o2's second line: ¥300, due 2026-04-09, still open (67 days overdue).
        f.push("d3", EntryBody::Delivery(Delivery {
            oid: "o2".into(),
            date: d("2026-03-10"),
            lines: vec![DeliveryLine { line: 1, qty: 15, unit_fen: 2_000 }],
            fen: 30_000,
            due: d("2026-04-09"),
            note: String::new(),
        }));
        // Selling costs: two in the window, one before, one free.
        f.activity("a1", "2025-12-01", 12_000);
        f.activity("a2", "2026-04-01", 3_000);
        f.activity("a0", "2025-01-01", 99_900);
        f.activity("af", "2026-04-02", 0);
        // Visits: two in the window; a deleted one does not count.
        f.visit("v1", "2025-09-01");
        f.visit("v2", "2026-06-02");
        f.visit("vd", "2026-06-03").deleted = true;
        f
    }

    fn text(rows: &[(EvalItem, String)], item: EvalItem) -> &str {
        rows.iter().find(|(i, _)| *i == item).map(|(_, t)| t.as_str()).unwrap_or("")
    }

    #[test]
    fn the_window_is_the_twelve_months_up_to_today() {
        let w = window(d("2026-06-15"));
        assert_eq!((w.first.to_string(), w.last.to_string(), w.months), ("2025-07".into(), "2026-06".into(), 12));
        assert_eq!(w.index_of(d("2025-06-30")), None);
        assert_eq!(w.index_of(d("2026-06-30")), Some(11));
    }

    #[test]
    fn prefill_counts_the_last_twelve_months() {
        let f = file();
        let plan = "A级：经办人 每月 3 次";
        let rows = prefill(&customer(), &f.0, Some(1_234), Some(plan), d("2026-06-15"), Lang::Zh);
        // The two rows only the customer can answer are left to the manager.
        assert_eq!(rows.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [
            EvalItem::Basic,
            EvalItem::OrderQty,
            EvalItem::OrderCount,
            EvalItem::Share,
            EvalItem::SellingCost,
            EvalItem::CreditCost,
            EvalItem::VisitPlan,
            EvalItem::Delays,
        ]);
        assert_eq!(text(&rows, EvalItem::Basic), "企业客户；性质：国营；类别：一级批发商；现有客户；重要程度：重要；地区：华东；自 2023-04-01 起往来");
        // (¥1,000 + ¥1,300 + ¥400) / 3 = ¥900; (100 + 55 + 50) / 3 = 68.3 units.
        assert_eq!(text(&rows, EvalItem::OrderQty), "近12个月平均每单 ¥900.00，68.3 件（共 3 单）");
        assert_eq!(text(&rows, EvalItem::OrderCount), "近12个月订购 3 次，最近一次 2026-05-20（累计 4 次）");
        // Deliveries in the window: ¥1,000 + ¥1,000 + ¥300.
        assert_eq!(text(&rows, EvalItem::Share), "近12个月销售额 ¥2,300.00，占公司销售总额 12.34%");
        // ¥150 of ¥2,300 = 6.52 %.
        assert_eq!(text(&rows, EvalItem::SellingCost), "近12个月销售费用 ¥150.00（2 次活动），占该客户销售额 6.52%");
        // d3 open and 67 days overdue; d1 paid after 40 days, d2 after 22: 31 on average.
        assert_eq!(
            text(&rows, EvalItem::CreditCost),
            "应收账款 ¥300.00，其中逾期 ¥300.00，最长逾期 67 天；近12个月平均 31 天收回货款；账期 30 天"
        );
        assert_eq!(text(&rows, EvalItem::VisitPlan), "A级：经办人 每月 3 次；近12个月访问 2 次，最近一次 2026-06-02");
        // d1 paid late, d3 still open past due; o1 delivered after the day asked, o3 not yet.
        assert_eq!(text(&rows, EvalItem::Delays), "近12个月逾期付款 2 笔（1 笔仍未付清）；延迟交货 2 单");
    }

    #[test]
    fn prefill_in_english_and_with_nothing_to_count() {
        let mut c = customer();
        c.stage = Stage::Potential;
        c.tier = None;
        c.region.clear();
        let rows = prefill(&c, &[], None, None, d("2026-06-15"), Lang::En);
        assert_eq!(text(&rows, EvalItem::Basic), "Enterprise; nature: State-owned; category: First-tier wholesaler; Potential; on file since 2023-04-01");
        assert_eq!(text(&rows, EvalItem::OrderQty), "Last 12 months: no orders");
        assert_eq!(text(&rows, EvalItem::OrderCount), "Last 12 months: no orders (0 in all)");
        assert_eq!(text(&rows, EvalItem::Share), "Last 12 months: net sales ¥0.00");
        assert_eq!(text(&rows, EvalItem::SellingCost), "Last 12 months: no selling costs recorded");
        assert_eq!(text(&rows, EvalItem::CreditCost), "nothing owed; credit period 30 days");
        assert_eq!(text(&rows, EvalItem::VisitPlan), "Last 12 months: no visits recorded");
        assert_eq!(text(&rows, EvalItem::Delays), "Last 12 months: no late payments; no late deliveries");
    }

    #[test]
    fn the_share_is_of_the_whole_company_in_the_window() {
        let w = window(d("2026-06-15"));
        let mine = MonthlySales { delivered: vec![(YearMonth::of(d("2026-01-10")).index(), 2_500)], returned: Vec::new() };
        let other = MonthlySales {
            delivered: vec![(YearMonth::of(d("2024-01-10")).index(), 1_000_000), (YearMonth::of(d("2026-03-01")).index(), 7_500)],
            returned: Vec::new(),
        };
        // 2,500 of 10,000 in the window (the other's sale of 2024 is outside it).
        assert_eq!(share_bp(&mine, [&mine, &other], &w), Some(2_500));
        assert_eq!(share_bp(&mine, [&mine], &w), Some(10_000));
        assert_eq!(share_bp(&MonthlySales::default(), [&MonthlySales::default()], &w), None);
        assert_eq!(percent_bp(1_234), "12.34%");
        assert_eq!(percent_bp(5), "0.05%");
    }
}
