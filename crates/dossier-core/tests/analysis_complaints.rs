//! 投诉分析 (analysis::complaints), worked by hand: the complaints received in Sep–Nov 2026 by
//! type, responsibility and step, days to resolve and to answer, satisfaction, compensation and
//! the customers who complained again.

mod analysis_support;

use analysis_support::*;
use dossier_core::analysis::{complaints, ComplaintAnalysis, Period, RepeatCustomer, Share};
use dossier_core::ledger::{ComplaintFact, YearMonth};
use dossier_core::primitives::ledger_codes::{ComplaintKind as K, ComplaintStep as S, Remedy, Responsibility as R};
use dossier_core::summary::Summary;
use dossier_core::Lang;

fn autumn() -> Period {
    Period { first: YearMonth { year: 2026, month: 9 }, last: YearMonth { year: 2026, month: 11 } }
}

#[allow(clippy::too_many_arguments)]
fn c(id: &str, kind: K, received: &str, answered: Option<&str>, resolved: Option<&str>, step: S, resp: Option<R>, fen: i64, ok: Option<bool>) -> ComplaintFact {
    ComplaintFact {
        id: id.into(),
        kind,
        step,
        responsibility: resp,
        received: d(received),
        answered: answered.map(d),
        resolved: resolved.map(d),
        remedy: (fen > 0).then_some(Remedy::Money),
        fen,
        satisfied: ok,
        ..ComplaintFact::default()
    }
}

fn archive() -> Vec<Summary> {
    vec![
        with("c1", "甲", |s| {
            s.facts.complaints = vec![
                // Received in Aug: outside.
                c("k0", K::Transport, "2026-08-20", None, None, S::Goodwill, Some(R::Carrier), 0, None),
                // Answered in 1 day, resolved in 10, closed, our fault, 500.00 paid, satisfied.
                c("k1", K::Quality, "2026-09-01", Some("2026-09-02"), Some("2026-09-11"), S::Goodwill, Some(R::Us), 50_000, Some(true)),
                // Answered in 3, resolved in 20 (replaced), the supplier's fault, not satisfied.
                c("k2", K::Quality, "2026-10-05", Some("2026-10-08"), Some("2026-10-25"), S::Settled, Some(R::Supplier), 0, Some(false)),
                // Just received, responsibility not recorded (待查).
                c("k3", K::Service, "2026-11-20", None, None, S::Received, None, 0, None),
            ];
        }),
        with("c2", "乙", |s| {
            // Answered the same day, resolved in 3, the carrier's fault, 200.00, satisfied.
            s.facts.complaints = vec![c("k4", K::Transport, "2026-10-10", Some("2026-10-10"), Some("2026-10-13"), S::Goodwill, Some(R::Carrier), 20_000, Some(true))];
        }),
        with("c3", "丙", |s| {
            s.facts.complaints = vec![
                // Answered in 6 days, facts being established, the customer's own fault.
                c("k6", K::Contract, "2026-09-15", Some("2026-09-21"), None, S::Facts, Some(R::Customer), 0, None),
                c("k7", K::Service, "2026-11-01", None, None, S::Received, Some(R::Pending), 0, None),
                // Received in Dec: outside.
                c("k5", K::Quality, "2026-12-01", None, None, S::Received, None, 0, None),
            ];
        }),
        // Deleted: none of its complaints count.
        with("c4", "丁", |s| {
            s.deleted = true;
            s.facts.complaints = vec![
                c("k8", K::Quality, "2026-10-01", Some("2026-10-30"), None, S::Received, None, 99_999, Some(false)),
                c("k9", K::Quality, "2026-10-02", None, None, S::Received, None, 0, None),
            ];
        }),
    ]
}

fn share(key: &str, label: &str, count: usize, fen: i64, bp: u32) -> Share {
    Share { key: key.into(), label: label.into(), count, fen, bp }
}

#[test]
fn complaints_of_the_period() {
    let a = complaints(&archive(), &autumn(), Lang::Zh);
    assert_eq!(
        a,
        ComplaintAnalysis {
            // k1, k2, k3, k4, k6, k7.
            total: 6,
            // Not at 建立商誉: k2, k3, k6, k7.
            open: 4,
            // Quality 2 and Service 2 (equal: the vocabulary's order), Contract 1, Transport 1.
            // 2/6 = 3333.33 (remainder ⅓), 1/6 = 1666.67 (remainder ⅔): the two points left go to
            // the ⅔ remainders.
            by_kind: vec![
                share("quality", "商品质量", 2, 50_000, 3333),
                share("service", "服务", 2, 0, 3333),
                share("contract", "购销合同", 1, 0, 1667),
                share("transport", "货物运输", 1, 20_000, 1667),
            ],
            // 待查 2 (k3 unrecorded, k7); then the ones in the vocabulary's order: three points
            // left go to the first three of the ⅔ remainders.
            by_responsibility: vec![
                share("pending", "待查", 2, 0, 3333),
                share("us", "本公司", 1, 50_000, 1667),
                share("customer", "客户", 1, 0, 1667),
                share("supplier", "供货商", 1, 0, 1667),
                share("carrier", "承运方", 1, 20_000, 1666),
            ],
            // Every step in order, zeros included.
            by_step: vec![
                share("received", "受理", 2, 0, 3333),
                share("facts", "查明事实", 1, 0, 1667),
                share("proposed", "提出解决办法", 0, 0, 0),
                share("settled", "公平解决索赔", 1, 0, 1667),
                share("suggested", "建议推销", 0, 0, 0),
                share("goodwill", "建立商誉", 2, 70_000, 3333),
            ],
            // Resolved in 10, 20 and 3 days: 33 / 3 = 11; the most 20.
            avg_resolve_days: Some(11),
            max_resolve_days: Some(20),
            // Answered in 1, 3, 0 and 6 days: 10 / 4 = 2.5 → 3 (half away from zero).
            avg_response_days: Some(3),
            // Two satisfied of three asked: 6666.67 → 6667.
            satisfied_bp: Some(6667),
            compensation_fen: 70_000,
            // 甲 3, 丙 2 (its Dec one outside); 乙 only once.
            repeat: vec![
                RepeatCustomer { id: "c1".into(), name: "甲".into(), count: 3 },
                RepeatCustomer { id: "c3".into(), name: "丙".into(), count: 2 },
            ],
        }
    );
    let sums: Vec<u32> = [&a.by_kind, &a.by_responsibility, &a.by_step].iter().map(|l| l.iter().map(|r| r.bp).sum()).collect();
    assert_eq!(sums, vec![10_000; 3]);
}

#[test]
fn english_labels() {
    let a = complaints(&archive(), &autumn(), Lang::En);
    assert_eq!(a.by_kind[0].label, "Product quality");
    assert_eq!(a.by_responsibility[0].label, "To be established");
}

#[test]
fn a_quiet_period() {
    let a = complaints(&archive(), &Period::year(2025), Lang::Zh);
    assert_eq!((a.total, a.open, a.compensation_fen), (0, 0, 0));
    assert_eq!((a.avg_resolve_days, a.max_resolve_days, a.avg_response_days, a.satisfied_bp), (None, None, None, None));
    assert!(a.by_kind.is_empty() && a.by_responsibility.is_empty() && a.repeat.is_empty());
    assert_eq!(a.by_step.len(), 6);
    assert!(a.by_step.iter().all(|r| r.count == 0 && r.bp == 0));
}

#[test]
fn one_month_only() {
    // October: k2 and k4; nobody complained twice.
    let oct = Period::month(YearMonth { year: 2026, month: 10 });
    let a = complaints(&archive(), &oct, Lang::Zh);
    assert_eq!((a.total, a.open), (2, 1));
    assert_eq!((a.avg_resolve_days, a.max_resolve_days, a.avg_response_days), (Some(12), Some(20), Some(2)));
    assert_eq!(a.satisfied_bp, Some(5000));
    assert!(a.repeat.is_empty());
}
