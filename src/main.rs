/// mimalloc: the import pipeline and the layer readers hand allocations
/// between threads, which glibc's allocator serialises on its arena locks
/// (a fifth of an advisory import's time went to those locks).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(dockaudit::cli::main());
}
