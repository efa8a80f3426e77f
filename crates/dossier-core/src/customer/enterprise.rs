//! 企业客户资料卡 (表2-2, 表2-7), grouped by the four parts. People at the enterprise are
//! separate [`super::contact::Contact`] records so each can be edited and merged on its own.

use super::MAX_CREDIT_DAYS;
use crate::forms::form::{Reader, Writer};
use crate::primitives::codes::{Category, Nature, Storefront, Transport};
use crate::validation::{check, Problem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

record! {
    pub struct Enterprise {
        pub basic: EnterpriseBasic,
        pub traits: EnterpriseTraits,
        pub business: EnterpriseBusiness,
        pub trading: EnterpriseTrading,
    }
}

record! {
    /// 基础资料.
    pub struct EnterpriseBasic {
        pub name: String,
        pub address: String,
        pub phone: String,
        pub fax: String,
        pub postcode: String,
        pub website: String,
        pub email: String,
        pub nature: Option<Nature>,
        pub category: Option<Category>,
        pub industry: String,
        pub legal_rep: String,
        /// 工商登记号: free text, old registration numbers come in many shapes.
        pub reg_number: String,
        /// 税号 as 统一社会信用代码, upper case.
        pub tax_number: String,
        pub bank_account: String,
        /// Fen.
        pub registered_capital: Option<i64>,
        /// Fen.
        pub working_capital: Option<i64>,
        pub opened: Option<NaiveDate>,
        pub first_trade: Option<NaiveDate>,
    }
}

record! {
    /// 客户特征.
    pub struct EnterpriseTraits {
        /// m².
        pub business_area: Option<u32>,
        /// m².
        pub warehouse_area: Option<u32>,
        pub employees: Option<u32>,
        pub storefront: Option<Storefront>,
        pub vehicles: Option<u32>,
        pub transport: BTreeSet<Transport>,
        pub coverage: String,
        pub scope: String,
        pub potential: String,
        pub philosophy: String,
        pub style: String,
    }
}

record! {
    /// 业务状况.
    pub struct EnterpriseBusiness {
        /// Fen per year.
        pub turnover: Option<i64>,
        pub products: Vec<ProductLine>,
        pub developed: Option<NaiveDate>,
        pub developer: String,
        pub management: String,
        pub competitors: String,
        pub cooperation: String,
    }
}

record! {
    /// 交易现状.
    pub struct EnterpriseTrading {
        pub payment: String,
        /// 账期: days from delivery to the receivable's due date; `None` means the default 30.
        pub credit_days: Option<u32>,
        pub terms: String,
        pub credit: String,
        pub credit_issues: String,
        pub activity: String,
        pub problems: String,
        pub strengths: String,
        pub plans: String,
        pub reputation: String,
    }
}

/// One line of 经营品种及比重.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductLine {
    pub name: String,
    /// Whole percent 0–100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_pct: Option<u8>,
}

/// Upper bound for areas, headcounts and vehicles: catches typos, not real businesses.
pub(crate) const MAX_COUNT: u32 = 10_000_000;

impl Enterprise {
    pub(crate) fn read(r: &mut Reader) -> Enterprise {
        let basic = EnterpriseBasic {
            name: r.required("name"),
            address: r.text("address"),
            phone: r.phone("phone"),
            fax: r.landline("fax"),
            postcode: r.check("postcode", check::postcode).unwrap_or_default(),
            website: r.check("website", check::url).unwrap_or_default(),
            email: r.email("email"),
            nature: r.choice("nature"),
            category: r.choice("category"),
            industry: r.text("industry"),
            legal_rep: r.text("legal_rep"),
            reg_number: r.text("reg_number"),
            tax_number: r.check("tax_number", check::uscc).unwrap_or_default(),
            bank_account: r.text("bank_account"),
            registered_capital: r.money("registered_capital"),
            working_capital: r.money("working_capital"),
            opened: r.past_date("opened"),
            first_trade: r.past_date("first_trade"),
        };
        let traits = EnterpriseTraits {
            business_area: r.count("business_area", MAX_COUNT),
            warehouse_area: r.count("warehouse_area", MAX_COUNT),
            employees: r.count("employees", MAX_COUNT),
            storefront: r.choice("storefront"),
            vehicles: r.count("vehicles", MAX_COUNT),
            transport: r.multi("transport"),
            coverage: r.text("coverage"),
            scope: r.text("scope"),
            potential: r.text("potential"),
            philosophy: r.text("philosophy"),
            style: r.text("style"),
        };
        let business = EnterpriseBusiness {
            turnover: r.money("turnover"),
            products: read_products(r),
            developed: r.past_date("developed"),
            developer: r.text("developer"),
            management: r.text("management"),
            competitors: r.text("competitors"),
            cooperation: r.text("cooperation"),
        };
        let trading = EnterpriseTrading {
            payment: r.text("payment"),
            credit_days: r.count("credit_days", MAX_CREDIT_DAYS),
            terms: r.text("terms"),
            credit: r.text("credit"),
            credit_issues: r.text("credit_issues"),
            activity: r.text("activity"),
            problems: r.text("problems"),
            strengths: r.text("strengths"),
            plans: r.text("plans"),
            reputation: r.text("reputation"),
        };
        Enterprise { basic, traits, business, trading }
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        self.basic.write(w);
        self.traits.write(w);
        self.business.write(w);
        self.trading.write(w);
    }
}

fn read_products(r: &mut Reader) -> Vec<ProductLine> {
    const KEY: &str = "products";
    let mut lines = Vec::new();
    let mut total = 0u32;
    for (i, row) in r.rows(KEY, 2).into_iter().enumerate() {
        if row[0].is_empty() {
            r.cell_fail(KEY, i, 0, Problem::Required);
        }
        let share_pct = match row[1].as_str() {
            "" => None,
            s => check::percent(s).map_err(|p| r.cell_fail(KEY, i, 1, p)).ok(),
        };
        total += u32::from(share_pct.unwrap_or(0));
        lines.push(ProductLine { name: row[0].clone(), share_pct });
    }
    if total > 100 {
        r.fail(KEY, Problem::ShareTotal);
    }
    lines
}

impl EnterpriseBasic {
    pub(crate) fn write(&self, w: &mut Writer) {
        w.text("name", &self.name);
        w.text("address", &self.address);
        w.text("phone", &self.phone);
        w.text("fax", &self.fax);
        w.text("postcode", &self.postcode);
        w.text("website", &self.website);
        w.text("email", &self.email);
        w.choice("nature", self.nature);
        w.choice("category", self.category);
        w.text("industry", &self.industry);
        w.text("legal_rep", &self.legal_rep);
        w.text("reg_number", &self.reg_number);
        w.text("tax_number", &self.tax_number);
        w.text("bank_account", &self.bank_account);
        w.money("registered_capital", self.registered_capital);
        w.money("working_capital", self.working_capital);
        w.date("opened", self.opened);
        w.date("first_trade", self.first_trade);
    }
}

impl EnterpriseTraits {
    pub(crate) fn write(&self, w: &mut Writer) {
        w.count("business_area", self.business_area);
        w.count("warehouse_area", self.warehouse_area);
        w.count("employees", self.employees);
        w.choice("storefront", self.storefront);
        w.count("vehicles", self.vehicles);
        w.multi("transport", &self.transport);
        w.text("coverage", &self.coverage);
        w.text("scope", &self.scope);
        w.text("potential", &self.potential);
        w.text("philosophy", &self.philosophy);
        w.text("style", &self.style);
    }
}

impl EnterpriseBusiness {
    pub(crate) fn write(&self, w: &mut Writer) {
        w.money("turnover", self.turnover);
        let rows = self.products.iter().map(|p| vec![p.name.clone(), p.share_pct.map(|s| s.to_string()).unwrap_or_default()]);
        w.rows("products", rows.collect());
        w.date("developed", self.developed);
        w.text("developer", &self.developer);
        w.text("management", &self.management);
        w.text("competitors", &self.competitors);
        w.text("cooperation", &self.cooperation);
    }
}

impl EnterpriseTrading {
    pub(crate) fn write(&self, w: &mut Writer) {
        w.text("payment", &self.payment);
        w.count("credit_days", self.credit_days);
        w.text("terms", &self.terms);
        w.text("credit", &self.credit);
        w.text("credit_issues", &self.credit_issues);
        w.text("activity", &self.activity);
        w.text("problems", &self.problems);
        w.text("strengths", &self.strengths);
        w.text("plans", &self.plans);
        w.text("reputation", &self.reputation);
    }
}
