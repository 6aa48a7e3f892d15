//! The hand-written hot paths: form / URL parsing and writing, JSON entry points.
//!
//! Generic serde machinery is measurably slower for these shapes (see BENCHMARKS.md), so
//! parameters are split, percent-decoded (borrowing when nothing needs decoding) and
//! dispatched by the generated code without any intermediate map.

pub mod form;
pub mod url;
pub mod value;
