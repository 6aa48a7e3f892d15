//! Heap blocks per decode, shared by `benches/codec.rs` and `tests/allocations.rs`: a
//! counting global allocator (each binary installs it with `#[global_allocator]`) and
//! the number of present values a decoded message holds.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Counts every `alloc` and `realloc` of the thread that makes it (so tests running
/// beside each other do not count each other).
pub struct Counting;

thread_local! {
    static BLOCKS: Cell<usize> = const { Cell::new(0) };
}

fn bump() {
    // `try_with`: the allocator also runs while thread-locals are torn down.
    let _ = BLOCKS.try_with(|n| n.set(n.get() + 1));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        bump();
        // SAFETY: the caller's contract is passed on unchanged.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        bump();
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// The heap blocks `f` allocates (and reallocates) on this thread.
pub fn blocks<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = BLOCKS.with(Cell::get);
    let value = f();
    (value, BLOCKS.with(Cell::get) - before)
}

/// Present values of a decoded message, counted from its JSON: strings 1, lists n + 1
/// (their elements counted the same way), nested objects 1 plus 1 per member name plus
/// their values, booleans and numbers 0 (stored inline), unknown members (`extra`) 1
/// (stored as one block).
pub fn present_values(json: &str, extra: &oidc_core::ExtraParams) -> usize {
    fn count(v: &serde_json::Value) -> usize {
        match v {
            serde_json::Value::String(_) => 1,
            serde_json::Value::Array(a) => 1 + a.iter().map(count).sum::<usize>(),
            serde_json::Value::Object(o) => 1 + o.values().map(|v| 1 + count(v)).sum::<usize>(),
            _ => 0,
        }
    }
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    value
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| if extra.contains(k) { 1 } else { count(v) })
        .sum()
}
