//! A customer's summary: what the list, search, 查重 and the receivables overview read of a
//! customer, without its card's other fields, its people's details, its history or its file.
//! A 100,000-customer archive is ~500 MB of cards and files; the summaries are a small part of
//! that, which is what a tablet can keep in memory (the rest read when a card is opened).
//!
//! A summary is a function of the customer and its file ([`Summary::of`]), independent of the
//! day: receivables are kept as open items, aged on any day ([`OpenItems::aging`]).

pub mod bin;
pub mod credit_rows;

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

use crate::customer::card::Kind;
use crate::customer::Customer;
use crate::dedup::{DupFacts, DupSource};
use crate::ledger::{AgingRow, Entry, LedgerScratch, OpenItems};
use chrono::NaiveDate;
use crate::primitives::clock::Hlc;
use crate::primitives::codes::{Stage, Tag, Tier};
use crate::search::Listed;

use crate::archive::version_of;
use crate::grading::reminders::{card_dates, DateEvent, VisitFacts};
use crate::grading::sales::MonthlySales;
use crate::ledger::credit::CreditFacts;
use crate::ledger::FileFacts;
use crate::primitives::grades::CardGrades;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub id: String,
    #[serde(rename = "no", default, skip_serializing_if = "String::is_empty")]
    pub reg_no: String,
    /// The name shown (a card without a name shows its 登记编号, as the card does).
    #[serde(rename = "n")]
    pub name: String,
    #[serde(rename = "k")]
    pub kind: Kind,
    #[serde(rename = "s", default)]
    pub stage: Stage,
    #[serde(rename = "t", default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<Tier>,
    #[serde(rename = "g", default, skip_serializing_if = "BTreeSet::is_empty")]
    pub tags: BTreeSet<Tag>,
    /// The owner's rep id.
    #[serde(rename = "o", default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(rename = "r", default, skip_serializing_if = "String::is_empty")]
    pub region: String,
    #[serde(rename = "x", default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
    /// Every number to call, the card's and its live people's, as typed.
    #[serde(rename = "p", default, skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<String>,
    #[serde(rename = "tax", default, skip_serializing_if = "String::is_empty")]
    pub tax: String,
    /// The rest of what search finds a customer by: nickname, company, fax (without dashes),
    /// people's names, address (non-empty ones, in that order).
    #[serde(rename = "w", default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<String>,
    #[serde(rename = "a", default)]
    pub open: OpenItems,
    /// The card this one was merged into (a deleted card), so links to it can be followed.
    #[serde(rename = "m", default, skip_serializing_if = "String::is_empty")]
    pub merged_into: String,
    /// The newest stamp of the card, so a summary older than its card is seen and rebuilt.
    #[serde(rename = "v", default)]
    pub version: Hlc,
    /// Sales by month (销售等级 of the whole archive is cut from these, no file read).
    #[serde(rename = "ms", default, skip_serializing_if = "MonthlySales::is_empty")]
    pub sales: MonthlySales,
    /// The card's grades and route place, as stored (准客户等级, MAN, 销售等级, watch, area, 路序,
    /// last review).
    #[serde(rename = "gr", default, skip_serializing_if = "crate::primitives::macros::is_default")]
    pub grades: CardGrades,
    /// The visits the day's list needs (latest made, promised, planned).
    #[serde(rename = "vf", default, skip_serializing_if = "VisitFacts::is_empty")]
    pub visits: VisitFacts,
    /// The card's yearly dates (birthdays, anniversaries, founding day, people's dates).
    #[serde(rename = "dt", default, skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<DateEvent>,
    /// Limit, class, reports, urgent reports, open and held orders (the 信用 page, 今日).
    #[serde(rename = "cf", default, skip_serializing_if = "CreditFacts::is_empty")]
    pub credit: CreditFacts,
    /// 性质 and 类别 of an enterprise card (构成分析).
    #[serde(rename = "nat", default, skip_serializing_if = "Option::is_none")]
    pub nature: Option<crate::primitives::codes::Nature>,
    #[serde(rename = "cat", default, skip_serializing_if = "Option::is_none")]
    pub category: Option<crate::primitives::codes::Category>,
    /// Complaints, collections and product sales by month, trade started and stopped, the last
    /// 综合评价 (the complaints list, 今日 and 客户分析).
    #[serde(rename = "ff", default, skip_serializing_if = "FileFacts::is_empty")]
    pub facts: FileFacts,
    /// A customer in the 回收站 (deleted by hand, not merged away nor a placeholder): when and on
    /// which device, and what its file holds, so the bin lists it without reading the card.
    #[serde(rename = "bin", default, skip_serializing_if = "Option::is_none")]
    pub bin: Option<bin::Binned>,
}

impl Summary {
    /// The summary of `c` with its file `entries`.
    pub fn of(c: &Customer, entries: &[Entry], scratch: &mut LedgerScratch) -> Summary {
        // What search reads of the card, so a summary finds what the card finds.
        let mut words = Vec::new();
        Listed::words(c, &mut |w| {
            if !w.is_empty() {
                words.push(w.to_string());
            }
        });
        Summary {
            id: c.id.clone(),
            reg_no: c.reg_no.clone(),
            name: c.display_name().to_string(),
            kind: c.kind(),
            stage: c.stage,
            tier: c.tier,
            tags: c.tags.clone(),
            owner: c.owner.clone(),
            region: c.region.clone(),
            deleted: c.deleted,
            phones: c.all_phones().into_iter().map(str::to_string).collect(),
            tax: c.body.tax_number().to_string(),
            words,
            open: if c.deleted { OpenItems::default() } else { scratch.open_items(entries) },
            merged_into: c.merged_into.clone(),
            version: version_of(c),
            sales: if c.deleted { MonthlySales::default() } else { MonthlySales::of(entries) },
            grades: c.grades.clone(),
            visits: if c.deleted { VisitFacts::default() } else { VisitFacts::of(entries) },
            dates: if c.deleted { Vec::new() } else { card_dates(c) },
            credit: if c.deleted { CreditFacts::default() } else { CreditFacts::of(entries) },
            nature: c.body.nature(),
            category: c.body.category(),
            facts: if c.deleted { FileFacts::default() } else { FileFacts::of(entries) },
            bin: bin::Binned::of(c, entries, scratch),
        }
    }

    /// Summaries of every customer with its file, in position order: one pass.
    pub fn all<'a>(files: impl IntoIterator<Item = (&'a Customer, &'a [Entry])>) -> Vec<Summary> {
        let mut scratch = LedgerScratch::default();
        files.into_iter().map(|(c, file)| Summary::of(c, file, &mut scratch)).collect()
    }
}

impl Listed for Summary {
    fn live(&self) -> bool {
        !self.deleted
    }
    fn kind(&self) -> Kind {
        self.kind
    }
    fn stage(&self) -> Stage {
        self.stage
    }
    fn tier(&self) -> Option<Tier> {
        self.tier
    }
    fn prospect(&self) -> Option<crate::primitives::grades::ProspectGrade> {
        self.grades.prospect
    }
    fn tags(&self) -> &BTreeSet<Tag> {
        &self.tags
    }
    fn region(&self) -> &str {
        &self.region
    }
    fn owner(&self) -> &str {
        &self.owner
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn reg_no(&self) -> &str {
        &self.reg_no
    }
    fn phones(&self) -> Vec<&str> {
        self.phones.iter().map(String::as_str).collect()
    }
    fn words(&self, put: &mut dyn FnMut(&str)) {
        self.words.iter().for_each(|w| put(w));
    }
}

impl Summary {
    /// What 查重 reads of this customer; `None` for a deleted one (as for its card).
    pub fn dup_facts(&self) -> Option<DupFacts<'_>> {
        (!self.deleted).then(|| DupFacts { name: &self.name, phones: self.phones.iter().map(String::as_str).collect(), tax: &self.tax })
    }
}

impl DupSource for [Summary] {
    fn count(&self) -> u32 {
        u32::try_from(self.len()).unwrap_or(u32::MAX)
    }

    fn facts(&self, pos: u32) -> Option<DupFacts<'_>> {
        self.get(pos as usize)?.dup_facts()
    }
}

/// The aging table as of `today` from the summaries alone: equal to
/// [`crate::ledger::aging_table`] over the cards with their files (every live customer with
/// something open, biggest debtors first, then by 登记编号).
pub fn aging_table(summaries: &[Summary], today: NaiveDate) -> Vec<AgingRow> {
    let mut rows: Vec<AgingRow> = summaries
        .iter()
        .filter(|s| !s.deleted)
        .filter_map(|s| {
            let aging = s.open.aging(today);
            (aging.open() > 0).then(|| AgingRow { id: s.id.clone(), name: s.name.clone(), reg_no: s.reg_no.clone(), aging })
        })
        .collect();
    rows.sort_by(|a, b| b.aging.open().cmp(&a.aging.open()).then_with(|| a.reg_no.cmp(&b.reg_no)));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::{Archive, Batch};
    use crate::dedup::DupIndex;
    use crate::ledger::aging;
    use crate::sample::{sample_archive, sample_ledger, sample_owners};
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn sample(n: usize) -> Archive {
        let today = d("2026-03-15");
        let mut customers = sample_archive(21, n, today, "dev");
        let reps = sample_owners(21, &mut customers, "dev");
        let entries = sample_ledger(21, &customers, &reps, today, "dev");
        Archive::with_entries(customers, entries, vec![], Default::default()).with_reps(reps)
    }

    #[test]
    fn receivables_age_alike_from_the_summary_on_any_day() {
        let a = sample(600);
        let summaries = Summary::all(a.files());
        assert_eq!(summaries.len(), a.len());
        let mut owing = 0;
        for day in ["2026-03-15", "2026-06-01", "2025-01-01"] {
            for ((c, file), s) in a.files().zip(&summaries) {
                if c.deleted {
                    continue;
                }
                assert_eq!(s.open.aging(d(day)), aging(file, d(day)), "{} on {day}", c.display_name());
                owing += usize::from(s.open.aging(d(day)).open() > 0);
            }
        }
        assert!(owing > 100, "the sample owes something: {owing}");
    }

    #[test]
    fn the_aging_table_from_summaries_is_the_one_from_the_files() {
        let a = sample(900);
        let summaries = Summary::all(a.files());
        for day in ["2026-03-15", "2026-09-30", "2025-06-01"] {
            let from_files = crate::ledger::aging_table(a.files(), d(day));
            assert!(from_files.len() > 50, "{}", from_files.len());
            assert_eq!(aging_table(&summaries, d(day)), from_files, "{day}");
        }
    }

    #[test]
    fn summaries_serve_the_duplicate_check_like_the_cards() {
        let a = sample(1_200);
        let summaries = Summary::all(a.files());
        let (cards, short) = (DupIndex::build(a.customers()), DupIndex::build(summaries.as_slice()));
        assert_eq!(cards.groups(a.customers()), short.groups(summaries.as_slice()));
        for c in a.customers().iter().step_by(40) {
            assert_eq!(cards.check(a.customers(), c, None), short.check(summaries.as_slice(), c, None));
        }
    }

    #[test]
    fn summaries_serve_search_filters_and_sorts_like_the_cards() {
        use crate::search::{ranks, Filter, OwnerFilter, SearchIndex, SortKey};
        let a = sample(1_500);
        let summaries = Summary::all(a.files());
        let (cards, short) = (SearchIndex::build(a.customers()), SearchIndex::build(&summaries));
        let owner = a.customers().iter().find(|c| !c.owner.is_empty()).map(|c| c.owner.clone()).unwrap();
        let region = a.customers()[7].region.clone();
        let filters = [
            Filter::default(),
            Filter { owner: OwnerFilter::Rep(owner), ..Filter::default() },
            Filter { owner: OwnerFilter::Nobody, stage: Some(Stage::Current), ..Filter::default() },
            Filter { region, kind: Some(Kind::Enterprise), ..Filter::default() },
        ];
        // A name, a phone, digits of one, a 登记编号, an address word, a person's surname, none.
        let c = &a.customers()[11];
        let phone = c.all_phones().first().map(|p| p.to_string()).unwrap_or_default();
        let queries = [String::new(), c.display_name().to_string(), phone.clone(), phone.chars().skip(3).take(4).collect(), c.reg_no.clone(), "路".into(), "王".into(), "有限公司".into(), "zzzz".into()];
        let mut found = 0;
        for f in &filters {
            for q in &queries {
                let hits = cards.select(q, f);
                assert_eq!(hits, short.select(q, f), "{q:?} {f:?}");
                found += hits.len();
            }
        }
        assert!(found > 1_000, "{found}");
        assert_eq!(cards.regions(), short.regions());
        assert_eq!(cards.live_count(), short.live_count());
        for key in [SortKey::RegNo, SortKey::Name, SortKey::Region, SortKey::Stage] {
            assert_eq!(ranks(a.customers(), key), ranks(&summaries, key), "{key:?}");
        }
    }

    /// Saves of every kind that touch summaries: card edits, deletes and restores, payments,
    /// an entry edited and deleted, a new customer with an entry before and after it.
    fn saves(a: &Archive, seed: u64) -> Vec<Batch> {
        use crate::customer::lifecycle;
        use crate::ledger::{EntryBody, Payment};
        use crate::primitives::clock::Stamp;
        let mut r = crate::sample::Rng(seed);
        let st = |n: u64| Stamp::new(Hlc { ms: 3_000_000_000_000 + n, n: 0 }, "dev-b");
        let mut a = a.clone();
        let mut out = Vec::new();
        let mut gone = Vec::new();
        for n in 0..60u64 {
            let pos = r.below(a.len() as u64) as usize;
            let c = a.customers()[pos].clone();
            let pay = |id: String, cid: &str, fen: i64| Entry::new(id, cid.to_string(), EntryBody::Payment(Payment { date: d("2026-03-01"), fen, ..Default::default() }), st(n));
            let batch = match r.below(8) {
                0 => {
                    let mut c = c;
                    c.region = format!("区{}", r.below(3));
                    c.status_stamp = st(n);
                    let record = crate::customer::history::ChangeRecord { id: format!("h{n}"), customer_id: c.id.clone(), stamp: st(n), action: crate::customer::history::Action::Edit, changes: vec![], grades: vec![] };
                    Batch { customers: vec![c], history: vec![record], ..Batch::default() }
                }
                1 => {
                    let mut c = c;
                    lifecycle::delete(&mut c, st(n));
                    gone.push(c.id.clone());
                    Batch { customers: vec![c], ..Batch::default() }
                }
                2 => {
                    // Restored: what it owed counts again (deleted ones of the sample owe nothing).
                    let Some(mut c) = gone.pop().and_then(|id| a.get(&id).cloned()) else { continue };
                    lifecycle::restore(&mut c, st(n));
                    Batch { customers: vec![c], ..Batch::default() }
                }
                3 => Batch { entries: vec![pay(format!("p{n}"), &c.id, 1 + r.below(90_000) as i64)], ..Batch::default() },
                4 => {
                    // An existing entry edited (a new amount) or deleted.
                    let Some(mut e) = a.ledger(&c.id).iter().find(|e| matches!(e.body, EntryBody::Payment(_))).cloned() else { continue };
                    if r.below(2) == 0 {
                        e.deleted = true;
                    } else if let EntryBody::Payment(p) = &mut e.body {
                        p.fen += 1;
                    }
                    e.stamp = st(n);
                    Batch { entries: vec![e], ..Batch::default() }
                }
                5 => {
                    // A new customer, its first payment arriving in the same save.
                    let mut c = c;
                    c.id = format!("new{n}");
                    c.deleted = false;
                    c.deleted_stamp = None;
                    c.created = st(n);
                    let e = pay(format!("np{n}"), &c.id, 5_000);
                    Batch { customers: vec![c], entries: vec![e], ..Batch::default() }
                }
                6 if !c.deleted => {
                    // Merged into another card: its file moves there and the card is a tombstone.
                    let to = a.customers()[r.below(a.len() as u64) as usize].id.clone();
                    if to == c.id {
                        continue;
                    }
                    let moved: Vec<Entry> = a.ledger(&c.id).iter().cloned().map(|mut e| {
                        e.customer_id = to.clone();
                        e.stamp = st(n);
                        e
                    }).collect();
                    let mut c = c;
                    lifecycle::delete(&mut c, st(n));
                    c.merged_into = to;
                    Batch { customers: vec![c], entries: moved, ..Batch::default() }
                }
                _ => Batch { entries: vec![pay(format!("q{n}"), &c.id, 7)], ..Batch::default() },
            };
            a.apply(&batch);
            out.push(batch);
        }
        out
    }

    #[test]
    fn a_part_replayed_from_its_pages_is_that_part_of_the_whole_archive() {
        use crate::archive::{replay_part, PAGE_ROWS};
        for seed in [4, 5, 6] {
            let stored = sample(2_300);
            let batches = saves(&stored, seed);
            let mut whole = stored.clone();
            for b in &batches {
                whole.apply(b);
            }
            assert!(whole.len() > stored.len(), "the saves add customers");
            let on_page = |id: &str, page: usize| whole.position(id).is_some_and(|p| p as usize / PAGE_ROWS == page);
            for page in 0..whole.len().div_ceil(PAGE_ROWS) {
                let (start, end) = (page * PAGE_ROWS, ((page + 1) * PAGE_ROWS).min(whole.len()));
                let rows: Vec<Customer> = stored.customers().iter().skip(start).take(PAGE_ROWS).cloned().collect();
                let entries: Vec<Entry> = stored.ledgers().iter().skip(start).take(PAGE_ROWS).flatten().cloned().collect();
                let part = replay_part(Archive::with_entries(rows, entries, vec![], Default::default()), &batches, |id| on_page(id, page));
                assert_eq!(part.customers(), &whole.customers()[start..end], "page {page}");
                assert_eq!(part.ledgers(), &whole.ledgers()[start..end], "page {page}");
                let mine: Vec<&crate::customer::history::ChangeRecord> = whole.history().iter().filter(|h| on_page(&h.customer_id, page)).collect();
                assert_eq!(part.history().iter().collect::<Vec<_>>(), mine, "history of page {page}");
            }
            let mut moved = 0;
            for c in whole.customers().iter().step_by(7).chain(whole.customers().iter().rev().take(20)) {
                let (card, file) = match stored.position(&c.id) {
                    Some(p) => (vec![stored.customers()[p as usize].clone()], stored.ledger_at(p).to_vec()),
                    None => (Vec::new(), Vec::new()),
                };
                moved += usize::from(file.len() != whole.ledger(&c.id).len());
                let part = replay_part(Archive::with_entries(card, file, vec![], Default::default()), &batches, |id| id == c.id);
                assert_eq!(part.get(&c.id), Some(c));
                assert_eq!(part.ledger(&c.id), whole.ledger(&c.id));
                assert_eq!(part.history_of(&c.id), whole.history_of(&c.id));
            }
            assert!(moved > 0, "some files changed");
        }
    }

    #[test]
    fn a_summary_round_trips_and_is_small() {
        let a = sample(300);
        let summaries = Summary::all(a.files());
        let json = serde_json::to_string(&summaries).unwrap();
        assert_eq!(serde_json::from_str::<Vec<Summary>>(&json).unwrap(), summaries);
        let cards: usize = a.files().map(|(c, f)| serde_json::to_string(c).unwrap().len() + serde_json::to_string(f).unwrap().len()).sum();
        // The point of a summary: a small part of what the cards and files take.
        assert!(json.len() * 5 < cards, "summaries {} B, cards and files {cards} B", json.len());
        // A deleted card's summary is marked and owes nothing.
        let gone = summaries.iter().find(|s| s.deleted);
        assert!(gone.is_none_or(|s| s.open == OpenItems::default()));
    }
}
