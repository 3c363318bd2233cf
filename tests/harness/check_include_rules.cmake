# Fails when a source file includes a header across a forbidden boundary.
#   reference/  may not include runtime/, harness/, reports/ headers
#   runtime/    may not include reference/, harness/, reports/ headers
#   harness/ outside harness/backends/ may not include engine headers (parity/reference, parity/runtime)
#   reports/    may not include engine or harness/backends headers
set(violations "")
function(check_dir dir pattern why)
  file(GLOB_RECURSE files "${SOURCE_DIR}/${dir}/*.h" "${SOURCE_DIR}/${dir}/*.cc")
  foreach(f IN LISTS files)
    if(dir STREQUAL "harness" AND f MATCHES "/harness/backends/")
      continue()
    endif()
    file(STRINGS "${f}" lines REGEX "^[ \t]*#[ \t]*include")
    foreach(line IN LISTS lines)
      if(line MATCHES "${pattern}")
        file(RELATIVE_PATH rel "${SOURCE_DIR}" "${f}")
        list(APPEND violations "${rel}: ${line}  (${why})")
      endif()
    endforeach()
  endforeach()
  set(violations "${violations}" PARENT_SCOPE)
endfunction()

check_dir(reference "parity/runtime|\"runtime/|harness/|reports/" "the reference shares no code with the runtime or harness")
check_dir(runtime "parity/reference|\"reference/|harness/|reports/" "the runtime shares no code with the reference or harness")
check_dir(harness "parity/reference/|parity/runtime/" "only harness/backends/ may include engine headers")
check_dir(reports "parity/reference/|parity/runtime/|harness/backends/" "reports depend on no engine")

list(LENGTH violations count)
if(count GREATER 0)
  string(REPLACE ";" "\n  " text "${violations}")
  message(FATAL_ERROR "include-rule violations (${count}):\n  ${text}")
endif()
message(STATUS "include rules hold")
