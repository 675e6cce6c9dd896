//! PINs: a person may protect their profile with a PIN of 4 to 8 digits, asked for when they
//! pick who they are in the desktop app. Only a salted Argon2id hash is stored (the PHC string
//! of RustCrypto's `argon2`), never the PIN. After [`PinAttempts::LIMIT`] wrong PINs in a row
//! the person must wait [`PinAttempts::WAIT`]; the count is kept by the caller (the desktop app
//! keeps it in memory for as long as it runs).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use argon2::Argon2;
use password_hash::rand_core::OsRng;
use password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use vanban_store::{Person, Stamp, StoreError};

use super::{Action, Result, Workflow};
use crate::Error;

/// Whether `pin` is a PIN: 4 to 8 digits.
pub fn is_pin(pin: &str) -> bool {
    (4..=8).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit())
}

/// The hash to store for a PIN (a fresh random salt each time).
fn hash_pin(pin: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Store(StoreError::Database(format!("băm mã PIN: {e}"))))
}

/// Whether `pin` is the one `hash` was made from.
fn pin_matches(pin: &str, hash: &str) -> Result<bool> {
    let parsed =
        PasswordHash::new(hash).map_err(|_| StoreError::Corrupt("mã băm của mã PIN".into()))?;
    Ok(Argon2::default()
        .verify_password(pin.as_bytes(), &parsed)
        .is_ok())
}

/// Wrong PINs in a row per person, and since when a person must wait.
#[derive(Debug, Default)]
pub struct PinAttempts {
    failures: HashMap<String, (u32, Option<Instant>)>,
}

impl PinAttempts {
    /// Wrong PINs in a row before a wait.
    pub const LIMIT: u32 = 5;
    /// How long the wait is.
    pub const WAIT: Duration = Duration::from_secs(30);

    /// No attempt yet.
    pub fn new() -> Self {
        PinAttempts::default()
    }

    /// How long `login` must still wait at `now`, if at all.
    pub fn wait_left(&self, login: &str, now: Instant) -> Option<Duration> {
        let (_, since) = self.failures.get(login)?;
        let until = (*since)? + Self::WAIT;
        (now < until).then(|| until - now)
    }

    /// Records a wrong PIN; gives the attempts left before the wait (0: the wait starts).
    fn failed(&mut self, login: &str, now: Instant) -> u32 {
        let entry = self.failures.entry(login.to_owned()).or_insert((0, None));
        if entry.1.is_some_and(|since| now >= since + Self::WAIT) {
            // The wait is over: a fresh series of attempts.
            *entry = (0, None);
        }
        entry.0 += 1;
        if entry.0 >= Self::LIMIT {
            entry.1 = Some(now);
            0
        } else {
            Self::LIMIT - entry.0
        }
    }

    fn succeeded(&mut self, login: &str) {
        self.failures.remove(login);
    }

    /// Checks `pin` against `hash` for `login`, counting wrong ones.
    fn verify(&mut self, login: &str, pin: &str, hash: &str, now: Instant) -> Result<()> {
        if let Some(left) = self.wait_left(login, now) {
            return Err(Error::PinLocked {
                seconds: left.as_secs() + u64::from(left.subsec_nanos() > 0),
            });
        }
        if is_pin(pin) && pin_matches(pin, hash)? {
            self.succeeded(login);
            return Ok(());
        }
        match self.failed(login, now) {
            0 => Err(Error::PinLocked {
                seconds: Self::WAIT.as_secs(),
            }),
            left => Err(Error::WrongPin { left }),
        }
    }
}

fn checked_new_pin(pin: Option<&str>) -> Result<Option<String>> {
    match pin {
        None => Ok(None),
        Some(p) if is_pin(p) => Ok(Some(hash_pin(p)?)),
        Some(_) => Err(Error::BadPin),
    }
}

impl Workflow {
    /// Who `login` is, when they may use the app as themselves: with their PIN when they set
    /// one. A wrong PIN counts in `attempts`; the fifth in a row makes them wait 30 seconds.
    pub fn sign_in(
        &self,
        attempts: &mut PinAttempts,
        login: &str,
        pin: Option<&str>,
        now: Instant,
    ) -> Result<Person> {
        let person = self
            .store
            .person(login)?
            .ok_or_else(|| Error::UnknownUser(login.to_owned()))?;
        let Some(hash) = self.store.pin_hash(login)? else {
            return Ok(person);
        };
        let Some(pin) = pin.filter(|p| !p.is_empty()) else {
            return Err(Error::PinRequired(person.name));
        };
        attempts.verify(login, pin, &hash, now)?;
        Ok(person)
    }

    /// Sets, changes (`new` some) or removes (`new` none) the acting person's own PIN; when
    /// they have one, `old` must be it (wrong ones count in `attempts`).
    pub fn change_own_pin(
        &mut self,
        stamp: &Stamp,
        attempts: &mut PinAttempts,
        old: Option<&str>,
        new: Option<&str>,
        now: Instant,
    ) -> Result<()> {
        self.actor(stamp)?;
        if let Some(hash) = self.store.pin_hash(&stamp.person)? {
            let old = old.filter(|p| !p.is_empty()).ok_or(Error::OldPinNeeded)?;
            attempts.verify(&stamp.person, old, &hash, now)?;
        }
        let hash = checked_new_pin(new)?;
        Ok(self.store.set_pin(&stamp.person, hash.as_deref(), stamp)?)
    }

    /// Sets or removes another person's PIN (a forgotten one): administrators only.
    pub fn reset_pin(&mut self, stamp: &Stamp, login: &str, new: Option<&str>) -> Result<()> {
        let admin = self.actor(stamp)?;
        self.may_act(&admin, Action::ManageDirectory, None)?;
        if self.store.person(login)?.is_none() {
            return Err(Error::UnknownUser(login.to_owned()));
        }
        let hash = checked_new_pin(new)?;
        Ok(self.store.set_pin(login, hash.as_deref(), stamp)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_is_four_to_eight_digits() {
        for ok in ["1234", "12345678", "0000"] {
            assert!(is_pin(ok), "{ok}");
        }
        for bad in ["123", "123456789", "12a4", "１２３４", " 1234", ""] {
            assert!(!is_pin(bad), "{bad}");
        }
    }

    #[test]
    fn the_hash_is_salted_and_checks_only_its_pin() {
        let a = hash_pin("2468").expect("hash");
        let b = hash_pin("2468").expect("hash");
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert_ne!(a, b, "a fresh salt each time");
        assert!(!a.contains("2468"));
        assert!(pin_matches("2468", &a).expect("check"));
        assert!(!pin_matches("2469", &a).expect("check"));
        assert!(pin_matches("2468", "không phải mã băm").is_err());
    }

    #[test]
    fn five_wrong_pins_make_one_wait_thirty_seconds_then_try_again() {
        let hash = hash_pin("1357").expect("hash");
        let mut attempts = PinAttempts::new();
        let t0 = Instant::now();
        for left in (1..5).rev() {
            match attempts.verify("an", "0000", &hash, t0) {
                Err(Error::WrongPin { left: l }) => assert_eq!(l, left),
                other => panic!("{other:?}"),
            }
        }
        assert!(matches!(
            attempts.verify("an", "0000", &hash, t0),
            Err(Error::PinLocked { seconds: 30 })
        ));
        // Even the right PIN waits; another person does not.
        assert!(matches!(
            attempts.verify("an", "1357", &hash, t0 + Duration::from_secs(10)),
            Err(Error::PinLocked { seconds: 20 })
        ));
        assert!(attempts.verify("binh", "1357", &hash, t0).is_ok());
        let later = t0 + Duration::from_secs(31);
        assert!(attempts.verify("an", "1357", &hash, later).is_ok());
        assert!(matches!(
            attempts.verify("an", "0000", &hash, later),
            Err(Error::WrongPin { left: 4 })
        ));
    }
}
