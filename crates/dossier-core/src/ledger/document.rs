//! Attachment metadata (客户基础资料: 营业执照, 税务登记证, 法人委托书, 拜访报告…). The bytes are
//! stored in IndexedDB under `blob`; only photos and PDFs of the paper originals are kept.

use crate::primitives::ledger_codes::DocKind;
use crate::validation::Problem;
use chrono::NaiveDate;

/// Largest attachment: a phone photo or a scanned contract, not a video.
pub const MAX_DOCUMENT_BYTES: u64 = 10 * 1024 * 1024;

/// MIME types accepted: images and PDF.
pub const DOCUMENT_TYPES: &[&str] =
    &["image/jpeg", "image/png", "image/webp", "image/gif", "image/heic", "image/heif", "application/pdf"];

record! {
    /// An attachment's metadata; the bytes live in the blob store under `blob`.
    pub struct Document {
        #[serde(rename = "k")]
        pub kind: DocKind,
        #[serde(rename = "d")]
        pub date: NaiveDate,
        pub name: String,
        pub mime: String,
        /// Bytes.
        pub size: u64,
        /// Key of the bytes in the blob store.
        pub blob: String,
        pub note: String,
    }
}

/// Whether a file may be attached: a known type (case and parameters ignored) and not too big.
/// Returns the normalised MIME type.
pub fn check_document(mime: &str, size: u64) -> Result<String, Problem> {
    let m = mime.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let m = if m == "image/jpg" { "image/jpeg".to_string() } else { m };
    if !DOCUMENT_TYPES.contains(&m.as_str()) {
        return Err(Problem::FileType(mime.trim().to_string()));
    }
    if size > MAX_DOCUMENT_BYTES {
        return Err(Problem::FileTooLarge { size, max: MAX_DOCUMENT_BYTES });
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::primitives::lang::Lang;

    #[test]
    fn images_and_pdf_up_to_ten_mib() {
        assert_eq!(check_document("application/pdf", MAX_DOCUMENT_BYTES), Ok("application/pdf".into()));
        assert_eq!(check_document(" Image/JPG ", 1), Ok("image/jpeg".into()));
        assert_eq!(check_document("image/png; q=1", 0), Ok("image/png".into()));
        let over = check_document("image/png", MAX_DOCUMENT_BYTES + 1).unwrap_err();
        assert_eq!(over, Problem::FileTooLarge { size: MAX_DOCUMENT_BYTES + 1, max: MAX_DOCUMENT_BYTES });
        let big = check_document("image/png", 12 * 1024 * 1024).unwrap_err();
        assert_eq!(big.message(Lang::Zh), "文件太大（12.0 MB），不能超过 10.0 MB");
        assert_eq!(big.message(Lang::En), "the file is too large (12.0 MB); the limit is 10.0 MB");
        let p = check_document("video/mp4", 10).unwrap_err();
        assert_eq!(p, Problem::FileType("video/mp4".into()));
        assert!(p.message(Lang::Zh).contains("“video/mp4”") && p.message(Lang::En).contains("only images"));
        assert!(check_document("", 10).is_err());
        assert!(check_document("text/html", 10).is_err());
    }
}
