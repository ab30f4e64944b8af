//! A section's plain text: owned (built in memory), or a range of an opened index file that
//! every section of that file shares, so opening a saved index neither copies nor allocates
//! the sections' text (most of the file) one by one.

use std::fmt;
use std::ops::Deref;

use tantivy::directory::OwnedBytes;

/// Text used like a `&str` (it derefs to one).
#[derive(Clone)]
pub(crate) enum Text {
    Owned(String),
    /// Bytes checked to be UTF-8 when the file was opened.
    Saved(OwnedBytes),
}

impl Text {
    /// `bytes` as text, if they are UTF-8.
    pub fn saved(bytes: OwnedBytes) -> Option<Self> {
        std::str::from_utf8(bytes.as_slice()).ok()?;
        Some(Self::Saved(bytes))
    }

    pub fn as_str(&self) -> &str {
        match self {
            Self::Owned(text) => text,
            // Checked when made; without `unsafe` it is checked again, a few KB per snippet.
            Self::Saved(bytes) => std::str::from_utf8(bytes.as_slice()).unwrap_or_default(),
        }
    }

    /// Gives back an owned text's spare capacity (pages live as long as the process).
    pub fn shrink_to_fit(&mut self) {
        if let Self::Owned(text) = self {
            text.shrink_to_fit();
        }
    }

    pub fn push_str(&mut self, more: &str) {
        match self {
            Self::Owned(text) => text.push_str(more),
            Self::Saved(_) => *self = Self::Owned(format!("{}{more}", self.as_str())),
        }
    }
}

impl Default for Text {
    fn default() -> Self {
        Self::Owned(String::new())
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Self::Owned(text)
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Self::Owned(text.to_string())
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn saved_text_reads_like_owned_text_and_refuses_bytes_that_are_not_utf8() {
        let bytes = OwnedBytes::new(b"one two \xc3\xa9 three".to_vec());
        let saved = Text::saved(bytes.slice(4..10)).unwrap();
        assert_eq!(&*saved, "two é");
        assert_eq!(saved, Text::from("two é"));
        assert!(Text::saved(bytes.slice(8..9)).is_none());
        let mut grown = saved.clone();
        grown.push_str("!");
        assert_eq!(grown.as_str(), "two é!");
        assert_eq!(format!("{saved} {saved:?}"), "two é \"two é\"");
    }
}
