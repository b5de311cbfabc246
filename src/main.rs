fn main() {
    std::process::exit(dockaudit::cli::main());
}
