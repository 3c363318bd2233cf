# parity_add_gate(NAME CONFIG [LABELS label...] [SET key=value...])
#
# Registers a ctest test NAME that runs `parity gate CONFIG` with its results in
# ${CMAKE_CURRENT_BINARY_DIR}/parity-gates/NAME and fails, naming model, output, metric, value and threshold, when
# a gate of the config is breached (exit 1) or a run errors. SET items are passed as `--set key=value` overrides.
# Works in this repository and, through find_package(parity), in other projects.
function(parity_add_gate name config)
  cmake_parse_arguments(PARSE_ARGV 2 GATE "" "" "LABELS;SET")
  if(TARGET parity)
    set(parity_exe "$<TARGET_FILE:parity>")
  elseif(TARGET parity::parity)
    set(parity_exe "$<TARGET_FILE:parity::parity>")
  else()
    message(FATAL_ERROR "parity_add_gate: no parity executable target (find_package(parity) first)")
  endif()
  get_filename_component(config_path "${config}" ABSOLUTE)
  set(overrides --set "output=${CMAKE_CURRENT_BINARY_DIR}/parity-gates/${name}")
  foreach(item IN LISTS GATE_SET)
    list(APPEND overrides --set "${item}")
  endforeach()
  add_test(NAME ${name} COMMAND ${parity_exe} gate "${config_path}" --fresh ${overrides})
  set_tests_properties(${name} PROPERTIES LABELS "gate;${GATE_LABELS}")
endfunction()
