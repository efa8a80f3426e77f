//! One form field's value, typed by the field's [`Input`]: a table is rows of cells, a checkbox
//! a bool, a multi-select a list of codes. Only the change history keeps a flat text of a value
//! ([`FieldValue::flat`]), because history records are stored and travel in bundles.

use super::schema::{Form, Input, RawForm};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldValue {
    /// Text as typed: text, numbers, money, dates (`YYYY-MM-DD`) and a single choice's code.
    Text(String),
    Flag(bool),
    /// The chosen options' codes.
    Multi(Vec<String>),
    /// Table cells in column order.
    Rows(Vec<Vec<String>>),
}

impl Default for FieldValue {
    fn default() -> Self {
        FieldValue::Text(String::new())
    }
}

impl From<&str> for FieldValue {
    fn from(s: &str) -> Self {
        FieldValue::Text(s.to_string())
    }
}

impl From<String> for FieldValue {
    fn from(s: String) -> Self {
        FieldValue::Text(s)
    }
}

impl FieldValue {
    /// Nothing entered: blank text, an unticked box, no option, no row with a cell.
    pub fn is_empty(&self) -> bool {
        match self {
            FieldValue::Text(s) => s.trim().is_empty(),
            FieldValue::Flag(b) => !b,
            FieldValue::Multi(codes) => codes.is_empty(),
            FieldValue::Rows(rows) => rows.iter().all(|r| r.iter().all(|c| c.trim().is_empty())),
        }
    }

    /// The text of a text value; empty for the other kinds.
    pub fn text(&self) -> &str {
        match self {
            FieldValue::Text(s) => s,
            _ => "",
        }
    }

    pub fn flag(&self) -> bool {
        matches!(self, FieldValue::Flag(true))
    }

    pub fn codes(&self) -> &[String] {
        match self {
            FieldValue::Multi(codes) => codes,
            _ => &[],
        }
    }

    pub fn rows(&self) -> &[Vec<String>] {
        match self {
            FieldValue::Rows(rows) => rows,
            _ => &[],
        }
    }

    /// Whether this kind of value belongs in a field entered as `input`.
    pub fn fits(&self, input: Input) -> bool {
        matches!(
            (self, input),
            (FieldValue::Flag(_), Input::Bool) | (FieldValue::Multi(_), Input::Multi(_)) | (FieldValue::Rows(_), Input::Rows(_))
        ) || matches!(self, FieldValue::Text(_)) && !matches!(input, Input::Bool | Input::Multi(_) | Input::Rows(_))
    }

    /// The text the change history stores (a format kept since the first version, so old
    /// records read the same): a flag `"true"` or empty, codes joined by `,`, rows as JSON.
    pub fn flat(&self) -> String {
        match self {
            FieldValue::Text(s) => s.clone(),
            FieldValue::Flag(b) => if *b { "true".into() } else { String::new() },
            FieldValue::Multi(codes) => codes.join(","),
            FieldValue::Rows(rows) => serde_json::to_string(rows).unwrap_or_default(),
        }
    }

    /// Reads a history text back as the field's kind of value (the inverse of [`FieldValue::flat`];
    /// text that is not a table for a table field stays text).
    pub fn from_flat(input: Input, s: &str) -> FieldValue {
        match input {
            Input::Bool => FieldValue::Flag(s == "true"),
            Input::Multi(_) => FieldValue::Multi(s.split(',').filter(|c| !c.is_empty()).map(String::from).collect()),
            Input::Rows(_) => serde_json::from_str(s).map(FieldValue::Rows).unwrap_or_else(|_| FieldValue::Text(s.to_string())),
            _ => FieldValue::Text(s.to_string()),
        }
    }
}

/// A form's values from history-format texts ([`FieldValue::flat`]), each key's kind looked up in
/// the schema (a key has one kind in every form, tested below; an unknown key is text). For
/// tests and tools that write forms as text; empty texts are left out.
pub fn flat_values<K: AsRef<str>, V: AsRef<str>>(pairs: impl IntoIterator<Item = (K, V)>) -> RawForm {
    pairs
        .into_iter()
        .filter(|(_, v)| !v.as_ref().is_empty())
        .map(|(k, v)| {
            let k = k.as_ref();
            let input = all_forms().flat_map(|f| f.fields()).find(|d| d.key == k).map_or(Input::Text, |d| d.input);
            (k.to_string(), FieldValue::from_flat(input, v.as_ref()))
        })
        .collect()
}

fn all_forms() -> impl Iterator<Item = Form> {
    [Form::Individual, Form::Enterprise, Form::Contact].into_iter().chain(Form::ENTRIES.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_has_one_kind_in_every_form() {
        let kind = |i: Input| std::mem::discriminant(&FieldValue::from_flat(i, "[]"));
        let mut seen = std::collections::BTreeMap::new();
        for def in all_forms().flat_map(|f| f.fields()) {
            let k = kind(def.input);
            assert_eq!(*seen.entry(def.key).or_insert(k), k, "{} has two kinds", def.key);
        }
    }

    #[test]
    fn flat_round_trips_for_every_kind() {
        let form = Form::Contact;
        let input = |k: &str| form.field(k).unwrap().input;
        let cases = [
            ("name", FieldValue::from("王芳")),
            ("receives_mail", FieldValue::Flag(true)),
            ("roles", FieldValue::Multi(vec!["buyer".into(), "payer".into()])),
            ("dates", FieldValue::Rows(vec![vec!["生日".into(), "1980-05-01".into()]])),
        ];
        for (key, v) in cases {
            assert!(v.fits(input(key)), "{key}");
            assert_eq!(FieldValue::from_flat(input(key), &v.flat()), v, "{key}");
        }
        // The stored texts of the first version.
        assert_eq!(FieldValue::Flag(true).flat(), "true");
        assert_eq!(FieldValue::Multi(vec!["a".into(), "b".into()]).flat(), "a,b");
        assert_eq!(FieldValue::Rows(vec![vec!["x".into()]]).flat(), r#"[["x"]]"#);
    }

    #[test]
    fn emptiness_and_fit() {
        assert!(FieldValue::from("  ").is_empty());
        assert!(FieldValue::Flag(false).is_empty());
        assert!(FieldValue::Rows(vec![vec![" ".into(), String::new()]]).is_empty());
        assert!(!FieldValue::Multi(vec!["a".into()]).is_empty());
        assert!(!FieldValue::from("true").fits(Input::Bool));
        assert!(!FieldValue::Flag(true).fits(Input::Text));
        assert!(FieldValue::from("2026-01-01").fits(Input::Date));
    }
}
