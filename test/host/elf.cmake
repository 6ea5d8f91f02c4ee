# SPDX-License-Identifier: BSD-2-Clause
# The ELF64 checker (kernel/elf.c): images built in memory, one per rule, a
# static executable linked by the host toolchain, and random mutations.
l4_host_test(elf SOURCES
	${CMAKE_CURRENT_LIST_DIR}/test_elf.c
	${L4_ROOT}/kernel/elf.c
	${L4_ROOT}/kernel/panic.c
	${L4_ROOT}/kernel/printf.c)

# On an x86-64 host, a tiny static executable with text, read-only data,
# data and bss for the test to parse; elsewhere that case is skipped.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64|amd64")
	set(elf_sample_c ${CMAKE_CURRENT_BINARY_DIR}/elf_sample.c)
	set(elf_sample ${CMAKE_CURRENT_BINARY_DIR}/elf_sample)
	string(CONCAT elf_sample_src
		"static const char msg[] = \"sample\";\n"
		"int data = 1;\nint bss[64];\n"
		"void _start(void)\n{\n\tbss[0] = data + msg[0];\n"
		"\tfor (;;)\n\t\t;\n}\n")
	# Written only when changed, so the sample is not relinked each time.
	file(CONFIGURE OUTPUT ${elf_sample_c} CONTENT "${elf_sample_src}")
	add_custom_command(OUTPUT ${elf_sample}
		COMMAND ${CMAKE_C_COMPILER} -static -nostdlib -no-pie -fno-pic
			-O1 -o ${elf_sample} ${elf_sample_c}
		DEPENDS ${elf_sample_c}
		COMMENT "Linking a static sample executable for host_elf")
	add_custom_target(host_elf_sample DEPENDS ${elf_sample})
	add_dependencies(host_elf host_elf_sample)
	target_compile_definitions(host_elf PRIVATE
		ELF_SAMPLE="${elf_sample}")
endif()
