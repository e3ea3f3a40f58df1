// libyaml's C API (the parser's events), declared by the system's libyaml 0.2.5 (Debian: libyaml-dev;
// pkg-config: yaml-0.1), which the module links.
//
// Yams compiles its own copy of libyaml 0.2.5 into the program, and a definition in the program's own object
// code is chosen before one in a shared library: while Yams is linked, PactaFormats' calls reach Yams' copy (the
// system library is loaded but unused). The two declare the same functions and structures (this header and
// Yams' differ only in comments and in Yams' added nesting limit), so either copy gives the same events. Yams'
// copy also refuses a text whose scanner reads more than 1000 open brackets ahead; the composer's own limit
// (100 levels) applies with either copy.
#include <yaml.h>
