# Runs `parity gate` with a max_rel gate of 0 and checks it fails the right way (exit 1, breach named).
execute_process(
  COMMAND "${PARITY}" gate "${CONFIG}" --fresh --set "output=${OUT}" --set "models.0.gates.1.max=0"
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 1)
  message(FATAL_ERROR "expected exit code 1 from a breached gate, got '${code}'\n${out}\n${err}")
endif()
foreach(needle "gate breaches" "model mnist-8" "output:Plus214_Output_0" "max_rel" "required <= 0")
  string(FIND "${out}" "${needle}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "breach report lacks '${needle}':\n${out}")
  endif()
endforeach()
message(STATUS "gate failed as it should:\n${out}")
