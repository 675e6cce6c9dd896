//! Reading an edXML message never panics, whatever the bytes; a message that reads is written
//! again and reads back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vanban_edxml::{Limits, Message, read, write, write_status};

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        message_bytes: 1 << 20,
        attachment_bytes: 1 << 18,
        total_attachment_bytes: 1 << 19,
        ..Limits::default()
    };
    if let Ok(message) = read(data, &limits) {
        let again = match &message {
            Message::Document(p) => write(p).map(|b| read(&b, &Limits::default())),
            Message::Status(s) => write_status(s).map(|b| read(&b, &Limits::default())),
        };
        if let Ok(Ok(back)) = again {
            assert_eq!(back, message);
        }
    }
});
