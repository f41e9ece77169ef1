//! What a piece of reader text *is* (headline, emphasis, quote, search
//! match...), independent of how a theme draws it. Marks combine, so a search
//! match inside a quote inside emphasis keeps all three.

use std::ops::{BitOr, BitOrAssign};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Marks(u32);

impl Marks {
    pub const NONE: Self = Self(0);
    pub const HEADLINE: Self = Self(1);
    pub const BYLINE: Self = Self(1 << 1);
    pub const META: Self = Self(1 << 2);
    pub const HEADING: Self = Self(1 << 3);
    pub const EMPHASIS: Self = Self(1 << 4);
    pub const STRONG: Self = Self(1 << 5);
    pub const BLOCKQUOTE: Self = Self(1 << 6);
    pub const DECORATION: Self = Self(1 << 7);
    pub const CODE: Self = Self(1 << 8);
    pub const BIO: Self = Self(1 << 9);
    pub const QUOTE: Self = Self(1 << 10);
    pub const QUOTE_MARK: Self = Self(1 << 11);
    pub const SPEAKER: Self = Self(1 << 12);
    pub const MATCH: Self = Self(1 << 13);
    pub const CURRENT: Self = Self(1 << 14);
    /// A quotation inside another one.
    pub const NESTED: Self = Self(1 << 15);
    /// The quotation `]` / `[` last moved to.
    pub const FOCUS: Self = Self(1 << 16);

    pub const fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }

    pub const fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }
}

impl BitOr for Marks {
    type Output = Self;
    fn bitor(self, rhs: Self) -> Self {
        self.union(rhs)
    }
}

impl BitOrAssign for Marks {
    fn bitor_assign(&mut self, rhs: Self) {
        *self = self.union(rhs);
    }
}

/// Marks laid over a byte range of a paragraph's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overlay {
    pub start: usize,
    pub end: usize,
    pub marks: Marks,
}

impl Overlay {
    pub fn new(start: usize, end: usize, marks: Marks) -> Self {
        Self { start, end, marks }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_combine() {
        let m = Marks::QUOTE | Marks::MATCH;
        assert!(m.contains(Marks::QUOTE));
        assert!(m.contains(Marks::MATCH));
        assert!(!m.contains(Marks::SPEAKER));
        assert!(!m.contains(Marks::NONE));
    }
}
