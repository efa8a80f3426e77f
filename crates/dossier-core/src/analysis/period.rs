//! The period an analysis covers: whole calendar months, first and last included. It is an
//! argument (the core never reads the clock): [`Period::last_months`] takes `today`.

use crate::ledger::YearMonth;
use crate::primitives::lang::Lang;
use chrono::NaiveDate;

/// Whole months, `first` to `last` inclusive. A period whose `last` is before its `first` holds no
/// month (every figure over it is empty or zero); [`Period::new`] puts the two in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Period {
    pub first: YearMonth,
    pub last: YearMonth,
}

const MONTHS_EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

impl Period {
    /// The months from `a` to `b`, whichever comes first.
    pub fn new(a: YearMonth, b: YearMonth) -> Period {
        if a.index() <= b.index() {
            Period { first: a, last: b }
        } else {
            Period { first: b, last: a }
        }
    }

    /// One month.
    pub fn month(m: YearMonth) -> Period {
        Period { first: m, last: m }
    }

    /// The `n` whole months before the month of `today` (the current month, being incomplete,
    /// never counts); `n` = 0 is taken as 1.
    pub fn last_months(today: NaiveDate, n: u8) -> Period {
        let last = YearMonth::of(today).prev();
        let first = YearMonth::from_index(last.index() - i64::from(n.max(1)) + 1);
        Period { first, last }
    }

    /// The twelve months of calendar year `year`.
    pub fn year(year: i32) -> Period {
        Period { first: YearMonth { year, month: 1 }, last: YearMonth { year, month: 12 } }
    }

    /// Month index (year × 12 + month − 1) of the first month.
    pub fn first_index(&self) -> i64 {
        self.first.index()
    }

    /// Month index of the last month.
    pub fn last_index(&self) -> i64 {
        self.last.index()
    }

    /// Number of months (0 when `last` is before `first`).
    pub fn len(&self) -> usize {
        usize::try_from(self.last_index() - self.first_index() + 1).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether month index `m` is in the period.
    pub fn contains_index(&self, m: i64) -> bool {
        (self.first_index()..=self.last_index()).contains(&m)
    }

    /// Whether day `d` is in the period.
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.contains_index(YearMonth::of(d).index())
    }

    /// 0-based place of month index `m` in the period, if it is in it.
    pub fn slot(&self, m: i64) -> Option<usize> {
        if self.contains_index(m) {
            usize::try_from(m - self.first_index()).ok()
        } else {
            None
        }
    }

    /// Every month, oldest first.
    pub fn months(&self) -> Vec<YearMonth> {
        (self.first_index()..=self.last_index()).map(YearMonth::from_index).collect()
    }

    /// "2026年9月—2026年11月" / "Sep 2026 – Nov 2026"; one month: "2026年9月" / "Sep 2026".
    pub fn label(&self, lang: Lang) -> String {
        if self.first == self.last {
            return month_label(self.first, lang);
        }
        match lang {
            Lang::Zh => format!("{}—{}", month_label(self.first, lang), month_label(self.last, lang)),
            Lang::En => format!("{} – {}", month_label(self.first, lang), month_label(self.last, lang)),
        }
    }
}

/// "2026年9月" / "Sep 2026".
pub fn month_label(m: YearMonth, lang: Lang) -> String {
    let m = YearMonth::from_index(m.index());
    match lang {
        Lang::Zh => format!("{}年{}月", m.year, m.month),
        Lang::En => format!("{} {}", MONTHS_EN[(m.month as usize).clamp(1, 12) - 1], m.year),
    }
}
