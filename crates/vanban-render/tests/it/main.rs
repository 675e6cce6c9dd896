//! The integration tests of vanban-render, one binary: each exported DOCX read back and
//! checked against the decree's format (`docx`, with snapshots), the PDF (`pdf`), the fields
//! filled at issue (`fields`), and LibreOffice's reading of our DOCX (`libreoffice`).

mod common;
mod docx;
mod fields;
mod libreoffice;
mod pdf;
mod published;
