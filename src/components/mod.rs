pub mod empty_state;
pub mod field_input;
pub mod lang_switch;
pub mod nav_bar;
pub mod planned_page;
pub mod shell;
pub mod storage_banner;
pub mod undo_bar;
