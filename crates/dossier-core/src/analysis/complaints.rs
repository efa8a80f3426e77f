//! 投诉分析 (seed 003: 处理时间、解决方案、客户是否满意、回访及回应时间; DOMAIN §7 "keep on file
//! and analyse"): the complaints received in a period by type, responsibility and step, how long
//! they took, how satisfied the customers were, what they cost, and who complains again.

use super::composition::live;
use super::period::Period;
use super::share::{bp_by_count, div_round, to_fen, Share, WHOLE_BP};
use crate::primitives::lang::Lang;
use crate::primitives::ledger_codes::{ComplaintKind, ComplaintStep, Responsibility};
use crate::summary::Summary;

/// A customer who complained more than once in the period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RepeatCustomer {
    pub id: String,
    pub name: String,
    pub count: usize,
}

/// The complaints received (受理日期) in the period, of live customers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ComplaintAnalysis {
    pub total: usize,
    /// Not yet at the last step (建立商誉).
    pub open: usize,
    /// By 投诉类型: count, the money compensation settled (`fen`), share of the count. Most first,
    /// then in the vocabulary's order; types with none left out.
    pub by_kind: Vec<Share>,
    /// By 责任方 (待查 when not recorded), as `by_kind`.
    pub by_responsibility: Vec<Share>,
    /// By the step each stands at: every step in the seed's order, zeros included.
    pub by_step: Vec<Share>,
    /// Days from 受理 to 解决, over those resolved: mean (rounded half away from zero) and most.
    pub avg_resolve_days: Option<i64>,
    pub max_resolve_days: Option<i64>,
    /// Days from 受理 to the first answer, over those answered (rounded half away from zero).
    pub avg_response_days: Option<i64>,
    /// Satisfied among those whose customer answered, basis points (rounded half away from zero).
    pub satisfied_bp: Option<u32>,
    /// Money compensation settled, fen.
    pub compensation_fen: i64,
    /// Customers with two or more, most first, then by name.
    pub repeat: Vec<RepeatCustomer>,
}

const KINDS: usize = ComplaintKind::ALL.len();
const RESPS: usize = Responsibility::ALL.len();
const STEPS: usize = ComplaintStep::ALL.len();

fn pos<T: PartialEq>(all: &[T], v: &T) -> usize {
    all.iter().position(|x| x == v).unwrap_or(0)
}

fn rows<T: Copy>(all: &[T], counts: &[(usize, i128)], label: impl Fn(T) -> (&'static str, &'static str), keep_zero: bool) -> Vec<Share> {
    let mut out: Vec<Share> = all
        .iter()
        .zip(counts)
        .filter(|(_, (n, _))| keep_zero || *n > 0)
        .map(|(v, (n, fen))| {
            let (key, label) = label(*v);
            Share { key: key.to_string(), label: label.to_string(), count: *n, fen: to_fen(*fen), bp: 0 }
        })
        .collect();
    if !keep_zero {
        // Stable: equal counts stay in the vocabulary's order.
        out.sort_by_key(|r| std::cmp::Reverse(r.count));
    }
    bp_by_count(&mut out);
    out
}

/// See [`ComplaintAnalysis`].
pub fn complaints(all: &[Summary], period: &Period, lang: Lang) -> ComplaintAnalysis {
    let mut a = ComplaintAnalysis::default();
    let mut kinds = [(0usize, 0i128); KINDS];
    let mut resps = [(0usize, 0i128); RESPS];
    let mut steps = [(0usize, 0i128); STEPS];
    let (mut resolve_sum, mut resolved, mut resolve_max) = (0i128, 0i128, None::<i64>);
    let (mut response_sum, mut answered) = (0i128, 0i128);
    let (mut satisfied, mut asked) = (0i128, 0i128);
    let mut compensation: i128 = 0;
    for s in live(all) {
        let mut own = 0usize;
        for c in s.facts.complaints.iter().filter(|c| period.contains(c.received)) {
            own += 1;
            let fen = i128::from(c.fen.max(0));
            for (slot, i) in [
                (&mut kinds[..], pos(ComplaintKind::ALL, &c.kind)),
                (&mut resps[..], pos(Responsibility::ALL, &c.responsible())),
                (&mut steps[..], pos(ComplaintStep::ALL, &c.step)),
            ] {
                if let Some(x) = slot.get_mut(i) {
                    x.0 += 1;
                    x.1 += fen;
                }
            }
            a.open += usize::from(c.step.open());
            compensation += fen;
            if let Some(r) = c.resolved {
                let days = (r - c.received).num_days();
                resolve_sum += i128::from(days);
                resolved += 1;
                resolve_max = Some(resolve_max.map_or(days, |m| m.max(days)));
            }
            if let Some(ans) = c.answered {
                response_sum += i128::from((ans - c.received).num_days());
                answered += 1;
            }
            if let Some(ok) = c.satisfied {
                asked += 1;
                satisfied += i128::from(ok);
            }
        }
        a.total += own;
        if own >= 2 {
            a.repeat.push(RepeatCustomer { id: s.id.clone(), name: s.name.clone(), count: own });
        }
    }
    a.by_kind = rows(ComplaintKind::ALL, &kinds, |k| (k.code(), k.label(lang)), false);
    a.by_responsibility = rows(Responsibility::ALL, &resps, |r| (r.code(), r.label(lang)), false);
    a.by_step = rows(ComplaintStep::ALL, &steps, |s| (s.code(), s.label(lang)), true);
    a.avg_resolve_days = div_round(resolve_sum, resolved).map(to_fen);
    a.max_resolve_days = resolve_max;
    a.avg_response_days = div_round(response_sum, answered).map(to_fen);
    a.satisfied_bp = div_round(satisfied * i128::from(WHOLE_BP), asked).map(|v| u32::try_from(v).unwrap_or(WHOLE_BP));
    a.compensation_fen = to_fen(compensation);
    a.repeat.sort_by(|x, y| y.count.cmp(&x.count).then_with(|| x.name.cmp(&y.name)).then_with(|| x.id.cmp(&y.id)));
    a
}
