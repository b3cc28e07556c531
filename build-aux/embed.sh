#!/bin/sh
# embed.sh NAME FILE: print a C file defining `const char NAME[]` with the
# contents of FILE, so data/schema.sql is compiled into the binary.
name=$1
file=$2
printf '/* Generated from %s by build-aux/embed.sh; do not edit. */\n' "$(basename "$file")"
printf 'extern const char %s[];\n' "$name"
printf 'const char %s[] =\n' "$name"
sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$/\\n"/' "$file"
printf ';\n'
