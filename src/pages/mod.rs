pub mod analysis;
pub mod credit;
pub mod customer_card;
pub mod customer_edit;
pub mod customers;
pub mod handoff;
pub mod settings;
pub mod today;
