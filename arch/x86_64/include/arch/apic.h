/* SPDX-License-Identifier: BSD-2-Clause */
/* The local APIC (xAPIC, memory-mapped) and its timer. */
#ifndef ARCH_APIC_H
#define ARCH_APIC_H

#include <stdint.h>

/* Fixed kernel virtual address of the local APIC's registers. */
#define APIC_VIRT 0xffffffffffe00000ul

uint64_t apic_phys_base(void);
void apic_init(void);
void apic_timer_start(unsigned hz);
void apic_eoi(void);
uint32_t apic_error_status(void);

/* A legacy PIC interrupt arrived at @vector; see apic.c. */
int pic_interrupt(unsigned vector);

#endif
