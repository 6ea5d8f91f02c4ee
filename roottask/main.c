// SPDX-License-Identifier: BSD-2-Clause
/*
 * The root task of the default image: a demonstration of the kernel at
 * work, then the loader and pager of the other boot modules' programs.
 */
#include "demo.h"
#include "loader.h"
#include "pager.h"

int main(void)
{
	demo_run();
	loader_start_modules();
	pager_serve();
}
