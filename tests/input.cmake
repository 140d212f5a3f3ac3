# SPDX-License-Identifier: MIT
# The input layer every command reads through.
artext_unit_test(unit_input unit/test_input.c)
# A 50 MB line in UTF-8, windows-1256 and UTF-16LE: peak memory of every
# command bounded by the line. Not in a sanitizer build (shadow memory).
if(NOT ARTEXT_SANITIZE)
  artext_e2e_test(e2e_long_line long-line.sh)
endif()
