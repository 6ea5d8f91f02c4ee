// SPDX-License-Identifier: BSD-2-Clause
/*
 * The X.2 generic boot information; see bootinfo.h. Each record is
 * followed by its command line and padded to a word; its offset_next is
 * that size, the last record's included, as the reference loader leaves
 * it: readers count records by the header's num_entries.
 */
#include <kernel/bootinfo.h>
#include <kernel/panic.h>
#include <kernel/string.h>

#include <l4/bootinfo.h>

/* @n rounded up to a word. */
static size_t word_up(size_t n)
{
	return (n + sizeof(l4_word_t) - 1) & ~(sizeof(l4_word_t) - 1);
}

/* Size of a record of @head bytes followed by the command line @cmd. */
static size_t record_size(size_t head, const char *cmd)
{
	return word_up(head + strlen(cmd) + 1);
}

size_t bootinfo_size(const struct boot_info *bi)
{
	size_t n = sizeof(struct l4_bootinfo) +
		   sizeof(struct l4_bootrec_multiboot);

	for (unsigned i = 0; i < bi->nmodules; i++)
		n += record_size(i < BOOTINFO_EXECS ?
					 sizeof(struct l4_bootrec_exec) :
					 sizeof(struct l4_bootrec_module),
				 bi->modules[i].cmdline);
	return n;
}

/*
 * The three parts of @img: text spans the segments without write
 * permission, data the file bytes of the writable ones, bss their
 * zero-filled tails. A part with nothing in it stays 0.
 */
static void exec_parts(struct l4_bootrec_exec *e, const struct elf_image *img)
{
	uint64_t t0 = ~0ul, t1 = 0, d0 = ~0ul, d1 = 0, b0 = ~0ul, b1 = 0;

	for (unsigned i = 0; i < img->nsegs; i++) {
		const struct elf_segment *s = &img->seg[i];
		uint64_t file_end = s->vaddr + s->filesz;
		uint64_t end = s->vaddr + s->memsz;

		if (!(s->flags & ELF_PF_W)) {
			t0 = s->vaddr < t0 ? s->vaddr : t0;
			t1 = end > t1 ? end : t1;
			continue;
		}
		if (s->filesz > 0) {
			d0 = s->vaddr < d0 ? s->vaddr : d0;
			d1 = file_end > d1 ? file_end : d1;
		}
		if (s->memsz > s->filesz) {
			b0 = file_end < b0 ? file_end : b0;
			b1 = end > b1 ? end : b1;
		}
	}
	if (t0 < t1) {
		e->text_pstart = e->text_vstart = t0;
		e->text_size = t1 - t0;
	}
	if (d0 < d1) {
		e->data_pstart = e->data_vstart = d0;
		e->data_size = d1 - d0;
	}
	if (b0 < b1) {
		e->bss_pstart = e->bss_vstart = b0;
		e->bss_size = b1 - b0;
	}
}

/* Write the record for module @i of @bi at @r; returns its size. */
static size_t write_module(struct l4_bootrec *r, const struct boot_info *bi,
			   unsigned i, const struct elf_image *exec)
{
	const char *cmd = bi->modules[i].cmdline;
	size_t head;

	if (i < BOOTINFO_EXECS) {
		struct l4_bootrec_exec *e = (struct l4_bootrec_exec *)r;

		head = sizeof(*e);
		r->type = L4_BOOTREC_SIMPLE_EXEC;
		exec_parts(e, &exec[i]);
		e->initial_ip = exec[i].entry;
		e->flags = ELF_CLASS64;
		e->label = 0;
		e->cmdline_offset = head;
	} else {
		struct l4_bootrec_module *m = (struct l4_bootrec_module *)r;

		head = sizeof(*m);
		r->type = L4_BOOTREC_MODULE;
		m->start = bi->modules[i].start;
		m->size = bi->modules[i].end - bi->modules[i].start;
		m->cmdline_offset = head;
	}
	memcpy((char *)r + head, cmd, strlen(cmd) + 1);
	return record_size(head, cmd);
}

size_t bootinfo_write(void *buf, const struct boot_info *bi,
		      const struct elf_image exec[BOOTINFO_EXECS], uint64_t mbi)
{
	struct l4_bootinfo *h = buf;
	size_t off = sizeof(*h);

	assert(bi->nmodules >= BOOTINFO_EXECS);
	h->magic = L4_BOOTINFO_MAGIC;
	h->version = L4_BOOTINFO_VERSION;
	h->first_entry = off;
	for (unsigned i = 0; i <= bi->nmodules; i++) {
		struct l4_bootrec *r = (struct l4_bootrec *)((char *)buf + off);
		size_t len;

		if (i < bi->nmodules) {
			len = write_module(r, bi, i, exec);
		} else if (mbi != 0) {
			len = sizeof(struct l4_bootrec_multiboot);
			r->type = L4_BOOTREC_MULTIBOOT;
			((struct l4_bootrec_multiboot *)r)->address = mbi;
		} else {
			break;
		}
		r->version = L4_BOOTREC_VERSION;
		r->offset_next = len;
		off += len;
		h->num_entries++;
	}
	h->size = off;
	assert(off <= bootinfo_size(bi));
	return off;
}
