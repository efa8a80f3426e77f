//! Text as Chinese input methods type it.

/// Full-width ASCII (｡-～, as typed by Chinese input methods) to half-width; the ideographic
/// space to a plain space.
pub fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}
