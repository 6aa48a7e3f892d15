//! Value types shared by many messages.

mod audience;
mod extra;
mod numeric_date;
mod string_enum;

pub use audience::Audience;
pub use extra::{ExtraParams, ExtraValue};
pub use numeric_date::{NumericDate, TimeOutOfRange};
