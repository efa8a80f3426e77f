//! 客户情况综合评价表: the 客户资料 column filled from what the archive knows.
