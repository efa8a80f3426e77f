//! 个人客户档案卡: the individual customer's card, grouped by the four parts.

use super::MAX_CREDIT_DAYS;
use crate::forms::form::{Reader, Writer};
use crate::primitives::codes::{Education, Gender, Marital};
use crate::validation::check;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

record! {
    pub struct Individual {
        pub basic: IndividualBasic,
        pub traits: IndividualTraits,
        pub business: IndividualBusiness,
        pub trading: IndividualTrading,
    }
}

record! {
    /// 基础资料: identity and how to reach them.
    pub struct IndividualBasic {
        pub name: String,
        pub nickname: String,
        pub gender: Option<Gender>,
        pub title: String,
        pub company: String,
        pub address: String,
        pub office_phone: String,
        pub home_phone: String,
        pub mobile: String,
        pub email: String,
        pub birth_date: Option<NaiveDate>,
        pub birthplace: String,
        pub native_place: String,
        pub ethnicity: String,
        /// Sensitive; normalised upper case.
        pub id_number: String,
    }
}

record! {
    /// 客户特征: education, family, interests, lifestyle.
    pub struct IndividualTraits {
        pub education: Option<Education>,
        pub school: String,
        pub major: String,
        pub graduated: Option<NaiveDate>,
        pub marital: Option<Marital>,
        pub spouse: String,
        pub anniversary: Option<NaiveDate>,
        pub children: Vec<Child>,
        pub hobbies: String,
        pub clubs: String,
        pub sports: String,
        pub books: String,
        pub dining: String,
        pub habits: String,
        pub topics: String,
        pub health: String,
        pub taboo: String,
    }
}

record! {
    /// 业务状况: business background.
    pub struct IndividualBusiness {
        pub prev_jobs: String,
        pub title_since: Option<NaiveDate>,
        pub associations: String,
        pub goals: String,
        pub relation: String,
    }
}

record! {
    /// 交易现状.
    pub struct IndividualTrading {
        pub purchases: String,
        pub payment: String,
        /// 首次交易日期: a long-standing customer's past purchases are recorded from here, though
        /// the card is new. Absent in cards written before it existed.
        pub first_trade: Option<NaiveDate>,
        /// 账期: days from delivery to the receivable's due date; `None` means the default 30.
        pub credit_days: Option<u32>,
        pub notes: String,
    }
}

/// 子女: name and age as the seeds record them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Child {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u8>,
}

pub(crate) const MAX_AGE: u32 = 150;

impl Individual {
    pub(crate) fn read(r: &mut Reader) -> Individual {
        let basic = IndividualBasic {
            name: r.required("name"),
            nickname: r.text("nickname"),
            gender: r.choice("gender"),
            title: r.text("title"),
            company: r.text("company"),
            address: r.text("address"),
            office_phone: r.phone("office_phone"),
            home_phone: r.phone("home_phone"),
            mobile: r.mobile("mobile"),
            email: r.email("email"),
            birth_date: r.past_date("birth_date"),
            birthplace: r.text("birthplace"),
            native_place: r.text("native_place"),
            ethnicity: r.text("ethnicity"),
            id_number: {
                let today = r.today;
                r.check("id_number", |s| check::id_card(s, today)).unwrap_or_default()
            },
        };
        let children = r
            .rows("children", 2)
            .into_iter()
            .enumerate()
            .map(|(i, row)| Child {
                name: row[0].clone(),
                age: match row[1].as_str() {
                    "" => None,
                    a => check::count(a, MAX_AGE)
                        .map(|v| v as u8)
                        .map_err(|p| r.cell_fail("children", i, 1, p))
                        .ok(),
                },
            })
            .collect();
        let traits = IndividualTraits {
            education: r.choice("education"),
            school: r.text("school"),
            major: r.text("major"),
            graduated: r.date("graduated"),
            marital: r.choice("marital"),
            spouse: r.text("spouse"),
            anniversary: r.past_date("anniversary"),
            children,
            hobbies: r.text("hobbies"),
            clubs: r.text("clubs"),
            sports: r.text("sports"),
            books: r.text("books"),
            dining: r.text("dining"),
            habits: r.text("habits"),
            topics: r.text("topics"),
            health: r.text("health"),
            taboo: r.text("taboo"),
        };
        let business = IndividualBusiness {
            prev_jobs: r.text("prev_jobs"),
            title_since: r.past_date("title_since"),
            associations: r.text("associations"),
            goals: r.text("goals"),
            relation: r.text("relation"),
        };
        let trading = IndividualTrading {
            purchases: r.text("purchases"),
            payment: r.text("payment"),
            first_trade: r.past_date("first_trade"),
            credit_days: r.count("credit_days", MAX_CREDIT_DAYS),
            notes: r.text("notes"),
        };
        Individual { basic, traits, business, trading }
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        self.basic.write(w);
        self.traits.write(w);
        self.business.write(w);
        self.trading.write(w);
    }
}

impl IndividualBasic {
    pub(crate) fn write(&self, w: &mut Writer) {
        w.text("name", &self.name);
        w.text("nickname", &self.nickname);
        w.choice("gender", self.gender);
        w.text("title", &self.title);
        w.text("company", &self.company);
        w.text("address", &self.address);
        w.text("office_phone", &self.office_phone);
        w.text("home_phone", &self.home_phone);
        w.text("mobile", &self.mobile);
        w.text("email", &self.email);
        w.date("birth_date", self.birth_date);
        w.text("birthplace", &self.birthplace);
        w.text("native_place", &self.native_place);
        w.text("ethnicity", &self.ethnicity);
        w.text("id_number", &self.id_number);
    }
}

impl IndividualTraits {
    pub(crate) fn write(&self, w: &mut Writer) {
        w.choice("education", self.education);
        w.text("school", &self.school);
        w.text("major", &self.major);
        w.date("graduated", self.graduated);
        w.choice("marital", self.marital);
        w.text("spouse", &self.spouse);
        w.date("anniversary", self.anniversary);
        let rows = self.children.iter().map(|c| vec![c.name.clone(), c.age.map(|a| a.to_string()).unwrap_or_default()]);
        w.rows("children", rows.collect());
        w.text("hobbies", &self.hobbies);
        w.text("clubs", &self.clubs);
        w.text("sports", &self.sports);
        w.text("books", &self.books);
        w.text("dining", &self.dining);
        w.text("habits", &self.habits);
        w.text("topics", &self.topics);
        w.text("health", &self.health);
        w.text("taboo", &self.taboo);
    }
}

impl IndividualBusiness {
    pub(crate) fn write(&self, w: &mut Writer) {
        w.text("prev_jobs", &self.prev_jobs);
        w.date("title_since", self.title_since);
        w.text("associations", &self.associations);
        w.text("goals", &self.goals);
        w.text("relation", &self.relation);
    }
}

impl IndividualTrading {
    pub(crate) fn write(&self, w: &mut Writer) {
        w.text("purchases", &self.purchases);
        w.text("payment", &self.payment);
        w.date("first_trade", self.first_trade);
        w.count("credit_days", self.credit_days);
        w.text("notes", &self.notes);
    }
}
