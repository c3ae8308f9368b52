package source

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/frnum"
	"github.com/contrat-local-sante/cls/internal/numfmt"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// Cells are read as stored and shown here, not by excelize: excelize
// applies a number format in English (« Tuesday, March 11, 2025 »,
// « 12,345 »), or not at all (a percentage « 0.142 »), where a contract
// prints what the cell shows, in French (package numfmt).

// maxFormatCode bounds a number format code: Excel allows 255
// characters; a longer one comes from a damaged or forged file, and is
// not worth the work of reading it for every cell.
const maxFormatCode = 1024

// cellFormats caches what a workbook's styles say about numbers.
type cellFormats struct {
	codes    map[int]formatCode // by style index
	date1904 *bool
}

// formatCode is a style's number format: its code, and how to name it in
// a message.
type formatCode struct {
	code string
	name string // « # ?/? », or « n° 5 » for a built-in format with no fixed code
	ok   bool   // the code can be read
}

// number reads a cell holding a number (col from 0, row from 1, raw as
// stored) as its format shows it. ok is false for a text cell, a formula
// giving text, a boolean, an error: those print as stored. A format that
// cannot be shown faithfully is reported, with what the cell prints
// instead.
func (w *workbook) number(stored, sheet string, col, row int, raw string, probs *diag.List) (numfmt.Result, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" || !strings.ContainsAny(raw[:1], "-+.0123456789") {
		return numfmt.Result{}, false
	}
	v, err := strconv.ParseFloat(raw, 64)
	date, isDate := isoDate(raw)
	if (err != nil || math.IsInf(v, 0) || math.IsNaN(v)) && !isDate {
		return numfmt.Result{}, false
	}
	ref := cellName(col+1, row)
	typ, err := w.f.GetCellType(stored, ref)
	switch {
	case err != nil:
		return numfmt.Result{}, false
	case typ == excelize.CellTypeDate && isDate:
		// a date stored as text (t="d"), as some programs write them
		v = date
	case typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset:
		if isDate {
			return numfmt.Result{}, false
		}
	default:
		return numfmt.Result{}, false // text that looks like a number stays text
	}
	fc := w.formatOf(stored, ref)
	var r numfmt.Result
	if typ == excelize.CellTypeDate {
		if r = numfmt.Render(v, fc.code, false); r.Kind != numfmt.Date {
			r = numfmt.Render(v, "dd/mm/yyyy", false)
		}
	} else {
		r = numfmt.Render(v, fc.code, w.date1904())
	}
	if !fc.ok || !r.Faithful {
		probs.Warnf(w.name, sheet, ref, "format de nombre %s non pris en charge : la cellule s'imprime « %s » ; attendu un format de date, de nombre ou de pourcentage simple", fc.name, readable(r.Text))
	}
	return r, true
}

// isoDate reads a date stored as ISO 8601 text (2025-03-11T00:00:00Z)
// and returns it as a date serial number, days since 30 December 1899.
func isoDate(raw string) (float64, bool) {
	for _, layout := range []string{"2006-01-02T15:04:05Z", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, raw); err == nil {
			d := t.Sub(time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24
			return d, d >= 61 // from 1 March 1900: the serials before count a day that never was
		}
	}
	return 0, false
}

// shown is what a cell read as stored prints: a number as its format
// shows it, in French; anything else as stored.
func (w *workbook) shown(stored, sheet string, col, row int, raw string, probs *diag.List) string {
	if r, ok := w.number(stored, sheet, col, row, raw, probs); ok {
		return r.Text
	}
	if raw == "0" || raw == "1" {
		// a boolean is stored 0 or 1: printed as before, as excelize
		// shows it
		ref := cellName(col+1, row)
		if typ, err := w.f.GetCellType(stored, ref); err == nil && typ == excelize.CellTypeBool {
			if v, err := w.f.GetCellValue(stored, ref); err == nil {
				return v
			}
		}
	}
	return raw
}

// label is what a cell used as a label prints (a statistics table's
// title, header or category): a date as its format shows it, any other
// number as a General cell shows it, without grouping: a year formatted
// « #,##0 » with the rest of the sheet is « 2023 », not « 2 023 ».
func (w *workbook) label(stored, sheet string, col, row int, raw string, probs *diag.List) string {
	r, ok := w.number(stored, sheet, col, row, raw, probs)
	switch {
	case !ok:
		return raw
	case r.Kind == numfmt.Date:
		return r.Text
	}
	v, _ := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	return numfmt.Render(v, "General", false).Text
}

// formatOf returns a cell's number format, General when it has none.
func (w *workbook) formatOf(stored, ref string) formatCode {
	general := formatCode{code: "General", name: "« General »", ok: true}
	id, err := w.f.GetCellStyle(stored, ref)
	if err != nil || id <= 0 {
		return general
	}
	if fc, ok := w.formats.codes[id]; ok {
		return fc
	}
	fc := general
	if st, err := w.f.GetStyle(id); err == nil {
		switch {
		case st.CustomNumFmt != nil && len(*st.CustomNumFmt) > maxFormatCode:
			fc = formatCode{code: "General", name: fmt.Sprintf("de %d caractères", len(*st.CustomNumFmt))}
		case st.CustomNumFmt != nil:
			fc = formatCode{code: *st.CustomNumFmt, name: "« " + textnorm.Escape(*st.CustomNumFmt) + " »", ok: true}
		default:
			if code, ok := numfmt.Builtin(st.NumFmt); ok {
				fc = formatCode{code: code, name: "« " + code + " »", ok: true}
			} else {
				fc = formatCode{code: "General", name: fmt.Sprintf("n° %d", st.NumFmt)}
			}
		}
	}
	if w.formats.codes == nil {
		w.formats.codes = map[int]formatCode{}
	}
	w.formats.codes[id] = fc
	return fc
}

// date1904 tells whether the workbook counts dates from 1904 (older Mac
// Excel workbooks).
func (w *workbook) date1904() bool {
	if w.formats.date1904 == nil {
		p, err := w.f.GetWorkbookProps()
		b := err == nil && p.Date1904 != nil && *p.Date1904
		w.formats.date1904 = &b
	}
	return *w.formats.date1904
}

// readable writes a printed text for a message: its no-break spaces as
// spaces, anything unprintable escaped.
func readable(s string) string {
	return textnorm.Escape(strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(s))
}

// printedNumber is how a number read from a cell prints, when the
// contract should not simply write it plainly: a cell with a number
// format as the format shows it (« 14,2 % », « 12 345 »), a percentage
// typed as text with the French sign (« 92 % » typed stays « 92 % », not
// « 92 »). "" for a General number or plain typed digits: the caller
// writes the number plainly, as always. s is the cell's text as read,
// n the number it holds.
func (t *table) printedNumber(i int, col, s string, n float64) string {
	c, ok := t.cols[normHeader(col)]
	if !ok || c >= len(t.rows[i]) {
		return ""
	}
	return t.wb.printedNumber(t.stored, t.sheet, c, t.lines[i], t.rows[i][c], s, n)
}

// getLabel is get for a column of labels (see label).
func (t *table) getLabel(i int, col string) string {
	c, ok := t.cols[normHeader(col)]
	if !ok || c >= len(t.rows[i]) {
		return ""
	}
	v := t.wb.label(t.stored, t.sheet, c, t.lines[i], t.rows[i][c], t.probs)
	return strings.TrimSpace(t.wb.cellText(t.sheet, c, t.lines[i], v, t.probs))
}

func (w *workbook) printedNumber(stored, sheet string, col, row int, raw, s string, n float64) string {
	var quiet diag.List // number was reported when the cell was read
	if r, ok := w.number(stored, sheet, col, row, raw, &quiet); ok {
		if r.Kind == numfmt.General {
			return ""
		}
		return r.Text
	}
	if strings.HasSuffix(s, "%") {
		return frnum.Format(n, typedDecimals(s)) + "\u00a0%"
	}
	return ""
}

// typedDecimals counts the decimals of a number typed as text: "21,40" →
// 2, "92 %" → 0.
func typedDecimals(s string) int {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if i := strings.LastIndexAny(s, ".,"); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}
