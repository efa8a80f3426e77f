//! Credit class A/B/C (seed 004, DOMAIN §5): what each means, how often a written credit report
//! (书面客户信用调查报告) is due — A every half year, B every 3 months, C monthly — and the terms
//! each class proposes (seed 000: 在客户信用等级分类的基础上，确定对不同客户的交易条件、信用限度和
//! 交易业务信用处理方法; the seeds give only that principle, so the wording of each class's terms
//! and which of the methods' results it proposes are our choice).
//!
//! Month arithmetic is calendar months, clamped to the month's end as in `grading::cadence`
//! (Aug 31 + 6 months = Feb 28, or Feb 29 in a leap year). A customer never reported on is due
//! `today`.

use super::limits::Limit;
use crate::primitives::lang::Lang;
use chrono::{Months, NaiveDate};

coded! {
    /// 信用等级 (seed 004's A/B/C 类客户).
    pub enum CreditClass {
        A = "A", "A类", "Class A";
        B = "B", "B类", "Class B";
        C = "C", "C类", "Class C";
    }
}

impl CreditClass {
    /// What the class means (seed 004).
    pub fn meaning(self, lang: Lang) -> &'static str {
        match self {
            CreditClass::A => lang.pick(
                "规模大、信誉高、资金雄厚、属超一流公司的客户",
                "large, highly reputable and well funded: a first-rate company",
            ),
            CreditClass::B => lang.pick("信用状况一般、信誉较好的客户", "average credit, good reputation"),
            CreditClass::C => lang.pick(
                "一般的中小客户、新客户、口碑不佳的客户",
                "an ordinary small or medium customer, a new customer, or one with a poor reputation",
            ),
        }
    }

    /// Months between written credit reports: 6, 3, 1 (seed 004).
    pub fn report_months(self) -> u32 {
        match self {
            CreditClass::A => 6,
            CreditClass::B => 3,
            CreditClass::C => 1,
        }
    }

    /// "每半年一次" / "every half year"…
    pub fn cadence_label(self, lang: Lang) -> &'static str {
        match self {
            CreditClass::A => lang.pick("每半年一次", "every half year"),
            CreditClass::B => lang.pick("每三个月一次", "every 3 months"),
            CreditClass::C => lang.pick("每月一次", "monthly"),
        }
    }

    /// When the next written report is due after the last one on `last` (never reported:
    /// `today`). `None` only outside chrono's calendar.
    pub fn next_report(self, last: Option<NaiveDate>, today: NaiveDate) -> Option<NaiveDate> {
        match last {
            None => Some(today),
            Some(d) => d.checked_add_months(Months::new(self.report_months())),
        }
    }

    /// Whether a written report is due (or overdue) on `today`.
    pub fn report_due(self, last: Option<NaiveDate>, today: NaiveDate) -> bool {
        self.next_report(last, today).is_some_and(|d| d <= today)
    }

    /// The proposed trade terms, limit and handling (our wording, after seed 000's principle).
    pub fn handling(self, lang: Lang) -> &'static str {
        match self {
            CreditClass::A => lang.pick(
                "交易条件从宽，可给较长的信用期限；信用限度可取各方法结果中的较高者；每半年提交书面信用报告，平时口头报告。",
                "generous terms, a longer credit period may be given; the limit may be the highest of the methods' results; a written credit report every half year, oral reports day to day.",
            ),
            CreditClass::B => lang.pick(
                "标准交易条件；信用限度取各方法结果的中间值；每三个月提交书面信用报告，留意付款情况。",
                "standard terms; the limit is the middle of the methods' results; a written credit report every 3 months, watch how it pays.",
            ),
            CreditClass::C => lang.pick(
                "交易条件从严，信用期限短或款到发货；信用限度取各方法结果中的最低者，新客户从低起步；每月提交书面信用报告，信用恶化时要求担保或增加保证金。",
                "strict terms, a short credit period or payment before delivery; the limit is the lowest of the methods' results, new customers start low; a written credit report every month, a guarantor or a higher deposit when credit worsens.",
            ),
        }
    }

    /// The limit the class proposes among the methods' results: A the highest, B the middle (the
    /// lower of the two middles), C the lowest; ties go to the earlier method. `None` without
    /// any result.
    pub fn propose(self, limits: &[Limit]) -> Option<&Limit> {
        let mut sorted: Vec<&Limit> = limits.iter().collect();
        // Stable: among equal amounts the earlier method stays first.
        sorted.sort_by_key(|l| l.fen);
        let pick = match self {
            CreditClass::A => {
                let top = sorted.last()?.fen;
                sorted.iter().position(|l| l.fen == top)?
            }
            CreditClass::B => {
                let mid = sorted.get((sorted.len().checked_sub(1)?) / 2)?.fen;
                sorted.iter().position(|l| l.fen == mid)?
            }
            CreditClass::C => 0,
        };
        sorted.get(pick).copied()
    }
}
