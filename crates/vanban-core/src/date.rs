//! Calendar dates as the decree writes them, and their JSON form.

use std::borrow::Cow;
use std::fmt;

use chrono::NaiveDate;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::model::{CalendarDate, IssueDate};

impl CalendarDate {
    /// A date from its parts; not checked (see [`CalendarDate::to_naive`]).
    pub const fn new(year: i32, month: u8, day: u8) -> CalendarDate {
        CalendarDate { year, month, day }
    }

    /// The real day this names, or `None` when there is no such day (30/02, month 13…).
    pub fn to_naive(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, u32::from(self.month), u32::from(self.day))
    }

    /// True when the date names a real day.
    pub fn is_valid(self) -> bool {
        self.to_naive().is_some()
    }

    /// Parses `YYYY-MM-DD`; the day and month are not checked against the calendar.
    pub fn parse_iso(s: &str) -> Option<CalendarDate> {
        let mut parts = s.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        if !(y.bytes().chain(m.bytes()).chain(d.bytes())).all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(CalendarDate {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        })
    }
}

impl From<NaiveDate> for CalendarDate {
    fn from(d: NaiveDate) -> Self {
        use chrono::Datelike;
        // Month and day of a NaiveDate always fit in u8.
        CalendarDate {
            year: d.year(),
            month: d.month() as u8,
            day: d.day() as u8,
        }
    }
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for CalendarDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for CalendarDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl Visitor<'_> for DateVisitor {
            type Value = CalendarDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<CalendarDate, E> {
                CalendarDate::parse_iso(v).ok_or_else(|| {
                    E::custom(format_args!("invalid date `{v}`, expected YYYY-MM-DD"))
                })
            }
        }
        deserializer.deserialize_str(DateVisitor)
    }
}

impl JsonSchema for CalendarDate {
    fn schema_name() -> Cow<'static, str> {
        "CalendarDate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date written YYYY-MM-DD.",
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        })
    }
}

impl IssueDate {
    /// A complete issue date.
    pub fn full(date: CalendarDate) -> IssueDate {
        IssueDate {
            year: date.year,
            month: Some(date.month),
            day: Some(date.day),
        }
    }

    /// The complete date, when day and month are both known.
    pub fn complete(self) -> Option<CalendarDate> {
        Some(CalendarDate {
            year: self.year,
            month: self.month?,
            day: self.day?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_dates_parse_but_are_not_valid() {
        let d: CalendarDate = serde_json::from_str("\"2025-02-30\"").expect("shape is right");
        assert!(!d.is_valid());
        assert!(CalendarDate::new(2024, 2, 29).is_valid());
    }

    #[test]
    fn malformed_dates_are_rejected_with_the_expected_form() {
        let err = serde_json::from_str::<CalendarDate>("\"30/02/2025\"").expect_err("bad shape");
        assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
    }
}
