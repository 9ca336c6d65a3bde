package reports

import "strings"

// columnWidths gives each column of a table its width. Columns with a
// Width keep it; the others share what is left by their content. Each
// gets at least its narrowest fit (its widest word, or widest line when
// NoWrap, and its title), so words stay whole. Since a row is as tall as
// its tallest cell, the rest goes to putting as many rows as possible on
// one line (oneLineRows), then to keeping as many more cells as possible
// whole (wholeCells); what remains goes to the columns in proportion to
// the rows they still wrap. When even the narrowest fits do not go
// in, they shrink alike and words break. One column without a width
// takes all that is left.
func (d *Doc) columnWidths(cols []Column, rows [][]string) []float64 {
	widths := make([]float64, len(cols))
	left := d.pageWidth()
	var open []int
	for i, c := range cols {
		if c.Width > 0 {
			widths[i] = c.Width
			left -= c.Width
		} else {
			open = append(open, i)
		}
	}
	switch len(open) {
	case 0:
		return widths
	case 1:
		widths[open[0]] = left
		return widths
	}
	least, need := d.contentWidths(cols, rows, open)
	sum := 0.0
	for _, i := range open {
		widths[i] = least[i]
		sum += least[i]
	}
	if sum > left {
		for _, i := range open {
			widths[i] = left * least[i] / sum
		}
		return widths
	}
	sample := sampleRows(need)
	sum = oneLineRows(widths, sample, open, sum, left)
	sum = wholeCells(widths, sample, open, sum, left)

	// Share the rest by the rows each column still wraps, never wider
	// than its longest line; the last open column takes what is over.
	wraps := make([]int, len(cols))
	total := 0
	for _, n := range need {
		for _, i := range open {
			if n[i] > widths[i] {
				wraps[i]++
				total++
			}
		}
	}
	spare := left - sum
	for _, i := range open {
		if total == 0 {
			break
		}
		longest := widths[i]
		for _, n := range need {
			longest = max(longest, n[i])
		}
		grow := min(spare*float64(wraps[i])/float64(total), longest-widths[i])
		widths[i] += grow
		sum += grow
	}
	widths[open[len(open)-1]] += left - sum
	return widths
}

// sampledRows bounds the rows oneLineRows weighs, whose cost grows with
// the cube of their number: a day's list is far below it, a long report
// is judged on rows spread evenly through it.
const sampledRows = 200

func sampleRows(need [][]float64) [][]float64 {
	if len(need) <= sampledRows {
		return need
	}
	sample := make([][]float64, sampledRows)
	for k := range sample {
		sample[k] = need[k*len(need)/sampledRows]
	}
	return sample
}

// oneLineRows widens the open columns step by step to put whole rows on
// one line: each step widens them to the needs of the row that brings
// the most rows onto one line per millimetre, until no further row fits
// in left. It returns the widths' new sum.
func oneLineRows(widths []float64, need [][]float64, open []int, sum, left float64) float64 {
	fits := func(r int, w []float64) bool {
		for _, i := range open {
			if need[r][i] > w[i] {
				return false
			}
		}
		return true
	}
	done := make([]bool, len(need))
	trial := make([]float64, len(widths))
	best := make([]float64, len(widths))
	for {
		bestScore, bestCost := -1.0, 0.0
		for r := range need {
			if done[r] {
				continue
			}
			copy(trial, widths)
			cost := 0.0
			for _, i := range open {
				if need[r][i] > trial[i] {
					cost += need[r][i] - trial[i]
					trial[i] = need[r][i]
				}
			}
			if sum+cost > left {
				continue
			}
			gained := 0
			for q := range need {
				if !done[q] && fits(q, trial) {
					gained++
				}
			}
			if score := float64(gained) / max(cost, 0.01); score > bestScore {
				bestScore, bestCost = score, cost
				copy(best, trial)
			}
		}
		if bestScore < 0 {
			return sum
		}
		copy(widths, best)
		sum += bestCost
		for q := range need {
			done[q] = done[q] || fits(q, widths)
		}
	}
}

// wholeCells widens single columns, in the rows that could not go on one
// line, to show more of their cells whole: a name or a type on one line
// reads better even when the notes beside it wrap. Each step takes the
// widening that makes the most cells whole per millimetre, until none
// fits in left. It returns the widths' new sum.
func wholeCells(widths []float64, need [][]float64, open []int, sum, left float64) float64 {
	for {
		bestCol, bestWidth, bestScore := -1, 0.0, 0.0
		for _, i := range open {
			for _, n := range need {
				to := n[i]
				cost := to - widths[i]
				if cost <= 0 || sum+cost > left {
					continue
				}
				gained := 0
				for _, m := range need {
					if m[i] > widths[i] && m[i] <= to {
						gained++
					}
				}
				if score := float64(gained) / cost; score > bestScore {
					bestCol, bestWidth, bestScore = i, to, score
				}
			}
		}
		if bestCol < 0 {
			return sum
		}
		sum += bestWidth - widths[bestCol]
		widths[bestCol] = bestWidth
	}
}

// contentWidths measures the open columns: least is the narrowest width
// that breaks no word (no line, for NoWrap) and fits the title, and
// need[r][i] the width that shows every line of row r's cell i whole;
// both include the cell padding.
func (d *Doc) contentWidths(cols []Column, rows [][]string, open []int) (least []float64, need [][]float64) {
	least = make([]float64, len(cols))
	d.pdf.SetFont("DejaVu", "B", fontSize) // titles are bold
	for _, i := range open {
		least[i] = d.width(cols[i].Title) + cellPadding
	}
	d.pdf.SetFont("DejaVu", "", fontSize)
	need = make([][]float64, len(rows))
	for r, row := range rows {
		need[r] = make([]float64, len(cols))
		for _, i := range open {
			if i >= len(row) {
				continue
			}
			for _, line := range strings.Split(row[i], "\n") {
				w := d.width(line) + cellPadding
				need[r][i] = max(need[r][i], w)
				if cols[i].NoWrap {
					least[i] = max(least[i], w)
					continue
				}
				for _, word := range strings.Fields(line) {
					least[i] = max(least[i], d.width(word)+cellPadding)
				}
			}
		}
	}
	return least, need
}
