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
}
