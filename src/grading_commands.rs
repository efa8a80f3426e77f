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
}

impl Grades {
    pub fn of(&self, id: &str) -> Option<&GradedCustomer> {
        self.at.get(id).map(|&i| &self.grading.rows[i])
    }

    /// The grade of the customer at list position `pos`.
    pub fn at(&self, pos: u32) -> Option<SalesGrade> {
        self.by_pos.get(pos as usize).copied().flatten()
    }

    /// How many customers were graded.
    pub fn len(&self) -> usize {
        self.grading.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.grading.rows.is_empty()
    }
}

/// The stand-ins of damaged or withdrawn cards (never graded).
fn placeholder(id: &str) -> bool {
    id.starts_with(dossier_core::archive::withdraw::PLACEHOLDER_PREFIX) || id.starts_with("damaged:")
}

/// What a grading was made from, to know when it is out of date.
#[derive(Clone, PartialEq)]
pub(crate) struct GradesKey {
    revision: u64,
    today: NaiveDate,
    settings: GradingSettings,
}

pub(crate) type GradesCache = StoredValue<Option<(GradesKey, Rc<Grades>)>, LocalStorage>;

impl ArchiveState {
    /// 销售等级 of every live customer on `today` (the window: the whole months before it), by
    /// this device's settings. Refused only for settings that do not validate.
    pub fn sales_grades(self, today: NaiveDate) -> Result<Rc<Grades>, SettingsError> {
        let key = GradesKey { revision: self.revision.get_untracked(), today, settings: crate::settings::load_grading() };
        if let Some(hit) = self.grades.with_value(|c| c.as_ref().filter(|(k, _)| *k == key).map(|(_, g)| g.clone())) {
            return Ok(hit);
        }
        let t0 = perf::now();
        let window = SalesWindow::ending_before(today, key.settings.window_months)?;
        let (sales, positions): (Vec<CustomerSales>, usize) = self.with_summaries(|all| {
            let sales = all
                .iter()
                .filter(|s| !s.deleted && !placeholder(&s.id))
                .map(|s| CustomerSales { customer_id: s.id.clone(), months: s.sales.in_window(&window) })
                .collect();
            (sales, all.len())
        });
        let grading = grade_sales(&sales, window, &key.settings.cut)?;
        let at: HashMap<String, usize> = grading.rows.iter().enumerate().map(|(i, r)| (r.customer_id.clone(), i)).collect();
        let mut by_pos = vec![None; positions];
        self.with_summaries(|all| {
            for (p, s) in all.iter().enumerate() {
                if let Some(&i) = at.get(&s.id) {
                    by_pos[p] = Some(grading.rows[i].grade);
                }
            }
        });
        let grades = Rc::new(Grades { grading, at, by_pos });
        perf::measure_since("dossier:regrade", t0);
        self.grades.set_value(Some((key, grades.clone())));
        Ok(grades)
    }
}
