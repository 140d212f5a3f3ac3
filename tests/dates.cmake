# SPDX-License-Identifier: MIT
# Dates: recognizer cases, calendar and API checks, ar-dates end to end.
artext_unit_test(unit_dates unit/test_dates.c)
artext_unit_test(unit_dates_cases unit/test_dates_cases.c)
artext_e2e_test(e2e_dates ar-dates.sh)
# The checked-in generated cases are what their generator writes.
add_test(NAME gen_dates_cases
  COMMAND sh -c "python3 tests/cases/gen_dates_cases.py | cmp - tests/cases/dates_gen.tsv"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
