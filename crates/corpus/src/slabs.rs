//! [`Slabs`]: the explorer's allocator in wasm. Allocations of up to 32 bytes are slots of
//! their size class in 64 KB slabs; the rest go to the system allocator (dlmalloc).
//!
//! dlmalloc gives every allocation a 4-byte header and rounds it up to 8 bytes, 16 at least:
//! an opened corpus of 100k articles holds over a million allocations of 4 to 24 bytes (each
//! actor's forms, each article's authors, provenance and file name), for which that overhead
//! was 12 MB of the page's memory. A slot has no header: its class follows from the layout,
//! which Rust gives again when it frees or grows the allocation. Freed slots are kept in a
//! list per class for the next allocation of that class; slabs are never given back (wasm
//! memory never shrinks anyway).
//!
//! It is single-threaded: it is `Sync`, and so can be the global allocator, only in wasm32
//! without threads (the explorer's and the wasm bench's build).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::UnsafeCell;
use std::ptr;

/// Slot sizes are multiples of a pointer's size (a free slot holds the next one's address).
const STEP: usize = size_of::<usize>();
/// The largest slot.
const LARGEST: usize = 32;
const CLASSES: usize = LARGEST / STEP;
/// Bytes taken from the system allocator at a time for one class.
const SLAB: usize = 64 * 1024;

/// Size classes of small allocations over the system allocator; see the module doc.
pub struct Slabs {
    classes: UnsafeCell<[Class; CLASSES]>,
}

#[derive(Clone, Copy)]
struct Class {
    /// A freed slot (holding the address of the next, or null), or null.
    free: *mut u8,
    /// The current slab's first slot never used, and the slab's end.
    next: *mut u8,
    end: *mut u8,
}

// SAFETY: only where there is one thread (wasm32 without atomics), so no two calls overlap.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
unsafe impl Sync for Slabs {}

impl Default for Slabs {
    fn default() -> Slabs {
        Slabs::new()
    }
}

impl Slabs {
    pub const fn new() -> Slabs {
        let empty = Class { free: ptr::null_mut(), next: ptr::null_mut(), end: ptr::null_mut() };
        Slabs { classes: UnsafeCell::new([empty; CLASSES]) }
    }

    /// The class (slot size `(class + 1) * step`) of an allocation of `size` bytes aligned to
    /// `align`, if it is small enough: a multiple of the alignment, so that every slot of a
    /// slab (aligned to 8) is aligned too.
    fn class_of(size: usize, align: usize, step: usize) -> Option<usize> {
        if size > LARGEST || align > 8 {
            return None;
        }
        let unit = step.max(align);
        Some(size.max(1).div_ceil(unit) * unit / step - 1)
    }

    fn class(layout: Layout) -> Option<usize> {
        Slabs::class_of(layout.size(), layout.align(), STEP)
    }

    /// A slot of class `c` (null if the system allocator has no slab to give).
    ///
    /// # Safety
    /// No other call to this allocator may be running.
    unsafe fn slot(&self, c: usize) -> *mut u8 {
        // SAFETY: no other call runs (the caller's promise), so this is the only reference.
        let class = unsafe { &mut (*self.classes.get())[c] };
        if !class.free.is_null() {
            let p = class.free;
            // SAFETY: a free slot holds the next free one's address (aligned: slots are).
            class.free = unsafe { p.cast::<*mut u8>().read() };
            return p;
        }
        let size = (c + 1) * STEP;
        if (class.end as usize) - (class.next as usize) < size {
            // SAFETY: the layout's size is not zero.
            let slab = unsafe { System.alloc(Layout::from_size_align_unchecked(SLAB, 8)) };
            if slab.is_null() {
                return slab;
            }
            class.next = slab;
            // SAFETY: within (one past the end of) the slab just made.
            class.end = unsafe { slab.add(SLAB) };
        }
        let p = class.next;
        // SAFETY: `size` bytes are left in the slab (checked above).
        class.next = unsafe { p.add(size) };
        p
    }
}

// SAFETY: a slot is `(class + 1) * STEP` bytes, at least the layout's size, aligned to its
// alignment (see `class_of`), and handed out once until it is freed; the rest is `System`'s.
unsafe impl GlobalAlloc for Slabs {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match Slabs::class(layout) {
            // SAFETY: the caller's layout, passed on; one call at a time (single-threaded).
            Some(c) => unsafe { self.slot(c) },
            None => unsafe { System.alloc(layout) },
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        match Slabs::class(layout) {
            Some(c) => {
                // SAFETY: as `alloc`; a slot has at least `layout.size()` bytes.
                let p = unsafe { self.slot(c) };
                if !p.is_null() {
                    unsafe { p.write_bytes(0, layout.size()) };
                }
                p
            }
            None => unsafe { System.alloc_zeroed(layout) },
        }
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        match Slabs::class(layout) {
            Some(c) => {
                // SAFETY: `p` is a slot of class `c` (allocated with this layout), no longer
                // used; one call at a time.
                let class = unsafe { &mut (*self.classes.get())[c] };
                unsafe { p.cast::<*mut u8>().write(class.free) };
                class.free = p;
            }
            None => unsafe { System.dealloc(p, layout) },
        }
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller promises a valid size for the alignment.
        let new = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        match (Slabs::class(layout), Slabs::class(new)) {
            // dlmalloc may grow or shrink in place.
            (None, None) => unsafe { System.realloc(p, layout, new_size) },
            // The slot holds the new size too.
            (old, to) if old == to => p,
            _ => {
                // SAFETY: as `alloc` and `dealloc`; the two allocations are distinct.
                let q = unsafe { self.alloc(new) };
                if !q.is_null() {
                    unsafe {
                        ptr::copy_nonoverlapping(p, q, layout.size().min(new_size));
                        self.dealloc(p, layout);
                    }
                }
                q
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_fit_size_and_alignment() {
        // wasm32: slots of 4 to 32 bytes; 8-aligned requests in slots of multiples of 8.
        let c = |size, align| Slabs::class_of(size, align, 4).map(|c| (c + 1) * 4);
        assert_eq!([c(1, 1), c(4, 4), c(5, 1), c(12, 4), c(12, 8), c(24, 4), c(32, 8)], [4, 4, 8, 12, 16, 24, 32].map(Some));
        assert_eq!((c(33, 1), c(8, 16)), (None, None));
        // 64-bit: slots of 8 to 32 bytes.
        let c = |size, align| Slabs::class_of(size, align, 8).map(|c| (c + 1) * 8);
        assert_eq!([c(1, 1), c(4, 4), c(12, 4), c(32, 8)], [8, 8, 16, 32].map(Some));
    }

    #[test]
    fn slots_hold_their_bytes_until_freed_and_are_reused() {
        let slabs = Slabs::new();
        let layouts: Vec<Layout> = [(1, 1), (4, 4), (7, 1), (8, 8), (12, 4), (16, 8), (24, 4), (32, 8), (33, 1), (100, 8), (8, 16)]
            .iter()
            .map(|&(s, a)| Layout::from_size_align(s, a).unwrap())
            .collect();
        // Thousands of each (several slabs), each filled with its own byte.
        let mut live: Vec<(*mut u8, Layout, u8)> = Vec::new();
        for k in 0..3000usize {
            let layout = layouts[k % layouts.len()];
            let p = unsafe { slabs.alloc(layout) };
            assert!(!p.is_null() && (p as usize).is_multiple_of(layout.align()), "{layout:?}");
            unsafe { p.write_bytes(k as u8, layout.size()) };
            live.push((p, layout, k as u8));
        }
        let check = |live: &[(*mut u8, Layout, u8)]| {
            for &(p, layout, b) in live {
                assert!((0..layout.size()).all(|i| unsafe { *p.add(i) } == b), "{layout:?} overwritten");
            }
        };
        check(&live);
        // Free every other one: the next allocations of those classes take their slots.
        let freed: Vec<(*mut u8, Layout, u8)> = live.iter().copied().skip(1).step_by(2).collect();
        live = live.into_iter().step_by(2).collect();
        for &(p, layout, _) in &freed {
            unsafe { slabs.dealloc(p, layout) };
        }
        let again = unsafe { slabs.alloc(freed[freed.len() - 1].1) };
        assert!(freed.iter().any(|&(p, _, _)| p == again), "a freed slot is reused");
        unsafe { slabs.dealloc(again, freed[freed.len() - 1].1) };
        check(&live);
        // Growing and shrinking keep the bytes, across classes and to and from the system's.
        for (p, layout, b) in live.iter_mut() {
            for size in [layout.size() + 3, 40, 2, 20] {
                let q = unsafe { slabs.realloc(*p, *layout, size) };
                let kept = layout.size().min(size);
                assert!((0..kept).all(|i| unsafe { *q.add(i) } == *b), "{layout:?} -> {size}");
                unsafe { q.write_bytes(*b, size) };
                (*p, *layout) = (q, Layout::from_size_align(size, layout.align()).unwrap());
            }
        }
        check(&live);
        let zeroed = unsafe { slabs.alloc_zeroed(Layout::from_size_align(24, 8).unwrap()) };
        assert!((0..24).all(|i| unsafe { *zeroed.add(i) } == 0));
        unsafe { slabs.dealloc(zeroed, Layout::from_size_align(24, 8).unwrap()) };
        for (p, layout, _) in live {
            unsafe { slabs.dealloc(p, layout) };
        }
    }
}
