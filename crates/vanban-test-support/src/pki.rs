//! A throwaway PKI written to a folder: a CA as PEM, people and bodies as password-protected
//! PKCS#12 files, and password files.

use std::path::Path;

use p12_keystore::{Certificate, KeyStore, KeyStoreEntry, PrivateKey, PrivateKeyChain};
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair, date_time_ymd};

/// The password of every PKCS#12 file the tests make.
pub const PASSWORD: &str = "bí mật";

/// A CA that issues certificates into `dir`: its certificate is `dir/ca.pem`.
pub struct Ca {
    cert: rcgen::Certificate,
    key: KeyPair,
}

impl Ca {
    pub fn new(dir: &Path) -> Ca {
        let key = KeyPair::generate().expect("key");
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
        params
            .distinguished_name
            .push(DnType::CommonName, "CA thử nghiệm");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let cert = params.self_signed(&key).expect("CA");
        std::fs::write(dir.join("ca.pem"), cert.pem()).expect("write ca.pem");
        Ca { cert, key }
    }

    /// A new key (PKCS#8 DER) and its certificate (DER) for `common_name`, valid from 2019 to
    /// 1 January of `until`.
    pub fn issue(&self, common_name: &str, until: i32) -> (Vec<u8>, Vec<u8>) {
        let key = KeyPair::generate().expect("key");
        let mut p = CertificateParams::new(Vec::<String>::new()).expect("params");
        p.distinguished_name.push(DnType::CommonName, common_name);
        p.not_before = date_time_ymd(2019, 1, 1);
        p.not_after = date_time_ymd(until, 1, 1);
        let cert = p.signed_by(&key, &self.cert, &self.key).expect("cert");
        (key.serialize_der(), cert.der().to_vec())
    }

    /// Writes `dir/file`: a PKCS#12 file (password [`PASSWORD`]) holding a key and its
    /// certificate for `common_name`, valid from 2019 to 1 January of `until`.
    pub fn p12(&self, dir: &Path, file: &str, common_name: &str, until: i32) {
        let (key, cert) = self.issue(common_name, until);
        let chain = PrivateKeyChain::new(
            b"1".to_vec(),
            PrivateKey::from_der(&key).expect("key"),
            [Certificate::from_der(&cert).expect("cert")],
        );
        let mut store = KeyStore::new();
        store.add_entry("k", KeyStoreEntry::PrivateKeyChain(chain));
        let p12 = store.writer(PASSWORD).write().expect("p12");
        std::fs::write(dir.join(file), p12).expect("write p12");
    }
}

/// Writes the right password to `dir/mk.txt` and a wrong one to `dir/sai.txt`.
pub fn password_files(dir: &Path) {
    std::fs::write(dir.join("mk.txt"), format!("{PASSWORD}\n")).expect("write");
    std::fs::write(dir.join("sai.txt"), "sai\n").expect("write");
}
