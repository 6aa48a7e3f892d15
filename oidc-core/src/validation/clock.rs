use std::time::{SystemTime, UNIX_EPOCH};

use crate::NumericDate;

/// The current time, injectable so tests never depend on the wall clock.
pub trait Clock {
    /// Now.
    fn now(&self) -> NumericDate;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> NumericDate {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
            .unwrap_or(0);
        NumericDate::from_secs(secs)
    }
}

/// A clock that always says the same time.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub NumericDate);

impl Clock for FixedClock {
    fn now(&self) -> NumericDate {
        self.0
    }
}

impl<F: Fn() -> NumericDate> Clock for F {
    fn now(&self) -> NumericDate {
        self()
    }
}
