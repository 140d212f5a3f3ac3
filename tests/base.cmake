artext_unit_test(unit_offmap unit/test_offmap.c)
artext_unit_test(unit_base unit/test_base.c)
# Fault injection: read, write, open, mmap and malloc failing at the Nth call
# (tests/fault/shim.c, preloaded) for every command.
add_library(artext_fault_shim MODULE ${CMAKE_CURRENT_SOURCE_DIR}/fault/shim.c)
target_link_libraries(artext_fault_shim PRIVATE ${CMAKE_DL_LIBS})
set_target_properties(artext_fault_shim PROPERTIES PREFIX "" OUTPUT_NAME fault_shim)
if(NOT ARTEXT_SANITIZE)
  # (a preloaded malloc and ASan's cannot both be first)
  add_test(NAME fault_injection COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/fault/run.sh $<TARGET_FILE:artext_fault_shim>
    ${ARTEXT_BIN_DIR} ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/tmp/fault)
  set_tests_properties(fault_injection PROPERTIES LABELS "fault" TIMEOUT 900)
endif()
