//! What is wrong with a value, in both languages: what a [`super::check`], a form reader (which
//! adds the field) or a rule of the customer's file reports.

use super::check::format_date;
use crate::primitives::lang::Lang;
use crate::primitives::ledger_codes::{ComplaintStep, OrderStatus};
use crate::primitives::money::{format_yuan_grouped, MoneyError};
use chrono::NaiveDate;

/// What is wrong with a value. Every variant has a message in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Required,
    Mobile,
    Landline,
    /// Mobile or landline expected.
    Phone,
    Email,
    Postcode,
    Url,
    UsccFormat,
    UsccCheck,
    IdFormat,
    IdCheck,
    IdBirth,
    Date,
    FutureDate,
    Money(MoneyError),
    Integer,
    Negative,
    TooLarge(u64),
    Percent,
    ShareTotal,
    UnknownChoice(String),
    /// A value of another kind than the field holds (text where a table belongs): a bug in
    /// whatever filled the form, never a person's typing.
    WrongKind,
    /// A problem in one cell of a table field (row and column are 0-based).
    Cell { row: usize, col: usize, problem: Box<Problem> },

    // The customer's file (ledger entries). Amounts are fen.
    /// An actual date before the customer existed (the date it existed from).
    BeforeCustomer(NaiveDate),
    /// A visit with neither a planned nor an actual date.
    VisitDate,
    NextBeforeVisit,
    /// Quantities and amounts that must be more than zero.
    NotPositive,
    /// Above the hard cap (fen) for one entry, or too large to compute.
    OverCap(i64),
    NoLines,
    /// The same order line (or delivery) twice in one table.
    DuplicateLine,
    UnknownOrder,
    OrderNotDeliverable(OrderStatus),
    /// 1-based line number as the user typed it.
    UnknownOrderLine(u64),
    BeyondOrdered { remaining: i64 },
    /// An order line cut below what has already been delivered.
    BelowDelivered { delivered: i64 },
    DeliveryBeforeOrder,
    DueBeforeDelivery,
    RequestedBeforeOrder,
    /// More than the customer's open balance: allowed once the user confirms.
    ExceedsOpenBalance { open: i64 },
    UnknownDelivery,
    DeliveryPaid,
    DeliveryAfterPayment,
    AllocationExceedsOpen { open: i64 },
    AllocationsExceedAmount { amount: i64 },
    DueBeforeIssue,
    IssueAfterReceipt,
    RequiredIfApproved,
    ReturnExceedsDelivery { left: i64 },
    ReferrerMissing,
    SelfReferral,
    FileTooLarge { size: u64, max: u64 },
    FileType(String),

    // Complaints (客户投诉) and the account's start.
    /// The complaint names an order or delivery this file does not have.
    UnknownOrderOrDelivery,
    /// Needed once the complaint stands at this step (or later).
    RequiredAtStep(ComplaintStep),
    /// Only from this step on (e.g. a resolved date before the claim is settled).
    TooEarlyForStep(ComplaintStep),
    /// A remedy or compensation while responsibility is 待查: investigate first, concede nothing.
    ConcedeNothing,
    /// An amount with a remedy other than money.
    AmountWithoutMoney,
    /// A date before the day the complaint was received.
    BeforeReceived,
    /// A date given without the name of who gave it (主管认可, 董事长承认).
    NameForDate,
    /// 董事长承认 before (or without) the head's endorsement.
    ChairBeforeHead,
    /// An endorsement dated before the 交易开始调查书 was filled in.
    BeforeSurvey,
}

impl Problem {
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let s = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
        match self {
            Problem::Required => s("必填", "required"),
            Problem::Mobile => s(
                "手机号格式不对，应为1开头的11位号码（如 138 0013 8000）",
                "not a valid mobile number; expected 11 digits starting with 13–19 (e.g. 138 0013 8000)",
            ),
            Problem::Landline => s(
                "号码格式不对，应为带区号的固话（如 010-12345678）",
                "not a valid landline; expected area code and number (e.g. 010-12345678)",
            ),
            Problem::Phone => s(
                "号码格式不对，应为11位手机号或带区号的固话（如 010-12345678）",
                "not a valid number; expected an 11-digit mobile or a landline with area code (e.g. 010-12345678)",
            ),
            Problem::Email => s(
                "电子邮件格式不对（如 name@example.com）",
                "not a valid e-mail address (e.g. name@example.com)",
            ),
            Problem::Postcode => s("邮编应为6位数字", "a postcode has 6 digits"),
            Problem::Url => s("网址格式不对（如 www.example.com）", "not a valid web address (e.g. www.example.com)"),
            Problem::UsccFormat => s(
                "应为18位统一社会信用代码（数字或大写字母，不含 I、O、Z、S、V）",
                "expected an 18-character unified social credit code (digits or capitals, no I, O, Z, S, V)",
            ),
            Problem::UsccCheck => s(
                "统一社会信用代码最后一位校验码不对，请核对",
                "the check character of the unified social credit code is wrong; please re-check",
            ),
            Problem::IdFormat => s(
                "身份证号应为18位，最后一位可以是X",
                "an ID card number has 18 digits (the last may be X)",
            ),
            Problem::IdCheck => s(
                "身份证号最后一位校验码不对，请核对",
                "the check digit of the ID card number is wrong; please re-check",
            ),
            Problem::IdBirth => s(
                "身份证号中的出生日期无效",
                "the birth date inside the ID card number is not valid",
            ),
            Problem::Date => s(
                "日期格式不对，应为 年-月-日（如 2024-03-15）",
                "not a valid date; expected year-month-day (e.g. 2024-03-15)",
            ),
            Problem::FutureDate => s("日期不能晚于今天", "the date cannot be in the future"),
            Problem::Money(MoneyError::Format) => s(
                "金额格式不对，应为数字（如 1,234.50）",
                "not a valid amount (e.g. 1,234.50)",
            ),
            Problem::Money(MoneyError::Negative) => s("金额不能为负数", "the amount cannot be negative"),
            Problem::Money(MoneyError::Decimals) => s(
                "金额最多两位小数（精确到分）",
                "at most two decimals (to the fen)",
            ),
            Problem::Money(MoneyError::Overflow) => s("金额太大", "the amount is too large"),
            Problem::Integer => s("应为整数", "expected a whole number"),
            Problem::Negative => s("不能为负数", "cannot be negative"),
            Problem::TooLarge(max) => {
                if zh { format!("不能大于 {max}") } else { format!("cannot be more than {max}") }
            }
            Problem::Percent => s("比重应在 0–100 之间", "a share is between 0 and 100"),
            Problem::ShareTotal => s(
                "各项比重合计不能超过 100%",
                "the shares add up to more than 100%",
            ),
            Problem::UnknownChoice(code) => {
                if zh { format!("无效的选项“{code}”") } else { format!("unknown option \"{code}\"") }
            }
            Problem::WrongKind => s("数据类型与此项不符，未能读取", "the value is of the wrong kind for this field and was not read"),
            Problem::Cell { row, col, problem } => {
                if zh {
                    format!("第{}行第{}列：{}", row + 1, col + 1, problem.message(lang))
                } else {
                    format!("row {}, column {}: {}", row + 1, col + 1, problem.message(lang))
                }
            }
            Problem::BeforeCustomer(d) => {
                let d = format_date(*d);
                if zh { format!("日期不能早于客户建档日期（{d}）") } else { format!("the date cannot be before the customer existed ({d})") }
            }
            Problem::VisitDate => s(
                "预定拜访日期和实际拜访日期至少填一个",
                "give the planned or the actual visit date (or both)",
            ),
            Problem::NextBeforeVisit => s(
                "下次拜访日期不能早于本次拜访日期",
                "the next visit cannot be before this visit",
            ),
            Problem::NotPositive => s("必须大于0", "must be more than 0"),
            Problem::OverCap(cap) => {
                if zh {
                    format!("金额太大，单笔不能超过 {} 元", format_yuan_grouped(*cap))
                } else {
                    format!("the amount is too large; one entry cannot exceed ¥{}", format_yuan_grouped(*cap))
                }
            }
            Problem::NoLines => s("至少填写一行", "add at least one line"),
            Problem::DuplicateLine => s("同一项重复填写了两次，请合并为一行", "the same item appears twice; put it on one line"),
            Problem::UnknownOrder => s(
                "找不到该订单（可能已删除或属于其他客户）",
                "no such order (it may have been deleted or belong to another customer)",
            ),
            Problem::OrderNotDeliverable(st) => {
                if zh {
                    format!("订单状态为“{}”，不能出货", st.label(Lang::Zh))
                } else {
                    format!("the order is {}; it cannot be delivered", st.label(Lang::En).to_lowercase())
                }
            }
            Problem::UnknownOrderLine(n) => {
                if zh { format!("订单没有第{n}行") } else { format!("the order has no line {n}") }
            }
            Problem::BeyondOrdered { remaining } => {
                if zh {
                    format!("超出订单剩余未出货数量（还剩 {remaining}）")
                } else {
                    format!("more than the order still has to deliver ({remaining} remaining)")
                }
            }
            Problem::BelowDelivered { delivered } => {
                if zh {
                    format!("不能少于已出货数量（已出货 {delivered}）")
                } else {
                    format!("cannot be less than what has been delivered ({delivered} delivered)")
                }
            }
            Problem::DeliveryBeforeOrder => s("出货日期不能早于订单日期", "the delivery cannot be before the order date"),
            Problem::DueBeforeDelivery => s("到期日不能早于出货日期", "the due date cannot be before the delivery date"),
            Problem::RequestedBeforeOrder => s(
                "要求交货日期不能早于订单日期",
                "the requested delivery date cannot be before the order date",
            ),
            Problem::ExceedsOpenBalance { open } => {
                if zh {
                    format!(
                        "金额超过该客户的未收余额（{} 元）；确认无误后，超出部分记为预收款",
                        format_yuan_grouped(*open)
                    )
                } else {
                    format!(
                        "more than the customer's open balance (¥{}); confirm to keep the excess as credit on account",
                        format_yuan_grouped(*open)
                    )
                }
            }
            Problem::UnknownDelivery => s(
                "找不到该出货单（可能已删除或属于其他客户）",
                "no such delivery (it may have been deleted or belong to another customer)",
            ),
            Problem::DeliveryPaid => s("该出货单已结清，无需冲抵", "that delivery is already paid in full"),
            Problem::DeliveryAfterPayment => s(
                "只能冲抵回款日期当天或之前的出货",
                "a payment can only settle deliveries made on or before its date",
            ),
            Problem::AllocationExceedsOpen { open } => {
                if zh {
                    format!("超过该出货单的未收金额（{} 元）", format_yuan_grouped(*open))
                } else {
                    format!("more than that delivery's open amount (¥{})", format_yuan_grouped(*open))
                }
            }
            Problem::AllocationsExceedAmount { amount } => {
                if zh {
                    format!("指定冲抵合计超过本次金额（{} 元）", format_yuan_grouped(*amount))
                } else {
                    format!("the allocations add up to more than the amount (¥{})", format_yuan_grouped(*amount))
                }
            }
            Problem::DueBeforeIssue => s("到期日不能早于出票日期", "the due date cannot be before the issue date"),
            Problem::IssueAfterReceipt => s("出票日期不能晚于收票日期", "the issue date cannot be after the date received"),
            Problem::RequiredIfApproved => s("已批准的退赔折价必须填写此项", "required once approved"),
            Problem::ReturnExceedsDelivery { left } => {
                if zh {
                    format!("超过该出货单可退赔的金额（还剩 {} 元）", format_yuan_grouped(*left))
                } else {
                    format!("more than is left to return on that delivery (¥{})", format_yuan_grouped(*left))
                }
            }
            Problem::ReferrerMissing => s(
                "请填写介绍人：客户、人员或姓名至少填一项",
                "name the referrer: a customer, a person or a name",
            ),
            Problem::SelfReferral => s("介绍人不能是客户本人", "a customer cannot refer itself"),
            Problem::FileTooLarge { size, max } => {
                let mb = |b: u64| format!("{:.1}", b as f64 / 1_048_576.0);
                if zh {
                    format!("文件太大（{} MB），不能超过 {} MB", mb(*size), mb(*max))
                } else {
                    format!("the file is too large ({} MB); the limit is {} MB", mb(*size), mb(*max))
                }
            }
            Problem::FileType(mime) => {
                if zh {
                    format!("不支持的文件类型“{mime}”，只能上传图片（JPEG、PNG、WebP、GIF、HEIC）或 PDF")
                } else {
                    format!("unsupported file type \"{mime}\"; only images (JPEG, PNG, WebP, GIF, HEIC) or PDF")
                }
            }
            Problem::UnknownOrderOrDelivery => s(
                "该客户档案中没有这张订单或出货单（可能已删除）",
                "this customer's file has no such order or delivery (it may have been deleted)",
            ),
            Problem::RequiredAtStep(step) => {
                if zh {
                    format!("处理进度到“{}”时必须填写", step.label(Lang::Zh))
                } else {
                    format!("required once the complaint is at “{}”", step.label(Lang::En))
                }
            }
            Problem::TooEarlyForStep(step) => {
                if zh {
                    format!("处理进度到“{}”后才填写", step.label(Lang::Zh))
                } else {
                    format!("only once the complaint is at “{}”", step.label(Lang::En))
                }
            }
            Problem::ConcedeNothing => s(
                "责任待查时不作任何承诺：先查明事实、确定责任，再定赔偿",
                "responsibility is still to be established: concede nothing until the facts are known",
            ),
            Problem::AmountWithoutMoney => s("只有金钱补偿才填写金额", "an amount only goes with money compensation"),
            Problem::BeforeReceived => s("不能早于受理日期", "cannot be before the day it was received"),
            Problem::NameForDate => s("填写了日期，请同时填写姓名", "a date needs the name of who gave it"),
            Problem::BeforeSurvey => s("不能早于调查书的填写日期", "cannot be before the survey was filled in"),
            Problem::ChairBeforeHead => s(
                "董事长承认须在单位主管认可之后",
                "the chairman approves after the head of unit has endorsed it",
            ),
        }
    }

    /// The user may override this problem by confirming (the form then passes `confirmed`).
    pub fn confirmable(&self) -> bool {
        matches!(self, Problem::ExceedsOpenBalance { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_has_both_messages() {
        let all = [
            Problem::Required, Problem::Mobile, Problem::Landline, Problem::Phone, Problem::Email,
            Problem::Postcode, Problem::Url, Problem::UsccFormat, Problem::UsccCheck,
            Problem::IdFormat, Problem::IdCheck, Problem::IdBirth, Problem::Date,
            Problem::FutureDate, Problem::Money(MoneyError::Format),
            Problem::Money(MoneyError::Negative), Problem::Money(MoneyError::Decimals),
            Problem::Money(MoneyError::Overflow), Problem::Integer, Problem::Negative,
            Problem::TooLarge(5), Problem::Percent, Problem::ShareTotal,
            Problem::UnknownChoice("x".into()), Problem::WrongKind,
            Problem::Cell { row: 0, col: 1, problem: Box::new(Problem::Required) },
            Problem::BeforeCustomer(NaiveDate::from_ymd_opt(2024, 3, 1).unwrap()),
            Problem::VisitDate, Problem::NextBeforeVisit, Problem::NotPositive,
            Problem::OverCap(100_000_000_000), Problem::NoLines, Problem::DuplicateLine,
            Problem::UnknownOrder, Problem::OrderNotDeliverable(OrderStatus::Cancelled),
            Problem::UnknownOrderLine(4), Problem::BeyondOrdered { remaining: 5 },
            Problem::BelowDelivered { delivered: 3 },
            Problem::DeliveryBeforeOrder, Problem::DueBeforeDelivery, Problem::RequestedBeforeOrder,
            Problem::ExceedsOpenBalance { open: 123_450 }, Problem::UnknownDelivery,
            Problem::DeliveryPaid, Problem::DeliveryAfterPayment,
            Problem::AllocationExceedsOpen { open: 100 }, Problem::AllocationsExceedAmount { amount: 100 },
            Problem::DueBeforeIssue, Problem::IssueAfterReceipt, Problem::RequiredIfApproved,
            Problem::ReturnExceedsDelivery { left: 100 }, Problem::ReferrerMissing,
            Problem::SelfReferral, Problem::FileTooLarge { size: 12_000_000, max: 10_485_760 },
            Problem::FileType("text/html".into()),
            Problem::UnknownOrderOrDelivery, Problem::RequiredAtStep(ComplaintStep::Settled),
            Problem::TooEarlyForStep(ComplaintStep::Settled), Problem::ConcedeNothing,
            Problem::AmountWithoutMoney, Problem::BeforeReceived, Problem::NameForDate,
            Problem::ChairBeforeHead, Problem::BeforeSurvey,
        ];
        for p in all {
            let (zh, en) = (p.message(Lang::Zh), p.message(Lang::En));
            assert!(!zh.is_empty() && !en.is_empty() && zh != en, "{p:?}");
            assert!(!en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{en}");
        }
    }
}
