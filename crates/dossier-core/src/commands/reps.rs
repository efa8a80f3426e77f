//! 业务员: add a rep, edit one's details, mark one as left (kept, so old cards and histories still
//! show the name) or back. Reps merge field-wise by stamp across tabs and devices, so a rep save
//! expects nothing: two edits of one rep both land, the later one winning.

use thiserror::Error;

use super::Planned;
use crate::archive::{Archive, Batch};
use crate::customer::owner::Rep;
use crate::primitives::clock::Stamp;

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum RepError {
    #[error("the rep's name is required")]
    NameRequired,
    #[error("no such rep")]
    NoRep,
    /// A new rep's id is taken (the caller must draw a fresh one).
    #[error("the rep id is already in use")]
    Exists,
}

/// What the rep form edits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RepDetails<'a> {
    pub name: &'a str,
    pub phone: &'a str,
    pub area: &'a str,
}

/// A new rep `id`.
pub fn add_rep(a: &Archive, details: RepDetails, id: &str, stamp: &Stamp) -> Result<Planned, RepError> {
    if details.name.trim().is_empty() {
        return Err(RepError::NameRequired);
    }
    if a.rep(id).is_some() {
        return Err(RepError::Exists);
    }
    let rep = Rep::new(id.to_string(), details.name, details.phone, details.area, stamp.clone());
    Ok(saved(rep))
}

/// New details of rep `id` (only a changed field moves its stamp).
pub fn edit_rep(a: &Archive, id: &str, details: RepDetails, stamp: &Stamp) -> Result<Planned, RepError> {
    if details.name.trim().is_empty() {
        return Err(RepError::NameRequired);
    }
    let mut rep = a.rep(id).ok_or(RepError::NoRep)?.clone();
    rep.edit(details.name, details.phone, details.area, stamp.clone());
    Ok(saved(rep))
}

/// Marks rep `id` as left (`true`) or back (`false`).
pub fn set_rep_left(a: &Archive, id: &str, left: bool, stamp: &Stamp) -> Result<Planned, RepError> {
    let mut rep = a.rep(id).ok_or(RepError::NoRep)?.clone();
    if left {
        rep.delete(stamp.clone());
    } else {
        rep.restore(stamp.clone());
    }
    Ok(saved(rep))
}

fn saved(rep: Rep) -> Planned {
    (Batch { reps: vec![rep], ..Batch::default() }, Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::primitives::clock::Hlc;

    fn at(ms: u64) -> Stamp {
        Stamp::new(Hlc { ms, n: 0 }, "dev")
    }

    fn details<'a>(name: &'a str, area: &'a str) -> RepDetails<'a> {
        RepDetails { name, phone: "", area }
    }

    fn applied(mut a: Archive, (batch, _): Planned) -> Archive {
        a.apply(&batch);
        a
    }

    #[test]
    fn a_rep_is_added_edited_left_and_back() {
        let a = Archive::default();
        let (batch, expect) = add_rep(&a, details(" 王伟 ", "A区"), "r1", &at(10)).unwrap();
        assert!(expect.is_empty());
        assert_eq!((batch.reps[0].id.as_str(), batch.reps[0].name.as_str()), ("r1", "王伟"));
        let a = applied(a, (batch, expect));
        assert_eq!(add_rep(&a, details("李娜", ""), "r1", &at(11)).unwrap_err(), RepError::Exists);

        let a = { let plan = edit_rep(&a, "r1", details("王伟", "B区"), &at(12)).unwrap(); applied(a, plan) };
        let r = a.rep("r1").unwrap();
        assert_eq!((r.area.as_str(), r.stamp.clone(), r.created.clone()), ("B区", at(12), at(10)));

        let a = { let plan = set_rep_left(&a, "r1", true, &at(13)).unwrap(); applied(a, plan) };
        assert!(a.rep("r1").unwrap().deleted);
        assert_eq!(a.active_reps().count(), 0);
        let a = { let plan = set_rep_left(&a, "r1", false, &at(14)).unwrap(); applied(a, plan) };
        assert!(!a.rep("r1").unwrap().deleted);
    }

    #[test]
    fn a_rep_needs_a_name_and_must_exist_to_be_edited() {
        let a = Archive::default();
        assert_eq!(add_rep(&a, details("  ", "A区"), "r1", &at(10)).unwrap_err(), RepError::NameRequired);
        assert_eq!(edit_rep(&a, "r1", details("王伟", ""), &at(10)).unwrap_err(), RepError::NoRep);
        assert_eq!(set_rep_left(&a, "r1", true, &at(10)).unwrap_err(), RepError::NoRep);
        let a = { let plan = add_rep(&a, details("王伟", ""), "r1", &at(10)).unwrap(); applied(a, plan) };
        assert_eq!(edit_rep(&a, "r1", details("", ""), &at(11)).unwrap_err(), RepError::NameRequired);
    }
}
