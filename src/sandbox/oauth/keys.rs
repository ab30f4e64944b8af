//! The sandbox's RS256 signing key and its JWKS entry.
//!
//! RSA generation is slow in debug builds, so a key is made once per process and per seed
//! and shared by every sandbox built with that seed (hundreds of tests build sandboxes).
//! With a seed the key comes from a seeded ChaCha generator, so it is the same on every
//! start; without one it is fresh per process.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{DecodingKey, EncodingKey};
use rand_chacha::ChaCha20Rng;
use rand_chacha::rand_core::SeedableRng;
use rsa::RsaPrivateKey;
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::traits::PublicKeyParts;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// Key size: the common minimum for RS256.
const BITS: usize = 2048;

/// Mixed into the seed so the key stream differs from the store's generator.
const SEED_SALT: u64 = 0x6f61_7574_685f_6b65;

/// One RSA key pair with its `kid` (the RFC 7638 thumbprint).
pub struct SigningKey {
    pub kid: String,
    pub encoding: EncodingKey,
    pub decoding: DecodingKey,
    n: String,
    e: String,
}

impl SigningKey {
    /// The key for `seed`, generated on first use and cached for the process.
    pub fn for_seed(seed: Option<u64>) -> Arc<SigningKey> {
        static CACHE: OnceLock<Mutex<HashMap<Option<u64>, Arc<SigningKey>>>> = OnceLock::new();
        let cache = CACHE.get_or_init(Default::default);
        // Holding the lock while generating makes concurrent callers wait for one key
        // instead of each generating their own.
        let mut keys = cache.lock().unwrap_or_else(|e| e.into_inner());
        keys.entry(seed)
            .or_insert_with(|| Arc::new(Self::generate(seed)))
            .clone()
    }

    // Start-up only: generation and DER encoding of a 2048-bit key cannot fail short of a
    // broken RNG, and a sandbox without a key could not serve OAuth at all.
    #[allow(clippy::expect_used)]
    fn generate(seed: Option<u64>) -> SigningKey {
        let mut rng = match seed {
            Some(s) => ChaCha20Rng::seed_from_u64(s ^ SEED_SALT),
            None => ChaCha20Rng::from_seed(rand::random::<[u8; 32]>()),
        };
        let private = RsaPrivateKey::new(&mut rng, BITS).expect("RSA key generation");
        let der = private
            .to_pkcs1_der()
            .expect("PKCS#1 encoding of a fresh key");
        let n = URL_SAFE_NO_PAD.encode(private.n().to_bytes_be());
        let e = URL_SAFE_NO_PAD.encode(private.e().to_bytes_be());
        let decoding = DecodingKey::from_rsa_components(&n, &e).expect("public key components");
        // RFC 7638: SHA-256 over the required members in lexicographic order, no spaces.
        let thumbprint = format!(r#"{{"e":"{e}","kty":"RSA","n":"{n}"}}"#);
        let kid = URL_SAFE_NO_PAD.encode(Sha256::digest(thumbprint.as_bytes()));
        SigningKey {
            kid,
            encoding: EncodingKey::from_rsa_der(der.as_bytes()),
            decoding,
            n,
            e,
        }
    }

    /// The public key as a JWK.
    pub fn jwk(&self) -> Value {
        json!({
            "kty": "RSA",
            "use": "sig",
            "alg": "RS256",
            "kid": self.kid,
            "n": self.n,
            "e": self.e,
        })
    }
}
