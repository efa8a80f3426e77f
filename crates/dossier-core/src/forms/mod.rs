//! The forms of the app, one generic form per record: [`schema`] lists every form's fields (key,
//! part, labels, input kind); [`value`] is one field's value as entered (text, flag, codes,
//! rows); [`form`] reads values into the records' typed fields, collecting a [`FieldError`] per
//! bad field, and writes them back. Uses validation for single values.

pub mod form;
pub mod schema;
pub mod value;

pub use form::FieldError;
pub(crate) use form::{Reader, Writer};
pub use schema::{Form, RawForm};
pub use value::{flat_values, FieldValue};
