//! The customer card: one of two kinds, validated from and written to raw form strings.

use super::enterprise::Enterprise;
use super::individual::Individual;
use crate::forms::form::{FieldError, Reader, Writer};
use crate::forms::schema::{Form, Part, RawForm};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

coded! {
    pub enum Kind {
        Individual = "ind", "个人客户", "Individual";
        Enterprise = "ent", "企业客户", "Enterprise";
    }
}

impl Kind {
    pub fn form(self) -> Form {
        match self {
            Kind::Individual => Form::Individual,
            Kind::Enterprise => Form::Enterprise,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "k")]
pub enum CardBody {
    #[serde(rename = "ind")]
    Individual(Individual),
    #[serde(rename = "ent")]
    Enterprise(Enterprise),
}

impl Default for CardBody {
    fn default() -> Self {
        CardBody::Enterprise(Enterprise::default())
    }
}

impl CardBody {
    pub fn kind(&self) -> Kind {
        match self {
            CardBody::Individual(_) => Kind::Individual,
            CardBody::Enterprise(_) => Kind::Enterprise,
        }
    }

    pub fn name(&self) -> &str {
        match self {
            CardBody::Individual(i) => &i.basic.name,
            CardBody::Enterprise(e) => &e.basic.name,
        }
    }

    /// Numbers to call, non-empty only (fax is not one).
    pub fn phones(&self) -> Vec<&str> {
        let all = match self {
            CardBody::Individual(i) => vec![&i.basic.mobile, &i.basic.office_phone, &i.basic.home_phone],
            CardBody::Enterprise(e) => vec![&e.basic.phone],
        };
        all.into_iter().map(String::as_str).filter(|p| !p.is_empty()).collect()
    }

    /// 账期 as set on the card (`None`: not set).
    pub fn credit_days(&self) -> Option<u32> {
        match self {
            CardBody::Individual(i) => i.trading.credit_days,
            CardBody::Enterprise(e) => e.trading.credit_days,
        }
    }

    /// 性质 (enterprises only).
    pub fn nature(&self) -> Option<crate::primitives::codes::Nature> {
        match self {
            CardBody::Individual(_) => None,
            CardBody::Enterprise(e) => e.basic.nature,
        }
    }

    /// 类别 (enterprises only).
    pub fn category(&self) -> Option<crate::primitives::codes::Category> {
        match self {
            CardBody::Individual(_) => None,
            CardBody::Enterprise(e) => e.basic.category,
        }
    }

    /// 税号 (enterprises only; "" for an individual).
    pub fn tax_number(&self) -> &str {
        match self {
            CardBody::Individual(_) => "",
            CardBody::Enterprise(e) => &e.basic.tax_number,
        }
    }

    pub fn address(&self) -> &str {
        match self {
            CardBody::Individual(i) => &i.basic.address,
            CardBody::Enterprise(e) => &e.basic.address,
        }
    }

    /// Raw values of one part only (for per-part change detection).
    pub fn part_to_raw(&self, part: Part) -> RawForm {
        let mut w = Writer::default();
        match (self, part) {
            (CardBody::Individual(i), Part::Basic) => i.basic.write(&mut w),
            (CardBody::Individual(i), Part::Traits) => i.traits.write(&mut w),
            (CardBody::Individual(i), Part::Business) => i.business.write(&mut w),
            (CardBody::Individual(i), Part::Trading) => i.trading.write(&mut w),
            (CardBody::Enterprise(e), Part::Basic) => e.basic.write(&mut w),
            (CardBody::Enterprise(e), Part::Traits) => e.traits.write(&mut w),
            (CardBody::Enterprise(e), Part::Business) => e.business.write(&mut w),
            (CardBody::Enterprise(e), Part::Trading) => e.trading.write(&mut w),
        }
        w.0
    }
}

/// Checks every field; on success the card holds normalised values (trimmed text, bare mobile
/// digits, `010-12345678` landlines, upper-case codes).
pub fn validate_card(kind: Kind, raw: &RawForm, today: NaiveDate) -> Result<CardBody, Vec<FieldError>> {
    let mut r = Reader::new(kind.form(), raw, today);
    let body = match kind {
        Kind::Individual => CardBody::Individual(Individual::read(&mut r)),
        Kind::Enterprise => CardBody::Enterprise(Enterprise::read(&mut r)),
    };
    r.finish(body)
}

pub fn card_to_raw(body: &CardBody) -> RawForm {
    let mut w = Writer::default();
    match body {
        CardBody::Individual(i) => i.write(&mut w),
        CardBody::Enterprise(e) => e.write(&mut w),
    }
    w.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::primitives::lang::Lang;
    use crate::primitives::money::MoneyError;
    use crate::validation::Problem;

    fn raw(pairs: &[(&str, &str)]) -> RawForm {
        crate::forms::flat_values(pairs.iter().copied())
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 15).unwrap()
    }

    fn problems(kind: Kind, pairs: &[(&str, &str)]) -> Vec<(String, Problem)> {
        let mut r = raw(pairs);
        r.entry("name".into()).or_insert_with(|| "某某".into());
        match validate_card(kind, &r, today()) {
            Ok(_) => vec![],
            Err(es) => es.into_iter().map(|e| (e.field, e.problem)).collect(),
        }
    }

    fn one(kind: Kind, key: &str, value: &str) -> Option<Problem> {
        let ps = problems(kind, &[(key, value)]);
        assert!(ps.len() <= 1, "{ps:?}");
        ps.into_iter().next().map(|(f, p)| {
            assert_eq!(f, key);
            p
        })
    }

    #[test]
    fn name_is_required() {
        let e = validate_card(Kind::Enterprise, &raw(&[("name", "  ")]), today()).unwrap_err();
        assert_eq!(e[0].field, "name");
        assert_eq!(e[0].message(Lang::Zh), "客户名称：必填");
        let e = validate_card(Kind::Individual, &RawForm::new(), today()).unwrap_err();
        assert_eq!(e[0].message(Lang::En), "Name: required");
    }

    #[test]
    fn enterprise_fields_checked() {
        use Kind::Enterprise as E;
        assert_eq!(one(E, "phone", "0755-26888888"), None);
        assert_eq!(one(E, "phone", "13800138000"), None);
        assert_eq!(one(E, "phone", "888"), Some(Problem::Phone));
        assert_eq!(one(E, "fax", "13800138000"), Some(Problem::Landline));
        assert_eq!(one(E, "postcode", "518000"), None);
        assert_eq!(one(E, "postcode", "5180"), Some(Problem::Postcode));
        assert_eq!(one(E, "website", "www.example.cn"), None);
        assert_eq!(one(E, "website", "not a site"), Some(Problem::Url));
        assert_eq!(one(E, "email", "sales@example.cn"), None);
        assert_eq!(one(E, "email", "sales@"), Some(Problem::Email));
        assert_eq!(one(E, "tax_number", "91350100M000100Y43"), None);
        assert_eq!(one(E, "tax_number", "91350100M000100Y40"), Some(Problem::UsccCheck));
        assert_eq!(one(E, "nature", "joint_stock"), None);
        assert_eq!(one(E, "nature", "股份公司"), Some(Problem::UnknownChoice("股份公司".into())));
        assert_eq!(one(E, "transport", "rail,road"), None);
        assert_eq!(one(E, "transport", "rail,air"), Some(Problem::UnknownChoice("air".into())));
        assert_eq!(one(E, "registered_capital", "500,000"), None);
        assert_eq!(one(E, "registered_capital", "-5"), Some(Problem::Money(MoneyError::Negative)));
        assert_eq!(one(E, "turnover", "1.234"), Some(Problem::Money(MoneyError::Decimals)));
        assert_eq!(one(E, "working_capital", "999999999999999999"), Some(Problem::Money(MoneyError::Overflow)));
        assert_eq!(one(E, "employees", "35"), None);
        assert_eq!(one(E, "employees", "-2"), Some(Problem::Negative));
        assert_eq!(one(E, "business_area", "12.5"), Some(Problem::Integer));
        assert_eq!(one(E, "opened", "2026-03-15"), None);
        assert_eq!(one(E, "opened", "2026-03-16"), Some(Problem::FutureDate));
        assert_eq!(one(E, "developed", "2027-01-01"), Some(Problem::FutureDate));
        assert_eq!(one(E, "developed", "2026-02-30"), Some(Problem::Date));
    }

    #[test]
    fn product_shares_checked() {
        use Kind::Enterprise as E;
        assert_eq!(one(E, "products", r#"[["饮料","60"],["零食","40%"]]"#), None);
        assert_eq!(
            one(E, "products", r#"[["饮料","160"]]"#),
            Some(Problem::Cell { row: 0, col: 1, problem: Box::new(Problem::Percent) })
        );
        assert_eq!(one(E, "products", r#"[["饮料","60"],["零食","50"]]"#), Some(Problem::ShareTotal));
        assert_eq!(
            one(E, "products", r#"[["","50"]]"#),
            Some(Problem::Cell { row: 0, col: 0, problem: Box::new(Problem::Required) })
        );
        assert_eq!(one(E, "products", "not json"), Some(Problem::WrongKind));
    }

    #[test]
    fn individual_fields_checked() {
        use Kind::Individual as I;
        assert_eq!(one(I, "mobile", "+86 138-0013-8000"), None);
        assert_eq!(one(I, "mobile", "010-12345678"), Some(Problem::Mobile));
        assert_eq!(one(I, "home_phone", "021-5555 6666"), None);
        assert_eq!(one(I, "id_number", "11010519491231002X"), None);
        assert_eq!(one(I, "id_number", "110105194912310021"), Some(Problem::IdCheck));
        assert_eq!(one(I, "id_number", "110105194913310028"), Some(Problem::IdBirth));
        assert_eq!(one(I, "birth_date", "1980-05-04"), None);
        assert_eq!(one(I, "birth_date", "2080-05-04"), Some(Problem::FutureDate));
        assert_eq!(one(I, "anniversary", "2099-05-04"), Some(Problem::FutureDate));
        assert_eq!(one(I, "marital", "married"), None);
        assert_eq!(one(I, "marital", "complicated"), Some(Problem::UnknownChoice("complicated".into())));
        assert_eq!(one(I, "children", r#"[["小明","8"],["","3"]]"#), None);
        assert_eq!(
            one(I, "children", r#"[["小明","eight"]]"#),
            Some(Problem::Cell { row: 0, col: 1, problem: Box::new(Problem::Integer) })
        );
        // The future graduation date of a student is fine.
        assert_eq!(one(I, "graduated", "2030-07-01"), None);
    }

    #[test]
    fn values_are_normalised_and_round_trip() {
        let r = raw(&[
            ("name", " 王芳 "),
            ("mobile", "138 0013 8000"),
            ("office_phone", "(010)12345678"),
            ("id_number", "11010519491231002x"),
            ("children", r#"[["小明","8"]]"#),
            ("bogus", "ignored"),
        ]);
        let card = validate_card(Kind::Individual, &r, today()).unwrap();
        let CardBody::Individual(i) = &card else { panic!() };
        assert_eq!(i.basic.name, "王芳");
        assert_eq!(i.basic.mobile, "13800138000");
        assert_eq!(i.basic.office_phone, "010-12345678");
        assert_eq!(i.basic.id_number, "11010519491231002X");
        assert_eq!(card.phones(), ["13800138000", "010-12345678"]);
        let back = card_to_raw(&card);
        assert!(!back.contains_key("bogus"));
        assert_eq!(validate_card(Kind::Individual, &back, today()), Ok(card));
    }

    #[test]
    fn parts_write_only_their_own_keys() {
        let r = raw(&[("name", "x"), ("payment", "月结"), ("scope", "日用品"), ("turnover", "1")]);
        let card = validate_card(Kind::Enterprise, &r, today()).unwrap();
        for part in Part::ALL {
            for key in card.part_to_raw(*part).keys() {
                assert_eq!(Form::Enterprise.field(key).map(|f| f.part), Some(*part), "{key}");
            }
        }
    }

    #[test]
    fn compact_json() {
        let card = validate_card(Kind::Enterprise, &raw(&[("name", "甲")]), today()).unwrap();
        let json = serde_json::to_string(&card).unwrap();
        assert_eq!(json, r#"{"k":"ent","basic":{"name":"甲"}}"#);
        assert_eq!(serde_json::from_str::<CardBody>(&json).unwrap(), card);
        assert_eq!(serde_json::from_str::<CardBody>(r#"{"k":"ind"}"#).unwrap().kind(), Kind::Individual);
    }
}
