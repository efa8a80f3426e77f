//! The two macros every record type is declared with, and their serde helper. Declared first in
//! the crate (`#[macro_use]`), so every module below can use them.

/// `skip_serializing_if` predicate: pages of 100,000 customers stay small when empty fields vanish.
pub(crate) fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

/// Declares a stored record: every field is optional on the wire (missing → default, so new
/// fields need no migration) and omitted when empty (compact JSON).
macro_rules! record {
    ($(#[$m:meta])* pub struct $name:ident { $($(#[$fm:meta])* pub $f:ident : $t:ty,)* }) => {
        $(#[$m])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[serde(default)]
        pub struct $name {
            $($(#[$fm])* #[serde(skip_serializing_if = "crate::primitives::macros::is_default")] pub $f: $t,)*
        }
    };
}

/// Declares a closed set of codes with bilingual labels. The code is the wire form and the raw
/// form value, so JSON stays short and stable even if labels are reworded.
macro_rules! coded {
    ($(#[$m:meta])* pub enum $name:ident { $($var:ident = $code:literal, $zh:literal, $en:literal;)+ }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name { $(#[serde(rename = $code)] $var,)+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var,)+];
            pub const CHOICES: &'static [crate::primitives::codes::Choice] =
                &[$(crate::primitives::codes::Choice { code: $code, zh: $zh, en: $en },)+];

            pub fn code(self) -> &'static str {
                match self { $($name::$var => $code,)+ }
            }
            pub fn from_code(s: &str) -> Option<$name> {
                match s { $($code => Some($name::$var),)+ _ => None }
            }
            pub fn label(self, lang: crate::primitives::lang::Lang) -> &'static str {
                match self { $($name::$var => lang.pick($zh, $en),)+ }
            }
        }

        impl crate::primitives::codes::Coded for $name {
            fn code(self) -> &'static str { $name::code(self) }
            fn from_code(s: &str) -> Option<Self> { $name::from_code(s) }
        }
    };
}
