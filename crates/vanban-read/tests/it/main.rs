//! The integration tests of vanban-read, one binary: the published seed texts read and scored
//! against their hand-made fixtures (`seeds`), DOCX that LibreOffice writes from plain text
//! (`libreoffice`), a text table read back from our DOCX (`tables`), and inputs that must never
//! make the reader panic (`robust`).

mod libreoffice;
mod robust;
mod seeds;
mod tables;
