//! Private key members (RFC 7518 §6.2.2, §6.3.2; RFC 8037 §2) written as the DER
//! documents `jsonwebtoken`'s signers read, whatever their backend: PKCS#1
//! `RSAPrivateKey` (RFC 8017 Appendix A.1.2) for RSA, PKCS#8 `PrivateKeyInfo` (RFC 5208)
//! around a SEC1 `ECPrivateKey` (RFC 5915) for EC, and PKCS#8 around the 32-byte seed
//! for Ed25519 (RFC 8410 §7). Encoding only: the `der` / `pkcs1` / `pkcs8` / `sec1`
//! crates write the ASN.1; no arithmetic happens here. Every buffer holding key
//! material is zeroized when dropped.

use der::asn1::{AnyRef, ObjectIdentifier, UintRef};
use der::Encode;
use zeroize::Zeroizing;

/// `id-ecPublicKey` (RFC 5480 §2.1.1).
const ID_EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// `secp256r1` (RFC 5480 §2.1.1.1).
const SECP256R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
/// `secp384r1`.
const SECP384R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
/// `id-Ed25519` (RFC 8410 §3).
const ID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");

/// The members of an RSA private key (RFC 7518 §6.3), big-endian bytes.
pub(super) struct RsaParts<'a> {
    pub n: &'a [u8],
    pub e: &'a [u8],
    pub d: &'a [u8],
    pub p: &'a [u8],
    pub q: &'a [u8],
    pub dp: &'a [u8],
    pub dq: &'a [u8],
    pub qi: &'a [u8],
}

/// The EC curves a private key can be on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Curve {
    P256,
    P384,
}

impl Curve {
    /// The size of a coordinate and of the private scalar, in bytes (RFC 7518 §6.2.1.2,
    /// §6.2.2.1: "the full size of a coordinate").
    pub fn size(self) -> usize {
        match self {
            Curve::P256 => 32,
            Curve::P384 => 48,
        }
    }

    fn oid(self) -> ObjectIdentifier {
        match self {
            Curve::P256 => SECP256R1,
            Curve::P384 => SECP384R1,
        }
    }
}

/// PKCS#1 `RSAPrivateKey` (two primes).
pub(super) fn rsa_pkcs1(parts: &RsaParts<'_>) -> Result<Zeroizing<Vec<u8>>, String> {
    let uint = |name: &str, bytes| {
        UintRef::new(bytes).map_err(|_| format!("member \"{name}\" is not a usable integer"))
    };
    let key = pkcs1::RsaPrivateKey {
        modulus: uint("n", parts.n)?,
        public_exponent: uint("e", parts.e)?,
        private_exponent: uint("d", parts.d)?,
        prime1: uint("p", parts.p)?,
        prime2: uint("q", parts.q)?,
        exponent1: uint("dp", parts.dp)?,
        exponent2: uint("dq", parts.dq)?,
        coefficient: uint("qi", parts.qi)?,
        other_prime_infos: None,
    };
    encode(&key)
}

/// PKCS#8 around SEC1 `ECPrivateKey`, with the public point (uncompressed, SEC1
/// §2.3.3), as OpenSSL writes it. `d`, `x` and `y` have the curve's size.
pub(super) fn ec_pkcs8(
    curve: Curve,
    d: &[u8],
    x: &[u8],
    y: &[u8],
) -> Result<Zeroizing<Vec<u8>>, String> {
    let mut point = Vec::with_capacity(1 + x.len() + y.len());
    point.push(0x04);
    point.extend_from_slice(x);
    point.extend_from_slice(y);
    let ec_key = sec1::EcPrivateKey {
        private_key: d,
        parameters: None,
        public_key: Some(&point),
    };
    let inner = encode(&ec_key)?;
    let oid = curve.oid();
    let info = pkcs8::PrivateKeyInfo {
        algorithm: pkcs8::AlgorithmIdentifierRef {
            oid: ID_EC_PUBLIC_KEY,
            parameters: Some(AnyRef::from(&oid)),
        },
        private_key: &inner,
        public_key: None,
    };
    encode(&info)
}

/// PKCS#8 around an Ed25519 seed (RFC 8410 §7: `CurvePrivateKey ::= OCTET STRING`).
pub(super) fn ed25519_pkcs8(seed: &[u8]) -> Result<Zeroizing<Vec<u8>>, String> {
    let inner = encode(&der::asn1::OctetStringRef::new(seed).map_err(|e| e.to_string())?)?;
    let info = pkcs8::PrivateKeyInfo {
        algorithm: pkcs8::AlgorithmIdentifierRef {
            oid: ID_ED25519,
            parameters: None,
        },
        private_key: &inner,
        public_key: None,
    };
    encode(&info)
}

/// The modulus size in bits of the RSA private key in `pem` (PKCS#1 `RSA PRIVATE KEY`
/// or PKCS#8 `PRIVATE KEY`), when it is one: read here so that a key of the wrong size
/// is named as such whatever the backend (aws-lc-rs refuses to load an RSA key below
/// 2048 bits at all).
pub(super) fn rsa_pem_modulus_bits(pem: &str) -> Option<usize> {
    use der::Decode;

    let document = pem::parse(pem).ok()?;
    let is_pkcs8 = match document.tag() {
        "RSA PRIVATE KEY" => false,
        "PRIVATE KEY" => true,
        _ => return None,
    };
    let der = Zeroizing::new(document.into_contents());
    let pkcs1 = if is_pkcs8 {
        pkcs8::PrivateKeyInfo::from_der(&der).ok()?.private_key
    } else {
        der.as_slice()
    };
    let key = pkcs1::RsaPrivateKey::from_der(pkcs1).ok()?;
    Some(super::keys::modulus_bits(key.modulus.as_bytes()))
}

fn encode(value: &impl Encode) -> Result<Zeroizing<Vec<u8>>, String> {
    let mut out = Zeroizing::new(Vec::new());
    value
        .encode_to_vec(&mut out)
        .map_err(|e| format!("cannot encode the key: {e}"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ed25519_document_is_rfc8410s() {
        // RFC 8410 §10.3's example private key document, without its attributes:
        // 302e 020100 300506032b6570 04220420 || seed.
        let seed = [7u8; 32];
        let der = ed25519_pkcs8(&seed).unwrap();
        let mut expected = vec![
            0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22,
            0x04, 0x20,
        ];
        expected.extend_from_slice(&seed);
        assert_eq!(&der[..], &expected[..]);
    }

    #[test]
    fn ec_document_names_the_curve() {
        let der = ec_pkcs8(Curve::P256, &[1; 32], &[2; 32], &[3; 32]).unwrap();
        // secp256r1's OID bytes appear in the AlgorithmIdentifier.
        let oid = [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
        assert!(der.windows(oid.len()).any(|w| w == oid));
        let der = ec_pkcs8(Curve::P384, &[1; 48], &[2; 48], &[3; 48]).unwrap();
        let oid = [0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22];
        assert!(der.windows(oid.len()).any(|w| w == oid));
        assert_eq!((Curve::P256.size(), Curve::P384.size()), (32, 48));
    }

    #[test]
    fn an_rsa_pem_tells_its_size() {
        let read = |name: &str| {
            let path = format!(
                "{}/../tests/data/keys/{name}.pem",
                env!("CARGO_MANIFEST_DIR")
            );
            rsa_pem_modulus_bits(&std::fs::read_to_string(path).unwrap())
        };
        assert_eq!(read("rsa-1024"), Some(1024));
        // The same key as PKCS#1 (`RSA PRIVATE KEY`, OpenSSL's traditional form): the
        // PKCS#8 document's inner key, armoured on its own.
        use base64::Engine;
        use der::Decode;
        let path = format!(
            "{}/../tests/data/keys/rsa-1.pem",
            env!("CARGO_MANIFEST_DIR")
        );
        let pkcs8 = std::fs::read_to_string(path).unwrap();
        let body: String = pkcs8.lines().filter(|l| !l.starts_with("-----")).collect();
        let engine = base64::engine::general_purpose::STANDARD;
        let der = engine.decode(body).unwrap();
        let inner = pkcs8::PrivateKeyInfo::from_der(&der).unwrap().private_key;
        let pkcs1 = format!(
            "-----BEGIN RSA PRIVATE KEY-----\n{}\n-----END RSA PRIVATE KEY-----\n",
            engine.encode(inner)
        );
        assert_eq!(rsa_pem_modulus_bits(&pkcs1), Some(2048));
        // Another label is not an RSA private key.
        let other = pkcs1.replace("RSA PRIVATE KEY", "PUBLIC KEY");
        assert_eq!(rsa_pem_modulus_bits(&other), None);
        assert_eq!(read("rsa-1"), Some(2048));
        assert_eq!(read("ec-p256"), None);
        assert_eq!(rsa_pem_modulus_bits("not pem"), None);
        assert_eq!(
            rsa_pem_modulus_bits(
                "-----BEGIN RSA PRIVATE KEY-----\n!!!\n-----END RSA PRIVATE KEY-----"
            ),
            None
        );
    }

    #[test]
    fn rsa_document_reads_back() {
        let parts = RsaParts {
            n: &[0, 0, 0xc3, 1],
            e: &[1, 0, 1],
            d: &[2],
            p: &[3],
            q: &[4],
            dp: &[5],
            dq: &[6],
            qi: &[7],
        };
        let der = rsa_pkcs1(&parts).unwrap();
        let key = pkcs1::RsaPrivateKey::try_from(&der[..]).unwrap();
        // Leading zero octets are dropped (DER integers are minimal).
        assert_eq!(key.modulus.as_bytes(), &[0xc3, 1]);
        assert_eq!(key.public_exponent.as_bytes(), &[1, 0, 1]);
        assert_eq!(key.private_exponent.as_bytes(), &[2]);
        assert_eq!(key.coefficient.as_bytes(), &[7]);
        assert!(key.other_prime_infos.is_none());
    }
}
