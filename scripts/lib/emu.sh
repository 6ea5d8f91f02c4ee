# SPDX-License-Identifier: BSD-2-Clause
# shellcheck shell=bash
#
# Running an image under QEMU or Bochs, shared by scripts/run and
# scripts/boot-test. Both write the kernel's COM1 output to a file.

L4_TOP=${L4_TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}

# qemu_accel: print "kvm" if KVM really runs this kernel, else "tcg".
# The KVM on the project's machines is a nested software hypervisor that
# breaks ring transitions of non-Linux guests, so /dev/kvm alone proves
# nothing: the probe boots the in-kernel test image under KVM and accepts
# KVM only if every case passes. The answer is cached per build tree.
qemu_accel() {
	local build=${L4_BUILD:-$L4_TOP/build/gcc} cache probe_log
	cache=$build/kvm-probe.result
	if [ -n "${L4_ACCEL:-}" ]; then
		echo "$L4_ACCEL"
		return
	fi
	if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then
		echo tcg
		return
	fi
	if [ -f "$cache" ]; then
		cat "$cache"
		return
	fi
	probe_log=$(mktemp)
	if [ -f "$build/images/ktest.iso" ] &&
		L4_ACCEL=kvm "$L4_TOP/scripts/boot-test" --emu qemu \
			--iso "$build/images/ktest.iso" --tests --timeout 60 \
			--log "$probe_log" >/dev/null 2>&1; then
		echo kvm >"$cache"
	else
		echo tcg >"$cache"
	fi
	rm -f "$probe_log"
	cat "$cache"
}

# run_qemu <iso> <serial-log> <timeout-seconds|0> [cpu]
# Exit status: QEMU's (33 = kernel reported success), 124 on timeout.
run_qemu() {
	local iso=$1 log=$2 secs=$3 cpu=${4:-}
	local accel
	accel=$(qemu_accel)
	if [ -z "$cpu" ]; then
		if [ "$accel" = kvm ]; then cpu=host; else cpu=max; fi
	fi
	local cmd=(qemu-system-x86_64 -machine pc -accel "$accel" -cpu "$cpu"
		-m 256M -display none -monitor none -no-reboot
		-serial "file:$log"
		-device isa-debug-exit,iobase=0xf4,iosize=0x04
		-boot d -cdrom "$iso")
	if [ "$secs" -gt 0 ]; then
		timeout --kill-after=5 "$secs" "${cmd[@]}" </dev/null
	else
		"${cmd[@]}" </dev/null
	fi
}

# run_bochs <iso> <serial-log> <timeout-seconds|0>
# Bochs runs headless from scripts/bochsrc; its own log goes next to the
# serial log. Debian's Bochs has its debugger built in and would stop at a
# prompt, so it gets a command file holding "c" and no standard input.
run_bochs() {
	local iso=$1 log=$2 secs=$3
	local dir rc
	dir=$(dirname "$log")
	rc=$dir/bochs-continue.rc
	echo c >"$rc"
	: >"$log"
	local cmd=(env TERM=dumb BOCHS_ISO="$iso" BOCHS_SERIAL="$log"
		BOCHS_LOG="${log%.log}.bochs.log"
		bochs -q -f "$L4_TOP/scripts/bochsrc" -rc "$rc")
	if [ "$secs" -gt 0 ]; then
		timeout --kill-after=5 "$secs" "${cmd[@]}" </dev/null \
			>"${log%.log}.bochs.out" 2>&1
	else
		"${cmd[@]}" </dev/null >"${log%.log}.bochs.out" 2>&1
	fi
}
