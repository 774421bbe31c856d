//! Reusable read buffers for streaming blobs.
//!
//! A blob is sent in [`READ_CHUNK`] pieces; allocating and zeroing a fresh buffer for each one showed in
//! profiles (memset, and malloc arenas of the blocking pool's threads keeping freed buffers: +18 MiB RSS
//! after a few concurrent downloads). A buffer taken here goes back to a small shared free list when the
//! `Bytes` made from it are dropped (hyper drops them once sent), already initialized, so the next read
//! reuses it as it is.

use super::READ_CHUNK;
use bytes::Bytes;
use std::sync::Mutex;

/// At most this many free buffers are kept (4 MiB): enough for a few streams reading one chunk ahead;
/// beyond it, buffers are freed as usual.
const KEEP: usize = 16;

static FREE: Mutex<Vec<Vec<u8>>> = Mutex::new(Vec::new());

/// A buffer of exactly `n` bytes (`n` ≤ [`READ_CHUNK`]), reused when one is free.
pub fn take(n: usize) -> Buffer {
    let reused = FREE.lock().expect("free list is never poisoned").pop();
    let mut buf = reused.unwrap_or_else(|| vec![0; READ_CHUNK]);
    // Every pooled buffer is READ_CHUNK long and initialized; a shorter read uses its head.
    buf.truncate(n);
    Buffer(Some(buf))
}

/// A read buffer; back to the free list when dropped, whether as itself or as the `Bytes` it became.
pub struct Buffer(Option<Vec<u8>>);

impl Buffer {
    /// The bytes, without a copy; the buffer returns to the free list when the last clone is dropped.
    pub fn into_bytes(self) -> Bytes {
        Bytes::from_owner(self)
    }
}

impl AsRef<[u8]> for Buffer {
    fn as_ref(&self) -> &[u8] {
        self.0.as_deref().unwrap_or_default()
    }
}

impl AsMut<[u8]> for Buffer {
    fn as_mut(&mut self) -> &mut [u8] {
        self.0.as_deref_mut().unwrap_or_default()
    }
}

impl Drop for Buffer {
    fn drop(&mut self) {
        let Some(mut buf) = self.0.take() else {
            return;
        };
        if buf.capacity() != READ_CHUNK {
            return;
        }
        // Back to full length: the truncated tail is still initialized (truncate keeps the allocation and
        // its contents), so this writes zeros only over bytes past the old length, never reallocates.
        buf.resize(READ_CHUNK, 0);
        let mut free = FREE.lock().expect("free list is never poisoned");
        if free.len() < KEEP {
            free.push(buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffers_come_back_when_their_bytes_are_dropped() {
        let mut buf = take(10);
        buf.as_mut().copy_from_slice(b"0123456789");
        let bytes = buf.into_bytes();
        let clone = bytes.slice(2..4);
        assert_eq!(&bytes[..], b"0123456789");
        drop(bytes);
        assert_eq!(&clone[..], b"23");
        drop(clone);
        // A reused buffer has the asked length, whatever it held before.
        let again = take(READ_CHUNK);
        assert_eq!(again.as_ref().len(), READ_CHUNK);
        let short = take(3);
        assert_eq!(short.as_ref().len(), 3);
    }
}
