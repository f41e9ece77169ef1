//! Datasets: `.csv` and `.tsv` with a header row, one article per row,
//! columns matched by name (the "All the News" layout, Hugging Face
//! exports, anything `[library] columns` maps). Read row by row from any
//! reader, never whole: a file of millions of rows streams through, and
//! one row is read again from its byte offset when its article is opened.

use std::borrow::Cow;
use std::io::{Read, Seek, SeekFrom};

use csv::{ByteRecord, ReaderBuilder};

use super::ParseError;
use super::json::no_text_message;
use super::record::{self, Mapping, Role, Value};
use crate::library::article::{FileType, ParsedArticle};

/// Column names the user mapped in the config (`[library] columns`), by
/// the part of an article they hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    pub overrides: Vec<(Role, String)>,
}

/// One row as read: its cells decoded, where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    pub line: usize,
    pub offset: u64,
    pub cells: Vec<String>,
}

/// A dataset being read: its columns worked out, rows to come. Rows are
/// read in order (cheap) and made articles by [`Dataset::article`],
/// which may run on other threads.
pub struct Dataset<R: Read> {
    reader: csv::Reader<R>,
    mapping: Mapping,
    row: ByteRecord,
    /// A row could not be read: nothing after it can.
    done: bool,
}

/// How many bytes of the first line are looked at to tell the delimiter.
const SNIFF_BYTES: usize = 64 * 1024;

/// The delimiter a header line uses: for `.csv` a comma unless the line
/// has more semicolons or tabs (spreadsheets in many locales); a tab for `.tsv`.
pub fn delimiter(file_type: FileType, head: &[u8]) -> u8 {
    if file_type == FileType::Tsv {
        return b'\t';
    }
    let line = head.split(|&b| b == b'\n').next().unwrap_or(head);
    let count = |d: u8| line.iter().filter(|&&b| b == d).count();
    [b',', b';', b'\t'].into_iter().max_by_key(|&d| (count(d), d == b',')).unwrap_or(b',')
}

impl<R: Read> Dataset<R> {
    /// Reads the header row. `head` is the start of the file (for the
    /// delimiter); `input` reads the file from its start.
    pub fn open(input: R, head: &[u8], file_type: FileType, columns: &Columns) -> Result<Self, ParseError> {
        let mut reader = ReaderBuilder::new()
            .delimiter(delimiter(file_type, &head[..head.len().min(SNIFF_BYTES)]))
            .flexible(true)
            .has_headers(true)
            .from_reader(input);
        let headers = reader.byte_headers().map_err(|e| csv_error(&e))?;
        let names: Vec<String> = headers.iter().map(|h| decode(h).trim().to_owned()).collect();
        if names.iter().all(String::is_empty) {
            return Err(ParseError::new(Some(1), "no header row: a dataset's first line names its columns"));
        }
        let mapping = Mapping::new(&names, &columns.overrides);
        if !mapping.has(Role::Body) {
            let mut message = no_text_message(&names).replacen("no text field", "no text column", 1);
            if mapping.has(Role::Title) {
                message.push_str("; map one with `[library] columns`");
            }
            return Err(ParseError::new(Some(1), message));
        }
        Ok(Self { reader, mapping, row: ByteRecord::new(), done: false })
    }
}

impl<R: Read> Dataset<R> {
    /// The article a row holds (or why it holds none).
    pub fn article(&self, row: &RawRow) -> Result<ParsedArticle, ParseError> {
        row_article(&self.mapping, row)
    }

    /// Which columns hold what.
    pub fn mapping(&self) -> &Mapping {
        &self.mapping
    }
}

impl<R: Read> Iterator for Dataset<R> {
    type Item = Result<RawRow, ParseError>;

    /// The next row (or why it cannot be read); `None` at the end.
    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.reader.read_byte_record(&mut self.row) {
            Ok(false) => None,
            Ok(true) => {
                let position = self.row.position().cloned().unwrap_or_else(csv::Position::new);
                let cells = self.row.iter().map(|c| decode(c).into_owned()).collect();
                Some(Ok(RawRow { line: position.line() as usize, offset: position.byte(), cells }))
            }
            Err(error) => {
                // A broken row ends the file: where the next one starts is unknown.
                self.done = true;
                let line = error.position().map(|p| p.line() as usize);
                Some(Err(ParseError::new(line, format!("the dataset cannot be read past here: {error}"))))
            }
        }
    }
}

/// A cell's text: UTF-8, or Windows-1252 for the odd legacy export.
/// The article a row holds under `mapping` (or why it holds none).
pub fn row_article(mapping: &Mapping, row: &RawRow) -> Result<ParsedArticle, ParseError> {
    record::article(mapping, |i| row.cells.get(i).map(|c| Value::Text(c)), row.line, row.offset)
}

fn decode(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0,
    }
}

fn csv_error(error: &csv::Error) -> ParseError {
    let line = error.position().map(|p| p.line() as usize);
    ParseError::new(line, error.to_string())
}

/// Every row of a dataset held in memory (the sample library, tests).
pub fn parse_all(
    text: &str,
    file_type: FileType,
    columns: &Columns,
) -> Vec<Result<ParsedArticle, ParseError>> {
    match Dataset::open(text.as_bytes(), text.as_bytes(), file_type, columns) {
        Ok(mut dataset) => {
            let rows: Vec<_> = dataset.by_ref().collect();
            rows.into_iter().map(|row| row.and_then(|row| dataset.article(&row))).collect()
        }
        Err(error) => vec![Err(error)],
    }
}

/// Reads the one row starting at byte `offset` of a dataset file.
pub fn read_row<F: Read + Seek>(
    mut file: F,
    offset: u64,
    line: usize,
    file_type: FileType,
    columns: &Columns,
) -> Result<ParsedArticle, ParseError> {
    let mut head = vec![0; SNIFF_BYTES];
    let read = read_up_to(&mut file, &mut head).map_err(|e| ParseError::new(None, e.to_string()))?;
    head.truncate(read);
    file.seek(SeekFrom::Start(0)).map_err(|e| ParseError::new(None, e.to_string()))?;
    let mut dataset = Dataset::open(file, &head, file_type, columns)?;
    let mut position = csv::Position::new();
    position.set_byte(offset).set_line(line as u64);
    dataset.reader.seek(position).map_err(|e| csv_error(&e))?;
    match dataset.next() {
        Some(row) => {
            let mut row = row?;
            // The reader counts lines from where it was put.
            row.line = line;
            dataset.article(&row)
        }
        None => Err(ParseError::new(Some(line), "the dataset no longer has this row")),
    }
}

fn read_up_to(input: &mut impl Read, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match input.read(&mut buffer[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_THE_NEWS: &str = ",id,title,publication,author,date,year,month,url,content\n\
        0,17283,Harbour reopens,Ledger,Ann Lee,2016-12-31,2016.0,12.0,https://l.example/a,\"First line.\n\nHe said \"\"yes\"\".\"\n\
        1,17284,No author here,Ledger,,2017-01-02,2017.0,1.0,,Short text.\n";

    #[test]
    fn all_the_news_layout() {
        let rows = parse_all(ALL_THE_NEWS, FileType::Csv, &Columns::default());
        assert_eq!(rows.len(), 2);
        let a = rows[0].as_ref().unwrap();
        assert_eq!(a.title, "Harbour reopens");
        assert_eq!(a.bylines[0].name, "Ann Lee");
        assert_eq!(a.source.as_deref(), Some("Ledger"));
        assert_eq!(a.date.unwrap().to_string(), "2016-12-31");
        assert_eq!(
            a.body.iter().map(|b| b.text.as_str()).collect::<Vec<_>>(),
            ["First line.", "He said \"yes\"."]
        );
        let b = rows[1].as_ref().unwrap();
        assert!(b.bylines.is_empty() && b.url.is_none());
        assert_eq!(b.line, 5);
        assert!(ALL_THE_NEWS[b.offset as usize..].starts_with("1,17284"));
    }

    #[test]
    fn rows_read_back_from_their_offset() {
        let rows = parse_all(ALL_THE_NEWS, FileType::Csv, &Columns::default());
        for row in rows {
            let row = row.unwrap();
            let again = read_row(
                std::io::Cursor::new(ALL_THE_NEWS),
                row.offset,
                row.line,
                FileType::Csv,
                &Columns::default(),
            )
            .unwrap();
            assert_eq!(again, row);
        }
    }

    #[test]
    fn tsv_semicolons_and_mapped_columns() {
        let tsv = "headline\tstory\tbyline\nA\tText a.\tBo Li\n";
        let columns =
            Columns { overrides: vec![(Role::Body, "story".into()), (Role::Title, "headline".into())] };
        let rows = parse_all(tsv, FileType::Tsv, &columns);
        assert_eq!(rows[0].as_ref().unwrap().body[0].text, "Text a.");
        let semi = "title;text;date\nT;Body;05.03.2024\n";
        let a = parse_all(semi, FileType::Csv, &Columns::default()).remove(0).unwrap();
        assert_eq!(a.date.unwrap().to_string(), "2024-03-05");
    }

    #[test]
    fn no_text_column_is_one_clear_error() {
        let rows = parse_all("name,value\nx,1\n", FileType::Csv, &Columns::default());
        assert_eq!(rows.len(), 1);
        let message = &rows[0].as_ref().unwrap_err().message;
        assert!(message.starts_with("no text column") && message.contains("name, value"), "{message}");
    }

    #[test]
    fn latin1_cells_and_a_bom() {
        let mut bytes = b"\xef\xbb\xbftitle,text\nCaf\xe9,Cr\xe8me\n".to_vec();
        bytes.extend_from_slice(b"");
        let mut dataset = Dataset::open(&bytes[..], &bytes, FileType::Csv, &Columns::default()).unwrap();
        let row = dataset.next().unwrap().unwrap();
        assert_eq!(dataset.article(&row).unwrap().title, "Café");
    }
}
