artext_unit_test(unit_offmap unit/test_offmap.c)
artext_unit_test(unit_base unit/test_base.c)
