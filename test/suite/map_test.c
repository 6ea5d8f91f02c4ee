// SPDX-License-Identifier: BSD-2-Clause
/*
 * Map, grant and Unmap between spaces. A page P of the suite (from sigma0)
 * is mapped to agents in spaces A, B and C at X, Y and Z; whether a space
 * still has it shows when its agent touches the address: a fault reaches
 * the pager (the case) only if the mapping is gone.
 */
#include "suite.h"

#define X 0x20000000ul
#define Y 0x21000000ul
#define Z 0x22000000ul
#define MAGIC 0x6d617070656421ul

static struct suite_space sa, sb, sc;
static l4_threadid_t ta, tb, tc;
static volatile l4_word_t *page;

/* P with MAGIC in it, and agents in @n new spaces (1 to 3). */
static bool setup(unsigned n)
{
	struct suite_space *s[] = { &sa, &sb, &sc };
	l4_threadid_t *t[] = { &ta, &tb, &tc };

	page = suite_page_alloc();
	if (!EXPECT(page != NULL))
		return false;
	page[0] = MAGIC;
	for (unsigned i = 0; i < n; i++) {
		if (!EXPECT(suite_space_create(s[i])))
			return false;
		*t[i] = suite_agent_start(s[i]);
		if (!EXPECT(!l4_is_nil_thread(*t[i])))
			return false;
	}
	return true;
}

/* The 4 KiB flexpage at @va with @rights. */
static l4_fpage_t fp(l4_word_t va, unsigned rights)
{
	return l4_fpage(va, 12, rights);
}

/* What agent @t reads at @va. */
static l4_word_t ag_read(l4_threadid_t t, l4_word_t va)
{
	return suite_agent(t, SUITE_AG_READ, va, 0, 0, NULL);
}

/* Agent @t writes @v at @va. */
static void ag_write(l4_threadid_t t, l4_word_t va, l4_word_t v)
{
	suite_agent(t, SUITE_AG_WRITE, va, v, 0, NULL);
}

/* Agent @from maps (grants) its page at @va to @to at @dest; true if the
 * IPC between them worked. */
static bool ag_forward(l4_threadid_t from, l4_word_t va, l4_threadid_t to,
		       l4_word_t dest, bool grant)
{
	l4_word_t err = 0;
	l4_word_t tag = suite_agent(from, SUITE_AG_FORWARD, to.raw,
				    fp(va, L4_FPAGE_RWX).raw,
				    dest | (grant ? 1 : 0), &err);

	return !l4_msgtag_is_error(l4_msgtag(tag)) && err == 0;
}

/* The accessed status of P: Unmap of no rights only reads it. */
static unsigned status_of_p(void)
{
	return l4_fpage_status(
		l4_fpage_raw(suite_unmap_fpage(fp((l4_word_t)page, 0), false)));
}

/* P mapped to A at X, A maps it on to B at Y, B to C at Z. */
static bool chain_of_three(void)
{
	if (!setup(3) ||
	    !EXPECT(suite_agent_map(ta, fp((l4_word_t)page, L4_FPAGE_RWX), X,
				    false)) ||
	    !EXPECT(ag_forward(ta, X, tb, Y, false)) ||
	    !EXPECT(ag_forward(tb, Y, tc, Z, false)))
		return false;
	EXPECT(ag_read(ta, X) == MAGIC);
	EXPECT(ag_read(tb, Y) == MAGIC);
	EXPECT(ag_read(tc, Z) == MAGIC);
	return EXPECT(suite_space_faults_at(&sa, X) == 0) &&
	       EXPECT(suite_space_faults_at(&sb, Y) == 0) &&
	       EXPECT(suite_space_faults_at(&sc, Z) == 0);
}

SUITE_TEST(map_item_maps_a_page_of_the_sender_into_another_space)
{
	if (!setup(1) ||
	    !EXPECT(suite_agent_map(ta, fp((l4_word_t)page, L4_FPAGE_RWX), X,
				    false)))
		return;
	EXPECT(ag_read(ta, X) == MAGIC);
	ag_write(ta, X + 8, 0x42);
	EXPECT(page[1] == 0x42);
	EXPECT(suite_space_faults_at(&sa, X) == 0);
}

SUITE_TEST(map_item_with_read_rights_gives_a_read_only_mapping)
{
	if (!setup(1) ||
	    !EXPECT(suite_agent_map(ta, fp((l4_word_t)page, L4_FPAGE_R), X,
				    false)))
		return;
	EXPECT(ag_read(ta, X) == MAGIC);
	EXPECT(suite_space_faults_at(&sa, X) == 0);
	ag_write(ta, X, 1);
	EXPECT(suite_space_faults_at(&sa, X) == 1);
	EXPECT(sa.nfaults > 0 && sa.fault[sa.nfaults - 1].rwx == L4_FPAGE_W);
	EXPECT(page[0] == MAGIC);
}

SUITE_TEST(map_chain_of_three_spaces_is_flushed_by_unmap_at_the_top)
{
	if (!chain_of_three())
		return;
	suite_unmap_fpage(fp((l4_word_t)page, L4_FPAGE_RWX), true);
	ag_read(ta, X);
	ag_read(tb, Y);
	ag_read(tc, Z);
	EXPECT(suite_space_faults_at(&sa, X) == 1);
	EXPECT(suite_space_faults_at(&sb, Y) == 1);
	EXPECT(suite_space_faults_at(&sc, Z) == 1);
}

SUITE_TEST(unmap_without_flush_keeps_the_callers_own_mapping)
{
	if (!chain_of_three())
		return;
	suite_unmap_fpage(fp((l4_word_t)page, L4_FPAGE_RWX), false);
	EXPECT(page[0] == MAGIC);
	page[0] = MAGIC + 1;
	ag_read(ta, X);
	ag_read(tc, Z);
	EXPECT(suite_space_faults_at(&sa, X) == 1);
	EXPECT(suite_space_faults_at(&sc, Z) == 1);
}

SUITE_TEST(unmap_of_the_write_right_leaves_derived_mappings_read_only)
{
	if (!chain_of_three())
		return;
	suite_unmap_fpage(fp((l4_word_t)page, L4_FPAGE_W), false);
	EXPECT(ag_read(ta, X) == MAGIC);
	EXPECT(ag_read(tc, Z) == MAGIC);
	EXPECT(suite_space_faults_at(&sa, X) == 0);
	EXPECT(suite_space_faults_at(&sc, Z) == 0);
	ag_write(tb, Y, 1);
	EXPECT(suite_space_faults_at(&sb, Y) == 1);
	EXPECT(page[0] == MAGIC);
	page[0] = MAGIC + 1; /* the caller keeps its own write right */
}

SUITE_TEST(unmap_in_a_middle_space_revokes_only_the_mappings_below_it)
{
	l4_word_t control = l4_unmap_control(0, false);

	if (!chain_of_three())
		return;
	suite_agent(tb, SUITE_AG_UNMAP, fp(Y, L4_FPAGE_RWX).raw, control, 0,
		    NULL);
	EXPECT(ag_read(ta, X) == MAGIC);
	EXPECT(ag_read(tb, Y) == MAGIC);
	ag_read(tc, Z);
	EXPECT(suite_space_faults_at(&sa, X) == 0);
	EXPECT(suite_space_faults_at(&sb, Y) == 0);
	EXPECT(suite_space_faults_at(&sc, Z) == 1);
}

SUITE_TEST(unmap_with_flush_in_a_middle_space_removes_its_own_mapping_too)
{
	l4_word_t control = l4_unmap_control(0, true);

	if (!chain_of_three())
		return;
	suite_agent(tb, SUITE_AG_UNMAP, fp(Y, L4_FPAGE_RWX).raw, control, 0,
		    NULL);
	EXPECT(ag_read(ta, X) == MAGIC);
	ag_read(tb, Y);
	ag_read(tc, Z);
	EXPECT(suite_space_faults_at(&sa, X) == 0);
	EXPECT(suite_space_faults_at(&sb, Y) == 1);
	EXPECT(suite_space_faults_at(&sc, Z) == 1);
}

SUITE_TEST(grant_moves_the_page_and_the_granter_loses_it)
{
	if (!setup(2) ||
	    !EXPECT(suite_agent_map(ta, fp((l4_word_t)page, L4_FPAGE_RWX), X,
				    false)) ||
	    !EXPECT(ag_forward(ta, X, tb, Y, true)))
		return;
	EXPECT(ag_read(tb, Y) == MAGIC);
	EXPECT(suite_space_faults_at(&sb, Y) == 0);
	ag_read(ta, X);
	EXPECT(suite_space_faults_at(&sa, X) == 1);
	EXPECT(page[0] == MAGIC); /* the mapper above keeps it */
}

SUITE_TEST(flush_after_a_grant_removes_the_page_from_the_grantee)
{
	if (!setup(2) ||
	    !EXPECT(suite_agent_map(ta, fp((l4_word_t)page, L4_FPAGE_RWX), X,
				    false)) ||
	    !EXPECT(ag_forward(ta, X, tb, Y, true)))
		return;
	EXPECT(ag_read(tb, Y) == MAGIC);
	suite_unmap_fpage(fp((l4_word_t)page, L4_FPAGE_RWX), false);
	ag_read(tb, Y);
	EXPECT(suite_space_faults_at(&sb, Y) == 1);
}

SUITE_TEST(unmap_reports_a_page_nobody_touched_as_not_accessed)
{
	if (!setup(1) ||
	    !EXPECT(suite_agent_map(ta, fp((l4_word_t)page, L4_FPAGE_RWX), X,
				    false)))
		return;
	status_of_p(); /* clears what the setup did */
	EXPECT(status_of_p() == 0);
}

SUITE_TEST(unmap_reports_a_page_written_in_another_space_as_read_and_written)
{
	unsigned st;

	if (!setup(1) ||
	    !EXPECT(suite_agent_map(ta, fp((l4_word_t)page, L4_FPAGE_RWX), X,
				    false)))
		return;
	status_of_p();
	ag_write(ta, X, 7);
	st = status_of_p();
	EXPECT(st & L4_FPAGE_W);
	EXPECT(st & L4_FPAGE_R);
	EXPECT(page[0] == 7);
	EXPECT(suite_space_faults_at(&sa, X) == 0);
}

SUITE_TEST(unmap_reports_a_page_read_in_another_space_as_read_only)
{
	unsigned st;

	if (!setup(1) ||
	    !EXPECT(suite_agent_map(ta, fp((l4_word_t)page, L4_FPAGE_RWX), X,
				    false)))
		return;
	status_of_p();
	EXPECT(ag_read(ta, X) == MAGIC);
	st = status_of_p();
	EXPECT(st & L4_FPAGE_R);
	EXPECT(!(st & L4_FPAGE_W));
}

SUITE_TEST(map_item_replaces_a_mapping_already_there)
{
	if (!setup(1))
		return;
	ag_write(ta, X, 5); /* a private page of A's pager at X */
	EXPECT(suite_space_faults_at(&sa, X) == 1);
	if (!EXPECT(suite_agent_map(ta, fp((l4_word_t)page, L4_FPAGE_RWX), X,
				    false)))
		return;
	EXPECT(ag_read(ta, X) == MAGIC);
	EXPECT(suite_space_faults_at(&sa, X) == 1);
}

SUITE_TEST(map_item_of_two_pages_maps_both)
{
	volatile l4_word_t *p2;
	l4_word_t va;

	if (!setup(1))
		return;
	/* Two scratch pages at an 8 KiB boundary. */
	va = suite_scratch_va();
	if (va & SUITE_PAGE)
		va = suite_scratch_va();
	if (!EXPECT(suite_scratch_va() == va + SUITE_PAGE) ||
	    !EXPECT(suite_sigma0_request(l4_sigma0_any_fpage(12, 7), va)) ||
	    !EXPECT(suite_sigma0_request(l4_sigma0_any_fpage(12, 7),
					 va + SUITE_PAGE)))
		return;
	page = (volatile l4_word_t *)va;
	p2 = (volatile l4_word_t *)(va + SUITE_PAGE);
	page[0] = MAGIC;
	p2[0] = MAGIC + 2;
	if (!EXPECT(suite_agent_map(ta, l4_fpage(va, 13, L4_FPAGE_RWX), X,
				    false)))
		return;
	EXPECT(ag_read(ta, X) == MAGIC);
	EXPECT(ag_read(ta, X + SUITE_PAGE) == MAGIC + 2);
	EXPECT(suite_space_faults_at(&sa, X) == 0);
	EXPECT(suite_space_faults_at(&sa, X + SUITE_PAGE) == 0);
}

SUITE_TEST(unmap_takes_several_flexpages_at_once)
{
	volatile l4_word_t *p2 = suite_page_alloc();

	if (!EXPECT(p2 != NULL) || !setup(1))
		return;
	p2[0] = MAGIC + 2;
	if (!EXPECT(suite_agent_map(ta, fp((l4_word_t)page, L4_FPAGE_RWX), X,
				    false)) ||
	    !EXPECT(suite_agent_map(ta, fp((l4_word_t)p2, L4_FPAGE_RWX), Y,
				    false)))
		return;
	ag_write(ta, X, 1);
	EXPECT(ag_read(ta, Y) == MAGIC + 2);
	l4_utcb()[0] = fp((l4_word_t)page, L4_FPAGE_RWX).raw;
	l4_utcb()[1] = fp((l4_word_t)p2, L4_FPAGE_RWX).raw;
	suite_unmap(l4_unmap_control(1, false));
	EXPECT(l4_fpage_status(l4_fpage_raw(l4_utcb()[0])) & L4_FPAGE_W);
	EXPECT(l4_fpage_status(l4_fpage_raw(l4_utcb()[1])) & L4_FPAGE_R);
	ag_read(ta, X);
	ag_read(ta, Y);
	EXPECT(suite_space_faults_at(&sa, X) == 1);
	EXPECT(suite_space_faults_at(&sa, Y) == 1);
}

SUITE_TEST(unmap_of_the_complete_space_revokes_what_others_got_from_us)
{
	if (!setup(1) ||
	    !EXPECT(suite_agent_map(ta, fp((l4_word_t)page, L4_FPAGE_RWX), X,
				    false)))
		return;
	EXPECT(ag_read(ta, X) == MAGIC);
	suite_unmap_fpage(l4_fpage_with_rights(L4_COMPLETE_SPACE, L4_FPAGE_RWX),
			  false);
	/* The caller keeps its own memory; the agent lost P (and the
	 * suite's image, which its pager gives again). */
	EXPECT(page[0] == MAGIC);
	ag_read(ta, X);
	EXPECT(suite_space_faults_at(&sa, X) == 1);
}

SUITE_TEST(unmap_cannot_take_the_kip_out_of_a_space)
{
	l4_word_t control = l4_unmap_control(0, true);

	if (!setup(1))
		return;
	suite_agent(ta, SUITE_AG_UNMAP,
		    fp(SUITE_SPACE_KIP_AREA, L4_FPAGE_RWX).raw, control, 0,
		    NULL);
	EXPECT((ag_read(ta, SUITE_SPACE_KIP_AREA) & 0xffffffff) ==
	       L4_KIP_MAGIC);
	EXPECT(suite_space_faults_at(&sa, SUITE_SPACE_KIP_AREA) == 0);
}

SUITE_TEST(map_item_cannot_replace_the_kip_of_the_receiver)
{
	if (!setup(1))
		return;
	EXPECT(suite_agent_map(ta, fp((l4_word_t)page, L4_FPAGE_RWX),
			       SUITE_SPACE_KIP_AREA, false));
	EXPECT((ag_read(ta, SUITE_SPACE_KIP_AREA) & 0xffffffff) ==
	       L4_KIP_MAGIC);
	EXPECT(page[0] == MAGIC);
}

SUITE_TEST(map_item_cannot_replace_the_utcb_of_the_receiver)
{
	l4_word_t id = 0;

	if (!setup(1))
		return;
	EXPECT(suite_agent_map(ta, fp((l4_word_t)page, L4_FPAGE_RWX),
			       SUITE_SPACE_UTCB_AREA, false));
	EXPECT(suite_agent(ta, SUITE_AG_WHOAMI, 0, 0, 0, &id) ==
	       l4_utcb_from_location(SUITE_SPACE_UTCB_AREA));
	EXPECT(id == ta.raw);
	EXPECT(page[0] == MAGIC);
}

SUITE_TEST(map_item_onto_the_mapping_it_came_from_changes_nothing)
{
	l4_word_t *u = l4_utcb();
	l4_msgtag_t tag;

	if (!setup(1) ||
	    !EXPECT(suite_agent_map(ta, fp((l4_word_t)page, L4_FPAGE_RWX), X,
				    false)))
		return;
	/* A maps X back to us, onto P, where it came from. */
	l4_set_mr(0, l4_msgtag_make(SUITE_AG_FORWARD, 3, 0).raw);
	l4_set_mr(1, l4_myself().raw);
	l4_set_mr(2, fp(X, L4_FPAGE_RWX).raw);
	l4_set_mr(3, (l4_word_t)page);
	EXPECT(!l4_msgtag_is_error(l4_send(ta)));
	u[L4_UTCB_BR(0)] =
		l4_acceptor(fp((l4_word_t)page, L4_FPAGE_RWX), false);
	tag = suite_serve(ta, 1000000);
	u[L4_UTCB_BR(0)] = 0;
	EXPECT(l4_msgtag_has_label(tag, SUITE_AG_NOP));
	l4_set_mr(0, 0);
	l4_send(ta); /* its call ends */
	tag = suite_serve(ta, 1000000);
	EXPECT(l4_msgtag_has_label(tag, SUITE_AG_REPLY));
	EXPECT(page[0] == MAGIC);
	EXPECT(ag_read(ta, X) == MAGIC);
	EXPECT(suite_space_faults_at(&sa, X) == 0);
}

/* A receiver whose acceptor window is nil takes no mapping, not even a nil
 * one: the message overflows on both sides and nothing is mapped. */
SUITE_TEST(map_item_to_a_receiver_that_accepts_no_mappings_overflows)
{
	l4_word_t *u = l4_utcb();
	const l4_fpage_t items[] = { fp(X, L4_FPAGE_RWX), L4_NILPAGE };
	l4_msgtag_t tag;

	if (!setup(1) ||
	    !EXPECT(suite_agent_map(ta, fp((l4_word_t)page, L4_FPAGE_RWX), X,
				    false)))
		return;
	for (unsigned i = 0; i < 2; i++) {
		l4_set_mr(0, l4_msgtag_make(SUITE_AG_FORWARD, 3, 0).raw);
		l4_set_mr(1, l4_myself().raw);
		l4_set_mr(2, items[i].raw);
		l4_set_mr(3, Y);
		EXPECT(!l4_msgtag_is_error(l4_send(ta)));
		u[L4_UTCB_BR(0)] = 0; /* nil window */
		tag = suite_serve(ta, 1000000);
		EXPECT(l4_msgtag_is_error(tag));
		EXPECT(u[L4_UTCB_ERROR_CODE] ==
		       l4_ipc_error(L4_IPC_EMSGOVERFLOW, L4_IPC_PHASE_RECEIVE,
				    0));
		/* The agent's call failed in its send phase. */
		tag = suite_serve(ta, 1000000);
		EXPECT(l4_msgtag_has_label(tag, SUITE_AG_REPLY));
		EXPECT(l4_msgtag_is_error(l4_msgtag(l4_mr(1))));
		EXPECT(l4_mr(2) ==
		       l4_ipc_error(L4_IPC_EMSGOVERFLOW, L4_IPC_PHASE_SEND, 0));
	}
	EXPECT(ag_read(ta, X) == MAGIC); /* the agent keeps its page */
}
