//! The clock, read by the fronts only (the use cases take the time as a value, in a
//! [`Stamp`](crate::workflow::Stamp)): Vietnam's time, UTC+7 all year, or the moment
//! `VANBAN_NOW` names (an RFC 3339 time, for scripts and tests) — the same rule for the `vanban`
//! command and the desktop app.

use chrono::{DateTime, Datelike, FixedOffset, Timelike, Utc};
use vanban_render::pdf::Created;

use crate::{Error, Result};

/// The environment variable that sets the clock for scripts and tests.
pub const NOW_VARIABLE: &str = "VANBAN_NOW";

/// Vietnam's time at `t`: UTC+7 all year (no daylight saving).
pub fn vietnam_time(t: std::time::SystemTime) -> Option<DateTime<FixedOffset>> {
    let since = t.duration_since(std::time::UNIX_EPOCH).ok()?;
    let utc = DateTime::from_timestamp(i64::try_from(since.as_secs()).ok()?, since.subsec_nanos())?;
    Some(utc.with_timezone(&FixedOffset::east_opt(7 * 3600)?))
}

/// Now, in Vietnam's time, or the moment `VANBAN_NOW` names.
pub fn now_vietnam() -> Result<DateTime<FixedOffset>> {
    if let Ok(s) = std::env::var(NOW_VARIABLE) {
        return DateTime::parse_from_rfc3339(&s).map_err(|e| {
            Error::Clock(format!(
                "{NOW_VARIABLE} không phải thời điểm RFC 3339: {s} ({e})"
            ))
        });
    }
    vietnam_time(std::time::SystemTime::now())
        .ok_or_else(|| Error::Clock("Đồng hồ hệ thống ngoài khoảng.".into()))
}

/// The creation time written into a PDF's metadata (UTC) for the moment `at`.
pub fn pdf_created(at: DateTime<FixedOffset>) -> Created {
    let at = at.with_timezone(&Utc);
    // Month, day, hour, minute and second of a chrono date always fit in u8.
    Created {
        year: at.year(),
        month: at.month() as u8,
        day: at.day() as u8,
        hour: at.hour() as u8,
        minute: at.minute() as u8,
        second: at.second() as u8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_is_created_at_the_same_moment_in_utc() {
        let at = DateTime::parse_from_rfc3339("2025-03-05T06:07:08+07:00").expect("time");
        assert_eq!(
            pdf_created(at),
            Created {
                year: 2025,
                month: 3,
                day: 4,
                hour: 23,
                minute: 7,
                second: 8,
            }
        );
    }
}
