// The migrations are embedded in the binary: rebuild when any of them changes or is added.
fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
}
