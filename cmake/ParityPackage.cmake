# Installation and the CMake package: other projects `find_package(parity)` and call parity_add_gate() to gate
# their CI on parity configs. The build tree is usable as a package too (parity_DIR=<build dir>).
include(CMakePackageConfigHelpers)

set(PARITY_PACKAGE_LIBS parity_reference parity_reference_dgemm_avx512 parity_reference_dgemm_avx2
    parity_reference_dgemm_generic)
if(TARGET parity_runtime)
  list(APPEND PARITY_PACKAGE_LIBS parity_runtime)
endif()
install(TARGETS parity EXPORT parityTargets RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS ${PARITY_PACKAGE_LIBS} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(EXPORT parityTargets NAMESPACE parity:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/parity)
export(EXPORT parityTargets NAMESPACE parity:: FILE "${PROJECT_BINARY_DIR}/parityTargets.cmake")

configure_package_config_file("${CMAKE_CURRENT_LIST_DIR}/parityConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/parityConfig.cmake" INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/parity)
write_basic_package_version_file("${PROJECT_BINARY_DIR}/parityConfigVersion.cmake" COMPATIBILITY SameMajorVersion)
configure_file("${CMAKE_CURRENT_LIST_DIR}/ParityGate.cmake" "${PROJECT_BINARY_DIR}/ParityGate.cmake" COPYONLY)
install(FILES "${PROJECT_BINARY_DIR}/parityConfig.cmake" "${PROJECT_BINARY_DIR}/parityConfigVersion.cmake"
  "${CMAKE_CURRENT_LIST_DIR}/ParityGate.cmake" DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/parity)
