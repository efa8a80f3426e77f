pub mod analysis;
pub mod credit;
pub mod customers;
pub mod handoff;
pub mod settings;
pub mod today;
