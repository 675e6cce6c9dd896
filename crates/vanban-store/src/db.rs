//! The seam between the operations and the two databases: the one [`Store`] type, which opens an
//! SQLite file or a PostgreSQL server, and [`Tx`], what every operation in `ops/` runs its SQL
//! through. SQL is written once with `$1, $2…` placeholders; values go in as [`Param`]s and
//! come out as [`Cell`]s read by [`FromRow`], so integer widths and the spelling of dates,
//! times and states are decided here and nowhere else. What really differs between the two
//! databases lives in `sqlite.rs` and `postgres.rs` behind the few functions named below.

use std::borrow::Cow;
use std::cell::RefCell;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use vanban_core::model::{AuthorityKind, Frequency};

use crate::Result;
use crate::error::StoreError;
use crate::postgres::{Pg, ServerSettings};
use crate::sqlite::Lite;
use crate::types::*;

/// Where the database is.
#[derive(Debug, Clone)]
pub enum Location {
    /// An SQLite file.
    File(PathBuf),
    /// A database on a PostgreSQL server.
    Server(Box<ServerSettings>),
}

impl Location {
    /// The location as shown to people: the path, or the server address without password.
    pub fn shown(&self) -> String {
        match self {
            Location::File(path) => path.display().to_string(),
            Location::Server(settings) => settings.shown().to_owned(),
        }
    }
}

/// The documents of an organisation, in an SQLite file or on a PostgreSQL server: every
/// operation of the workflow on persistent data (its methods, by aggregate in `ops/`).
pub struct Store {
    // Reads take `&self`; both connections need `&mut` (a statement cache, a client).
    conn: RefCell<Conn>,
}

pub(crate) enum Conn {
    Lite(Lite),
    Pg(Box<Pg>),
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("location", &self.shown())
            .finish()
    }
}

impl Store {
    /// Opens an existing database, bringing its schema up to date. Refuses — without writing
    /// anything — a missing database, one that is not VănBản's, and one from a newer VănBản.
    pub fn open(location: &Location) -> Result<Store> {
        Ok(Store::from(match location {
            Location::File(path) => Conn::Lite(Lite::open(path)?),
            Location::Server(settings) => Conn::Pg(Box::new(Pg::open(settings)?)),
        }))
    }

    /// Creates a new database. Refuses where one is already there: nothing is overwritten.
    pub fn create(location: &Location) -> Result<Store> {
        Ok(Store::from(match location {
            Location::File(path) => Conn::Lite(Lite::create(path)?),
            Location::Server(settings) => Conn::Pg(Box::new(Pg::create(settings)?)),
        }))
    }

    /// Opens an SQLite file ([`Store::open`]).
    pub fn open_file(path: &Path) -> Result<Store> {
        Store::open(&Location::File(path.to_owned()))
    }

    /// Creates an SQLite file ([`Store::create`]).
    pub fn create_file(path: &Path) -> Result<Store> {
        Store::create(&Location::File(path.to_owned()))
    }

    /// Connects to a database on a server ([`Store::open`]).
    pub fn open_server(settings: &ServerSettings) -> Result<Store> {
        Ok(Store::from(Conn::Pg(Box::new(Pg::open(settings)?))))
    }

    /// Creates VănBản's tables in an empty database on a server ([`Store::create`]).
    pub fn create_server(settings: &ServerSettings) -> Result<Store> {
        Ok(Store::from(Conn::Pg(Box::new(Pg::create(settings)?))))
    }

    /// An SQLite database in memory, for tests and trials.
    pub fn in_memory() -> Result<Store> {
        Ok(Store::from(Conn::Lite(Lite::in_memory()?)))
    }

    fn from(conn: Conn) -> Store {
        Store {
            conn: RefCell::new(conn),
        }
    }

    /// Where the database is, as shown to people (the path, or the server without password).
    pub fn shown(&self) -> String {
        match &*self.conn.borrow() {
            Conn::Lite(l) => l.path().display().to_string(),
            Conn::Pg(p) => p.server().to_owned(),
        }
    }

    /// The SQLite file, when the store is one.
    pub fn path(&self) -> Option<PathBuf> {
        match &*self.conn.borrow() {
            Conn::Lite(l) => Some(l.path().to_owned()),
            Conn::Pg(_) => None,
        }
    }

    /// SQLite's own check of the file: `["ok"]` when sound. A server checks its own pages; it
    /// answers `["ok"]` when it answers at all.
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        self.read(|tx| match tx {
            Tx::Lite(_) => tx.all("PRAGMA integrity_check", &[]),
            Tx::Pg(_) => tx.all("SELECT 'ok'::TEXT", &[]),
        })
    }

    /// Runs SQL as it is, for tests that check what the database itself refuses.
    #[cfg(feature = "test-support")]
    pub fn execute_raw(&mut self, sql: &str) -> Result<()> {
        self.read(|tx| match tx {
            Tx::Lite(l) => l.batch(sql),
            Tx::Pg(p) => p.batch(sql),
        })
    }

    /// The server's id of this connection (`pg_backend_pid()`), for the tests that cut it.
    #[cfg(feature = "test-support")]
    pub fn backend_pid(&self) -> Result<i32> {
        self.read(|tx| tx.one("SELECT pg_backend_pid()", &[]))
    }

    /// Runs `f` on the connection as it is: each statement sees the last commit.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        match &mut *self.conn.borrow_mut() {
            Conn::Lite(l) => l.read(f),
            Conn::Pg(p) => p.read(f),
        }
    }

    /// Every row of one query on the connection as it is.
    pub(crate) fn all<T: FromRow>(&self, sql: &str, params: &[&dyn Param]) -> Result<Vec<T>> {
        self.read(|tx| tx.all(sql, params))
    }

    /// The first row of one query on the connection as it is, if any.
    pub(crate) fn opt<T: FromRow>(&self, sql: &str, params: &[&dyn Param]) -> Result<Option<T>> {
        self.read(|tx| tx.opt(sql, params))
    }

    /// Runs `f` in one read-only snapshot: every statement sees the same commit.
    pub(crate) fn snapshot<T>(&self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        match &mut *self.conn.borrow_mut() {
            Conn::Lite(l) => l.snapshot(f),
            Conn::Pg(p) => p.snapshot(f),
        }
    }

    /// Runs `f` in a write transaction, committed when `f` succeeds and rolled back when it
    /// fails. SQLite takes the database's write lock at the start (`BEGIN IMMEDIATE`); on the
    /// server each operation locks the rows it decides on ([`Tx::lock`]).
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        match self.conn.get_mut() {
            Conn::Lite(l) => l.write(f),
            Conn::Pg(p) => p.write(f),
        }
    }
}

// Values in ----------------------------------------------------------------------------------

/// A value bound to a placeholder (borrowed), or read from a row (a [`Cell`], owned).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value<'a> {
    Null,
    Int(i64),
    Bool(bool),
    Text(Cow<'a, str>),
    Bytes(Cow<'a, [u8]>),
}

/// What can be bound to a placeholder.
pub(crate) trait Param {
    fn value(&self) -> Value<'_>;
}

impl<T: Param + ?Sized> Param for &T {
    fn value(&self) -> Value<'_> {
        (**self).value()
    }
}

impl<T: Param> Param for Option<T> {
    fn value(&self) -> Value<'_> {
        self.as_ref().map_or(Value::Null, Param::value)
    }
}

macro_rules! int_param {
    ($($t:ty),*) => {$(
        impl Param for $t {
            fn value(&self) -> Value<'_> {
                Value::Int(i64::from(*self))
            }
        }
    )*};
}
int_param!(i64, i32, u32, u16, u8);

impl Param for bool {
    fn value(&self) -> Value<'_> {
        Value::Bool(*self)
    }
}

macro_rules! text_param {
    ($($t:ty: $s:ident => $text:expr),* $(,)?) => {$(
        impl Param for $t {
            fn value(&self) -> Value<'_> {
                let $s = self;
                Value::Text($text)
            }
        }
    )*};
}
text_param!(
    str: s => Cow::Borrowed(s),
    String: s => Cow::Borrowed(s),
    NaiveDate: d => Cow::Owned(d.to_string()),
    // Times are kept as RFC 3339 text with their offset (the audit hashes cover that text).
    DateTime<FixedOffset>: t => Cow::Owned(t.to_rfc3339()),
    State: s => Cow::Borrowed(s.as_str()),
);

impl Param for [u8] {
    fn value(&self) -> Value<'_> {
        Value::Bytes(Cow::Borrowed(self))
    }
}

impl Param for Vec<u8> {
    fn value(&self) -> Value<'_> {
        Value::Bytes(Cow::Borrowed(self))
    }
}

/// A list kept as JSON text (titles, roles, members, type slugs).
pub(crate) struct Json<T>(pub T);

impl<T: serde::Serialize> Param for Json<T> {
    fn value(&self) -> Value<'_> {
        Value::Text(Cow::Owned(
            serde_json::to_string(&self.0).unwrap_or_default(),
        ))
    }
}

/// The name of a unit-like enum as serde spells it: how the database keeps a signing authority
/// ("KT", "TL"…) and a signature's stage ("signer", "agency").
pub(crate) fn serde_name(value: &impl serde::Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

/// [`Param`] and [`FromCell`] for enums kept by their [`serde_name`].
macro_rules! serde_named {
    ($($t:ty: $what:literal),* $(,)?) => {$(
        impl Param for $t {
            fn value(&self) -> Value<'_> {
                Value::Text(Cow::Owned(serde_name(self)))
            }
        }

        impl FromCell for $t {
            fn from_cell(cell: Cell) -> Result<Self> {
                parsed(cell, $what, |s| serde_json::from_value(s.into()).ok())
            }
        }
    )*};
}
serde_named!(
    SignatureStage: "giai đoạn ký",
    AuthorityKind: "thẩm quyền ký",
    Frequency: "tần suất",
    Capacity: "tư cách báo cáo",
    SmtpTls: "cách bảo vệ kết nối thư",
    Attach: "tệp gửi kèm thư",
);

// Values out ---------------------------------------------------------------------------------

/// A value read from a row.
pub(crate) type Cell = Value<'static>;

/// The rows of a query, as read.
pub(crate) type Rows = Vec<Vec<Cell>>;

/// A cell written back as it was read (a copy between databases).
impl Param for Cell {
    fn value(&self) -> Value<'_> {
        match self {
            Value::Text(s) => Value::Text(Cow::Borrowed(s)),
            Value::Bytes(b) => Value::Bytes(Cow::Borrowed(b)),
            other => other.clone(),
        }
    }
}

/// The words of a search as one query of a database: `word` spells each, `prefix` the last one
/// (the word being typed), `and` joins them.
pub(crate) fn every_word(
    words: &[String],
    word: impl Fn(&str) -> String,
    prefix: impl Fn(&str) -> String,
    and: &str,
) -> String {
    let mut parts: Vec<String> = words.iter().map(|w| word(w)).collect();
    if let (Some(last), Some(w)) = (parts.last_mut(), words.last()) {
        *last = prefix(w);
    }
    parts.join(and)
}

/// The first cell of each row, where it is a number (ids).
pub(crate) fn ids(rows: Rows) -> Vec<i64> {
    (rows.into_iter())
        .filter_map(|row| match row.first() {
            Some(Value::Int(id)) => Some(*id),
            _ => None,
        })
        .collect()
}

/// What a cell can be read as.
pub(crate) trait FromCell: Sized {
    fn from_cell(cell: Cell) -> Result<Self>;
}

fn corrupt(what: &str, cell: &Cell) -> StoreError {
    StoreError::Corrupt(match cell {
        Value::Text(s) => format!("{what} “{s}”"),
        Value::Int(i) => format!("{what} “{i}”"),
        other => format!("{what} {other:?}"),
    })
}

impl FromCell for i64 {
    fn from_cell(cell: Cell) -> Result<Self> {
        match cell {
            Value::Int(i) => Ok(i),
            other => Err(corrupt("số", &other)),
        }
    }
}

macro_rules! narrow_cell {
    ($($t:ty),*) => {$(
        impl FromCell for $t {
            fn from_cell(cell: Cell) -> Result<Self> {
                let wide = i64::from_cell(cell)?;
                <$t>::try_from(wide).map_err(|_| StoreError::Corrupt(format!("số “{wide}”")))
            }
        }
    )*};
}
narrow_cell!(i32, u32, u16, u8);

impl FromCell for bool {
    fn from_cell(cell: Cell) -> Result<Self> {
        match cell {
            Value::Bool(b) => Ok(b),
            Value::Int(i) => Ok(i != 0),
            other => Err(corrupt("giá trị đúng/sai", &other)),
        }
    }
}

impl FromCell for String {
    fn from_cell(cell: Cell) -> Result<Self> {
        match cell {
            Value::Text(s) => Ok(s.into_owned()),
            other => Err(corrupt("văn bản", &other)),
        }
    }
}

impl FromCell for Vec<u8> {
    fn from_cell(cell: Cell) -> Result<Self> {
        match cell {
            Value::Bytes(b) => Ok(b.into_owned()),
            other => Err(corrupt("dữ liệu nhị phân", &other)),
        }
    }
}

impl<T: FromCell> FromCell for Option<T> {
    fn from_cell(cell: Cell) -> Result<Self> {
        match cell {
            Value::Null => Ok(None),
            other => T::from_cell(other).map(Some),
        }
    }
}

/// Reads text with a parser; unreadable text is a damaged database.
fn parsed<T>(cell: Cell, what: &str, parse: impl FnOnce(&str) -> Option<T>) -> Result<T> {
    let text = String::from_cell(cell)?;
    parse(&text).ok_or_else(|| StoreError::Corrupt(format!("{what} “{text}”")))
}

macro_rules! parsed_cell {
    ($($t:ty: $what:literal => $parse:expr),* $(,)?) => {$(
        impl FromCell for $t {
            fn from_cell(cell: Cell) -> Result<Self> {
                parsed(cell, $what, $parse)
            }
        }
    )*};
}
parsed_cell!(
    DateTime<FixedOffset>: "thời điểm" => |s| DateTime::parse_from_rfc3339(s).ok(),
    NaiveDate: "ngày" => |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
    State: "trạng thái" => State::parse,
);

impl<T: serde::de::DeserializeOwned> FromCell for Json<T> {
    fn from_cell(cell: Cell) -> Result<Self> {
        parsed(cell, "danh sách", |s| serde_json::from_str(s).ok()).map(Json)
    }
}

/// Lists of names are kept as JSON text (titles, members, type slugs).
impl FromCell for Vec<String> {
    fn from_cell(cell: Cell) -> Result<Self> {
        Ok(Json::from_cell(cell)?.0)
    }
}

/// A person's roles, kept as a JSON list of their names.
impl FromCell for Vec<Role> {
    fn from_cell(cell: Cell) -> Result<Self> {
        Ok(Json::from_cell(cell)?.0)
    }
}

/// The cells of one row, read from the first.
pub(crate) struct Cells(std::vec::IntoIter<Cell>);

impl Cells {
    /// The next cells, as a `T` (one cell, or several for a `T` made of several).
    pub(crate) fn get<T: FromRow>(&mut self) -> Result<T> {
        T::from_row(self)
    }
}

/// What a row, or the next cells of a row, can be read as.
pub(crate) trait FromRow: Sized {
    fn from_row(row: &mut Cells) -> Result<Self>;
}

impl<T: FromCell> FromRow for T {
    fn from_row(row: &mut Cells) -> Result<Self> {
        T::from_cell(
            row.0.next().ok_or_else(|| {
                StoreError::Database("câu truy vấn trả về ít cột hơn cần đọc".into())
            })?,
        )
    }
}

/// [`FromRow`] for a struct whose fields are read from the row's cells in order (a field may
/// itself be a struct read from several cells); `; ..f` fills the others with `f()`.
macro_rules! from_row {
    ($t:ident: $($field:ident),* $(,)? $(; ..$rest:path)?) => {
        impl $crate::db::FromRow for $t {
            fn from_row(r: &mut $crate::db::Cells) -> $crate::Result<Self> {
                Ok($t { $($field: r.get()?,)* $(..$rest())? })
            }
        }
    };
}
pub(crate) use from_row;

macro_rules! tuple_row {
    ($($t:ident),*) => {
        impl<$($t: FromCell),*> FromRow for ($($t,)*) {
            fn from_row(row: &mut Cells) -> Result<Self> {
                Ok(($(row.get::<$t>()?,)*))
            }
        }
    };
}
tuple_row!(A, B);
tuple_row!(A, B, C);
tuple_row!(A, B, C, D);

// Statements ---------------------------------------------------------------------------------

/// A connection or a transaction of either database: what an operation runs its SQL on.
pub(crate) enum Tx<'a> {
    Lite(crate::sqlite::LiteTx<'a>),
    Pg(crate::postgres::PgTx<'a>),
}

impl Tx<'_> {
    /// Runs a statement; the number of rows it changed.
    pub(crate) fn exec(&mut self, sql: &str, params: &[&dyn Param]) -> Result<u64> {
        match self {
            Tx::Lite(l) => l.exec(sql, params),
            Tx::Pg(p) => p.exec(sql, params),
        }
    }

    /// Every row of a query, as its cells.
    pub(crate) fn rows(&mut self, sql: &str) -> Result<Rows> {
        match self {
            Tx::Lite(l) => l.query(sql, &[]),
            Tx::Pg(p) => p.query(sql, &[]),
        }
    }

    /// Every row of a query.
    pub(crate) fn all<T: FromRow>(&mut self, sql: &str, params: &[&dyn Param]) -> Result<Vec<T>> {
        let rows = match self {
            Tx::Lite(l) => l.query(sql, params)?,
            Tx::Pg(p) => p.query(sql, params)?,
        };
        rows.into_iter()
            .map(|cells| T::from_row(&mut Cells(cells.into_iter())))
            .collect()
    }

    /// The first row of a query, if any.
    pub(crate) fn opt<T: FromRow>(
        &mut self,
        sql: &str,
        params: &[&dyn Param],
    ) -> Result<Option<T>> {
        Ok(self.all(sql, params)?.into_iter().next())
    }

    /// Whether a query finds a row.
    pub(crate) fn exists(&mut self, sql: &str, params: &[&dyn Param]) -> Result<bool> {
        Ok(self.opt::<i64>(sql, params)?.is_some())
    }

    /// The first row of a query, which must have one.
    pub(crate) fn one<T: FromRow>(&mut self, sql: &str, params: &[&dyn Param]) -> Result<T> {
        self.opt(sql, params)?
            .ok_or_else(|| StoreError::Database(format!("không có dòng nào: {sql}")))
    }

    /// What locks the rows a `SELECT` reads until the transaction ends: `FOR UPDATE OF
    /// {table}` on the server; nothing in SQLite, whose write transaction holds the whole
    /// database from its start.
    pub(crate) fn lock(&self, table: &str) -> String {
        match self {
            Tx::Lite(_) => String::new(),
            Tx::Pg(_) => format!(" FOR UPDATE OF {table}"),
        }
    }

    /// Replaces what search finds of a document (its subject and text, folded by the backend).
    pub(crate) fn index(&mut self, document: DocumentId, subject: &str, text: &str) -> Result<()> {
        match self {
            Tx::Lite(l) => l.index(document, subject, text),
            Tx::Pg(p) => p.index(document, subject, text),
        }
    }

    /// Documents whose subject (with `subject`; the best first) or subject or text (the
    /// newest first) hold every word of `text`, the last one as a prefix: see `ops/search.rs`.
    pub(crate) fn hits(
        &mut self,
        text: &str,
        subject: bool,
        limit: u32,
    ) -> Result<Vec<DocumentId>> {
        let words = vanban_core::fold::query_words(text);
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let rows = match self {
            Tx::Lite(l) => l.hits(&words, subject, limit)?,
            Tx::Pg(p) => p.hits(&words, subject, limit)?,
        };
        Ok(ids(rows))
    }
}
