//! Holidays for greetings (seed 002: 节假日的问候): 元旦 and 国庆 (solar), 春节, 端午 and 中秋
//! (lunar: 正月初一, 五月初五, 八月十五 of the Chinese calendar).
//!
//! Lunar dates come from ICU4X's `icu_calendar` ([`ChineseTraditional`]: the rules of GB/T
//! 33661-2017, precomputed for 1900–2100 and calculated beyond), never from a table of ours, nor
//! from the browser's `Intl` (measured wrong for 2027 and 2030, issue 15).

use crate::primitives::lang::Lang;
use chrono::{Datelike, NaiveDate};
use icu_calendar::cal::ChineseTraditional;
use icu_calendar::types::Month;
use icu_calendar::{Date, Iso};

coded! {
    /// A holiday customers are greeted on.
    pub enum Holiday {
        NewYear = "new_year", "元旦", "New Year's Day";
        SpringFestival = "spring", "春节", "Spring Festival";
        DragonBoat = "dragon_boat", "端午节", "Dragon Boat Festival";
        MidAutumn = "mid_autumn", "中秋节", "Mid-Autumn Festival";
        National = "national", "国庆节", "National Day";
    }
}

/// The Gregorian date of a day of the Chinese calendar, in the lunar year that starts in
/// Gregorian `year` (a non-leap month). `None` if ICU4X refuses the year (outside −9999..=9999)
/// or the date is outside chrono's calendar.
pub fn lunar_date(year: i32, month: u8, day: u8) -> Option<NaiveDate> {
    let lunar: Date<ChineseTraditional> = Date::try_new_chinese_traditional(year, Month::new(month), day).ok()?;
    let iso = lunar.to_calendar(Iso);
    NaiveDate::from_ymd_opt(iso.year().extended_year(), u32::from(iso.month().ordinal), u32::from(iso.day_of_month().0))
}

impl Holiday {
    pub fn is_lunar(self) -> bool {
        matches!(self, Holiday::SpringFestival | Holiday::DragonBoat | Holiday::MidAutumn)
    }

    /// The holiday's date in Gregorian `year` (each falls once a year: 春节 always in January or
    /// February, 端午 in May or June, 中秋 in September or October).
    pub fn date_in(self, year: i32) -> Option<NaiveDate> {
        match self {
            Holiday::NewYear => NaiveDate::from_ymd_opt(year, 1, 1),
            Holiday::National => NaiveDate::from_ymd_opt(year, 10, 1),
            Holiday::SpringFestival => lunar_date(year, 1, 1),
            Holiday::DragonBoat => lunar_date(year, 5, 5),
            Holiday::MidAutumn => lunar_date(year, 8, 15),
        }
    }

    /// A greeting line for the reminder.
    pub fn greeting(self, lang: Lang) -> &'static str {
        match self {
            Holiday::NewYear => lang.pick("元旦问候", "New Year greetings"),
            Holiday::SpringFestival => lang.pick("春节拜年", "Spring Festival greetings"),
            Holiday::DragonBoat => lang.pick("端午问候", "Dragon Boat Festival greetings"),
            Holiday::MidAutumn => lang.pick("中秋问候", "Mid-Autumn greetings"),
            Holiday::National => lang.pick("国庆问候", "National Day greetings"),
        }
    }
}

/// Every holiday from `from` to `to` (both included), by date. Empty if `to` is before `from`.
pub fn holidays_between(from: NaiveDate, to: NaiveDate) -> Vec<(Holiday, NaiveDate)> {
    let mut out = Vec::new();
    if to < from {
        return out;
    }
    for year in from.year()..=to.year() {
        for h in Holiday::ALL {
            if let Some(d) = h.date_in(year).filter(|d| *d >= from && *d <= to) {
                out.push((*h, d));
            }
        }
    }
    out.sort_by_key(|(h, d)| (*d, *h));
    out
}
