//! 销售等级 of the whole archive, cut from the summaries' sales by month (no card or file read:
//! a manager's 100,000 customers regrade in the time of one pass), with this device's grading
//! settings, and kept until the archive, the day or the settings change.

use std::collections::HashMap;
use std::rc::Rc;

use chrono::NaiveDate;
use dossier_core::grading::sales::{grade_sales, CustomerSales, GradedCustomer, SalesGrade, SalesGrading, SalesWindow};
use dossier_core::grading::{GradingSettings, SettingsError};
use leptos::prelude::*;

use dossier_core::commands::grades::{self, GradesError, GradesInput};
use dossier_core::grading::history::{sales_changes, summarize};
use dossier_core::grading::{ChangeCount, GradeChange};
use dossier_core::Lang;

use crate::archive_state::{ArchiveState, SaveError, StorageError};
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

/// Why a 分级 save or a regrade did not happen.
#[derive(Clone, Debug, PartialEq)]
pub enum GradesFailure {
    /// Refused by the rules (a reason missing, 路序 out of range…): nothing was written.
    Refused(GradesError),
    /// The grading settings do not validate (set on 设置).
    Settings(SettingsError),
    Save(SaveError),
}

impl From<SaveError> for GradesFailure {
    fn from(e: SaveError) -> Self {
        GradesFailure::Save(e)
    }
}

impl From<StorageError> for GradesFailure {
    fn from(e: StorageError) -> Self {
        GradesFailure::Save(SaveError::from(e))
    }
}

/// What a regrade did: the customers whose stored 销售等级 changed, counted by change.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Regraded {
    pub changed: usize,
    pub counts: Vec<ChangeCount>,
    /// The window graded ("2026-08 至 2026-10（近3个月）").
    pub window: String,
}

/// Customers per step of a regrade: their cards are read, changed and saved together.
const REGRADE_CHUNK: usize = 2_000;

impl ArchiveState {
    /// Saves the 分级 form of customer `id` (see `commands::grades::set_grades`).
    pub async fn set_grades(self, id: &str, input: GradesInput, lang: Lang) -> Result<(), GradesFailure> {
        let record = self.new_id()?;
        let id = id.to_string();
        let scale = crate::settings::load_grading().prospect_scale;
        let today = crate::platform::today();
        self.repo.open(std::slice::from_ref(&id)).await?;
        self.repo
            .run(move |a, stamp| grades::set_grades(a, &id, &input, scale, today, lang, &record, stamp).map_err(GradesFailure::Refused), Vec::new())
            .await
    }

    /// 已复核: customer `id`'s card was reviewed today.
    pub async fn mark_reviewed(self, id: &str) -> Result<(), GradesFailure> {
        let record = self.new_id()?;
        let id = id.to_string();
        let today = crate::platform::today();
        self.repo.open(std::slice::from_ref(&id)).await?;
        self.repo.run(move |a, stamp| grades::mark_reviewed(a, &id, today, &record, stamp).map_err(GradesFailure::Refused), Vec::new()).await
    }

    /// The stored 销售等级 that differ from today's grading: (customer id, change).
    pub fn pending_regrade(self, today: NaiveDate, lang: Lang) -> Result<Vec<(String, GradeChange)>, SettingsError> {
        let graded = self.sales_grades(today)?;
        let stored: HashMap<String, Option<SalesGrade>> =
            self.with_summaries(|all| all.iter().filter(|s| !s.deleted).map(|s| (s.id.clone(), s.grades.sales)).collect());
        Ok(sales_changes(&graded.grading, |id| stored.get(id).copied().flatten(), today, lang))
    }

    /// 重新分级: stores today's 销售等级 of every customer whose stored grade differs, each with
    /// a change record saying why, in saves of [`REGRADE_CHUNK`] customers. `progress`:
    /// customers done, of how many.
    pub async fn regrade(self, lang: Lang, progress: RwSignal<Option<(u32, u32)>>) -> Result<Regraded, GradesFailure> {
        let today = crate::platform::today();
        let moves = self.pending_regrade(today, lang).map_err(GradesFailure::Settings)?;
        let window = self.sales_grades(today).map(|g| g.grading.window.label(lang)).unwrap_or_default();
        let mark = regrade_mark(today);
        if moves.is_empty() {
            crate::settings::save_regraded(&mark, today);
            return Ok(Regraded { changed: 0, counts: Vec::new(), window });
        }
        // A step's cards are read, changed and saved together, then let go: a manager's 100,000
        // customers never sit in memory at once. Each step lands whole; a failure stops the
        // rest, which the next regrade finds still to do.
        let total = u32::try_from(moves.len()).unwrap_or(u32::MAX);
        progress.set(Some((0, total)));
        let t0 = perf::now();
        let mut done = 0u32;
        for step in moves.chunks(REGRADE_CHUNK) {
            let ids: Vec<String> = step.iter().map(|(id, _)| id.clone()).collect();
            self.repo.pin(&ids, true);
            let result = async {
                self.repo.open(&ids).await?;
                let records: Vec<String> = ids.iter().map(|_| self.repo.new_id()).collect::<Result<_, _>>()?;
                let step_ = step.to_vec();
                self.repo.run(move |a, stamp| Ok::<_, GradesFailure>(grades::regrade(a, &step_, &records, stamp)), Vec::new()).await
            }
            .await;
            self.repo.pin(&ids, false);
            if let Err(e) = result {
                progress.set(None);
                return Err(e);
            }
            done = done.saturating_add(u32::try_from(step.len()).unwrap_or(u32::MAX));
            progress.set(Some((done, total)));
        }
        progress.set(None);
        perf::measure_since("dossier:regrade-save", t0);
        crate::settings::save_regraded(&mark, today);
        Ok(Regraded { changed: moves.len(), counts: summarize(moves.iter().map(|(_, c)| c)), window })
    }
}

/// What a regrade on `today` grades by: the window and this device's cuts.
pub fn regrade_mark(today: NaiveDate) -> String {
    let settings = crate::settings::load_grading();
    let window = SalesWindow::ending_before(today, settings.window_months).map(|w| w.label(Lang::En)).unwrap_or_default();
    format!("{window}|{}", serde_json::to_string(&settings.cut).unwrap_or_default())
}

/// Whether today's window or cuts differ from those of this device's last regrade, or the grades
/// are due to be re-sorted (seed 001: at least twice a week; the settings say how often).
pub fn regrade_due(today: NaiveDate) -> bool {
    let (mark, on) = crate::settings::load_regraded().unzip();
    let per_week = crate::settings::load_grading().resorts_per_week;
    mark.as_deref() != Some(regrade_mark(today).as_str()) || dossier_core::grading::settings::resort_due(on, per_week, today)
}

/// A refusal or failure of 分级 or 重新分级, worded.
pub fn failure_text(e: &GradesFailure, l: Lang, tx: &crate::i18n::Texts) -> String {
    match e {
        GradesFailure::Refused(e) => e.message(l),
        GradesFailure::Settings(e) => e.message(l),
        GradesFailure::Save(e) => tx.save_error(e),
    }
}

impl ArchiveState {
    /// Runs [`ArchiveState::regrade`] unless one is running, with its progress and result in
    /// `regrading` / `regraded` for any page to show.
    pub async fn regrade_now(self, lang: Lang) {
        if self.regrading.get_untracked().is_some() {
            return;
        }
        self.regrading.set(Some((0, 0)));
        self.regraded.set(None);
        let result = self.regrade(lang, self.regrading).await;
        self.regrading.set(None);
        self.regraded.set(Some(result));
    }

    /// A regrade by itself when the window or the cuts moved since this device last regraded
    /// (or `force`, after an import), once the archive is loaded.
    pub fn regrade_if_due(self, force: bool, lang: Lang) {
        let today = crate::platform::today();
        if force || regrade_due(today) {
            leptos::task::spawn_local(async move { self.regrade_now(lang).await });
        }
    }
}
