#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# shellcheck shell=bash source-path=SCRIPTDIR
#
# plot_ipc <bench-lines> <out.svg> [<subtitle>]: plot the median of the
# ipc_rt_{inter,intra}_as_<N>w and ..._<N>w_slowpath BENCH lines against N
# with gnuplot into an SVG. Series without lines are left out. The SVG holds
# no date, so the same figures give the same file. Returns 0 if it wrote the
# SVG, 1 (with a warning) if it could not: no gnuplot, no IPC lines, or
# gnuplot failed. Installs gnuplot-nox (setup_packages) if gnuplot is missing.
#
# Sourced by scripts/bench; run directly for a test:
#   scripts/lib/plot.sh build/gcc/bench/bench-lines.txt /tmp/ipc.svg

plot_ipc() {
	local lines=$1 svg=$2 subtitle=${3:-Bochs corei7_skylake_x, clock sync=none}
	subtitle=${subtitle//[\"\\]/}	# it goes into a gnuplot string
	if ! command -v gnuplot >/dev/null; then
		if ! declare -F setup_packages >/dev/null; then
			# shellcheck source=setup.sh
			. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
		fi
		setup_packages gnuplot-nox >&2 || true
		hash -r
	fi
	if ! command -v gnuplot >/dev/null; then
		echo "plot: warning: no gnuplot (package gnuplot-nox); no plot" >&2
		return 1
	fi
	if [ ! -r "$lines" ]; then
		echo "plot: warning: cannot read $lines; no plot" >&2
		return 1
	fi

	# One datablock per series, "N median" sorted by N, the last line of a
	# name winning; and the unit of the first IPC line.
	local data
	data=$(tr -d '\r' <"$lines" | LC_ALL=C awk '
		$1 != "BENCH" { next }
		{
			name = unit = median = ""
			for (i = 2; i <= NF; i++) {
				if ($i ~ /^name=/) name = substr($i, 6)
				else if ($i ~ /^unit=/) unit = substr($i, 6)
				else if ($i ~ /^median=/) median = substr($i, 8)
			}
			if (!match(name, /^ipc_rt_(inter|intra)_as_[0-9]+w(_slowpath)?$/))
				next
			if (median !~ /^[0-9]+(\.[0-9]+)?$/) next
			where = substr(name, 8, 5)
			n = substr(name, 17)
			slow = sub(/w_slowpath$/, "", n)
			if (!slow) sub(/w$/, "", n)
			s = where (slow ? "_slow" : "_fast")
			v[s, n + 0] = median
			if (!((s, n + 0) in seen)) { seen[s, n + 0] = 1; ns[s] = ns[s] " " (n + 0) }
			if (firstunit == "") firstunit = unit
		}
		END {
			split("inter_fast inter_slow intra_fast intra_slow", order, " ")
			for (k = 1; k <= 4; k++) {
				s = order[k]
				if (!(s in ns)) continue
				c = split(substr(ns[s], 2), x, " ")
				for (i = 2; i <= c; i++)	# insertion sort, few points
					for (j = i; j > 1 && x[j - 1] + 0 > x[j] + 0; j--) {
						t = x[j]; x[j] = x[j - 1]; x[j - 1] = t
					}
				print "$" s " << EOD"
				for (i = 1; i <= c; i++) print x[i], v[s, x[i]]
				print "EOD"
			}
			print "# unit " firstunit
		}')
	local unit
	unit=$(sed -n 's/^# unit //p' <<<"$data")
	unit=${unit//[\"\\]/}
	[ -n "$unit" ] || unit=instructions

	local plots=() s title style
	for s in inter_fast inter_slow intra_fast intra_slow; do
		grep -q "^\\\$$s << EOD" <<<"$data" || continue
		case $s in
		inter_fast) title="inter-AS, fastpath on"
			style='lc rgb "#1f5fbf" dt 1 pt 7' ;;
		inter_slow) title="inter-AS, fastpath off"
			style='lc rgb "#1f5fbf" dt 2 pt 6' ;;
		intra_fast) title="intra-AS, fastpath on"
			style='lc rgb "#d9591a" dt 1 pt 5' ;;
		intra_slow) title="intra-AS, fastpath off"
			style='lc rgb "#d9591a" dt 2 pt 4' ;;
		esac
		plots+=("\$$s using 1:2 with linespoints $style lw 1.5 ps 0.9 title \"$title\"")
	done
	if [ ${#plots[@]} -eq 0 ]; then
		echo "plot: warning: no ipc_rt_* lines in $lines; no plot" >&2
		return 1
	fi

	local cmd joined i
	joined=${plots[0]}
	for ((i = 1; i < ${#plots[@]}; i++)); do
		joined+=", \\"$'\n'"     ${plots[i]}"
	done
	local tmp=$svg.tmp.$$
	cmd=$(
		cat <<EOF
$data
set terminal svg size 800,500 fixed noenhanced font "Helvetica,13" background rgb "white"
set output "$tmp"
set title "IPC round trip against message length\\n$subtitle"
set xlabel "untyped words"
set ylabel "$unit"
set key center right Left reverse box opaque
set grid xtics ytics lc rgb "#dddddd" lt 1
set xrange [0:64]
set xtics 0,8,64
set mxtics 2
set yrange [0:*]
set offsets 0, 0, graph 0.05, 0
plot $joined
set output
EOF
	)
	if ! LC_ALL=C gnuplot <<<"$cmd" >/dev/null || [ ! -s "$tmp" ]; then
		rm -f "$tmp"
		echo "plot: warning: gnuplot failed; no plot" >&2
		return 1
	fi
	# Leave the file alone (and its time stamp) if nothing changed.
	if cmp -s "$tmp" "$svg"; then
		rm -f "$tmp"
	else
		mv "$tmp" "$svg"
	fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	set -u
	if [ $# -lt 2 ] || [ $# -gt 3 ]; then
		echo "usage: $0 <bench-lines> <out.svg> [<subtitle>]" >&2
		exit 2
	fi
	plot_ipc "$@"
fi
