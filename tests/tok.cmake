# SPDX-License-Identifier: MIT
# Tokens, sentences and clitic segmentation: the library's cases and corpus
# invariants, ar-tok end to end, and the generated segmentation lexicon.
artext_unit_test(unit_tok unit/test_tok.c)
artext_e2e_test(e2e_tok ar-tok.sh)
# lib/tok_lexicon.c is what the generator makes of lib/data/tok/stems.tsv and
# the gazetteer names; after editing either, rerun
#   sh lib/data/tok/gen_lexicon.sh > lib/tok_lexicon.c
add_test(NAME gen_tok_lexicon
  COMMAND sh -c "sh lib/data/tok/gen_lexicon.sh | cmp - lib/tok_lexicon.c"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
