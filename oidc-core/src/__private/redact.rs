//! What the generated `Debug` prints in place of secrets.

use std::fmt;

/// Printed in place of a `#[oidc(secret)]` value.
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// A `#[oidc(secret)]` `Option`: shows whether it is set, not what it is.
pub struct RedactedOption(pub bool);

impl fmt::Debug for RedactedOption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 {
            f.write_str("Some(<redacted>)")
        } else {
            f.write_str("None")
        }
    }
}
