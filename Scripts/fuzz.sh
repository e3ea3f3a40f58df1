#!/bin/sh
# Runs the treaty reader's fuzz test longer than `swift test` does (400 cases there): every shipped treaty
# file mutated at random must be read, or refused with errors that all lie inside the file.
# Usage: Scripts/fuzz.sh [CASES]   (default 20000; about 7 ms a case in a debug build)
set -e
cd "$(dirname "$0")/.."
PACTA_FUZZ_CASES="${1:-20000}" swift test --filter ReaderFuzzTests
