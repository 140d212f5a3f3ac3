# SPDX-License-Identifier: MIT
# Entities: library rules and look-ups, ar-entities end to end, the corpus
# score with its floor, and the generated gazetteer data.
artext_unit_test(unit_entities unit/test_entities.c)
artext_unit_test(unit_ner unit/test_ner.c)
artext_e2e_test(e2e_entities ar-entities.sh)
add_test(NAME gen_gazetteer_data
  COMMAND sh -c "python3 lib/data/gazetteers/gen.py | cmp - lib/gazetteer_data.c"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
# The trainer: learning, determinism, the committed model remade, dev floor.
artext_e2e_test(e2e_ner_train ar-ner-train.sh)
set_property(TEST e2e_ner_train APPEND PROPERTY ENVIRONMENT "TRAIN=$<TARGET_FILE:ar-ner-train>")
