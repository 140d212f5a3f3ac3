# SPDX-License-Identifier: MIT
# The input layer every command reads through.
artext_unit_test(unit_input unit/test_input.c)
