use dossier_core::ledger::{order_detail, EntryBody};
use dossier_core::{format_count, format_yuan_grouped, Entry};
use leptos::prelude::*;

use crate::i18n::grading::tr;
use crate::i18n::orders as o;
use crate::platform;
use crate::state::{use_app, use_archive};

fn yuan(fen: i64) -> String {
    format!("¥{}", format_yuan_grouped(fen))
}

fn qty(n: i64) -> String {
    format_count(n.max(0) as u64)
}

/// One order opened on the card (tap its row in 合同订单): its lines with what was ordered, went
/// out and is left per product, the deliveries against it with what was paid of each, and every
/// payment that paid them — by hand or automatically — with the part it paid here and the order's
/// paid and owed totals. Everything is computed by the core (`order_detail`).
#[component]
pub fn OrderDetail(entries: Memo<Vec<Entry>>, order_id: String) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let lang = app.lang;
    let oid = StoredValue::new(order_id);
    move || {
        let l = lang.get();
        entries.with(|es| {
            let Some(d) = order_detail(es, &oid.get_value(), platform::today()) else { return ().into_any() };
            let rep = archive.archive.with_untracked(|a| EntryBody::Order(d.order.clone()).rep_name(a.reps()).to_string());
            let lines = d
                .order
                .lines
                .iter()
                .zip(&d.progress)
                .enumerate()
                .map(|(i, (line, p))| {
                    let has_left = p.remaining > 0;
                    let amount = dossier_core::ledger::line_amount(line.qty, line.unit_fen).map(yuan).unwrap_or_default();
                    view! {
                        <tr data-detail-line=i data-left=p.remaining.to_string()>
                            <td>{line.product.clone()}</td>
                            <td>{line.unit.clone()}</td>
                            <td class="num">{qty(p.ordered)}</td>
                            <td class="num">{yuan(line.unit_fen)}</td>
                            <td class="num">{amount}</td>
                            <td class="num">{qty(p.delivered)}</td>
                            <td class="num" class:left=has_left>{qty(p.remaining)}</td>
                        </tr>
                    }
                })
                .collect_view();
            let deliveries = d
                .deliveries
                .iter()
                .map(|x| {
                    // "水泥 6 吨、砂石 2 车": what went out, by product.
                    let goods = x
                        .delivery
                        .lines
                        .iter()
                        .filter_map(|dl| {
                            let line = d.order.lines.get(dl.line as usize)?;
                            Some(format!("{} {}{}", line.product, qty(dl.qty), line.unit))
                        })
                        .collect::<Vec<_>>()
                        .join("、");
                    view! {
                        <tr data-detail-delivery=x.id.to_string()>
                            <td>{x.delivery.date.to_string()}</td>
                            <td>{goods}</td>
                            <td class="num">{yuan(x.delivery.fen)}</td>
                            <td>{x.delivery.due.to_string()}</td>
                            <td class="num">{yuan(x.settled)}</td>
                            <td class="num">{yuan(x.open)}</td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>();
            // Every credit that paid these deliveries, by hand (指定冲抵) or by the ledger's rule.
            let payments = d
                .payments
                .iter()
                .map(|p| {
                    let how = if p.by_hand { "hand" } else { "auto" };
                    let of_total = (p.total != p.fen).then(|| format!("（{}）", tr(l, o::OF_TOTAL).replace("{}", &yuan(p.total))));
                    view! {
                        <tr data-detail-payment=p.id.to_string() data-how=how data-fen=p.fen.to_string()>
                            <td><time>{p.date.to_string()}</time></td>
                            <td>{p.kind.label(l)}</td>
                            <td class="num">{yuan(p.fen)}<small class="muted">{of_total}</small></td>
                            <td>{tr(l, if p.by_hand { o::BY_HAND } else { o::AUTO })}</td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>();
            let requested = d.order.requested.map(|r| r.to_string()).unwrap_or_default();
            view! {
                <div class="order-detail" data-order-detail=d.id.to_string() data-state=d.state.code()>
                    <h3>{tr(l, o::DETAIL_TITLE)}" · "{d.order.no.clone()}</h3>
                    <dl class="facts">
                        <dt>{tr(l, o::DATE)}</dt><dd>{d.order.date.to_string()}</dd>
                        <dt>{tr(l, o::REP)}</dt><dd>{rep}</dd>
                        {(!requested.is_empty()).then(|| view! { <dt>{tr(l, o::REQUESTED)}</dt><dd>{requested.clone()}</dd> })}
                        <dt>{tr(l, o::DELIVERED_VALUE)}</dt><dd>{yuan(d.delivered_fen)}</dd>
                        <dt>{tr(l, o::RECEIVED)}</dt><dd data-detail-settled=d.settled_fen.to_string()>{yuan(d.settled_fen)}</dd>
                        <dt>{tr(l, o::OPEN)}</dt><dd>{yuan(d.open_fen)}</dd>
                    </dl>
                    <h4>{tr(l, o::LINES)}</h4>
                    <div class="table-scroll">
                        <table class="table" data-detail-lines><thead><tr>
                            <th>{tr(l, o::PRODUCT)}</th><th>{tr(l, o::UNIT)}</th><th class="num">{tr(l, o::ORDERED)}</th>
                            <th class="num">{dossier_core::forms::schema::ORDER_LINE_COLUMNS[2].label(l)}</th><th class="num">{tr(l, o::AMOUNT)}</th>
                            <th class="num">{tr(l, o::DELIVERED)}</th><th class="num">{tr(l, o::LEFT)}</th>
                        </tr></thead><tbody>{lines}</tbody></table>
                    </div>
                    <h4>{tr(l, o::DELIVERIES)}</h4>
                    {if deliveries.is_empty() {
                        view! { <p class="muted">{tr(l, o::NO_DELIVERIES)}</p> }.into_any()
                    } else {
                        view! {
                            <div class="table-scroll">
                                <table class="table" data-detail-deliveries><thead><tr>
                                    <th>{tr(l, o::DATE)}</th><th>{tr(l, o::GOODS)}</th><th class="num">{tr(l, o::AMOUNT)}</th>
                                    <th>{tr(l, o::DUE)}</th><th class="num">{tr(l, o::RECEIVED)}</th><th class="num">{tr(l, o::OPEN)}</th>
                                </tr></thead><tbody>{deliveries}</tbody></table>
                            </div>
                        }.into_any()
                    }}
                    <h4>{tr(l, o::PAYMENTS)}</h4>
                    {if payments.is_empty() {
                        view! { <p class="muted">{tr(l, o::NO_PAYMENTS)}</p> }.into_any()
                    } else {
                        view! {
                            <div class="table-scroll">
                                <table class="table" data-detail-payments><thead><tr>
                                    <th>{tr(l, o::DATE)}</th><th>{tr(l, o::KIND)}</th><th class="num">{tr(l, o::APPLIED)}</th><th>{tr(l, o::HOW)}</th>
                                </tr></thead><tbody>{payments}</tbody></table>
                            </div>
                        }.into_any()
                    }}
                    <p class="order-detail-totals" data-detail-totals>
                        <span>{tr(l, o::PAID_TOTAL)}" "<strong data-detail-paid=d.settled_fen.to_string()>{yuan(d.settled_fen)}</strong></span>
                        <span>{tr(l, o::OWED)}" "<strong data-detail-owed=d.open_fen.to_string()>{yuan(d.open_fen)}</strong></span>
                    </p>
                </div>
            }
            .into_any()
        })
    }
}
