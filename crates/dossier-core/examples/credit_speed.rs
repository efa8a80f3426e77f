//! Times the order check (`ledger::credit::order_check`) against one customer with a long file:
//! `cargo run --release -p dossier-core --example credit_speed [entries] [runs]`.
//! The file is ~500 entries (orders, their deliveries, payments) and a limit it is over (so the
//! remedies are worked out too); the check reads the whole file each time (open items,
//! approvals, open orders), as the order form does on every change.
//! Prints one line, `credit_speed entries=… runs=… ms_per_check=…`, which `bench/archive.mjs`
//! puts in its table. Native numbers; wasm in a browser is slower.
use chrono::{Days, NaiveDate};
use dossier_core::credit::{Approval, CreditSettings};
use dossier_core::ledger::credit::order_check;
use dossier_core::ledger::{Delivery, DeliveryLine, Order, OrderLine, OrderStatus, Payment};
use dossier_core::{Entry, EntryBody, Hlc, Stamp};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let size: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(500);
    let runs: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1_000).max(1);
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("valid date");
    let cid = "c1".to_string();
    let mut file = Vec::with_capacity(size + 1);
    let mut n = 0u64;
    let mut push = |file: &mut Vec<Entry>, body| {
        n += 1;
        file.push(Entry::new(format!("e{n}"), cid.clone(), body, Stamp::new(Hlc { ms: 1_796_200_000_000 + n, n: 0 }, "dev")));
        format!("e{n}")
    };
    let approval = Approval::manual(10_000_000, "赵经理", "年度核定", today).expect("a valid approval");
    push(&mut file, EntryBody::CreditLimit(approval));
    // Groups of five: two orders (one delivered whole, one half and still open), their two
    // deliveries, one payment.
    let mut k = 0u64;
    while file.len() < size {
        k += 1;
        let date = today.checked_sub_days(Days::new(k % 360)).unwrap_or(today);
        let line = |qty| vec![OrderLine { product: format!("货品{}", k % 40), qty, unit_fen: 12_345, unit: String::new() }];
        let order = |status, qty| EntryBody::Order(Order { no: format!("PO-{k}"), date, lines: line(qty), status, ..Order::default() });
        let done = push(&mut file, order(OrderStatus::Delivered, 10));
        let open = push(&mut file, order(OrderStatus::Open, 10));
        for (oid, qty) in [(done, 10), (open, 5)] {
            let fen = qty * 12_345;
            let dlv = Delivery { oid, date, lines: vec![DeliveryLine { line: 0, qty, unit_fen: 12_345 }], fen, due: date + Days::new(30), note: String::new() };
            push(&mut file, EntryBody::Delivery(dlv));
        }
        push(&mut file, EntryBody::Payment(Payment { date, fen: 150_000, ..Payment::default() }));
    }
    let settings = CreditSettings::default();
    let first = order_check(&file, 1_000_000, false, None, &settings, today);
    let t = Instant::now();
    let mut verdicts = 0usize;
    for i in 0..runs {
        // A different amount each run, so nothing is hoisted out of the loop.
        let r = order_check(&file, 1_000_000 + i as i64, false, None, &settings, today);
        verdicts += r.reasons.len();
    }
    let per = t.elapsed().as_secs_f64() * 1e3 / runs as f64;
    eprintln!("verdict {:?}, exposure {} fen, reasons over the runs {verdicts}", first.verdict, first.exposure.total);
    println!("credit_speed entries={} runs={runs} ms_per_check={per:.4}", file.len());
}
