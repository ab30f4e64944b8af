//! Parsing the `Authorization` header of `POST /mcp` (SPEC §5.1): a Hostless API key
//! (`hlk_…`, bare or after `Bearer`), or a bearer JWT. Only the shape is judged here; a
//! JWT's signature and claims are judged by [`super::verify`].

/// A credential whose shape is acceptable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presented<'a> {
    /// A Hostless API key, bare or after `Bearer`.
    ApiKey,
    /// A bearer JWT (three base64url segments); the token itself, without the scheme.
    Jwt(&'a str),
}

/// Why a header was refused before any verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShapeError {
    Missing,
    Malformed,
}

/// `hlk_` + an 8-character alphanumeric prefix + an optional `_` + a non-empty secret.
pub fn is_api_key(token: &str) -> bool {
    let Some(rest) = token.strip_prefix("hlk_") else {
        return false;
    };
    let (Some(prefix), Some(after)) = (rest.get(..8), rest.get(8..)) else {
        return false;
    };
    if !prefix.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return false;
    }
    let secret = after.strip_prefix('_').unwrap_or(after);
    !secret.is_empty()
        && secret
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Three base64url segments; the first two (header, claims) non-empty.
pub fn is_jwt(token: &str) -> bool {
    let mut count = 0;
    for (i, segment) in token.split('.').enumerate() {
        count += 1;
        let base64url = segment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !base64url || (i < 2 && segment.is_empty()) {
            return false;
        }
    }
    count == 3
}

/// Classifies an `Authorization` value (scheme case-insensitive, whitespace trimmed).
pub fn parse(value: Option<&str>) -> Result<Presented<'_>, ShapeError> {
    let value = value.ok_or(ShapeError::Missing)?.trim();
    if is_api_key(value) {
        return Ok(Presented::ApiKey);
    }
    let (scheme, token) = value
        .split_once(char::is_whitespace)
        .ok_or(ShapeError::Malformed)?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(ShapeError::Malformed);
    }
    let token = token.trim();
    if is_api_key(token) {
        Ok(Presented::ApiKey)
    } else if is_jwt(token) {
        Ok(Presented::Jwt(token))
    } else {
        Err(ShapeError::Malformed)
    }
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn accepted_forms() {
        for v in [
            "hlk_a1b2c3d4_s3cr3t",
            "hlk_a1b2c3d4f8e7d6c5",
            "  Bearer hlk_a1b2c3d4_s3cr3t ",
            "bearer hlk_a1b2c3d4_your_secret_here",
        ] {
            assert_eq!(parse(Some(v)), Ok(Presented::ApiKey), "{v}");
        }
        assert_eq!(
            parse(Some("BEARER aaa.bbb.ccc")),
            Ok(Presented::Jwt("aaa.bbb.ccc"))
        );
        assert_eq!(
            parse(Some("Bearer aaa.bbb.")),
            Ok(Presented::Jwt("aaa.bbb."))
        );
    }

    #[test]
    fn refused_forms() {
        assert_eq!(parse(None), Err(ShapeError::Missing));
        for v in [
            "",
            "Bearer",
            "Bearer ",
            "Bearer garbage",
            "Basic dXNlcjpwYXNz",
            "hlk_short",
            "hlk_a1b2c3d4_",
            "hlk_ä1b2c3d4_secret",
            "Token hlk_a1b2c3d4_s3cr3t",
            "Bearer a.b",
            "Bearer a..c",
            "Bearer a.b.c.d",
            "Bearer a+b.c.d",
        ] {
            assert_eq!(parse(Some(v)), Err(ShapeError::Malformed), "{v:?}");
        }
    }
}
