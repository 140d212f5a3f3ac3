# SPDX-License-Identifier: MIT
# ar-grep: matcher and searcher unit tests, end-to-end tests against GNU grep.
artext_unit_test(unit_match unit/test_match.c)
artext_unit_test(unit_search unit/test_search.c)
artext_e2e_test(e2e_grep_compat ar-grep.sh)
artext_e2e_test(e2e_grep_fold ar-grep-fold.sh)
# lib/match_freq.c is generated from the corpus: regenerating it must give
# the checked-in file (after adding reports, rerun lib/gen/match_freq.sh).
add_test(NAME gen_match_freq COMMAND sh -c "sh lib/gen/match_freq.sh corpus/*.txt | cmp - lib/match_freq.c"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(gen_match_freq PROPERTIES LABELS "lint")
# GNU parallel recipes (artext(7)), run locally.
artext_e2e_test(e2e_parallel parallel.sh)
# Offsets past 4 GiB in a sparse file.
artext_e2e_test(e2e_large_offsets large-offsets.sh)
# -r over 100,000 files: file descriptors and memory bounded. Not in a
# sanitizer build, whose shadow memory and slowness (minutes here) say
# nothing about the program's bounds.
if(NOT ARTEXT_SANITIZE)
  artext_e2e_test(e2e_many_files many-files.sh)
endif()
