//! Reading form values into records' typed fields (collecting every error) and writing them back.

use super::schema::{Form, Input, RawForm};
use super::value::FieldValue;
use crate::primitives::codes::Coded;
use crate::primitives::lang::Lang;
use crate::validation::{check, Problem};
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// One problem with one field of a form.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub struct FieldError {
    /// [`crate::forms::schema::FieldDef::key`].
    pub field: String,
    pub problem: Problem,
    /// Which form the key belongs to, to find its label.
    pub form: Form,
}

impl FieldError {
    pub fn new(form: Form, field: &str, problem: Problem) -> FieldError {
        FieldError { field: field.to_string(), problem, form }
    }

    /// Names the field by its label, then says what is wrong (for a message that stands alone).
    pub fn message(&self, lang: Lang) -> String {
        let def = self.form.field(&self.field);
        let label = def.map_or(self.field.as_str(), |d| d.label(lang));
        let sep = lang.pick("：", ": ");
        format!("{label}{sep}{}", self.what(lang))
    }

    /// What is wrong, without the field's label: for the message shown beside its field, whose
    /// label is right above it.
    pub fn problem_text(&self, lang: Lang) -> String {
        let what = self.what(lang);
        // Written to follow "Label: "; alone it starts a sentence.
        let mut chars = what.chars();
        match (lang, chars.next()) {
            (Lang::En, Some(first)) => first.to_uppercase().chain(chars).collect(),
            _ => what,
        }
    }

    fn what(&self, lang: Lang) -> String {
        let def = self.form.field(&self.field);
        match (&self.problem, def.map(|d| d.input)) {
            // Name the column too when it is known.
            (Problem::Cell { row, col, problem }, Some(Input::Rows(cols))) => match cols.get(*col) {
                Some(c) if lang == Lang::Zh => format!("第{}行“{}”：{}", row + 1, c.zh, problem.message(lang)),
                Some(c) => format!("row {}, {}: {}", row + 1, c.en, problem.message(lang)),
                None => self.problem.message(lang),
            },
            (p, _) => p.message(lang),
        }
    }
}

/// Reads fields of one form, trimming text and remembering every problem.
pub(crate) struct Reader<'a> {
    raw: &'a RawForm,
    pub today: NaiveDate,
    form: Form,
    errors: Vec<FieldError>,
}

impl<'a> Reader<'a> {
    pub fn new(form: Form, raw: &'a RawForm, today: NaiveDate) -> Self {
        Reader { raw, today, form, errors: Vec::new() }
    }

    pub fn fail(&mut self, key: &str, problem: Problem) {
        self.errors.push(FieldError::new(self.form, key, problem));
    }

    /// A text field's value, trimmed (a value of another kind is reported by [`Reader::finish`]).
    pub fn get(&self, key: &str) -> &'a str {
        self.raw.get(key).map_or("", |v| v.text().trim())
    }

    pub fn text(&mut self, key: &str) -> String {
        self.get(key).to_string()
    }

    pub fn required(&mut self, key: &str) -> String {
        let v = self.text(key);
        if v.is_empty() {
            self.fail(key, Problem::Required);
        }
        v
    }

    /// Runs a check on a non-empty value; empty means "not given".
    pub fn check<T>(&mut self, key: &str, f: impl FnOnce(&str) -> Result<T, Problem>) -> Option<T> {
        let v = self.get(key);
        if v.is_empty() {
            return None;
        }
        f(v).map_err(|p| self.fail(key, p)).ok()
    }

    pub fn mobile(&mut self, key: &str) -> String {
        self.check(key, check::mobile).unwrap_or_default()
    }

    pub fn phone(&mut self, key: &str) -> String {
        self.check(key, check::phone).unwrap_or_default()
    }

    pub fn landline(&mut self, key: &str) -> String {
        self.check(key, check::landline).unwrap_or_default()
    }

    pub fn email(&mut self, key: &str) -> String {
        self.check(key, check::email).unwrap_or_default()
    }

    pub fn date(&mut self, key: &str) -> Option<NaiveDate> {
        self.check(key, check::date)
    }

    pub fn past_date(&mut self, key: &str) -> Option<NaiveDate> {
        let today = self.today;
        self.check(key, |s| check::past_date(s, today))
    }

    pub fn money(&mut self, key: &str) -> Option<i64> {
        self.check(key, check::money)
    }

    pub fn count(&mut self, key: &str, max: u32) -> Option<u32> {
        self.check(key, |s| check::count(s, max))
    }

    pub fn choice<T: Coded>(&mut self, key: &str) -> Option<T> {
        self.check(key, |s| T::from_code(s).ok_or_else(|| Problem::UnknownChoice(s.to_string())))
    }

    pub fn multi<T: Coded>(&mut self, key: &str) -> BTreeSet<T> {
        let mut set = BTreeSet::new();
        let codes = self.raw.get(key).map_or(&[][..], FieldValue::codes);
        for code in codes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
            match T::from_code(code) {
                Some(v) => {
                    set.insert(v);
                }
                None => self.fail(key, Problem::UnknownChoice(code.to_string())),
            }
        }
        set
    }

    pub fn flag(&mut self, key: &str) -> bool {
        self.raw.get(key).is_some_and(FieldValue::flag)
    }

    /// Table cells, trimmed; wholly blank rows are dropped (the UI's empty last row).
    pub fn rows(&mut self, key: &str, columns: usize) -> Vec<Vec<String>> {
        let rows = self.raw.get(key).map_or(&[][..], FieldValue::rows);
        rows.iter()
            .map(|r| {
                let mut r: Vec<String> = r.iter().map(|c| c.trim().to_string()).collect();
                r.resize(columns.max(r.len()), String::new());
                r
            })
            .filter(|r| r.iter().any(|c| !c.is_empty()))
            .collect()
    }

    /// Whether the form holds anything under `key` (a table of blank rows counts: "no lines"
    /// rather than "required").
    pub fn given(&self, key: &str) -> bool {
        self.raw.contains_key(key)
    }

    /// Whether a problem was already reported for this field (to avoid a second, vaguer one).
    pub fn failed(&self, key: &str) -> bool {
        self.errors.iter().any(|e| e.field == key)
    }

    pub fn cell_fail(&mut self, key: &str, row: usize, col: usize, problem: Problem) {
        self.fail(key, Problem::Cell { row, col, problem: Box::new(problem) });
    }

    /// Errors come out in form order, so the UI can list them top to bottom.
    pub fn finish<T>(mut self, value: T) -> Result<T, Vec<FieldError>> {
        let fields = self.form.fields();
        // A value of the wrong kind (text where a table belongs) was read as empty: say that
        // instead of what the emptiness caused.
        for f in fields {
            if self.raw.get(f.key).is_some_and(|v| !v.is_empty() && !v.fits(f.input)) {
                self.errors.retain(|e| e.field != f.key);
                self.fail(f.key, Problem::WrongKind);
            }
        }
        self.errors.sort_by_key(|e| fields.iter().position(|f| f.key == e.field));
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(self.errors)
        }
    }
}

/// Writes typed fields as form values; empty values are left out.
#[derive(Default)]
pub(crate) struct Writer(pub RawForm);

impl Writer {
    fn put(&mut self, key: &str, v: FieldValue) {
        if !v.is_empty() {
            self.0.insert(key.to_string(), v);
        }
    }

    pub fn text(&mut self, key: &str, v: &str) {
        self.put(key, FieldValue::from(v));
    }

    pub fn date(&mut self, key: &str, v: Option<NaiveDate>) {
        if let Some(d) = v {
            self.text(key, &check::format_date(d));
        }
    }

    pub fn money(&mut self, key: &str, v: Option<i64>) {
        if let Some(f) = v {
            self.text(key, &crate::primitives::money::format_yuan(f));
        }
    }

    pub fn count(&mut self, key: &str, v: Option<u32>) {
        if let Some(n) = v {
            self.text(key, &n.to_string());
        }
    }

    pub fn choice<T: Coded>(&mut self, key: &str, v: Option<T>) {
        if let Some(c) = v {
            self.text(key, c.code());
        }
    }

    pub fn multi<T: Coded>(&mut self, key: &str, v: &BTreeSet<T>) {
        self.put(key, FieldValue::Multi(v.iter().map(|c| c.code().to_string()).collect()));
    }

    pub fn flag(&mut self, key: &str, v: bool) {
        self.put(key, FieldValue::Flag(v));
    }

    pub fn rows(&mut self, key: &str, rows: Vec<Vec<String>>) {
        self.put(key, FieldValue::Rows(rows));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_field_and_problem() {
        let e = FieldError::new(Form::Enterprise, "phone", Problem::Phone);
        assert_eq!(
            e.message(Lang::Zh),
            "电话：号码格式不对，应为11位手机号或带区号的固话（如 010-12345678）"
        );
        assert_eq!(
            e.message(Lang::En),
            "Phone: not a valid number; expected an 11-digit mobile or a landline with area code (e.g. 010-12345678)"
        );
        let c = FieldError::new(
            Form::Enterprise,
            "products",
            Problem::Cell { row: 1, col: 1, problem: Box::new(Problem::Percent) },
        );
        assert_eq!(c.message(Lang::Zh), "经营品种及比重：第2行“比重(%)”：比重应在 0–100 之间");
        assert!(c.to_string().starts_with("Product lines and share: row 2, Share (%)"));
    }
}
