//! 路序 (DOMAIN §4 "Route order", seed 004): customers are grouped into areas (组别, 区域代号 such
//! as `1A`, 所辖区域名称, 区域界限, 备注) and ordered within an area by their 路序 number; a day's
//! lists follow that order.
//!
//! Order of a day's items (our rule, `docs/grading.md`): areas in the order of the area table
//! (the manager lays it out along the route); areas not in the table after those, by code in
//! natural order (`2A` before `10A`, codes without a number after those with one); items with no area last. Within an area by 路序 number,
//! items without one after the numbered ones; then by customer id; then by the code as written
//! (`01A` is the same area as `1A`; its text breaks the tie); then as given (the sort is stable). Codes compare as typed by input methods too: full-width letters and digits, spaces
//! and case do not matter (`１ａ` is `1A`).

use crate::primitives::lang::Lang;
use crate::primitives::text::half_width;
use std::collections::BTreeMap;

record! {
    /// One row of the area table (区域划分表).
    pub struct Area {
        /// 组别.
        pub group: String,
        /// 区域代号, e.g. `1A`.
        pub code: String,
        /// 所辖区域名称.
        pub name: String,
        /// 区域界限.
        pub bounds: String,
        /// 备注.
        pub note: String,
    }
}

/// Why an area table is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum AreaError {
    /// A row without a code (0-based row).
    EmptyCode(usize),
    /// Two rows with the same code (as normalised).
    DuplicateCode(String),
}

impl AreaError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (AreaError::EmptyCode(row), Lang::Zh) => format!("第{}行缺少区域代号", row + 1),
            (AreaError::EmptyCode(row), Lang::En) => format!("row {} has no area code", row + 1),
            (AreaError::DuplicateCode(c), Lang::Zh) => format!("区域代号“{c}”重复"),
            (AreaError::DuplicateCode(c), Lang::En) => format!("the area code \"{c}\" appears twice"),
        }
    }
}

/// An area code as compared: half-width, no spaces, upper case (`" １ａ"` → `"1A"`).
pub fn normalize_area_code(s: &str) -> String {
    s.chars().map(half_width).filter(|c| !c.is_whitespace()).flat_map(char::to_uppercase).collect()
}

/// Every row has a code and no code is there twice.
pub fn check_areas(areas: &[Area]) -> Result<(), AreaError> {
    let mut seen = std::collections::BTreeSet::new();
    for (i, a) in areas.iter().enumerate() {
        let code = normalize_area_code(&a.code);
        if code.is_empty() {
            return Err(AreaError::EmptyCode(i));
        }
        if !seen.insert(code.clone()) {
            return Err(AreaError::DuplicateCode(code));
        }
    }
    Ok(())
}

/// Where one item of a day's list is on the route.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RoutePlace<'a> {
    /// Area code as stored (empty: none).
    pub area: &'a str,
    /// 路序 within the area.
    pub seq: Option<u32>,
    /// The customer's id.
    pub id: &'a str,
}

/// Natural order of a code: codes with a leading number first, by its value, then the rest.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Natural {
    no_number: bool,
    /// Digits without leading zeros, compared by length then text (any length, no overflow).
    digits_len: usize,
    digits: String,
    rest: String,
}

impl Natural {
    fn of(code: &str) -> Natural {
        let split = code.find(|c: char| !c.is_ascii_digit()).unwrap_or(code.len());
        let (digits, rest) = code.split_at(split);
        let no_number = digits.is_empty();
        let digits = digits.trim_start_matches('0');
        Natural { no_number, digits_len: digits.len(), digits: digits.to_string(), rest: rest.to_string() }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum AreaRank {
    Listed(usize),
    Unlisted(Natural),
    None,
}

/// The key an item sorts by.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct RouteKey {
    area: AreaRank,
    /// (no 路序, 路序).
    seq: (bool, u32),
    id: String,
    /// Last, the code's text as normalised (`01A` and `1A` are one place on the route).
    code: String,
}

/// The route order of an area table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RouteOrder {
    listed: BTreeMap<String, usize>,
}

impl RouteOrder {
    /// From the area table in its order; a code twice counts at its first row.
    pub fn new(areas: &[Area]) -> RouteOrder {
        let mut listed = BTreeMap::new();
        for (i, a) in areas.iter().enumerate() {
            let code = normalize_area_code(&a.code);
            if !code.is_empty() {
                listed.entry(code).or_insert(i);
            }
        }
        RouteOrder { listed }
    }

    pub fn key(&self, place: RoutePlace<'_>) -> RouteKey {
        let code = normalize_area_code(place.area);
        let area = if code.is_empty() {
            AreaRank::None
        } else if let Some(i) = self.listed.get(&code) {
            AreaRank::Listed(*i)
        } else {
            AreaRank::Unlisted(Natural::of(&code))
        };
        RouteKey { area, seq: (place.seq.is_none(), place.seq.unwrap_or(0)), id: place.id.to_string(), code }
    }

    /// Sorts a day's items into route order (stable: equal places keep their order).
    pub fn sort<T>(&self, items: &mut [T], place: impl Fn(&T) -> RoutePlace<'_>) {
        items.sort_by_cached_key(|item| self.key(place(item)));
    }
}
