//! `restrictSources`: one IPv4 address or CIDR range.

use std::net::Ipv4Addr;

/// Checks an IPv4 address (`203.0.113.7`) or CIDR range (`192.168.1.0/24`).
pub fn validate(source: &str) -> Result<(), String> {
    let (address, prefix) = match source.split_once('/') {
        Some((address, prefix)) => (address, Some(prefix)),
        None => (source, None),
    };
    let ip: Ipv4Addr = address
        .parse()
        .map_err(|_| format!("“{source}” is not an IPv4 address or range like 192.168.1.0/24."))?;
    if let Some(prefix) = prefix {
        let bits: u32 = prefix
            .parse()
            .ok()
            .filter(|b| *b <= 32 && !prefix.starts_with('+'))
            .ok_or_else(|| format!("“{source}”: the number after / must be from 0 to 32."))?;
        let mask = if bits == 0 { 0 } else { u32::MAX << (32 - bits) };
        if u32::from(ip) & !mask != 0 {
            let network = Ipv4Addr::from(u32::from(ip) & mask);
            return Err(format!("“{source}” has host bits set: the range is written {network}/{bits}."));
        }
    }
    Ok(())
}

/// Whether `ip` is the address, or in the range, `source`; `None` when `source` is neither.
pub fn contains(source: &str, ip: Ipv4Addr) -> Option<bool> {
    let (address, bits) = match source.trim().split_once('/') {
        Some((address, prefix)) => (address, prefix.parse::<u32>().ok().filter(|b| *b <= 32)?),
        None => (source.trim(), 32),
    };
    let network: Ipv4Addr = address.parse().ok()?;
    let mask = if bits == 0 { 0 } else { u32::MAX << (32 - bits) };
    Some(u32::from(ip) & mask == u32::from(network) & mask)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_ranges() {
        for good in ["203.0.113.7", "192.168.1.0/24", "10.0.0.0/8", "0.0.0.0/0", "1.2.3.4/32"] {
            assert_eq!(validate(good), Ok(()), "{good}");
        }
        assert!(validate("192.168.1.1/24").unwrap_err().contains("192.168.1.0/24"));
        assert!(validate("192.168.1.0/33").unwrap_err().contains("0 to 32"));
        assert!(validate("192.168.1.0/+8").is_err());
        assert!(validate("256.1.1.1").is_err());
        assert!(validate("2001:db8::/32").is_err());
        assert!(validate("example.com").is_err());
        assert!(validate("").is_err());
    }

    #[test]
    fn containment() {
        let ip = |s: &str| s.parse::<Ipv4Addr>().unwrap();
        assert_eq!(contains("192.168.1.0/24", ip("192.168.1.77")), Some(true));
        assert_eq!(contains("192.168.1.0/24", ip("192.168.2.1")), Some(false));
        assert_eq!(contains("203.0.113.7", ip("203.0.113.7")), Some(true));
        assert_eq!(contains("203.0.113.7", ip("203.0.113.8")), Some(false));
        assert_eq!(contains("0.0.0.0/0", ip("8.8.8.8")), Some(true));
        assert_eq!(contains("example.com", ip("8.8.8.8")), None);
        assert_eq!(contains("10.0.0.0/40", ip("10.0.0.1")), None);
    }
}
