//! Making a bundle's parts: the records of the customers in scope, as the profile lets them
//! leave. The app feeds one stored page at a time (1,000 customers with their files and change
//! records), so an export never holds the archive.

use std::collections::HashSet;

use super::format::{Counts, Part, Profile};
use super::profile::{provides, ENTRIES, HISTORY};
use crate::customer::history::ChangeRecord;
use crate::customer::owner::Rep;
use crate::customer::Customer;
use crate::ledger::Entry;

/// The part for one page: the customers `in_scope` keeps, each redacted by the profile (a
/// withheld field is named in the record's `withheld` list and carries no value), with their
/// entries and change records where the profile provides them.
pub fn part_of(customers: &[Customer], entries: &[Entry], history: &[ChangeRecord], profile: &Profile, in_scope: impl Fn(&Customer) -> bool) -> Part {
    let provided = |k: &str| provides(profile, k);
    let kept: Vec<Customer> = customers.iter().filter(|c| in_scope(c)).map(|c| crate::customer::redact(c, &provided)).collect();
    let ids: HashSet<&str> = kept.iter().map(|c| c.id.as_str()).collect();
    let entries = if provided(ENTRIES) { entries.iter().filter(|e| ids.contains(e.customer_id.as_str())).cloned().collect() } else { Vec::new() };
    let history = if provided(HISTORY) { history.iter().filter(|h| ids.contains(h.customer_id.as_str())).cloned().collect() } else { Vec::new() };
    Part { customers: kept, entries, history, ..Part::default() }
}

/// The part of one stored page exported whole (a 备份 of every customer, no save pending on the
/// page): the stored rows as they are, not parsed into records and written again — that was
/// most of an export's time — with the placeholders of damaged or withdrawn cards left out,
/// and `reps` (the first part's). The same records as [`part_of`] makes of the page. `None` when
/// a row does not read as a record or holds a newline: the caller then takes [`part_of`]'s way,
/// which reports what is wrong.
pub fn whole_page_part(cards: &[u8], entries: Option<&[u8]>, history: Option<&[u8]>, reps: &[Rep]) -> Option<(String, Counts)> {
    use super::rows::rows;
    fn text(json: Option<&[u8]>) -> Option<&str> {
        json.map(std::str::from_utf8).transpose().ok().map(|t| t.unwrap_or("[]"))
    }
    let (cards, entries, history) = (text(Some(cards))?, text(entries)?, text(history)?);
    let card_rows = rows(cards, Some("deleted"))?;
    let entry_rows = rows(entries, Some("del"))?;
    let history_rows = rows(history, None)?;
    let placeholder = |id: &str| id.starts_with(crate::archive::withdraw::PLACEHOLDER_PREFIX) || id.starts_with("damaged:");
    let mut kept = Vec::with_capacity(card_rows.len());
    let mut card_tally = Tally::default();
    for row in &card_rows {
        let id = row.id.filter(|id| !id.is_empty())?;
        if placeholder(id) {
            continue;
        }
        card_tally.rows += 1;
        card_tally.flagged += u64::from(row.flag);
        kept.push(row.text);
    }
    let tally = |rows: &[super::rows::Row]| Tally { rows: rows.len() as u64, flagged: rows.iter().filter(|r| r.flag).count() as u64 };
    let (pieces, counts) = tallied_part(card_tally, tally(&entry_rows), tally(&history_rows), reps)?;
    // The card list is its page's text as it is (the rows are contiguous), or its kept rows joined.
    let joined;
    let cards = if kept.len() == card_rows.len() {
        cards
    } else {
        joined = format!("[{}]", kept.join(","));
        &joined
    };
    let mut out = String::with_capacity(cards.len() + entries.len() + history.len() + 64);
    for piece in &pieces {
        out.push_str(match piece {
            Piece::Text(t) => t,
            Piece::Cards => cards,
            Piece::Entries => entries,
            Piece::History => history,
        });
    }
    Some((out, counts))
}

/// What a stored list of rows holds, as its writer knew it (the app keeps this beside each page
/// it writes, so an export need not read the page to count it): its rows and how many of them
/// are flagged deleted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Tally {
    pub rows: u64,
    pub flagged: u64,
}

/// A piece of a part made of stored lists: literal text, or one stored list as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Cards,
    Entries,
    History,
}

/// The part [`whole_page_part`] makes of a page, from the tallies of its lists alone (every card
/// row goes in: no placeholder), as pieces to put together with the stored lists, and its
/// counts. A list with no row is left out; `reps` go in the first part.
pub fn tallied_part(cards: Tally, entries: Tally, history: Tally, reps: &[Rep]) -> Option<(Vec<Piece>, Counts)> {
    let counts = Counts {
        customers: cards.rows,
        entries: entries.rows,
        history: history.rows,
        reps: reps.len() as u64,
        tombstones: cards.flagged + entries.flagged + reps.iter().filter(|r| r.deleted).count() as u64,
        files: 0,
    };
    let mut pieces = Vec::with_capacity(8);
    let mut text = String::from("{");
    for (key, n, piece) in [("customers", cards.rows, Piece::Cards), ("entries", entries.rows, Piece::Entries), ("history", history.rows, Piece::History)] {
        if n == 0 {
            continue;
        }
        if text.len() > 1 || !pieces.is_empty() {
            text.push(',');
        }
        text.push('"');
        text.push_str(key);
        text.push_str("\":");
        pieces.push(Piece::Text(std::mem::take(&mut text)));
        pieces.push(piece);
    }
    if !reps.is_empty() {
        if text.len() > 1 || !pieces.is_empty() {
            text.push(',');
        }
        text.push_str("\"reps\":");
        text.push_str(&serde_json::to_string(reps).ok()?);
    }
    text.push('}');
    pieces.push(Piece::Text(text));
    Some((pieces, counts))
}

/// The files (key, type) the live document entries of a stored entry page name, read without
/// reading the entries whole. `None` when the page does not read as entries.
pub fn documents_in(entries: &[u8]) -> Option<Vec<(String, String)>> {
    #[derive(serde::Deserialize)]
    struct Body {
        #[serde(default)]
        t: String,
        #[serde(default)]
        blob: String,
        #[serde(default)]
        mime: String,
    }
    #[derive(serde::Deserialize)]
    struct Head {
        #[serde(default)]
        del: bool,
        b: Body,
    }
    let rows: Vec<Head> = serde_json::from_slice(entries).ok()?;
    Some(rows.into_iter().filter(|h| !h.del && h.b.t == "doc" && !h.b.blob.is_empty()).map(|h| (h.b.blob, h.b.mime)).collect())
}

/// The reps a bundle carries (in its first part): every rep when the profile provides the owner
/// (so the receiver shows names, not ids), none otherwise.
pub fn reps_for(reps: &[Rep], profile: &Profile) -> Vec<Rep> {
    if provides(profile, "owner") || provides(profile, "collaborators") { reps.to_vec() } else { Vec::new() }
}

/// Counts a part adds (for the header): see [`Counts::add`].
pub fn count(counts: &mut Counts, part: &Part) {
    counts.add(part);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::format::ProfileCode;
    use crate::bundle::profile::fixed;
    use crate::primitives::lang::Lang;
    use crate::sample::{sample_archive, sample_ledger};

    #[test]
    fn a_rep_bundle_holds_names_and_titles_only() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let customers = sample_archive(7, 20, today, "dev");
        let entries = sample_ledger(7, &customers, &[], today, "dev");
        let rep = fixed(ProfileCode::Rep, Lang::Zh);
        let part = part_of(&customers, &entries, &[], &rep, |c| !c.deleted);
        assert!(!part.customers.is_empty());
        assert!(part.entries.is_empty() && part.history.is_empty());
        for c in &part.customers {
            assert!(c.all_phones().is_empty(), "no phone leaves under 业务员");
            assert!(c.withheld.contains("mobile") || c.withheld.contains("phone"));
            assert!(!c.display_name().is_empty());
        }
        let service = fixed(ProfileCode::Service, Lang::Zh);
        let full = part_of(&customers, &entries, &[], &service, |_| true);
        assert_eq!(full.customers.len(), customers.len());
        assert!(!full.entries.is_empty());
        assert_eq!(reps_for(&[], &rep).len(), 0);
    }

    #[test]
    fn a_whole_page_reads_as_the_same_records_without_being_written_again() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let mut customers = sample_archive(9, 40, today, "dev");
        let mut entries = sample_ledger(9, &customers, &[], today, "dev");
        let reps = crate::sample::sample_owners(9, &mut customers, "dev");
        customers[1].deleted = true;
        entries[0].deleted = true;
        let history = vec![ChangeRecord { id: "h1".into(), customer_id: customers[0].id.clone(), ..ChangeRecord::default() }];
        // Stored as the app stores pages, with a withdrawn placeholder among the cards.
        let mut stored = customers.clone();
        stored.insert(3, crate::archive::withdraw::placeholder(3));
        let page = |v: &dyn erased::Ser| v.json();
        let (c, e, h) = (page(&stored), page(&entries), page(&history));
        let (text, counts) = whole_page_part(c.as_bytes(), Some(e.as_bytes()), Some(h.as_bytes()), &reps).unwrap();
        let backup = fixed(ProfileCode::Backup, Lang::Zh);
        let mut slow = part_of(&customers, &entries, &history, &backup, |_| true);
        slow.reps = reps.clone();
        assert_eq!(Part::parse(&text, 0).unwrap(), slow, "the same records");
        assert_eq!(text, slow.to_json(), "and the same text");
        let mut want = Counts::default();
        want.add(&slow);
        assert_eq!(counts, want);
        assert_eq!(counts.tombstones, 2, "a deleted card and a deleted entry");
        // No entries or history page; a row that is not a record; a newline: not this way.
        let (text, _) = whole_page_part(c.as_bytes(), None, None, &[]).unwrap();
        assert!(!text.contains("entries") && !text.contains("reps"));
        assert_eq!(whole_page_part(b"[1]", None, None, &[]), None);
        // The documents of an entry page, read alone: live ones with a file.
        let doc = |id: &str, blob: &str, del: bool| {
            let body = crate::ledger::EntryBody::Document(crate::ledger::Document { blob: blob.into(), mime: "application/pdf".into(), ..Default::default() });
            let mut e = Entry::new(id.into(), "c".into(), body, entries[0].created.clone());
            e.deleted = del;
            e
        };
        let other = entries.iter().find(|e| !matches!(e.body, crate::ledger::EntryBody::Document(_))).unwrap().clone();
        let page = vec![doc("d1", "f1", false), doc("d2", "f2", true), doc("d3", "", false), other];
        assert_eq!(documents_in(serde_json::to_string(&page).unwrap().as_bytes()), Some(vec![("f1".to_string(), "application/pdf".to_string())]));
        assert_eq!(documents_in(b"{}"), None);
        assert_eq!(whole_page_part(b"[{\"id\":\"a\"},\n{\"id\":\"b\"}]", None, None, &[]), None);
    }

    #[test]
    fn a_tallied_page_is_put_together_as_the_page_read_whole() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let mut customers = sample_archive(11, 30, today, "dev");
        let mut entries = sample_ledger(11, &customers, &[], today, "dev");
        let reps = crate::sample::sample_owners(11, &mut customers, "dev");
        customers[2].deleted = true;
        entries[1].deleted = true;
        entries[4].deleted = true;
        let history = vec![ChangeRecord { id: "h1".into(), customer_id: customers[0].id.clone(), ..ChangeRecord::default() }];
        let json = |v: &dyn erased::Ser| v.json();
        let (c, e, h) = (json(&customers), json(&entries), json(&history));
        // The tallies a writer keeps: rows and rows flagged deleted.
        let cards = Tally { rows: customers.len() as u64, flagged: customers.iter().filter(|c| c.deleted).count() as u64 };
        let files = Tally { rows: entries.len() as u64, flagged: entries.iter().filter(|e| e.deleted).count() as u64 };
        let records = Tally { rows: 1, flagged: 0 };
        // (reps, entries' tally and text, history's tally and text)
        type Case<'a> = (&'a [Rep], Tally, Option<&'a str>, Tally, Option<&'a str>);
        let cases: [Case; 4] = [
            (&reps, files, Some(&e), records, Some(&h)),
            (&[], files, Some(&e), Tally::default(), None),
            (&[], Tally::default(), None, records, Some(&h)),
            (&reps, Tally::default(), Some("[]"), Tally::default(), None),
        ];
        for (reps, files, e, records, h) in cases {
            let (pieces, counts) = tallied_part(cards, files, records, reps).unwrap();
            let text: String = pieces
                .iter()
                .map(|p| match p {
                    Piece::Text(t) => t.as_str(),
                    Piece::Cards => c.as_str(),
                    Piece::Entries => e.unwrap(),
                    Piece::History => h.unwrap(),
                })
                .collect();
            let whole = whole_page_part(c.as_bytes(), e.map(str::as_bytes), h.map(str::as_bytes), reps).unwrap();
            assert_eq!((text, counts), whole);
        }
    }

    mod erased {
        pub trait Ser {
            fn json(&self) -> String;
        }
        impl<T: serde::Serialize> Ser for Vec<T> {
            fn json(&self) -> String {
                serde_json::to_string(self).unwrap()
            }
        }
    }
}
