//! The forms of the app, one generic form per record: [`schema`] lists every form's fields (key,
//! part, labels, input kind); [`form`] reads raw form strings into typed values, collecting a
//! [`FieldError`] per bad field, and writes them back. Uses validation for single values.

pub mod form;
pub mod schema;

pub use form::FieldError;
pub(crate) use form::{Reader, Writer};
pub use schema::{Form, RawForm};
