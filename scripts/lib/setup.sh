# SPDX-License-Identifier: BSD-2-Clause
# shellcheck shell=bash
#
# setup_tools: install, on Debian 12, whatever the build, the emulators and
# the tests need and is missing. Needs root (or sudo) only if something is.
# The optional packages (gnuplot-nox, for the plot of scripts/bench) are
# tried too, but if they cannot be had that is a warning, not a failure.

L4_PACKAGES=(cmake ninja-build nasm gcc clang lld clang-format
	qemu-system-x86 bochs bochsbios vgabios bochs-term
	grub-pc-bin grub-common xorriso mtools
	python3 git coreutils)
L4_OPTIONAL_PACKAGES=(gnuplot-nox)

setup_tools() {
	setup_packages "${L4_PACKAGES[@]}" || return 1
	setup_packages "${L4_OPTIONAL_PACKAGES[@]}" ||
		echo "setup: warning: could not install" \
			"${L4_OPTIONAL_PACKAGES[*]}; carrying on without" >&2
	return 0
}

# setup_packages <package>...: apt-get install those of the packages that
# are not installed yet.
setup_packages() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "setup: installing ${missing[*]}"
	local sudo=
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null || {
			echo "setup: need root to install: ${missing[*]}" >&2
			return 1
		}
		sudo=sudo
	fi
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
		$sudo env DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends \
			"${missing[@]}" >/dev/null
}

# build_preset <preset>: configure (once) and build one CMake preset.
build_preset() {
	local preset=$1 top=${L4_TOP:?}
	if [ ! -f "$top/build/$preset/build.ninja" ]; then
		cmake --preset "$preset" -S "$top" >/dev/null || return 1
	fi
	cmake --build "$top/build/$preset" -- -j"$(nproc)" >/dev/null || {
		cmake --build "$top/build/$preset" -- -j1 2>&1 | tail -n 30
		return 1
	}
}
