package source

import (
	"strings"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/frnum"
	"github.com/contrat-local-sante/cls/internal/model"
	"github.com/contrat-local-sante/cls/internal/numfmt"
)

// statNumber is a statistics cell as the reader reads it.
type statNumber struct {
	value    float64 // the number shown: 14.2 for a cell showing 14,2 %
	decimals int     // the decimals shown; -1 when nothing says (General)
	shown    string  // the printed text when the number alone does not say it (« 14,2 % »), else ""
}

// statValue reads a statistics cell (col from 0, row from 1): raw as
// stored, text as read (a number shown in French). A number cell gives
// the number its format shows, with its decimals; a percentage keeps its
// sign unless the table's unit already says « % ». A number typed as text
// gives its decimals as typed. Dates and words are not numbers.
func (w *workbook) statValue(stored, sheet string, col, row int, raw, text, unit string) (statNumber, bool) {
	percentUnit := strings.TrimSpace(unit) == "%"
	var quiet diag.List // reported when the cell was read
	if r, ok := w.number(stored, sheet, col, row, raw, &quiet); ok {
		if r.Kind == numfmt.Date {
			return statNumber{}, false
		}
		n := statNumber{value: r.Value, decimals: r.Decimals}
		plain := frnum.Plain(r.Value)
		if r.Decimals >= 0 {
			plain = frnum.Format(r.Value, r.Decimals)
		}
		if r.Kind != numfmt.General && r.Text != plain && !(percentUnit && r.Kind == numfmt.Percent) {
			n.shown = r.Text
		}
		return n, true
	}
	v, ok := parseNumber(text)
	if !ok {
		return statNumber{}, false
	}
	n := statNumber{value: v, decimals: typedDecimals(text)}
	if strings.HasSuffix(text, "%") && !percentUnit {
		n.shown = frnum.Format(v, n.decimals) + "\u00a0%"
	}
	return n, true
}

// setStat puts a cell's number in column k of a row.
func setStat(r *model.StatRow, k int, n statNumber) {
	r.Values[k], r.Set[k], r.Decimals[k] = n.value, true, n.decimals
	if n.shown != "" {
		if r.Shown == nil {
			r.Shown = make([]string, len(r.Values))
		}
		r.Shown[k] = n.shown
	}
}
