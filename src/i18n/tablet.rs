//! Words added by the tablet pass (issue 18): the customer form's 更多资料, collapsed card
//! sections, the timeline's labelled parts, the date input's calendar button, the rep confirmed.

pub use super::grading::{tr, Pair};

pub const MAIN_DETAILS: Pair = ("主要资料", "Main details");
pub const MORE_DETAILS: Pair = ("更多资料", "More details");
pub const MORE_DETAILS_HINT: Pair = ("选填：其他基本资料、特征、业务与交易情况", "Optional: other basics, traits, business and trading");
pub const PERSON_MORE: Pair = ("此人的更多资料", "More about this person");
pub const EMPTY_SECTION: Pair = ("（空）", " (empty)");
pub const IDENTITY: Pair = ("身份与联系", "Identity and contact");
pub const OPEN_CALENDAR: Pair = ("选择日期", "Pick a date");
pub const DATE_PLACEHOLDER: Pair = ("年-月-日", "yyyy-mm-dd");
pub const ME_NOW: Pair = ("本机业务员：", "This device's rep: ");
pub const REP_ADDED: Pair = ("已添加业务员：", "Rep added: ");
pub const NEXT_STEP: Pair = ("下一步：", "Next: ");
pub const BACK_TO_TOP: Pair = ("回到顶部", "Back to top");
