//! The byte format of a persisted index: the loaded pages, and the name, length and checksum
//! of each tantivy file saved beside it, in one length-prefixed body. Hand-written rather than
//! serde, so the crate stays small and every read is bounds-checked: a truncated or flipped
//! file is an `Err`, never a panic.

use crate::Page;
use crate::markdown::{LoadedPage, Section};
use crate::outline::Heading;
use crate::text::Text;
use tantivy::directory::OwnedBytes;

/// One tantivy file of a saved index, as it was written: a start opens the file in place
/// (memory-mapped) only if its length and checksum still match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SavedFile {
    pub name: String,
    pub len: u64,
    pub crc: u32,
}

/// Everything a persisted index holds besides its header.
pub(crate) struct Body {
    /// Pages whose `in_source` entry is set have an empty Markdown until [`fill_markdown`].
    pub pages: Vec<LoadedPage>,
    /// Per page: where its Markdown starts in its page file's text, when it is stored that way.
    pub in_source: Vec<Option<usize>>,
    /// Files skipped while loading (duplicates, unparseable pages), with the reason.
    pub skipped: Vec<(String, String)>,
    /// The folder (beside the index file) holding tantivy's files.
    pub folder: String,
    /// tantivy's files in that folder.
    pub files: Vec<SavedFile>,
}

/// Appends values to a byte buffer.
#[derive(Default)]
pub(crate) struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    pub fn u64(&mut self, value: u64) {
        self.buf.extend_from_slice(&value.to_le_bytes());
    }

    fn usize(&mut self, value: usize) {
        self.u64(value as u64);
    }

    pub fn bytes(&mut self, value: &[u8]) {
        self.usize(value.len());
        self.buf.extend_from_slice(value);
    }

    fn str(&mut self, value: &str) {
        self.bytes(value.as_bytes());
    }

    fn opt_str(&mut self, value: Option<&str>) {
        match value {
            Some(text) => {
                self.buf.push(1);
                self.str(text);
            }
            None => self.buf.push(0),
        }
    }

    fn strs(&mut self, values: &[String]) {
        self.usize(values.len());
        for value in values {
            self.str(value);
        }
    }
}

/// Reads values back; every method fails on a short or malformed buffer.
pub(crate) struct Reader<'a> {
    all: &'a [u8],
    /// How much of `all` was read.
    pos: usize,
}

type Read<T> = Result<T, String>;

fn short() -> String {
    "the file ends early".to_string()
}

impl<'a> Reader<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Self { all: data, pos: 0 }
    }

    pub fn take(&mut self, len: usize) -> Read<&'a [u8]> {
        let end = self.pos.checked_add(len).ok_or_else(short)?;
        let head = self.all.get(self.pos..end).ok_or_else(short)?;
        self.pos = end;
        Ok(head)
    }

    /// A text that stays in `backing` (the bytes this reader reads), checked to be UTF-8.
    fn text(&mut self, backing: &OwnedBytes) -> Read<Text> {
        let len = self.usize()?;
        let start = self.pos;
        self.take(len)?;
        if backing.len() != self.all.len() {
            return Err("a text lies outside the file".to_string());
        }
        Text::saved(backing.slice(start..start + len))
            .ok_or_else(|| "a text is not UTF-8".to_string())
    }

    fn u32(&mut self) -> Read<u32> {
        let bytes: [u8; 4] = self.take(4)?.try_into().map_err(|_| short())?;
        Ok(u32::from_le_bytes(bytes))
    }

    pub fn u64(&mut self) -> Read<u64> {
        let bytes: [u8; 8] = self.take(8)?.try_into().map_err(|_| short())?;
        Ok(u64::from_le_bytes(bytes))
    }

    fn usize(&mut self) -> Read<usize> {
        usize::try_from(self.u64()?).map_err(|_| "a length does not fit in memory".to_string())
    }

    fn u8(&mut self) -> Read<u8> {
        Ok(self.take(1)?.first().copied().unwrap_or_default())
    }

    pub fn bytes(&mut self) -> Read<&'a [u8]> {
        let len = self.usize()?;
        self.take(len)
    }

    fn string(&mut self) -> Read<String> {
        String::from_utf8(self.bytes()?.to_vec()).map_err(|_| "a text is not UTF-8".to_string())
    }

    fn opt_string(&mut self) -> Read<Option<String>> {
        match self.u8()? {
            0 => Ok(None),
            1 => self.string().map(Some),
            other => Err(format!("bad option tag {other}")),
        }
    }

    /// A count of items still to read; each item takes at least one byte, so a count
    /// larger than what is left is corruption, not a reason to allocate.
    fn count(&mut self) -> Read<usize> {
        let count = self.usize()?;
        if count > self.left() {
            return Err(short());
        }
        Ok(count)
    }

    fn strings(&mut self) -> Read<Vec<String>> {
        let count = self.count()?;
        (0..count).map(|_| self.string()).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.left() == 0
    }

    /// How many bytes are left to read.
    pub fn left(&self) -> usize {
        self.all.len().saturating_sub(self.pos)
    }
}

/// How a page's Markdown is stored: in the file, or as the offset where it starts in its page file's text (the
/// Markdown is that text after the front matter), which a start reads anyway to check the docs are unchanged.
const MARKDOWN_INLINE: u8 = 0;
const MARKDOWN_IN_SOURCE: u8 = 1;

fn write_page(w: &mut Writer, loaded: &LoadedPage, source_text: Option<&str>) {
    let page = &loaded.page;
    w.str(&page.path);
    w.str(&page.title);
    w.str(&page.description);
    match source_text.filter(|text| text.ends_with(page.markdown.as_str())) {
        Some(text) => {
            w.buf.push(MARKDOWN_IN_SOURCE);
            w.usize(text.len() - page.markdown.len());
        }
        None => {
            w.buf.push(MARKDOWN_INLINE);
            w.str(&page.markdown);
        }
    }
    w.usize(page.toc.len());
    for h in &page.toc {
        w.str(&h.anchor);
        w.str(&h.title);
        w.buf.push(h.level);
        w.usize(h.start);
        w.usize(h.end);
    }
    w.str(&loaded.source);
    w.buf.push(u8::from(loaded.has_front_title));
    w.strs(&loaded.headings);
    w.usize(loaded.sections.len());
    for section in &loaded.sections {
        w.opt_str(section.anchor.as_deref());
        w.opt_str(section.heading.as_deref());
        w.str(&section.text);
    }
    w.strs(&loaded.links);
}

fn read_page(r: &mut Reader<'_>, backing: &OwnedBytes) -> Read<(LoadedPage, Option<usize>)> {
    let path = r.string()?;
    let title = r.string()?;
    let description = r.string()?;
    let (markdown, in_source) = match r.u8()? {
        MARKDOWN_INLINE => (r.string()?, None),
        MARKDOWN_IN_SOURCE => (String::new(), Some(r.usize()?)),
        other => return Err(format!("bad Markdown tag {other}")),
    };
    let toc_len = r.count()?;
    let mut toc = Vec::with_capacity(toc_len);
    for _ in 0..toc_len {
        toc.push(Heading {
            anchor: r.string()?,
            title: r.string()?,
            level: r.u8()?,
            start: r.usize()?,
            end: r.usize()?,
        });
    }
    let source = r.string()?;
    let has_front_title = r.u8()? != 0;
    let headings = r.strings()?;
    let section_count = r.count()?;
    let mut sections = Vec::with_capacity(section_count);
    for _ in 0..section_count {
        sections.push(Section {
            anchor: r.opt_string()?,
            heading: r.opt_string()?,
            text: r.text(backing)?,
        });
    }
    let links = r.strings()?;
    let loaded = LoadedPage {
        page: Page {
            path,
            title,
            description,
            markdown,
            toc,
        },
        source,
        has_front_title,
        headings,
        sections,
        links,
    };
    if in_source.is_none() {
        check_extents(&loaded.page)?;
    }
    Ok((loaded, in_source))
}

/// A section is served as a slice of the Markdown: an extent outside it, or one that splits a character, would
/// make that slice empty or wrong.
fn check_extents(page: &Page) -> Read<()> {
    extents_fit(&page.path, &page.markdown, &page.toc)
}

fn extents_fit(path: &str, markdown: &str, toc: &[Heading]) -> Read<()> {
    let valid = toc.iter().all(|h| {
        h.start <= h.end && markdown.is_char_boundary(h.start) && markdown.is_char_boundary(h.end)
    });
    if valid {
        Ok(())
    } else {
        Err(format!("page {path}: a section lies outside its text"))
    }
}

/// The Markdown of a page stored as an offset: its page file's text from that offset.
fn markdown_in<'t>(loaded: &LoadedPage, at: usize, text: Option<&'t str>) -> Read<&'t str> {
    text.and_then(|text| text.get(at..))
        .ok_or_else(|| format!("page {}: its Markdown is not in its file", loaded.page.path))
}

/// Checks, without copying anything, that every page stored as an offset into its page file finds its Markdown
/// there (`text_of` gives a file's text by its path) and that its sections fit it. Only for files whose key
/// matched the saved index's; [`take_markdown`] then cannot fail on the same texts.
pub(crate) fn check_markdown<'t>(
    pages: &[LoadedPage],
    in_source: &[Option<usize>],
    text_of: impl Fn(&str) -> Option<&'t str>,
) -> Read<()> {
    let mut sources = std::collections::HashSet::with_capacity(pages.len());
    for (loaded, at) in pages.iter().zip(in_source) {
        let Some(at) = *at else { continue };
        if !sources.insert(loaded.source.as_str()) {
            return Err(format!("page file {} is named twice", loaded.source));
        }
        let markdown = markdown_in(loaded, at, text_of(&loaded.source))?;
        extents_fit(&loaded.page.path, markdown, &loaded.page.toc)?;
    }
    Ok(())
}

/// Puts back the Markdown of the pages stored as an offset into their page file, by taking each file's text
/// (`take_text`, by path) and cutting its front matter off in place: the text read from disk becomes the page's
/// Markdown without a copy. Call only after [`check_markdown`] passed on the same texts, which proves every
/// text is there (each page file named once) and fits its page.
pub(crate) fn take_markdown(
    pages: &mut [LoadedPage],
    in_source: &[Option<usize>],
    mut take_text: impl FnMut(&str) -> Option<String>,
) {
    for (loaded, at) in pages.iter_mut().zip(in_source) {
        let Some(at) = *at else { continue };
        let mut text = take_text(&loaded.source).unwrap_or_default();
        if text.is_char_boundary(at) {
            text.drain(..at);
        } else {
            text.clear();
        }
        loaded.page.markdown = text;
    }
}

/// Encodes a body; `text_of` gives a page file's text by its path (a page whose file it does not give keeps its
/// Markdown in the body).
pub(crate) fn encode<'t>(
    pages: &[LoadedPage],
    skipped: &[(String, String)],
    folder: &str,
    files: &[SavedFile],
    text_of: impl Fn(&str) -> Option<&'t str>,
) -> Vec<u8> {
    let mut w = Writer::default();
    w.usize(pages.len());
    for page in pages {
        write_page(&mut w, page, text_of(&page.source));
    }
    w.usize(skipped.len());
    for (file, reason) in skipped {
        w.str(file);
        w.str(reason);
    }
    w.str(folder);
    w.usize(files.len());
    for file in files {
        w.str(&file.name);
        w.u64(file.len);
        w.buf.extend_from_slice(&file.crc.to_le_bytes());
    }
    w.buf
}

/// Decodes a body written by [`encode`]; `Err` says what is wrong with it. The sections' texts stay in `data`.
pub(crate) fn decode(data: &OwnedBytes) -> Read<Body> {
    let mut r = Reader::new(data.as_slice());
    let page_count = r.count()?;
    let mut pages = Vec::with_capacity(page_count);
    let mut in_source = Vec::with_capacity(page_count);
    for _ in 0..page_count {
        let (page, at) = read_page(&mut r, data)?;
        pages.push(page);
        in_source.push(at);
    }
    let skipped_count = r.count()?;
    let mut skipped = Vec::with_capacity(skipped_count);
    for _ in 0..skipped_count {
        skipped.push((r.string()?, r.string()?));
    }
    let folder = r.string()?;
    let file_count = r.count()?;
    let mut files = Vec::with_capacity(file_count);
    for _ in 0..file_count {
        files.push(SavedFile {
            name: r.string()?,
            len: r.u64()?,
            crc: r.u32()?,
        });
    }
    if !r.is_empty() {
        return Err("unexpected bytes after the index".to_string());
    }
    Ok(Body {
        pages,
        in_source,
        skipped,
        folder,
        files,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    const TEXT: &str = "---\ntitle: T\n---\n# Head\n\nBody é text.\n\n## Part\n\nMore.\n";

    #[test]
    fn markdown_is_stored_as_a_place_in_its_file_and_put_back_from_it() {
        let page = crate::markdown::load("a.md", "a", TEXT).unwrap();
        let with_source = encode(std::slice::from_ref(&page), &[], "", &[], |_| Some(TEXT));
        let inline = encode(std::slice::from_ref(&page), &[], "", &[], |_| None);
        assert!(with_source.len() + page.page.markdown.len() <= inline.len() + 8);

        let mut body = decode(&OwnedBytes::new(with_source.clone())).unwrap();
        assert!(body.pages[0].page.markdown.is_empty());
        check_markdown(&body.pages, &body.in_source, |_| Some(TEXT)).unwrap();
        take_markdown(&mut body.pages, &body.in_source, |_| Some(TEXT.to_string()));
        assert_eq!(
            format!("{:?}", body.pages[0].page),
            format!("{:?}", page.page)
        );

        // A text the offset does not fit (or whose sections do not fit) is refused, not served.
        let body = decode(&OwnedBytes::new(with_source.clone())).unwrap();
        assert!(check_markdown(&body.pages, &body.in_source, |_| Some("short")).is_err());
        assert!(check_markdown(&body.pages, &body.in_source, |_| None).is_err());

        let body = decode(&OwnedBytes::new(inline.clone())).unwrap();
        assert_eq!(body.in_source, vec![None]);
        assert_eq!(body.pages[0].page.markdown, page.page.markdown);
    }
}
