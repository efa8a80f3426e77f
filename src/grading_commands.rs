//! 销售等级 of the whole archive, cut from the summaries' sales by month (no card or file read:
//! a manager's 100,000 customers regrade in the time of one pass), with this device's grading
//! settings, and kept until the archive, the day or the settings change.

use std::collections::HashMap;
use std::rc::Rc;

use chrono::NaiveDate;
use dossier_core::grading::sales::{grade_sales, CustomerSales, GradedCustomer, SalesGrade, SalesGrading, SalesWindow};
use dossier_core::grading::{GradingSettings, SettingsError};
use leptos::prelude::*;

use crate::archive_state::ArchiveState;
use crate::perf;

/// One grading of every live customer, with a look-up by id.
#[derive(Debug, PartialEq)]
pub struct Grades {
    pub grading: SalesGrading,
    at: HashMap<String, usize>,
    /// The grade of the customer at each position (the list filters by position).
    by_pos: Vec<Option<SalesGrade>>,
    /// The window's net sales of the customer at each position, `None` if not graded: a save
    /// that leaves every one of them as it was leaves every grade as it was.
    totals: Vec<Option<i64>>,
}

impl Grades {
    pub fn of(&self, id: &str) -> Option<&GradedCustomer> {
        self.at.get(id).map(|&i| &self.grading.rows[i])
    }

    /// The grade of the customer at list position `pos`.
    pub fn at(&self, pos: u32) -> Option<SalesGrade> {
        self.by_pos.get(pos as usize).copied().flatten()
    }
}

/// The stand-ins of damaged or withdrawn cards (never graded).
fn placeholder(id: &str) -> bool {
    id.starts_with(dossier_core::archive::withdraw::PLACEHOLDER_PREFIX) || id.starts_with("damaged:")
}

/// A summary's net sales over the window, `None` for a customer not graded.
fn graded_total(s: &dossier_core::summary::Summary, window: &SalesWindow) -> Option<i64> {
    (!s.deleted && !placeholder(&s.id)).then(|| s.sales.in_window(window).iter().fold(0i64, |a, m| a.saturating_add(*m)))
}

/// What a grading was made from, to know when it is out of date.
#[derive(Clone, PartialEq)]
pub(crate) struct GradesKey {
    /// The indexes' change count (`ArchiveState::last_change`).
    change: u64,
    today: NaiveDate,
    settings: GradingSettings,
}

pub(crate) type GradesCache = StoredValue<Option<(GradesKey, Rc<Grades>)>, LocalStorage>;

impl ArchiveState {
    /// 销售等级 of every live customer on `today` (the window: the whole months before it), by
    /// this device's settings. Refused only for settings that do not validate.
    pub fn sales_grades(self, today: NaiveDate) -> Result<Rc<Grades>, SettingsError> {
        let (change, touched) = self.last_change();
        let key = GradesKey { change, today, settings: crate::settings::load_grading() };
        let cached = self.grades.with_value(|c| c.clone());
        if let Some((k, g)) = cached {
            if k == key {
                return Ok(g);
            }
            // Most saves change no grade: the window is whole months before this one, so only
            // an entry dated in it, a customer deleted or restored, or a new customer does.
            // The one save since the grading leaves the window's sales as they were: kept.
            let same_ground = k.today == today && k.settings == key.settings && k.change + 1 == change;
            if same_ground {
                if let Some(touched) = touched {
                    let window = SalesWindow::ending_before(today, key.settings.window_months)?;
                    if self.with_summaries(|all| all.len() == g.totals.len() && touched.iter().all(|&p| all.get(p as usize).map(|s| graded_total(s, &window)) == Some(g.totals[p as usize]))) {
                        self.grades.set_value(Some((key, g.clone())));
                        return Ok(g);
                    }
                }
            }
        }
        let t0 = perf::now();
        let window = SalesWindow::ending_before(today, key.settings.window_months)?;
        let (sales, positions): (Vec<CustomerSales>, usize) = self.with_summaries(|all| {
            let sales = all
                .iter()
                .filter(|s| graded_total(s, &window).is_some())
                .map(|s| CustomerSales { customer_id: s.id.clone(), months: s.sales.in_window(&window) })
                .collect();
            (sales, all.len())
        });
        let grading = grade_sales(&sales, window, &key.settings.cut)?;
        let at: HashMap<String, usize> = grading.rows.iter().enumerate().map(|(i, r)| (r.customer_id.clone(), i)).collect();
        let mut by_pos = vec![None; positions];
        let mut totals = vec![None; positions];
        self.with_summaries(|all| {
            for (p, s) in all.iter().enumerate() {
                if let Some(&i) = at.get(&s.id) {
                    by_pos[p] = Some(grading.rows[i].grade);
                    totals[p] = Some(grading.rows[i].total);
                }
            }
        });
        let grades = Rc::new(Grades { grading, at, by_pos, totals });
        perf::measure_since("dossier:regrade", t0);
        self.grades.set_value(Some((key, grades.clone())));
        Ok(grades)
    }
}
