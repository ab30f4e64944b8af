//! The byte format of a persisted index: the loaded pages and the tantivy files in one
//! length-prefixed body. Hand-written rather than serde, so the crate stays small and
//! every read is bounds-checked: a truncated or flipped file is an `Err`, never a panic.

use crate::Page;
use crate::markdown::{LoadedPage, Section};
use crate::outline::Heading;

/// Everything a persisted index holds besides its header; tantivy's files borrow the
/// read buffer, since they are copied into the index's own directory anyway.
pub(crate) struct Body<'a> {
    pub pages: Vec<LoadedPage>,
    /// Files skipped while loading (duplicates, unparseable pages), with the reason.
    pub skipped: Vec<(String, String)>,
    /// tantivy's files as `(name, bytes)`.
    pub files: Vec<(String, &'a [u8])>,
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
    data: &'a [u8],
}

type Read<T> = Result<T, String>;

fn short() -> String {
    "the file ends early".to_string()
}

impl<'a> Reader<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Self { data }
    }

    pub fn take(&mut self, len: usize) -> Read<&'a [u8]> {
        if len > self.data.len() {
            return Err(short());
        }
        let (head, rest) = self.data.split_at(len);
        self.data = rest;
        Ok(head)
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
        if count > self.data.len() {
            return Err(short());
        }
        Ok(count)
    }

    fn strings(&mut self) -> Read<Vec<String>> {
        let count = self.count()?;
        (0..count).map(|_| self.string()).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
}

fn write_page(w: &mut Writer, loaded: &LoadedPage) {
    let page = &loaded.page;
    w.str(&page.path);
    w.str(&page.title);
    w.str(&page.description);
    w.str(&page.markdown);
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

fn read_page(r: &mut Reader<'_>) -> Read<LoadedPage> {
    let path = r.string()?;
    let title = r.string()?;
    let description = r.string()?;
    let markdown = r.string()?;
    let toc_len = r.count()?;
    let mut toc = Vec::with_capacity(toc_len);
    for _ in 0..toc_len {
        let heading = Heading {
            anchor: r.string()?,
            title: r.string()?,
            level: r.u8()?,
            start: r.usize()?,
            end: r.usize()?,
        };
        // A section is served as a slice of the Markdown: an extent outside it, or one
        // that splits a character, would make that slice empty or wrong.
        let valid = heading.start <= heading.end
            && markdown.is_char_boundary(heading.start)
            && markdown.is_char_boundary(heading.end);
        if !valid {
            return Err(format!("page {path}: a section lies outside its text"));
        }
        toc.push(heading);
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
            text: r.string()?,
        });
    }
    let links = r.strings()?;
    Ok(LoadedPage {
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
    })
}

/// Encodes a body.
pub(crate) fn encode(
    pages: &[LoadedPage],
    skipped: &[(String, String)],
    files: &[(String, Vec<u8>)],
) -> Vec<u8> {
    let mut w = Writer::default();
    w.usize(pages.len());
    for page in pages {
        write_page(&mut w, page);
    }
    w.usize(skipped.len());
    for (file, reason) in skipped {
        w.str(file);
        w.str(reason);
    }
    w.usize(files.len());
    for (name, bytes) in files {
        w.str(name);
        w.bytes(bytes);
    }
    w.buf
}

/// Decodes a body written by [`encode`]; `Err` says what is wrong with it.
pub(crate) fn decode(data: &[u8]) -> Read<Body<'_>> {
    let mut r = Reader::new(data);
    let page_count = r.count()?;
    let mut pages = Vec::with_capacity(page_count);
    for _ in 0..page_count {
        pages.push(read_page(&mut r)?);
    }
    let skipped_count = r.count()?;
    let mut skipped = Vec::with_capacity(skipped_count);
    for _ in 0..skipped_count {
        skipped.push((r.string()?, r.string()?));
    }
    let file_count = r.count()?;
    let mut files = Vec::with_capacity(file_count);
    for _ in 0..file_count {
        let name = r.string()?;
        files.push((name, r.bytes()?));
    }
    if !r.is_empty() {
        return Err("unexpected bytes after the index".to_string());
    }
    Ok(Body {
        pages,
        skipped,
        files,
    })
}
