//! Every message's wire names as a compile-time table (`Fields::WIRE`), and the
//! checks that run on it in const context: the derive sees only one struct, so a name
//! a flattened message declares is known only at type level.

/// The wire names a message reads: its own (with aliases) and, through its flattened
/// fields, its flattened messages'.
#[derive(Debug, Clone, Copy)]
pub struct WireNames {
    /// The message's type name.
    pub message: &'static str,
    /// Its own parameters, in declaration order.
    pub params: &'static [Param],
    /// Its flattened fields, in declaration order.
    pub flattened: &'static [Flattened],
}

/// One wire name of a message.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    /// The name on the wire.
    pub name: &'static str,
    /// The Rust field that reads it.
    pub field: &'static str,
    /// Whether the name is an `alias` of that field.
    pub alias: bool,
}

/// A flattened field and the table of the message it embeds.
#[derive(Debug, Clone, Copy)]
pub struct Flattened {
    /// The Rust field.
    pub field: &'static str,
    /// The embedded message's names.
    pub names: &'static WireNames,
}

/// Where a wire name is declared, as found in a table.
#[derive(Clone, Copy)]
struct Found {
    param: &'static Param,
    /// The message that declares it.
    message: &'static str,
}

impl WireNames {
    /// The number of names, flattened messages' included.
    pub const fn len(&self) -> usize {
        let mut n = self.params.len();
        let mut i = 0;
        while i < self.flattened.len() {
            n += self.flattened[i].names.len();
            i += 1;
        }
        n
    }

    /// Whether there are no names at all.
    pub const fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the message (or a flattened one) reads the parameter `name`.
    pub const fn contains(&self, name: &str) -> bool {
        self.find(name).is_some()
    }

    /// The first declaration of `name`, in declaration order.
    const fn find(&self, name: &str) -> Option<Found> {
        let params: &'static [Param] = self.params;
        let mut i = 0;
        while i < params.len() {
            if str_eq(params[i].name, name) {
                return Some(Found {
                    param: &params[i],
                    message: self.message,
                });
            }
            i += 1;
        }
        let mut i = 0;
        while i < self.flattened.len() {
            if let Some(found) = self.flattened[i].names.find(name) {
                return Some(found);
            }
            i += 1;
        }
        None
    }

    /// The `index`-th name: own names first, then each flattened message's.
    const fn nth(&self, index: usize) -> Option<Found> {
        let params: &'static [Param] = self.params;
        if index < params.len() {
            return Some(Found {
                param: &params[index],
                message: self.message,
            });
        }
        let mut rest = index - params.len();
        let mut i = 0;
        while i < self.flattened.len() {
            let names = self.flattened[i].names;
            let n = names.len();
            if rest < n {
                return names.nth(rest);
            }
            rest -= n;
            i += 1;
        }
        None
    }
}

/// Fails (at compile time, when evaluated in a const) if a wire name of the
/// `index`-th flattened field is also declared by an own field of the message or by
/// an earlier flattened field: decoding would fill only one of them and encoding
/// would write the parameter twice.
pub const fn check_flattened(names: &WireNames, index: usize) {
    let group = names.flattened[index];
    let count = group.names.len();
    let mut j = 0;
    while j < count {
        let Some(theirs) = group.names.nth(j) else {
            break;
        };
        let mut i = 0;
        while i < names.params.len() {
            let own = &names.params[i];
            if str_eq(own.name, theirs.param.name) {
                collision(names, own.name, Place::Own(own), Place::Flat(group, theirs));
            }
            i += 1;
        }
        let mut g = 0;
        while g < index {
            let earlier = names.flattened[g];
            if let Some(first) = earlier.names.find(theirs.param.name) {
                collision(
                    names,
                    first.param.name,
                    Place::Flat(earlier, first),
                    Place::Flat(group, theirs),
                );
            }
            g += 1;
        }
        j += 1;
    }
}

/// One side of a collision.
#[derive(Clone, Copy)]
enum Place {
    Own(&'static Param),
    Flat(Flattened, Found),
}

const fn collision(names: &WireNames, name: &str, first: Place, second: Place) {
    let m = Text::new()
        .push("`")
        .push(names.message)
        .push("`: wire name \"")
        .push(name)
        .push("\" is declared twice: by ");
    let m = describe(m, first).push(" and by ");
    let m = describe(m, second)
        .push("; a parameter belongs to one field (rename or remove one of them)");
    panic!("{}", m.as_str());
}

const fn describe(m: Text, place: Place) -> Text {
    let param = match place {
        Place::Own(param) => param,
        Place::Flat(_, found) => found.param,
    };
    let m = if param.alias {
        m.push("an alias of field `")
    } else {
        m.push("field `")
    };
    let m = m.push(param.field).push("`");
    match place {
        Place::Own(_) => m,
        Place::Flat(flattened, found) => m
            .push(" of `")
            .push(found.message)
            .push("` (flattened as field `")
            .push(flattened.field)
            .push("`)"),
    }
}

/// `a == b`, in const context.
pub const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// A compile-time error message (names are short; a longer text is cut at a
/// character boundary).
pub(super) struct Text {
    bytes: [u8; 512],
    len: usize,
}

impl Text {
    pub(super) const fn new() -> Self {
        Text {
            bytes: [0; 512],
            len: 0,
        }
    }

    pub(super) const fn push(mut self, s: &str) -> Self {
        let s = s.as_bytes();
        let mut i = 0;
        while i < s.len() && self.len < self.bytes.len() {
            self.bytes[self.len] = s[i];
            self.len += 1;
            i += 1;
        }
        // Cut inside a UTF-8 sequence: drop its first bytes too.
        if i < s.len() && s[i] & 0xC0 == 0x80 {
            while self.len > 0 {
                self.len -= 1;
                if self.bytes[self.len] & 0xC0 != 0x80 {
                    break;
                }
            }
        }
        self
    }

    pub(super) const fn as_str(&self) -> &str {
        match core::str::from_utf8(self.bytes.split_at(self.len).0) {
            Ok(s) => s,
            Err(_) => "wire name collision",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INNER: WireNames = WireNames {
        message: "Inner",
        params: &[
            Param {
                name: "a",
                field: "a",
                alias: false,
            },
            Param {
                name: "b",
                field: "bee",
                alias: false,
            },
        ],
        flattened: &[],
    };

    const OUTER: WireNames = WireNames {
        message: "Outer",
        params: &[Param {
            name: "c",
            field: "c",
            alias: false,
        }],
        flattened: &[Flattened {
            field: "inner",
            names: &INNER,
        }],
    };

    #[test]
    fn the_table_covers_flattened_names() {
        assert_eq!(OUTER.len(), 3);
        assert!(OUTER.contains("a") && OUTER.contains("b") && OUTER.contains("c"));
        assert!(!OUTER.contains("bee") && !OUTER.contains(""));
        assert_eq!(OUTER.nth(0).unwrap().param.name, "c");
        assert_eq!(OUTER.nth(2).unwrap().message, "Inner");
        assert!(OUTER.nth(3).is_none());
        assert!(!WireNames {
            message: "E",
            params: &[],
            flattened: &[]
        }
        .contains("a"));
    }

    #[test]
    fn distinct_names_pass() {
        check_flattened(&OUTER, 0);
    }

    #[test]
    fn a_collision_names_both_places() {
        const CLASH: WireNames = WireNames {
            message: "Clash",
            params: &[Param {
                name: "b",
                field: "mine",
                alias: true,
            }],
            flattened: &[Flattened {
                field: "inner",
                names: &INNER,
            }],
        };
        let message = std::panic::catch_unwind(|| check_flattened(&CLASH, 0))
            .unwrap_err()
            .downcast::<String>()
            .unwrap();
        assert_eq!(
            *message,
            "`Clash`: wire name \"b\" is declared twice: by an alias of field `mine` and by \
             field `bee` of `Inner` (flattened as field `inner`); a parameter belongs to one \
             field (rename or remove one of them)"
        );
    }

    #[test]
    fn long_messages_are_cut_on_a_character_boundary() {
        let long = "é".repeat(400);
        let text = Text::new().push("x").push(&long);
        assert!(text.as_str().len() <= 512);
        assert!(text.as_str().starts_with("xé"));
    }

    #[test]
    fn const_string_equality() {
        assert!(str_eq("abc", "abc"));
        assert!(!str_eq("abc", "abd"));
        assert!(!str_eq("abc", "ab"));
        assert!(str_eq("", ""));
    }
}
