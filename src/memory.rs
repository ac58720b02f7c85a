//! Allocator tuning. glibc's malloc serves a freed large block's successors from its heaps once it has seen
//! one freed (its mmap threshold rises to the block's size), and heap memory is rarely handed back. Every
//! password check allocates Argon2's 19 MiB, so a burst of logins left the server at 600 MiB resident
//! (measured: 200 logins, 8 at a time, 30 → 650 MiB). Pinning the threshold at 1 MiB keeps such blocks
//! mmapped, so each is returned to the system when freed.

/// Call once at start-up, before the server's threads run.
pub fn return_large_blocks_to_the_system() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator parameters; called before other threads allocate.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}
