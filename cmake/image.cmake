# SPDX-License-Identifier: BSD-2-Clause
#
# l4_image(<name> CMDLINE <kernel options> MODULES <file> <cmdline> ...)
#
# Makes images/<name>.iso: a GRUB2 rescue image (BIOS, El Torito) whose
# grub.cfg boots kernel.elf with multiboot2 at once, on a serial terminal,
# and passes each module with module2 and its command line.
find_program(GRUB_MKRESCUE grub-mkrescue REQUIRED)
find_program(XORRISO xorriso REQUIRED)

function(l4_image name)
	cmake_parse_arguments(IMG "" "CMDLINE" "MODULES" ${ARGN})
	set(dir ${CMAKE_BINARY_DIR}/images/${name})
	set(iso ${CMAKE_BINARY_DIR}/images/${name}.iso)
	set(cfg "set timeout=0\nset default=0\n")
	string(APPEND cfg "serial --unit=0 --speed=115200\n")
	string(APPEND cfg "terminal_input serial\nterminal_output serial\n")
	string(APPEND cfg "menuentry \"L4/x86_64 ${name}\" {\n")
	string(APPEND cfg "\tmultiboot2 /boot/kernel.elf ${IMG_CMDLINE}\n")

	set(copies)
	set(deps kernel.elf)
	list(LENGTH IMG_MODULES n)
	set(i 0)
	while(i LESS n)
		list(GET IMG_MODULES ${i} file)
		math(EXPR j "${i} + 1")
		list(GET IMG_MODULES ${j} mcmd)
		string(REGEX REPLACE " .*" "" mname "${mcmd}")
		string(APPEND cfg "\tmodule2 /boot/${mname} ${mcmd}\n")
		list(APPEND copies COMMAND ${CMAKE_COMMAND} -E copy ${file}
			${dir}/boot/${mname})
		list(APPEND deps ${file})
		math(EXPR i "${i} + 2")
	endwhile()
	string(APPEND cfg "\tboot\n}\n")
	file(GENERATE OUTPUT ${dir}/boot/grub/grub.cfg CONTENT "${cfg}")

	add_custom_command(OUTPUT ${iso}
		COMMAND ${CMAKE_COMMAND} -E copy $<TARGET_FILE:kernel.elf>
			${dir}/boot/kernel.elf
		${copies}
		COMMAND ${GRUB_MKRESCUE} -d /usr/lib/grub/i386-pc -o ${iso}
			${dir} > ${dir}.log 2>&1
		DEPENDS ${deps} ${dir}/boot/grub/grub.cfg
		COMMENT "GRUB2 image ${name}.iso"
		VERBATIM)
	add_custom_target(image-${name} ALL DEPENDS ${iso})
endfunction()
