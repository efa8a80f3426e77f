//! Reading the archive a part at a time (docs/storage.md, "On demand"): what start-up needs
//! without any card ([`open`]), a few customers with their files ([`read_customers`]) and one
//! page of cards with their files ([`read_page`], for compaction and the background check).
//! Nothing here holds more than one page's text at a time, so a 100,000-customer archive never
//! sits in memory whole.

use std::collections::{BTreeMap, BTreeSet};

use dossier_core::archive::{handoffs::Handoff, Archive, Batch, PAGE_ROWS};
use dossier_core::summary::Summary;
use dossier_core::{ChangeRecord, Customer, Entry, Numbering, Rep};
use rexie::TransactionMode;
use dossier_core::bundle::export::{Piece, Tally};
use js_sys::Uint8Array;
use memchr::memmem;
use wasm_bindgen::{JsCast, JsValue};

use super::archive::{
    card_page, generation_of, tally_key, tally_of, PageTally, json_of, key_string, number_of, page_key, range_of, read_journal, read_rows, read_setting, rescued_record, summaries_current, Damage,
    JournalMark, Place, CARD_HISTORY_PAGES, COMPACTED, CUSTOMER_PAGES, ENTRY_PAGES, GENERATION, HISTORY_PAGES, HANDOFFS, NUMBERING, ORPHAN_PAGES, REPS, SUMMARIES, SUMMARY_PAGES,
};
use super::schema::{JOURNAL, META, PAGES, RESCUE};
use super::{Db, StorageError};

/// What start-up reads: everything but the cards and files.
pub struct Opened {
    /// Every customer's summary as the summary pages hold it; `None` when they are missing, of
    /// an older format or not complete (then [`read_page`] every page to make them).
    pub summaries: Option<Vec<Summary>>,
    /// The archive without customers: numbering, reps, history and the entries whose customer
    /// is unknown, up to date with the journal.
    pub resident: Archive,
    /// The saves after the last compaction, in order: the pages do not hold them yet.
    pub pending: Vec<(f64, Batch)>,
    pub journal: JournalMark,
    /// How many card pages there are.
    pub pages: u32,
    /// What did not read (settings, history, orphans, saves, rescued copies).
    pub damage: Damage,
}

/// The summary pages this tab just wrote as the archive's generation `generation` (an import
/// part by part), as the browser holds them: parsed instead of read back if the archive is
/// still that generation, uncompacted. (Parsed, not kept parsed: 100,000 summaries held in
/// wasm through the import's planning left its memory ~100 MB larger for good.)
pub struct Known {
    pub(super) generation: Option<u32>,
    pub(super) pages: Vec<JsValue>,
}

impl Known {
    /// These pages, written as the archive's generation `generation`.
    pub fn written_as(self, generation: u32) -> Known {
        Known { generation: Some(generation), ..self }
    }
}

/// Reads everything but the cards and files, in one read transaction. With `known` summaries
/// that are still current, the summary pages are not read.
pub async fn open(db: &Db, known: Option<Known>) -> Result<Opened, StorageError> {
    let tx = db.rexie().transaction(&[META, PAGES, JOURNAL, RESCUE], TransactionMode::ReadOnly)?;
    let meta = tx.store(META)?;
    let pages = tx.store(PAGES)?;
    let journal = tx.store(JOURNAL)?;
    let rescue = tx.store(RESCUE)?;
    let numbering = meta.get(JsValue::from_str(NUMBERING)).await?;
    let reps = meta.get(JsValue::from_str(REPS)).await?;
    let handoffs = meta.get(JsValue::from_str(HANDOFFS)).await?;
    let generation = generation_of(meta.get(JsValue::from_str(GENERATION)).await?);
    let compacted = number_of(meta.get(JsValue::from_str(COMPACTED)).await?);
    let current = summaries_current(meta.get(JsValue::from_str(SUMMARIES)).await?, generation, compacted);
    let summary_values = match known.filter(|k| current && k.generation == Some(generation) && compacted <= 0.0) {
        Some(k) => Some(k.pages),
        None if current => Some(pages.get_all(Some(range_of(SUMMARY_PAGES)?), None).await?),
        None => None,
    };
    let card_pages = pages.count(Some(range_of(CUSTOMER_PAGES)?)).await?;
    let orphan_keys = pages.get_all_keys(Some(range_of(ORPHAN_PAGES)?), None).await?;
    let orphan_values = pages.get_all(Some(range_of(ORPHAN_PAGES)?), None).await?;
    let history_keys = pages.get_all_keys(Some(range_of(HISTORY_PAGES)?), None).await?;
    let history_values = pages.get_all(Some(range_of(HISTORY_PAGES)?), None).await?;
    let journal_keys = journal.get_all_keys(None, None).await?;
    let journal_values = journal.get_all(None, None).await?;
    let rescue_keys = rescue.get_all_keys(None, None).await?;
    let rescue_values = rescue.get_all(None, None).await?;
    tx.done().await?;

    let mut damage = Damage::default();
    let summaries = summary_values.and_then(|values| {
        let mut out: Vec<Summary> = Vec::new();
        for v in values.iter() {
            out.extend(serde_json::from_slice::<Vec<Summary>>(&json_of(v)).ok()?);
        }
        Some(out)
    });
    let numbering: Numbering = read_setting(NUMBERING, numbering, &mut damage);
    let reps: Vec<Rep> = read_setting(REPS, reps, &mut damage);
    let handoffs: Vec<Handoff> = read_setting(HANDOFFS, handoffs, &mut damage);
    let mut orphans: Vec<Entry> = Vec::new();
    for (k, v) in orphan_keys.iter().zip(orphan_values.iter()) {
        orphans.extend(read_rows::<Entry>(Place::Page, &key_string(k), &json_of(v), &mut damage).into_iter().map(|(_, e)| e));
    }
    let mut history: Vec<ChangeRecord> = Vec::new();
    for (k, v) in history_keys.iter().zip(history_values.iter()) {
        history.extend(read_rows::<ChangeRecord>(Place::Page, &key_string(k), &json_of(v), &mut damage).into_iter().map(|(_, h)| h));
    }
    for (k, v) in rescue_keys.iter().zip(rescue_values.iter()) {
        damage.records.push(rescued_record(&key_string(k), &json_of(v)));
    }
    let newer = read_journal(&journal_keys, &journal_values, compacted);
    damage.extend(newer.damaged);
    let mut resident = Archive::with_entries(Vec::new(), orphans, history, numbering).with_reps(reps).with_handoffs(handoffs);
    for (_, b) in &newer.batches {
        // What every tab keeps whole; cards and entries go to their customers when read.
        resident.apply(&Batch { history: b.history.clone(), reps: b.reps.clone(), handoffs: b.handoffs.clone(), next_seq: b.next_seq, ..Batch::default() });
    }
    let journal = JournalMark { generation, last_key: compacted.max(newer.last_key), entries: newer.waiting, compacted };
    Ok(Opened { summaries, resident, pending: newer.batches, journal, pages: card_pages, damage })
}

/// The cards and files of the customers at these (id, position) pairs, as their pages hold them,
/// in one read transaction. A card is parsed out of its page alone, and only the entries that
/// name one of these customers are parsed; a page that does not read that way is read row by
/// row and what did not read is reported. A customer its page does not hold (new since the last
/// compaction) is simply absent.
pub async fn read_customers(db: &Db, wanted: &[(String, u32)]) -> Result<Part, StorageError> {
    let mut by_page: BTreeMap<u32, Vec<(&str, usize)>> = BTreeMap::new();
    for (id, pos) in wanted {
        by_page.entry(pos / PAGE_ROWS as u32).or_default().push((id.as_str(), *pos as usize % PAGE_ROWS));
    }
    let tx = db.rexie().transaction(&[PAGES], TransactionMode::ReadOnly)?;
    let store = tx.store(PAGES)?;
    let mut read = Vec::new();
    for &page in by_page.keys() {
        // Asked for at once: the three requests overlap.
        let (cards, files, history) = futures::join!(
            store.get(JsValue::from_str(&page_key(CUSTOMER_PAGES, page))),
            store.get(JsValue::from_str(&page_key(ENTRY_PAGES, page))),
            store.get(JsValue::from_str(&page_key(CARD_HISTORY_PAGES, page))),
        );
        read.push((page, cards?, files?, history?));
    }
    tx.done().await?;
    let mut out = Part::default();
    let Part { customers, entries, history: records, damage } = &mut out;
    for (page, cards, files, history) in read {
        let here = &by_page[&page];
        if let Some(v) = cards {
            let key = page_key(CUSTOMER_PAGES, page);
            customers.extend(cards_from(&key, &json_of(&v), here, damage));
        }
        let ids: BTreeSet<&str> = here.iter().map(|(id, _)| *id).collect();
        if let Some(v) = files {
            let key = page_key(ENTRY_PAGES, page);
            entries.extend(rows_naming::<Entry>(&key, &json_of(&v), "cid", &ids, |e| &e.customer_id, damage));
        }
        if let Some(v) = history {
            let key = page_key(CARD_HISTORY_PAGES, page);
            records.extend(rows_naming::<ChangeRecord>(&key, &json_of(&v), "customer_id", &ids, |h| &h.customer_id, damage));
        }
    }
    Ok(out)
}

/// Customers read from their pages: cards, entries, history, and what did not read.
#[derive(Default)]
pub struct Part {
    pub customers: Vec<Customer>,
    pub entries: Vec<Entry>,
    pub history: Vec<ChangeRecord>,
    pub damage: Damage,
}

/// The wanted cards of one page, each parsed from where its row starts (found by its id: this
/// build writes a card's id first), else the page read row by row.
fn cards_from(key: &str, json: &[u8], wanted: &[(&str, usize)], damage: &mut Damage) -> Vec<Customer> {
    let quick: Option<Vec<Customer>> = wanted
        .iter()
        .filter_map(|(id, _)| {
            let at = memmem::find(json, format!("{{\"id\":{},", serde_json::Value::from(*id)).as_bytes());
            // Not on this page as written (a new card): nothing to read.
            let at = at?;
            Some(first_value::<Customer>(&json[at..]).filter(|c| c.id == *id))
        })
        .collect();
    match quick {
        Some(found) => found,
        None => card_page(key, json, damage).into_iter().filter(|c| wanted.iter().any(|(id, _)| c.id == *id)).collect(),
    }
}

/// The rows of one page (entries, change records) that name one of `ids` in their second field
/// `field`: each found by that id (this build writes a row's id, then its customer's) and parsed
/// alone; the rest of the page is not parsed. A page not written that way is read row by row.
fn rows_naming<T: serde::de::DeserializeOwned>(key: &str, json: &[u8], field: &str, ids: &BTreeSet<&str>, customer: impl Fn(&T) -> &String, damage: &mut Damage) -> Vec<T> {
    let second = format!("\",\"{field}\":\"");
    let written_here = json.len() <= 2 || json.starts_with(b"[{\"id\":\"") && memmem::find(json, second.as_bytes()).is_some();
    if written_here {
        let mut found = Vec::new();
        let mut ok = true;
        for id in ids {
            let needle = format!("\",\"{field}\":{}", serde_json::Value::from(*id));
            for hit in memmem::find_iter(json, needle.as_bytes()) {
                let start = memmem::rfind(&json[..hit], b"{\"id\":\"");
                match start.and_then(|s| first_value::<T>(&json[s..])) {
                    Some(row) if customer(&row) == id => found.push(row),
                    // Something else that looks like it: read the page the slow way.
                    _ => ok = false,
                }
            }
        }
        if ok {
            return found;
        }
    }
    read_rows::<T>(Place::Page, key, json, damage).into_iter().map(|(_, r)| r).filter(|r| ids.contains(customer(r).as_str())).collect()
}

/// The first JSON value at the start of `json` (what follows it is not read).
fn first_value<T: serde::de::DeserializeOwned>(json: &[u8]) -> Option<T> {
    serde_json::Deserializer::from_slice(json).into_iter::<T>().next()?.ok()
}

/// One page's stored card, entry and change-record lists as the browser read them (not copied
/// into wasm), with the tallies their writer kept: an export of the whole page splices them
/// into the file as they are. `None` if there is no such card page.
pub async fn read_stored_page(db: &Db, page: u32) -> Result<Option<StoredPage>, StorageError> {
    let tx = db.rexie().transaction(&[PAGES], TransactionMode::ReadOnly)?;
    let store = tx.store(PAGES)?;
    let keys = [page_key(CUSTOMER_PAGES, page), page_key(ENTRY_PAGES, page), page_key(CARD_HISTORY_PAGES, page)];
    let get = |key: String| store.get(JsValue::from_str(&key));
    // Asked for at once: the six requests overlap.
    let (cards, files, history, cards_tally, files_tally, history_tally) = futures::join!(
        get(keys[0].clone()),
        get(keys[1].clone()),
        get(keys[2].clone()),
        get(tally_key(&keys[0])),
        get(tally_key(&keys[1])),
        get(tally_key(&keys[2])),
    );
    tx.done().await?;
    let Some(cards) = cards? else { return Ok(None) };
    let list = |value: Option<JsValue>, tally: Option<JsValue>| value.map(|v| (v, tally_of(tally.as_ref())));
    Ok(Some(StoredPage { lists: [list(Some(cards), cards_tally?), list(files?, files_tally?), list(history?, history_tally?)] }))
}

/// A page's stored lists (cards, entries, change records; a page may have no entry or history
/// list), each with its tally if it has one.
pub struct StoredPage {
    lists: [Option<(JsValue, Option<PageTally>)>; 3],
}

/// Bytes the browser holds (a part put together there), handed to a digest or into a file
/// without passing through wasm.
pub struct JsBytes(pub(super) Uint8Array);

impl JsBytes {
    pub fn len(&self) -> usize {
        self.0.length() as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn to_vec(&self) -> Vec<u8> {
        self.0.to_vec()
    }
}

impl StoredPage {
    /// The tallies of the cards, entries and change records (a list the page does not have:
    /// no row), if each list has one that was kept for these very bytes and every card goes into
    /// a bundle as it is; `None` otherwise (the page is then read the slow way).
    pub fn tallies(&self) -> Option<[Tally; 3]> {
        let mut out = [Tally::default(); 3];
        for (i, slot) in out.iter_mut().enumerate() {
            if self.lists[i].is_some() {
                let tally = self.tally(i).filter(|t| t.whole)?;
                *slot = Tally { rows: tally.rows, flagged: tally.flagged };
            }
        }
        Some(out)
    }

    /// How many live documents with a file the entries hold, if their tally says (none: no
    /// need to read them for their files).
    pub fn documents(&self) -> Option<u64> {
        match &self.lists[1] {
            None => Some(0),
            Some(_) => self.tally(1).map(|t| t.docs),
        }
    }

    /// List `i`'s tally, if it has one kept for these very bytes (its length is theirs).
    fn tally(&self, i: usize) -> Option<PageTally> {
        let (value, tally) = self.lists[i].as_ref()?;
        let tally = (*tally)?;
        (u64::from(value.dyn_ref::<Uint8Array>()?.length()) == tally.len).then_some(tally)
    }

    /// The lists' bytes, copied into wasm.
    pub fn bytes(&self) -> (Vec<u8>, Option<Vec<u8>>, Option<Vec<u8>>) {
        let [c, e, h] = &self.lists;
        let of = |l: &Option<(JsValue, Option<PageTally>)>| l.as_ref().map(|(v, _)| json_of(v));
        (of(c).unwrap_or_default(), of(e), of(h))
    }

    /// The entries' bytes, copied into wasm.
    pub fn entry_bytes(&self) -> Option<Vec<u8>> {
        self.lists[1].as_ref().map(|(v, _)| json_of(v))
    }

    /// The part made of `pieces`, put together by the browser: the text pieces copied out of
    /// wasm, the stored lists as they are. Only for a page whose [`tallies`](Self::tallies) hold.
    pub fn put_together(&self, pieces: &[Piece]) -> JsBytes {
        let list = |i: usize| self.lists[i].as_ref().and_then(|(v, _)| v.dyn_ref::<Uint8Array>()).cloned();
        let parts: Vec<Uint8Array> = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Text(t) => Some(Uint8Array::from(t.as_bytes())),
                Piece::Cards => list(0),
                Piece::Entries => list(1),
                Piece::History => list(2),
            })
            .collect();
        let out = Uint8Array::new_with_length(parts.iter().map(Uint8Array::length).sum());
        let mut at = 0;
        for b in &parts {
            out.set(b, at);
            at += b.length();
        }
        JsBytes(out)
    }
}

/// One card page with its entry page, every row in its place (see [`card_page`]), and what did
/// not read. `None` when there is no such card page.
pub async fn read_page(db: &Db, page: u32) -> Result<Option<Part>, StorageError> {
    let tx = db.rexie().transaction(&[PAGES], TransactionMode::ReadOnly)?;
    let store = tx.store(PAGES)?;
    let (ckey, ekey, hkey) = (page_key(CUSTOMER_PAGES, page), page_key(ENTRY_PAGES, page), page_key(CARD_HISTORY_PAGES, page));
    let cards = store.get(JsValue::from_str(&ckey)).await?;
    let files = store.get(JsValue::from_str(&ekey)).await?;
    let history = store.get(JsValue::from_str(&hkey)).await?;
    tx.done().await?;
    let Some(cards) = cards else { return Ok(None) };
    let mut damage = Damage::default();
    let customers = card_page(&ckey, &json_of(&cards), &mut damage);
    let rows = |key: &str, value: Option<JsValue>| -> Vec<_> { value.map(|v| json_of(&v)).map(|json| (key.to_string(), json)).into_iter().collect() };
    let entries = rows(&ekey, files).into_iter().flat_map(|(k, json)| read_rows::<Entry>(Place::Page, &k, &json, &mut damage)).map(|(_, e)| e).collect();
    let history = rows(&hkey, history).into_iter().flat_map(|(k, json)| read_rows::<ChangeRecord>(Place::Page, &k, &json, &mut damage)).map(|(_, h)| h).collect();
    Ok(Some(Part { customers, entries, history, damage }))
}
