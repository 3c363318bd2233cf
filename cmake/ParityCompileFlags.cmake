# Warnings for project code, and per-ISA flags for kernel variants.
#
# A source file whose name ends in _avx512.cc or _avx2.cc is compiled for that ISA only; everything else
# targets the baseline x86-64 so the binaries run on any CPU. Code in an ISA file must be reached only through
# the run-time CPU-feature dispatch, and must not define inline functions or templates that other files also
# instantiate (the linker could otherwise pick the ISA copy for baseline callers).

set(PARITY_WARNINGS -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare)
set(PARITY_AVX512_FLAGS -mavx512f -mavx512bw -mavx512dq -mavx512vl -mfma -mavx2 -mf16c)
set(PARITY_AVX2_FLAGS -mavx2 -mfma -mf16c)

function(parity_apply_isa_flags)
  foreach(src IN LISTS ARGN)
    if(src MATCHES "_avx512\\.cc$")
      set_source_files_properties(${src} PROPERTIES COMPILE_OPTIONS "${PARITY_AVX512_FLAGS}")
    elseif(src MATCHES "_avx2\\.cc$")
      set_source_files_properties(${src} PROPERTIES COMPILE_OPTIONS "${PARITY_AVX2_FLAGS}")
    endif()
  endforeach()
endfunction()
