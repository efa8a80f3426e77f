//! 交易开始与中止的分析 (seed 004 三(二)): how many customers started and stopped trading in each
//! month of a period. Trade starts on the day its 交易开始调查书 was approved (董事长承认; the
//! earliest approved one) and stops on the latest 中止交易's day, as the summary keeps them.

use super::composition::live;
use super::period::Period;
use crate::ledger::YearMonth;
use crate::summary::Summary;

/// One month's openings and closings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StartStop {
    pub month: YearMonth,
    pub started: usize,
    pub stopped: usize,
}

/// One row per month of the period, oldest first, over the live customers.
pub fn starts_stops(all: &[Summary], period: &Period) -> Vec<StartStop> {
    let mut rows: Vec<StartStop> = period.months().into_iter().map(|month| StartStop { month, started: 0, stopped: 0 }).collect();
    for s in live(all) {
        if let Some(i) = s.facts.started.and_then(|d| period.slot(YearMonth::of(d).index())) {
            rows[i].started += 1;
        }
        if let Some(i) = s.facts.stopped.and_then(|d| period.slot(YearMonth::of(d).index())) {
            rows[i].stopped += 1;
        }
    }
    rows
}

/// Live customers whose 交易开始调查书 still waits for approval.
pub fn starts_waiting(all: &[Summary]) -> usize {
    live(all).filter(|s| s.facts.start_waiting).count()
}
