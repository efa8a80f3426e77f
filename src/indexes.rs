//! The in-memory indexes over this tab's archive: every customer's summary (what the list shows),
//! search and filters, sort orders, and the 查重 lookups. They follow every applied save
//! position by position, so a save touches only the customers it changed; a reload or a replaced
//! archive rebuilds them. The summaries, search and sort orders can also be built from stored
//! summaries alone, before the cards have loaded (start-up's list).

use dossier_core::search::Order;
use dossier_core::summary::Summary;
use dossier_core::{clusters, DupCheck, DupCluster, DupGroup, DupIndex, Filter, SearchIndex, SortKey};
use std::cmp::Ordering;
use std::collections::HashMap;
use leptos::prelude::*;

use crate::perf;
use crate::platform;

/// Distinct names sorted by code point, and each one's place in the collator's order.
type NamePlaces = (Vec<String>, Vec<u32>);

#[derive(Clone, Copy)]
pub struct Indexes {
    /// Position → the customer's summary: the list's rows and what search and sorts read.
    summaries: StoredValue<Vec<Summary>, LocalStorage>,
    /// Customer id → position (every customer ever held, deleted ones too).
    positions: StoredValue<HashMap<String, u32>, LocalStorage>,
    search: StoredValue<SearchIndex, LocalStorage>,
    /// Phone, tax number and name lookups for 查重; built on first use (≈ 0.5 s at 100,000
    /// customers, which start-up should not pay), then kept up to date like the search index.
    dups: StoredValue<Option<DupIndex>, LocalStorage>,
    /// The last collation of the distinct names (names, places): a save that changes no name
    /// re-sorts by name without asking the browser's collator again.
    name_places: StoredValue<Option<NamePlaces>, LocalStorage>,
    /// The sort orders asked for so far, each moved one customer at a time as saves land.
    orders: StoredValue<Vec<(SortKey, Order)>, LocalStorage>,
    /// Counts every change; with the positions the last one touched (`None`: the whole archive
    /// was rebuilt), so a list computed at the previous count can be patched instead of redone.
    change: StoredValue<(u64, Option<Vec<u32>>), LocalStorage>,
}

/// Above this many changed customers in one save, sort orders are rebuilt rather than moved
/// one by one (each move shifts up to the whole order).
const MOVE_AT_MOST: usize = 256;

impl Indexes {
    pub fn new() -> Indexes {
        Indexes {
            summaries: StoredValue::new_local(Vec::new()),
            positions: StoredValue::new_local(HashMap::new()),
            search: StoredValue::new_local(SearchIndex::default()),
            dups: StoredValue::new_local(None),
            name_places: StoredValue::new_local(None),
            orders: StoredValue::new_local(Vec::new()),
            change: StoredValue::new_local((0, None)),
        }
    }

    /// How many positions there are (customers ever held, deleted ones too).
    pub fn count(self) -> usize {
        self.summaries.with_value(Vec::len)
    }

    /// Rebuilds from the customers' summaries alone (start-up, before the cards are read).
    pub fn rebuild_from(self, summaries: Vec<Summary>) {
        self.search.set_value(SearchIndex::build(&summaries));
        self.positions.set_value(summaries.iter().enumerate().map(|(p, s)| (s.id.clone(), p as u32)).collect());
        self.summaries.set_value(summaries);
        self.dups.set_value(None);
        self.orders.set_value(Vec::new());
        self.change.update_value(|(n, touched)| {
            *n += 1;
            *touched = None;
        });
    }

    /// Follows one applied save: the summaries at these positions are replaced, and positions
    /// at the end appended (in order); only those are re-indexed.
    pub fn applied(self, changed: &[(u32, Summary)]) {
        let mut updated = Vec::new();
        let mut added = Vec::new();
        self.summaries.update_value(|summaries| {
            self.search.update_value(|search| {
                self.dups.update_value(|dups| {
                    self.positions.update_value(|positions| {
                        for (p, s) in changed {
                            let is_new = *p as usize >= summaries.len();
                            if is_new && *p as usize != summaries.len() {
                                continue;
                            }
                            index_one(search, dups, *p, s, is_new);
                            positions.insert(s.id.clone(), *p);
                            put(summaries, *p, s.clone());
                            if is_new {
                                added.push(*p);
                            } else {
                                updated.push(*p);
                            }
                        }
                    });
                });
            });
        });
        // Updated positions, then added ones in the order they were appended.
        let mut touched = updated;
        touched.sort_unstable();
        touched.dedup();
        touched.extend(added);
        if touched.len() > MOVE_AT_MOST {
            self.orders.set_value(Vec::new());
        } else {
            self.summaries.with_value(|summaries| {
                self.orders.update_value(|orders| {
                    for (key, order) in orders.iter_mut() {
                        for &p in &touched {
                            order.reposition(p, |x, y| self.compare(summaries, *key, x, y));
                        }
                    }
                });
            });
        }
        self.change.update_value(|(n, t)| {
            *n += 1;
            *t = Some(touched);
        });
    }

    /// The change count, and the positions the last change touched (`None`: everything).
    pub fn last_change(self) -> (u64, Option<Vec<u32>>) {
        self.change.get_value()
    }

    /// Two positions in `by` order, ties by position: the order [`Indexes::ranks`] builds.
    fn compare(self, s: &[Summary], by: SortKey, x: u32, y: u32) -> Ordering {
        let c = |p: u32| &s[p as usize];
        let key = match by {
            SortKey::RegNo => c(x).reg_no.cmp(&c(y).reg_no),
            SortKey::Region => c(x).region.cmp(&c(y).region),
            SortKey::Stage => c(x).stage.cmp(&c(y).stage),
            SortKey::Name => {
                let (m, n) = (c(x).name.as_str(), c(y).name.as_str());
                // Places from the last collation where both names have one; the collator itself
                // for a name new since (code-point order between names it finds equal, as there).
                let places = self.name_places.with_value(|cached| {
                    let (names, places) = cached.as_ref()?;
                    let place = |s: &str| names.binary_search_by(|v| v.as_str().cmp(s)).ok().and_then(|i| places.get(i).copied());
                    Some((place(m)?, place(n)?))
                });
                match places {
                    Some((pm, pn)) => pm.cmp(&pn),
                    None => platform::collate(m, n).then_with(|| m.cmp(n)),
                }
            }
        };
        key.then(x.cmp(&y))
    }

    /// The rank of every position in `by` order; names in pinyin order (the browser's collator,
    /// reused while the set of names is unchanged). Built once per order, then kept up to date.
    pub fn ranks(self, by: SortKey) -> Vec<u32> {
        self.summaries.with_value(|s| self.ranks_of(s, by))
    }

    fn ranks_of(self, a: &[Summary], by: SortKey) -> Vec<u32> {
        let kept = self.orders.with_value(|o| o.iter().find(|(k, _)| *k == by).filter(|(_, o)| o.len() == a.len()).map(|(_, o)| o.ranks().to_vec()));
        if let Some(ranks) = kept {
            return ranks;
        }
        let ranks = match by {
            SortKey::Name => dossier_core::ranks_by_name(a, |names| {
                let cached = self.name_places.with_value(|c| c.as_ref().filter(|(n, _)| n[..] == *names).map(|(_, p)| p.clone()));
                cached.unwrap_or_else(|| {
                    let places = platform::collation_places(names).unwrap_or_default();
                    self.name_places.set_value(Some((names.iter().map(|n| n.to_string()).collect(), places.clone())));
                    places
                })
            }),
            _ => dossier_core::ranks(a, by),
        };
        self.orders.update_value(|o| {
            o.retain(|(k, _)| *k != by);
            o.push((by, Order::from_ranks(ranks.clone())));
        });
        ranks
    }

    /// Reads every summary, in position order.
    pub fn with_summaries<T>(self, f: impl FnOnce(&[Summary]) -> T) -> T {
        self.summaries.with_value(|s| f(s))
    }

    /// The summaries at `positions` (the list's visible rows), with each position.
    pub fn summaries_at(self, positions: &[u32]) -> Vec<(u32, Summary)> {
        self.summaries.with_value(|s| positions.iter().filter_map(|&p| Some((p, s.get(p as usize)?.clone()))).collect())
    }

    /// Whether the customer at `pos` is in [`Indexes::select`]'s answer.
    pub fn matches(self, pos: u32, query: &str, filter: &Filter) -> bool {
        self.search.with_value(|i| i.matches(pos, query, filter))
    }

    /// Live customers.
    pub fn live_count(self) -> usize {
        self.search.with_value(|i| i.live_count())
    }

    /// The regions live customers are in, sorted.
    pub fn regions(self) -> Vec<String> {
        self.search.with_value(|i| i.regions())
    }

    /// Search-as-you-type and filters: live positions, ascending.
    pub fn select(self, query: &str, filter: &Filter) -> Vec<u32> {
        self.search.with_value(|i| i.select(query, filter))
    }

    /// The position of a customer, by id.
    pub fn position(self, id: &str) -> Option<u32> {
        self.positions.with_value(|m| m.get(id).copied())
    }

    /// The summary of a customer, by id.
    pub fn summary(self, id: &str) -> Option<Summary> {
        let p = self.position(id)?;
        self.summaries.with_value(|s| s.get(p as usize).filter(|s| s.id == id).cloned())
    }

    /// Builds the duplicate index (over the summaries) if it is not there yet.
    pub fn ensure_dups(self) {
        if self.dups.with_value(Option::is_some) {
            return;
        }
        let t0 = perf::now();
        let built = self.summaries.with_value(|s| DupIndex::build(s.as_slice()));
        self.dups.set_value(Some(built));
        perf::measure_since("dossier:dup-index", t0);
    }

    /// The duplicate check of a card being created (`editing` None) or edited, from its fields.
    pub fn dup_check(self, name: &str, phones: &[&str], tax: &str, editing: Option<&str>) -> DupCheck {
        self.ensure_dups();
        let t0 = perf::now();
        let exclude = editing.and_then(|id| self.position(id));
        let check = self.summaries.with_value(|s| self.dups.with_value(|d| d.as_ref().map(|d| d.check_fields(s.as_slice(), name, phones, tax, exclude)).unwrap_or_default()));
        perf::measure_since("dossier:dup-check", t0);
        check
    }

    /// Every duplicate group of the archive, and the clusters they form (one per customer).
    pub fn dup_scan(self) -> (Vec<DupGroup>, Vec<DupCluster>) {
        self.ensure_dups();
        let t0 = perf::now();
        let groups = self.summaries.with_value(|s| self.dups.with_value(|d| d.as_ref().map(|d| d.groups(s.as_slice())).unwrap_or_default()));
        let found = clusters(&groups);
        perf::measure_since("dossier:dup-scan", t0);
        (groups, found)
    }
}

/// Sets the summary at `p`, appending when `p` is the next position.
fn put(summaries: &mut Vec<Summary>, p: u32, s: Summary) {
    let len = summaries.len();
    match summaries.get_mut(p as usize) {
        Some(slot) => *slot = s,
        None if p as usize == len => summaries.push(s),
        None => {}
    }
}

fn index_one(search: &mut SearchIndex, dups: &mut Option<DupIndex>, p: u32, s: &Summary, added: bool) {
    if added {
        search.push(s);
    } else {
        search.update(p, s);
    }
    match dups {
        Some(d) if added => d.push_facts(s.dup_facts()),
        Some(d) => d.update_facts(p, s.dup_facts()),
        None => {}
    }
}

impl Default for Indexes {
    fn default() -> Self {
        Self::new()
    }
}
