#!/bin/sh
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
skip "not written yet"
