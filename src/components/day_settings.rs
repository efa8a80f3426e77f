//! 客户分级 settings of the rep's day (issue 15, "Settings"): the prospect scale, how often
//! prospect cards are reviewed, the visit plan by sales grade and role (客户访问计划), the
//! 定期核查, the weekly re-sorts, how far ahead reminders look and after how many days an open
//! complaint goes on 今日 (1–90, default 7). Typed numbers are read
//! leniently (full-width digits, spaces); a box that is not a whole number is refused by what
//! was typed, then [`GradingSettings::problems`] must be empty before anything is saved.

use dossier_core::grading::{GradingSettings, Interval, PlanRole, ProspectGrade, ProspectScale, SettingsError, VisitFrequency, VisitPlan};
use dossier_core::primitives::text::half_width;
use dossier_core::Lang;
use leptos::prelude::*;

use crate::i18n::grading::{self as g, tr};
use crate::reveal::{reveal, reveal_first};
use crate::state::use_app;

/// The unit of a review interval.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    Days,
    Weeks,
    Months,
}

impl Unit {
    const ALL: [Unit; 3] = [Unit::Days, Unit::Weeks, Unit::Months];

    fn code(self) -> &'static str {
        match self {
            Unit::Days => "d",
            Unit::Weeks => "w",
            Unit::Months => "m",
        }
    }

    fn from_code(s: &str) -> Option<Unit> {
        Unit::ALL.into_iter().find(|u| u.code() == s)
    }

    fn label(self, lang: Lang) -> &'static str {
        tr(lang, match self {
            Unit::Days => g::UNIT_DAYS,
            Unit::Weeks => g::UNIT_WEEKS,
            Unit::Months => g::UNIT_MONTHS,
        })
    }

    fn of(i: Interval) -> (Unit, u16) {
        match i {
            Interval::Days(n) => (Unit::Days, n),
            Interval::Weeks(n) => (Unit::Weeks, n),
            Interval::Months(n) => (Unit::Months, n),
        }
    }

    fn interval(self, n: u16) -> Interval {
        match self {
            Unit::Days => Interval::Days(n),
            Unit::Weeks => Interval::Weeks(n),
            Unit::Months => Interval::Months(n),
        }
    }
}

/// The kind of a visit frequency, as the select offers it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    PerMonth,
    EveryMonths,
    WhenNeeded,
    Never,
}

impl Kind {
    const ALL: [Kind; 4] = [Kind::PerMonth, Kind::EveryMonths, Kind::WhenNeeded, Kind::Never];

    fn code(self) -> &'static str {
        match self {
            Kind::PerMonth => "per_month",
            Kind::EveryMonths => "every_months",
            Kind::WhenNeeded => "when_needed",
            Kind::Never => "never",
        }
    }

    fn from_code(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == s)
    }

    fn label(self, lang: Lang) -> &'static str {
        tr(lang, match self {
            Kind::PerMonth => g::KIND_PER_MONTH,
            Kind::EveryMonths => g::KIND_EVERY_MONTHS,
            Kind::WhenNeeded => g::KIND_WHEN_NEEDED,
            Kind::Never => g::KIND_NEVER,
        })
    }

    /// Whether the kind takes a range (the two number boxes).
    fn ranged(self) -> bool {
        matches!(self, Kind::PerMonth | Kind::EveryMonths)
    }
}

/// Why a typed box is refused before the settings are checked.
enum Refusal {
    Empty,
    NotWhole(String),
    OutOfRange(String),
}

impl Refusal {
    fn message(&self, lang: Lang) -> String {
        match self {
            Refusal::Empty => tr(lang, g::EMPTY_BOX).to_string(),
            Refusal::NotWhole(t) => format!("“{t}”{}", tr(lang, g::NOT_WHOLE)),
            Refusal::OutOfRange(t) => format!("“{t}”{}", tr(lang, g::OUT_OF_RANGE)),
        }
    }
}

/// A whole number as typed: full-width digits and signs are half-width, surrounding spaces
/// trimmed. Digits that do not fit the setting's type are out of range (the core words the
/// ranges of numbers that fit).
fn whole<T: TryFrom<i64>>(typed: &str) -> Result<T, Refusal> {
    let shown = typed.trim().to_string();
    let half: String = typed.chars().map(half_width).collect();
    let t = half.trim();
    if t.is_empty() {
        return Err(Refusal::Empty);
    }
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(Refusal::NotWhole(shown));
    }
    t.parse::<i64>().ok().and_then(|n| T::try_from(n).ok()).ok_or(Refusal::OutOfRange(shown))
}

#[derive(Clone, Copy)]
struct Review {
    n: RwSignal<String>,
    unit: RwSignal<Unit>,
}

#[derive(Clone, Copy)]
struct Cell {
    kind: RwSignal<Kind>,
    min: RwSignal<String>,
    max: RwSignal<String>,
}

impl Cell {
    fn set(&self, f: VisitFrequency) {
        let (kind, min, max) = match f {
            VisitFrequency::PerMonth { min, max } => (Kind::PerMonth, min.to_string(), max.to_string()),
            VisitFrequency::EveryMonths { min, max } => (Kind::EveryMonths, min.to_string(), max.to_string()),
            VisitFrequency::WhenNeeded => (Kind::WhenNeeded, String::new(), String::new()),
            VisitFrequency::Never => (Kind::Never, String::new(), String::new()),
        };
        self.kind.set(kind);
        self.min.set(min);
        self.max.set(max);
    }
}

/// Every box of the form (all signals: the struct is `Copy`).
#[derive(Clone, Copy)]
struct Form {
    scale: RwSignal<ProspectScale>,
    review: [Review; 4],
    plan: [[Cell; 6]; 3],
    check_months: RwSignal<String>,
    resorts: RwSignal<String>,
    reminder_days: RwSignal<String>,
    complaint_days: RwSignal<String>,
}

const GRADES: [&str; 4] = ["a", "b", "c", "d"];

impl Form {
    fn new(s: &GradingSettings) -> Form {
        let review = [(); 4].map(|_| Review { n: RwSignal::new(String::new()), unit: RwSignal::new(Unit::Days) });
        let plan = [(); 3].map(|_| [(); 6].map(|_| Cell { kind: RwSignal::new(Kind::Never), min: RwSignal::new(String::new()), max: RwSignal::new(String::new()) }));
        let form = Form {
            scale: RwSignal::new(s.prospect_scale),
            review,
            plan,
            check_months: RwSignal::new(String::new()),
            resorts: RwSignal::new(String::new()),
            reminder_days: RwSignal::new(String::new()),
            complaint_days: RwSignal::new(String::new()),
        };
        form.fill(s);
        form
    }

    /// Shows `s` in the boxes.
    fn fill(&self, s: &GradingSettings) {
        self.scale.set(s.prospect_scale);
        for (r, grade) in self.review.iter().zip(ProspectGrade::ALL) {
            let (unit, n) = Unit::of(s.review.interval(*grade));
            r.unit.set(unit);
            r.n.set(n.to_string());
        }
        for (cells, row) in self.plan.iter().zip([&s.visit_plan.a, &s.visit_plan.b, &s.visit_plan.c]) {
            for (cell, f) in cells.iter().zip(row) {
                cell.set(*f);
            }
        }
        self.check_months.set(s.check_months.to_string());
        self.resorts.set(s.resorts_per_week.to_string());
        self.reminder_days.set(s.reminder_days.to_string());
        self.complaint_days.set(s.complaint_days.to_string());
    }

    /// The settings typed, over `base` (window and cut untouched), or the first box refused (its
    /// id and why), in the order of the boxes on the screen.
    fn read(&self, base: GradingSettings) -> Result<GradingSettings, (String, Refusal)> {
        let mut review = [Interval::Days(1); 4];
        for (i, r) in self.review.iter().enumerate() {
            let n = whole::<u16>(&r.n.get_untracked()).map_err(|e| (format!("review-{}-n", GRADES[i]), e))?;
            review[i] = r.unit.get_untracked().interval(n);
        }
        let mut rows = [[VisitFrequency::Never; 6]; 3];
        for (gi, cells) in self.plan.iter().enumerate() {
            for (ri, cell) in cells.iter().enumerate() {
                let kind = cell.kind.get_untracked();
                let id = |part: &str| format!("plan-{}-{ri}-{part}", GRADES[gi]);
                let range = || -> Result<(u8, u8), (String, Refusal)> {
                    let min = whole::<u8>(&cell.min.get_untracked()).map_err(|e| (id("min"), e))?;
                    let max_text = cell.max.get_untracked();
                    // The most may be left empty: one number is a range of one.
                    let max = if max_text.trim().is_empty() { min } else { whole::<u8>(&max_text).map_err(|e| (id("max"), e))? };
                    Ok((min, max))
                };
                rows[gi][ri] = match kind {
                    Kind::PerMonth => {
                        let (min, max) = range()?;
                        VisitFrequency::PerMonth { min, max }
                    }
                    Kind::EveryMonths => {
                        let (min, max) = range()?;
                        VisitFrequency::EveryMonths { min, max }
                    }
                    Kind::WhenNeeded => VisitFrequency::WhenNeeded,
                    Kind::Never => VisitFrequency::Never,
                };
            }
        }
        let check_months = whole::<u8>(&self.check_months.get_untracked()).map_err(|e| ("check-months".to_string(), e))?;
        let resorts_per_week = whole::<u8>(&self.resorts.get_untracked()).map_err(|e| ("resorts".to_string(), e))?;
        let reminder_days = whole::<u16>(&self.reminder_days.get_untracked()).map_err(|e| ("reminder-days".to_string(), e))?;
        let complaint_days = whole::<u8>(&self.complaint_days.get_untracked()).map_err(|e| ("complaint-days".to_string(), e))?;
        let [a, b, c, d] = review;
        let [pa, pb, pc] = rows;
        Ok(GradingSettings {
            prospect_scale: self.scale.get_untracked(),
            review: dossier_core::grading::ReviewCadence { a, b, c, d },
            visit_plan: VisitPlan { a: pa, b: pb, c: pc },
            check_months,
            resorts_per_week,
            reminder_days,
            complaint_days,
            ..base
        })
    }
}

/// The box a refusal of the core points at (`None`: not one of this form's, e.g. the window).
fn box_of(e: &SettingsError, s: &GradingSettings) -> Option<String> {
    match e {
        SettingsError::Interval => ProspectGrade::ALL
            .iter()
            .position(|gr| s.review.interval(*gr).validate().is_err())
            .map(|i| format!("review-{}-n", GRADES[i])),
        SettingsError::Frequency => {
            let rows = [&s.visit_plan.a, &s.visit_plan.b, &s.visit_plan.c];
            rows.iter().enumerate().find_map(|(gi, row)| {
                row.iter().enumerate().find(|(_, f)| f.validate().is_err()).map(|(ri, f)| {
                    let least_wrong = matches!(f, VisitFrequency::PerMonth { min: 0, .. } | VisitFrequency::EveryMonths { min: 0, .. });
                    format!("plan-{}-{ri}-{}", GRADES[gi], if least_wrong { "min" } else { "max" })
                })
            })
        }
        SettingsError::CheckMonths(_) => Some("check-months".into()),
        SettingsError::ResortsPerWeek(_) => Some("resorts".into()),
        SettingsError::ReminderDays(_) => Some("reminder-days".into()),
        SettingsError::ComplaintDays(_) => Some("complaint-days".into()),
        _ => None,
    }
}

/// What a box shows of the form's state: the refused box, and whether the last save is still
/// what the boxes say.
#[derive(Clone, Copy)]
struct Status {
    invalid: RwSignal<Option<String>>,
    done: RwSignal<bool>,
}

// Selects: `selected` on the options shows the first value (a select's value set before its
// options exist is lost); `prop:value` follows later changes (reset, after the user's own pick).

/// A box for a whole number (text, so full-width digits can be typed and read).
fn number_box(id: String, value: RwSignal<String>, st: Status, class: &'static str, aria: Option<Signal<String>>) -> impl IntoView {
    let (for_invalid, for_input) = (id.clone(), id.clone());
    view! {
        <input
            type="text"
            id=id
            class=class
            inputmode="numeric"
            autocomplete="off"
            aria-label=move || aria.map(|a| a.get())
            aria-invalid=move || (st.invalid.get().as_deref() == Some(for_invalid.as_str())).to_string()
            prop:value=move || value.get()
            on:input=move |e| {
                value.set(event_target_value(&e));
                st.done.set(false);
                if st.invalid.get_untracked().as_deref() == Some(for_input.as_str()) {
                    st.invalid.set(None);
                }
            }
        />
    }
}

/// The prospect scale, the review cadence, the visit plan, the 定期核查, re-sorts and reminders:
/// edited together, saved with one tap (window and cuts are [`super::grading_settings`]'s).
#[component]
pub fn DaySettings() -> impl IntoView {
    let app = use_app();
    let form = Form::new(&crate::settings::load_grading());
    let st = Status { invalid: RwSignal::new(None), done: RwSignal::new(false) };
    let problem = RwSignal::new(None::<String>);
    let l = move || app.lang.get();

    let refuse = move |id: Option<String>, message: String| {
        let marked = id.is_some();
        st.invalid.set(id);
        problem.set(Some(message));
        if marked {
            reveal_first("[data-day-settings] [aria-invalid=true]");
        }
    };
    let save = move |_| {
        st.done.set(false);
        let lang = app.lang.get_untracked();
        let settings = match form.read(crate::settings::load_grading()) {
            Ok(s) => s,
            Err((id, why)) => return refuse(Some(id), why.message(lang)),
        };
        if let Some(e) = settings.problems().first() {
            return refuse(box_of(e, &settings), e.message(lang));
        }
        crate::settings::save_grading(&settings);
        st.invalid.set(None);
        problem.set(None);
        st.done.set(true);
    };
    let reset = move |_| {
        // The window and cut are the other panel's: only this form's fields go back.
        let saved = crate::settings::load_grading();
        let settings = GradingSettings { window_months: saved.window_months, cut: saved.cut, ..GradingSettings::default() };
        form.fill(&settings);
        crate::settings::save_grading(&settings);
        st.invalid.set(None);
        problem.set(None);
        st.done.set(true);
    };

    let review_rows = ProspectGrade::ALL
        .iter()
        .enumerate()
        .map(|(i, grade)| {
            let r = form.review[i];
            let letter = grade.code().to_uppercase();
            let n_id = format!("review-{}-n", GRADES[i]);
            let unit_id = format!("review-{}-unit", GRADES[i]);
            let for_n = n_id.clone();
            let is_d = *grade == ProspectGrade::D;
            view! {
                <div class="review-row" data-review=GRADES[i]>
                    <label for=for_n>{move || format!("{}{letter}{}", tr(l(), g::GRADE_PREFIX), tr(l(), g::GRADE_SUFFIX))}</label>
                    <span>{move || tr(l(), g::EVERY)}</span>
                    {number_box(n_id, r.n, st, "num", None)}
                    <select
                        id=unit_id
                        aria-label=move || tr(l(), g::UNIT_LABEL)
                        prop:value=move || r.unit.get().code()
                        on:change=move |e| {
                            if let Some(u) = Unit::from_code(&event_target_value(&e)) {
                                r.unit.set(u);
                                st.done.set(false);
                            }
                        }
                    >
                        {Unit::ALL.map(|u| view! { <option value=u.code() selected=move || r.unit.get() == u>{move || u.label(l())}</option> }).into_iter().collect_view()}
                    </select>
                    {move || (is_d && form.scale.get() == ProspectScale::Three).then(|| view! { <span class="muted">{tr(l(), g::D_UNUSED)}</span> })}
                </div>
            }
        })
        .collect_view();

    let plan_blocks = ["A", "B", "C"]
        .into_iter()
        .enumerate()
        .map(|(gi, letter)| {
            let rows = PlanRole::ALL
                .iter()
                .enumerate()
                .map(|(ri, role)| {
                    let role = *role;
                    let cell = form.plan[gi][ri];
                    let base = format!("plan-{}-{ri}", GRADES[gi]);
                    let kind_id = format!("{base}-kind");
                    let for_kind = kind_id.clone();
                    let (min_id, max_id) = (format!("{base}-min"), format!("{base}-max"));
                    let ranged = Memo::new(move |_| cell.kind.get().ranged());
                    let least = Signal::derive(move || format!("{letter} · {} · {}", role.label(l()), tr(l(), g::K_LEAST)));
                    let most = Signal::derive(move || format!("{letter} · {} · {}", role.label(l()), tr(l(), g::K_MOST)));
                    view! {
                        <div class="plan-row" data-plan-role=role.code()>
                            <label for=for_kind>{move || role.label(l())}</label>
                            <select
                                id=kind_id
                                prop:value=move || cell.kind.get().code()
                                on:change=move |e| {
                                    if let Some(k) = Kind::from_code(&event_target_value(&e)) {
                                        cell.kind.set(k);
                                        st.done.set(false);
                                    }
                                }
                            >
                                {Kind::ALL.map(|k| view! { <option value=k.code() selected=move || cell.kind.get() == k>{move || k.label(l())}</option> }).into_iter().collect_view()}
                            </select>
                            {move || {
                                let (min_id, max_id) = (min_id.clone(), max_id.clone());
                                ranged.get().then(|| view! {
                                    <span class="plan-range">
                                        <span>{move || match cell.kind.get() {
                                            Kind::EveryMonths => tr(l(), g::EVERY_PRE),
                                            _ => tr(l(), g::PER_MONTH_PRE),
                                        }}</span>
                                        {number_box(min_id, cell.min, st, "num", Some(least))}
                                        <span aria-hidden="true">"–"</span>
                                        {number_box(max_id, cell.max, st, "num", Some(most))}
                                        <span>{move || match cell.kind.get() {
                                            Kind::EveryMonths => tr(l(), g::EVERY_POST),
                                            _ => tr(l(), g::PER_MONTH_POST),
                                        }}</span>
                                    </span>
                                })
                            }}
                        </div>
                    }
                })
                .collect_view();
            view! {
                <div class="plan-grade" data-plan-grade=letter>
                    <h3>{move || format!("{}{letter}{}", tr(l(), g::GRADE_PREFIX), tr(l(), g::PLAN_GRADE_SUFFIX))}</h3>
                    {rows}
                </div>
            }
        })
        .collect_view();

    view! {
        <section class="card day-settings" data-day-settings>
            <h2>{move || tr(l(), g::DAY_TITLE)}</h2>
            <div class="field">
                <label for="prospect-scale">{move || tr(l(), g::SCALE_LABEL)}</label>
                <select
                    id="prospect-scale"
                    prop:value=move || form.scale.get().code()
                    on:change=move |e| {
                        if let Some(s) = ProspectScale::from_code(&event_target_value(&e)) {
                            form.scale.set(s);
                            st.done.set(false);
                        }
                    }
                >
                    {ProspectScale::ALL.iter().map(|s| { let s = *s; view! { <option value=s.code() selected=move || form.scale.get() == s>{move || s.label(l())}</option> } }).collect_view()}
                </select>
            </div>
            <fieldset class="day-group">
                <legend>{move || tr(l(), g::REVIEW_TITLE)}</legend>
                {review_rows}
            </fieldset>
            <fieldset class="day-group">
                <legend>{move || tr(l(), g::PLAN_TITLE)}</legend>
                <p class="muted">{move || tr(l(), g::PLAN_HINT)}</p>
                {plan_blocks}
            </fieldset>
            <div class="day-numbers">
                <div class="field">
                    <label for="check-months">{move || tr(l(), g::CHECK_MONTHS)}</label>
                    {number_box("check-months".into(), form.check_months, st, "num", None)}
                </div>
                <div class="field">
                    <label for="resorts">{move || tr(l(), g::RESORTS)}</label>
                    {number_box("resorts".into(), form.resorts, st, "num", None)}
                </div>
                <div class="field">
                    <label for="reminder-days">{move || tr(l(), g::REMINDER_DAYS)}</label>
                    {number_box("reminder-days".into(), form.reminder_days, st, "num", None)}
                </div>
                <div class="field" data-setting="complaint-days">
                    <label for="complaint-days">{move || tr(l(), crate::i18n::complaints::DAYS_SETTING)}</label>
                    {number_box("complaint-days".into(), form.complaint_days, st, "num", None)}
                </div>
            </div>
            {move || problem.get().map(|p| view! { <p class="banner banner-error" role="alert" data-day-settings-problem use:reveal tabindex="-1">{p}</p> })}
            {move || st.done.get().then(|| view! { <p class="banner banner-info" role="status" data-day-settings-saved use:reveal>{tr(l(), g::DAY_SAVED)}</p> })}
            <div class="form-actions">
                <button class="primary" data-action="save-day-settings" on:click=save>{move || tr(l(), g::SAVE)}</button>
                <button data-action="reset-day-settings" on:click=reset>{move || tr(l(), g::RESET)}</button>
            </div>
        </section>
    }
}

#[cfg(test)]
mod typed {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn whole_numbers_are_read_leniently() {
        assert!(matches!(whole::<u16>(" １４ "), Ok(14)));
        assert!(matches!(whole::<u8>("+3"), Ok(3)));
        assert!(matches!(whole::<u8>("两"), Err(Refusal::NotWhole(t)) if t == "两"));
        assert!(matches!(whole::<u8>("2.5"), Err(Refusal::NotWhole(_))));
        assert!(matches!(whole::<u8>("  "), Err(Refusal::Empty)));
        assert!(matches!(whole::<u8>("300"), Err(Refusal::OutOfRange(t)) if t == "300"));
        assert!(matches!(whole::<u16>("-1"), Err(Refusal::OutOfRange(_))));
        assert!(matches!(whole::<u16>("99999999999999999999999"), Err(Refusal::OutOfRange(_))));
        assert_eq!(Refusal::NotWhole("两".into()).message(Lang::Zh), "“两”不是整数");
        assert_eq!(Refusal::NotWhole("两".into()).message(Lang::En), "“两” is not a whole number");
    }
}
