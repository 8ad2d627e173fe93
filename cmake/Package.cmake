# The office client as a Debian package (./zs package, or cpack -G DEB in
# the build directory): zsctl and its bash completion, nothing of the
# services. dpkg-shlibdeps reads the binary and declares the Debian 12
# libraries it needs (libgrpc++1.51, libprotobuf32, libabsl…) as Depends,
# so `apt install ./zsctl_*.deb` pulls them in.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME zsctl)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "Zhaoshang")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Zhaoshang office client: leads, projects, progress and reports from the command line")
set(CPACK_PACKAGE_DESCRIPTION
    "zsctl is how the remote investment-promotion offices, bureau staff and scripts use the\n\
Zhaoshang services: every RPC as a command, profiles per office, retries over\n\
unreliable links and changes queued offline until the link is back.")
set(CPACK_PACKAGE_CONTACT "Zhaoshang maintainers <zhaoshang@example.gov.cn>")
set(CPACK_STRIP_FILES ON)  # debug info stays in the build tree

# Only the zsctl component, as one package named zsctl_VERSION-1_ARCH.deb.
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL zsctl)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_DEBIAN_PACKAGE_NAME zsctl)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS bash-completion)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://zs.example.gov.cn/")

include(CPack)
