//! 客户分析 (seed 004 三、客户分析的内容; seed 000 第五步: 销售构成、商品构成、地区构成、客户信用分析):
//! whole-archive figures computed from the summaries alone (docs/analysis.md), so the 分析 page
//! never reads the files.

pub mod evaluation;
