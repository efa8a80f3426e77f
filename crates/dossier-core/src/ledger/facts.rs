//! What the whole-archive analysis (客户分析) and the complaints list read of a customer's file,
//! kept in its summary ([`crate::summary::Summary`]) so that neither reads the files: the
//! complaints, collections per month, deliveries per product and month, when trade started and
//! stopped, and the last 综合评价.
//!
//! Definitions (docs/analysis.md): collections are live 回款 by their date (票据 are not counted
//! until paid); sales by product are live deliveries' lines at the price invoiced, by delivery
//! date (returns are not per product, so a product's sales are gross).

use super::report::YearMonth;
use super::{Entry, EntryBody};
use crate::primitives::ledger_codes::{ComplaintKind, ComplaintStep, Remedy, Responsibility};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

record! {
    /// One complaint as the list, 今日 and the analysis need it.
    pub struct ComplaintFact {
        pub id: String,
        #[serde(rename = "k")]
        pub kind: ComplaintKind,
        #[serde(rename = "st")]
        pub step: ComplaintStep,
        #[serde(rename = "resp")]
        pub responsibility: Option<Responsibility>,
        #[serde(rename = "d")]
        pub received: NaiveDate,
        #[serde(rename = "ans")]
        pub answered: Option<NaiveDate>,
        #[serde(rename = "res")]
        pub resolved: Option<NaiveDate>,
        pub owner: String,
        #[serde(rename = "rid")]
        pub owner_id: String,
        #[serde(rename = "rem")]
        pub remedy: Option<Remedy>,
        /// Money compensation settled, fen.
        pub fen: i64,
        #[serde(rename = "ok")]
        pub satisfied: Option<bool>,
        /// A long investigation explained and agreed in writing.
        pub agreed: bool,
        /// The first words of what the customer said (for the list).
        pub said: String,
    }
}

impl ComplaintFact {
    pub fn responsible(&self) -> Responsibility {
        self.responsibility.unwrap_or(Responsibility::Pending)
    }
}

/// A product's deliveries to one customer: (month index, quantity, fen) by month, ascending.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductSales {
    #[serde(rename = "p")]
    pub product: String,
    #[serde(rename = "m")]
    pub months: Vec<(i64, i64, i64)>,
}

/// See the module docs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileFacts {
    #[serde(rename = "cp", default, skip_serializing_if = "Vec::is_empty")]
    pub complaints: Vec<ComplaintFact>,
    /// (month index, fen) of live payments, ascending, no zeros.
    #[serde(rename = "pay", default, skip_serializing_if = "Vec::is_empty")]
    pub collected: Vec<(i64, i64)>,
    #[serde(rename = "pr", default, skip_serializing_if = "Vec::is_empty")]
    pub products: Vec<ProductSales>,
    /// The day trade was approved to start (the approved 交易开始调查书's 董事长承认; the earliest).
    #[serde(rename = "st", default, skip_serializing_if = "Option::is_none")]
    pub started: Option<NaiveDate>,
    /// A 交易开始调查书 waits for approval.
    #[serde(rename = "sw", default, skip_serializing_if = "std::ops::Not::not")]
    pub start_waiting: bool,
    /// The day trade stopped (the latest 中止交易).
    #[serde(rename = "sp", default, skip_serializing_if = "Option::is_none")]
    pub stopped: Option<NaiveDate>,
    /// The day of the latest 综合评价.
    #[serde(rename = "ev", default, skip_serializing_if = "Option::is_none")]
    pub evaluated: Option<NaiveDate>,
    /// The highest order number of each yearly sequence ([`super::order_no_heads`]): the next
    /// order number is suggested from these, archive-wide.
    #[serde(rename = "on", default, skip_serializing_if = "Vec::is_empty")]
    pub order_nos: Vec<String>,
    /// The product names ordered ([`super::ordered_products`]): offered as the rep types.
    #[serde(rename = "op", default, skip_serializing_if = "Vec::is_empty")]
    pub ordered: Vec<String>,
}

impl FileFacts {
    pub fn is_empty(&self) -> bool {
        *self == FileFacts::default()
    }

    /// From a customer's file (deleted entries are left out).
    pub fn of(entries: &[Entry]) -> FileFacts {
        use std::collections::BTreeMap;
        let mut f = FileFacts::default();
        let mut collected: BTreeMap<i64, i64> = BTreeMap::new();
        let mut products: BTreeMap<&str, BTreeMap<i64, (i64, i64)>> = BTreeMap::new();
        let mut has_deliveries = false;
        for e in entries.iter().filter(|e| !e.deleted) {
            match &e.body {
                EntryBody::Payment(p) => {
                    let m = collected.entry(YearMonth::of(p.date).index()).or_default();
                    *m = m.saturating_add(super::clamp_fen(p.fen));
                }
                EntryBody::Delivery(_) => has_deliveries = true,
                EntryBody::Complaint(c) => {
                    f.complaints.push(ComplaintFact {
                        id: e.id.clone(),
                        kind: c.kind,
                        step: c.step,
                        responsibility: c.responsibility,
                        received: c.received,
                        answered: c.answered,
                        resolved: c.resolved,
                        owner: c.owner.clone(),
                        owner_id: c.owner_id.clone(),
                        remedy: c.remedy,
                        fen: c.compensation_fen(),
                        satisfied: c.satisfied,
                        agreed: c.agreed,
                        said: c.said.chars().take(40).collect(),
                    });
                }
                EntryBody::TradeStart(t) => match t.chair_on.filter(|_| t.approved()) {
                    Some(d) => f.started = Some(f.started.map_or(d, |s| s.min(d))),
                    None => f.start_waiting = true,
                },
                EntryBody::TradeStop(t) => f.stopped = Some(f.stopped.map_or(t.date, |s| s.max(t.date))),
                EntryBody::Evaluation(ev) => f.evaluated = Some(f.evaluated.map_or(ev.date, |s| s.max(ev.date))),
                _ => {}
            }
        }
        if f.started.is_some() {
            f.start_waiting = false;
        }
        f.order_nos = super::order_no_heads(entries);
        f.ordered = super::ordered_products(entries);
        if has_deliveries {
            let orders: BTreeMap<&str, &super::Order> = entries
                .iter()
                .filter_map(|e| match &e.body {
                    EntryBody::Order(o) => Some((e.id.as_str(), o)),
                    _ => None,
                })
                .collect();
            for e in entries.iter().filter(|e| !e.deleted) {
                let EntryBody::Delivery(d) = &e.body else { continue };
                let Some(o) = orders.get(d.oid.as_str()) else { continue };
                let m = YearMonth::of(d.date).index();
                for l in &d.lines {
                    let Some(line) = o.lines.get(l.line as usize) else { continue };
                    let fen = super::clamp_fen(super::line_amount(l.qty, l.unit_fen).unwrap_or(super::MAX_ENTRY_FEN));
                    let slot = products.entry(line.product.as_str()).or_default().entry(m).or_default();
                    slot.0 = slot.0.saturating_add(l.qty);
                    slot.1 = slot.1.saturating_add(fen);
                }
            }
        }
        f.complaints.sort_by(|a, b| a.received.cmp(&b.received).then_with(|| a.id.cmp(&b.id)));
        f.collected = collected.into_iter().filter(|(_, v)| *v != 0).collect();
        f.products = products
            .into_iter()
            .map(|(p, months)| ProductSales { product: p.to_string(), months: months.into_iter().map(|(m, (q, fen))| (m, q, fen)).collect() })
            .collect();
        f
    }
}
