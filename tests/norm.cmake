# SPDX-License-Identifier: MIT
# Normalization engine, transliteration and ar-norm.
artext_unit_test(unit_norm unit/test_norm.c)
artext_unit_test(unit_norm_table unit/test_norm_table.c)
artext_unit_test(unit_norm_cases unit/test_norm_cases.c)
artext_unit_test(unit_norm_lane unit/test_norm_lane.c)
artext_unit_test(unit_translit unit/test_translit.c)
# The checked-in fold table is what the generator makes of fold.tsv.
add_test(NAME gen_fold_table
  COMMAND sh -c "sh lib/gen/fold_table.sh c lib/data/fold.tsv | cmp - lib/fold_table.c"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
# The code point list of ar-norm(1) is the generator's output for fold.tsv.
add_test(NAME man_ar_norm_codepoints
  COMMAND sh lib/gen/check_man.sh man/ar-norm.1 lib/data/fold.tsv
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
# ar-norm end to end over corpus/ (needs the input layer).
artext_e2e_test(e2e_norm ar-norm.sh)
# The presentation-form lines of fold.tsv are what their generator prints.
add_test(NAME gen_presentation_forms COMMAND sh lib/gen/check_presentation.sh WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
