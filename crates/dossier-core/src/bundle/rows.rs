//! The rows of a stored page (a JSON array of objects, as serde writes it: compact, no
//! whitespace) found by one pass over the bytes, with what an export needs of each row (its
//! `id`, whether a given flag key is `true`) read at the row's top level. A page is hundreds of
//! kilobytes to megabytes; parsing every field of every record only to count them was most of a
//! whole-archive export. Anything this does not expect (whitespace between tokens, a row that is
//! not an object, an escaped id) is `None`: the caller then reads the page the slow way.

/// One row: where it is, its `id` (if a string without escapes) and whether the flag is true.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row<'a> {
    pub text: &'a str,
    pub id: Option<&'a str>,
    pub flag: bool,
}

/// The rows of `json`, each with its id and whether `"<flag>":true` is among its top-level keys
/// (no flag: `flag` always false).
pub fn rows<'a>(json: &'a str, flag: Option<&str>) -> Option<Vec<Row<'a>>> {
    let b = json.as_bytes();
    let flag_pat = flag.map(|f| format!("\"{f}\":true"));
    let mut out = Vec::new();
    let mut i = 0;
    if b.first() != Some(&b'[') {
        return None;
    }
    i += 1;
    if b.get(i) == Some(&b']') {
        return (i + 1 == b.len()).then_some(out);
    }
    loop {
        if b.get(i) != Some(&b'{') {
            return None;
        }
        let start = i;
        let (mut depth, mut id, mut flagged) = (0usize, None, false);
        loop {
            match *b.get(i)? {
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth -= 1;
                    if depth == 0 {
                        i += 1;
                        break;
                    }
                }
                b'"' => {
                    // At the row's top level a string may be a key: look at what follows it.
                    if depth == 1 {
                        let rest = &json[i..];
                        if flag_pat.as_deref().is_some_and(|f| rest.starts_with(f)) {
                            flagged = true;
                        } else if let Some(v) = rest.strip_prefix("\"id\":\"") {
                            let end = v.find('"')?;
                            if v[..end].contains('\\') {
                                return None;
                            }
                            id = Some(&v[..end]);
                        }
                    }
                    i += 1;
                    // Skip to the closing quote (escapes included).
                    loop {
                        match *b.get(i)? {
                            b'\\' => i += 2,
                            b'"' => break,
                            _ => i += 1,
                        }
                    }
                }
                b' ' | b'\n' | b'\r' | b'\t' => return None,
                _ => {}
            }
            i += 1;
        }
        out.push(Row { text: &json[start..i], id, flag: flagged });
        match b.get(i)? {
            b',' => i += 1,
            b']' if i + 1 == b.len() => return Some(out),
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rows_ids_and_flags_at_the_top_level_only() {
        let json = r#"[{"id":"a","deleted":true,"n":"x"},{"id":"b","b":{"deleted":true},"s":"\"deleted\":true"},{"x":[1,{"id":"c"}],"id":"d\"e"}]"#;
        assert_eq!(rows(json, Some("deleted")), None, "an escaped id: the slow way");
        let json = r#"[{"id":"a","deleted":true,"n":"x"},{"id":"b","b":{"deleted":true},"s":"\"deleted\":true","t":"}]{["},{"x":[1,{"id":"c"}]}]"#;
        let got = rows(json, Some("deleted")).unwrap();
        assert_eq!(got.iter().map(|r| (r.id, r.flag)).collect::<Vec<_>>(), [(Some("a"), true), (Some("b"), false), (None, false)]);
        assert_eq!(got[1].text, r#"{"id":"b","b":{"deleted":true},"s":"\"deleted\":true","t":"}]{["}"#);
        assert_eq!(rows("[]", Some("del")), Some(vec![]));
        for bad in ["", "[", "[{}", "[{},]", "[{} ]", r#"[{"a": 1}]"#, "[1]", "{}", "[{}]x", r#"[{"a":"\"]"#] {
            assert_eq!(rows(bad, Some("del")), None, "{bad:?}");
        }
    }

    proptest! {
        /// Over serde's own output of arbitrary records, the rows are serde's rows and the
        /// flags serde's values.
        #[test]
        fn agrees_with_serde(recs in proptest::collection::vec((any::<bool>(), "[a-z0-9:-]{0,6}", ".{0,8}", proptest::option::of(any::<bool>())), 0..12)) {
            let values: Vec<serde_json::Value> = recs.iter().map(|(flag, id, text, nested)| {
                let mut m = serde_json::Map::new();
                m.insert("s".into(), text.clone().into());
                m.insert("id".into(), id.clone().into());
                if let Some(n) = nested { m.insert("b".into(), serde_json::json!({"del": n, "id": "inner"})); }
                if *flag { m.insert("del".into(), true.into()); } else if text.len() % 2 == 0 { m.insert("del".into(), false.into()); }
                serde_json::Value::Object(m)
            }).collect();
            let json = serde_json::to_string(&values).unwrap();
            let got = rows(&json, Some("del")).unwrap();
            prop_assert_eq!(got.len(), values.len());
            for (r, (v, (flag, id, _, _))) in got.iter().zip(values.iter().zip(&recs)) {
                prop_assert_eq!(serde_json::from_str::<serde_json::Value>(r.text).unwrap(), v.clone());
                prop_assert_eq!(r.flag, *flag);
                prop_assert_eq!(r.id, Some(id.as_str()));
            }
        }
    }
}
