//! Documents: attachment metadata, checked like the file itself will be.

use super::*;
use crate::forms::Reader;
use crate::validation::{check, Problem};

pub(super) fn read_document(r: &mut Reader) -> Document {
    let kind = required_choice(r, "kind");
    let date = required_date(r, "date");
    if date.is_some_and(|d| d > r.today) {
        r.fail("date", Problem::FutureDate);
    }
    let name = r.required("name");
    let size = if r.get("size").is_empty() {
        r.fail("size", Problem::Required);
        None
    } else {
        r.check("size", |s| check::count(s, u32::MAX)).map(u64::from)
    };
    let mut mime = r.required("mime");
    if !mime.is_empty() {
        match check_document(&mime, size.unwrap_or(0)) {
            Ok(m) => mime = m,
            Err(p @ Problem::FileTooLarge { .. }) => r.fail("size", p),
            Err(p) => r.fail("mime", p),
        }
    }
    Document {
        kind,
        date: date.unwrap_or_default(),
        name,
        mime,
        size: size.unwrap_or(0),
        blob: r.required("blob"),
        note: r.text("note"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::validate::tests::*;

    #[test]
    fn documents() {
        let f = file();
        let c = ctx(&f);
        // Older than our file is fine for a licence.
        let Ok(EntryBody::Document(doc)) = run(EntryKind::Document, DOC, &c) else { panic!() };
        assert_eq!((doc.mime.as_str(), doc.size, doc.kind), ("image/jpeg", 2_000_000, DocKind::Licence));
        assert_eq!(
            one(EntryKind::Document, &with(DOC, &[("size", "10485761")]), &c, "size"),
            Problem::FileTooLarge { size: 10_485_761, max: MAX_DOCUMENT_BYTES }
        );
        assert_eq!(one(EntryKind::Document, &with(DOC, &[("mime", "application/zip")]), &c, "mime"), Problem::FileType("application/zip".into()));
        assert_eq!(one(EntryKind::Document, &with(DOC, &[("date", "2025-07-01")]), &c, "date"), Problem::FutureDate);
        assert_eq!(one(EntryKind::Document, &with(DOC, &[("blob", "")]), &c, "blob"), Problem::Required);
        assert_eq!(one(EntryKind::Document, &with(DOC, &[("size", "")]), &c, "size"), Problem::Required);
    }
}
