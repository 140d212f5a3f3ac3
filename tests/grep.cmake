# SPDX-License-Identifier: MIT
# ar-grep: matcher and searcher unit tests, end-to-end tests against GNU grep.
artext_unit_test(unit_match unit/test_match.c)
artext_e2e_test(e2e_grep_compat ar-grep.sh)
artext_e2e_test(e2e_grep_fold ar-grep-fold.sh)
