//! 客户分析 (seed 004 三、客户分析的内容; seed 000 第五步: 销售构成、商品构成、地区构成、客户信用分析):
//! whole-archive figures computed from the summaries alone (docs/analysis.md), so the 分析 page
//! never reads the files.
//!
//! Every function takes the summaries (deleted customers skipped), a [`Period`] of whole months
//! and plain arguments; none reads the clock. Money is fen (i64), shares and rates are basis
//! points, worked in integers. Each is one pass over the summaries.
//!
//! - [`period`]: the months an analysis covers.
//! - [`share`]: [`Share`] (one part of a whole) and largest-remainder basis points.
//! - [`composition`]: 客户构成 ([`customers_by`]) and 销售构成 ([`sales_by`]).
//! - [`series`]: sales and collections by month ([`series`]), whether they balance
//!   ([`balance`], [`balance_by_rep`]).
//! - [`products`]: 商品构成, 毛利率, 周转率, 交叉比率, 贡献比率 ([`products`]).
//! - [`complaints`]: 投诉分析 ([`complaints`]).
//! - [`accounts`]: 交易开始与中止 by month ([`starts_stops`]).
//! - [`csv`]: the tables as CSV ([`csv()`]).
//! - 客户情况综合评价表: [`evaluation`].

pub mod accounts;
pub mod complaints;
pub mod composition;
pub mod csv;
pub mod evaluation;
pub mod period;
pub mod products;
pub mod series;
pub mod share;

pub use accounts::{starts_stops, starts_waiting, StartStop};
pub use complaints::{complaints, ComplaintAnalysis, RepeatCustomer};
pub use composition::{customers_by, net_sales, sales_by, total_fen, CustomerDim, SalesDim};
pub use csv::{csv, product_rows, series_rows, share_rows};
pub use period::{month_label, Period};
pub use products::{products, ProductCost, ProductRow};
pub use series::{balance, balance_by_rep, series, Balance, MonthRow, RepBalance, Scope, BALANCE_TOLERANCE_BP};
pub use share::{div_round, format_percent, format_times, not_given, split_bp, Share, WHOLE_BP};
