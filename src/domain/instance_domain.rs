//! Whether the domain part of `user@domain` names this instance.

/// True for the instance's domain itself and, when that carries a port (`example.com:8443`), for its bare
/// host too: a mention or an `acct` cannot carry a port. Case does not matter in host names.
pub fn names_this_instance(domain: &str, instance_domain: &str) -> bool {
    let host = match instance_domain.rsplit_once(':') {
        Some((host, port)) if !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()) => host,
        _ => instance_domain,
    };
    domain.eq_ignore_ascii_case(instance_domain) || domain.eq_ignore_ascii_case(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_with_or_without_the_port() {
        assert!(names_this_instance("jobs.example", "jobs.example"));
        assert!(names_this_instance("JOBS.example", "jobs.example"));
        assert!(names_this_instance("jobs.example", "jobs.example:8443"));
        assert!(names_this_instance(
            "jobs.example:8443",
            "jobs.example:8443"
        ));
        assert!(!names_this_instance("elsewhere.example", "jobs.example"));
        assert!(!names_this_instance("jobs.example.evil", "jobs.example"));
        assert!(names_this_instance("[::1]", "[::1]:8080"));
        assert!(!names_this_instance("[:", "[::1]"));
    }
}
