// Package numfmt shows a spreadsheet cell's number as its number format
// says, in French, whatever the format's language: a contract prints
// « mardi 11 mars 2025 », « 14,2 % » and « 12 345 » where Excel or
// LibreOffice, set to another language, would show « Tuesday, March 11,
// 2025 », « 14.2% » or « 12,345 ».
//
// Dates follow one French rule rather than the format's letter: the
// weekday when the format shows one, the month in words when it shows a
// month name (« 11 mars 2025 »), else digits (« 11/03/2025 »), the year
// always with four digits. Numbers keep the format's decimals, grouping,
// percent sign and literal text, with a decimal comma and a narrow
// no-break space between thousands. What cannot be shown faithfully
// (fractions, scientific notation, conditions, colours, elapsed times…)
// is written as a plain number and reported as such, for the reader to
// warn the coordinator.
package numfmt

import (
	"math"
	"strconv"
	"strings"

	"github.com/contrat-local-sante/cls/internal/frnum"
)

// Kind is what a format shows.
type Kind int

// The kinds of format.
const (
	General Kind = iota // no format: the number as it is
	Number              // digits with decimals, grouping or text
	Percent             // a number ×100 with « % »
	Date                // a date, a time, or both
)

// Result is a number as its cell shows it.
type Result struct {
	Text string // what the cell shows, in French
	// Value is the number the reader reads: ×100 for a percentage,
	// ÷1000 for each comma a format ends with; the cell's value for a
	// date.
	Value float64
	// Decimals is how many decimals Text shows; -1 for a General number,
	// which shows as many as it needs.
	Decimals int
	Kind     Kind
	// Faithful is false when the format has parts that cannot be shown
	// (a fraction, an exponent, a condition, a colour…): Text is then
	// the nearest plain rendering.
	Faithful bool
}

// Render shows v, a cell's stored number, as the format code shows it.
// date1904 is the workbook's date system (Mac Excel's older workbooks
// count days from 1904).
func Render(v float64, code string, date1904 bool) Result {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Result{Text: strconv.FormatFloat(v, 'g', -1, 64), Value: v, Decimals: -1}
	}
	secs := sections(code)
	sec, negSection := secs[0], false
	conditional := false
	for _, s := range secs {
		conditional = conditional || hasCondition(s)
	}
	switch {
	case conditional:
		// [>100]…: which section applies is the condition's to say
	case len(secs) >= 3 && v == 0:
		sec = secs[2]
	case len(secs) >= 2 && v < 0:
		sec, negSection = secs[1], true
	}
	toks, ok := tokenize(sec)
	r := render(v, toks, negSection, date1904)
	r.Faithful = r.Faithful && ok && !conditional
	if r.Kind != Date {
		r.Text = tidy(r.Text)
	}
	return r
}

// render shows v with one section's tokens. negSection tells that the
// section is the one for negative numbers, which writes its own sign.
func render(v float64, toks []token, negSection bool, date1904 bool) Result {
	var hasDate, hasDigit, hasExp, hasSlash, hasGeneral bool
	for _, t := range toks {
		switch t.kind {
		case tokDate:
			hasDate = true
		case tokDigit:
			hasDigit = true
		case tokExp:
			hasExp = true
		case tokSlash:
			hasSlash = true
		case tokGeneral:
			hasGeneral = true
		}
	}
	switch {
	case hasDate:
		return renderDate(v, toks, date1904)
	case hasExp || hasSlash && hasDigit:
		// scientific notation or a fraction: the plain number instead
		r := plain(v)
		r.Faithful = false
		return r
	case hasDigit:
		return renderNumber(v, toks, negSection)
	case hasGeneral:
		return renderGeneral(v, toks, negSection)
	}
	// no digit at all: the section is its text (« - » for zero), or
	// empty (a hidden value), or « @ » (a text format on a number)
	text, at := "", false
	for _, t := range toks {
		switch t.kind {
		case tokAt:
			at = true
		case tokPercent:
			text += "%"
		case tokLit, tokPoint, tokComma:
			text += t.text
		}
	}
	if at {
		return plain(v)
	}
	return Result{Text: text, Value: v, Decimals: -1, Kind: Number, Faithful: true}
}

// plain is v with no format: as a spreadsheet shows a General cell, with
// a decimal comma; an exponent is not shown, and reported.
func plain(v float64) Result {
	text, ok := general(v)
	return Result{Text: text, Value: v, Decimals: -1, Kind: General, Faithful: ok}
}

// general writes v as a General cell shows it: no grouping, up to ten
// decimals, the floating point noise of a computed value rounded off
// (0.1+0.2 shows 0,3). Numbers a spreadsheet would show with an exponent
// are written in full and reported.
func general(v float64) (string, bool) {
	a := math.Abs(v)
	ok := a == 0 || a < 1e11 && a >= 1e-9
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return strconv.FormatFloat(v, 'g', -1, 64), false
	}
	// 15 significant digits, as spreadsheets store them
	s := strconv.FormatFloat(v, 'g', 15, 64)
	f, _ := strconv.ParseFloat(s, 64)
	ip, fp := frnum.Round(f, 10)
	fp = strings.TrimRight(fp, "0")
	out := ip
	if fp != "" {
		out += "," + fp
	}
	if v < 0 && strings.Trim(out, "0,") != "" {
		out = "-" + out
	}
	return out, ok
}

// renderGeneral shows a General section with text around it
// (General" kg").
func renderGeneral(v float64, toks []token, negSection bool) Result {
	n := v
	if negSection {
		n = math.Abs(v)
	}
	num, ok := general(n)
	var b strings.Builder
	for _, t := range toks {
		switch t.kind {
		case tokGeneral:
			b.WriteString(num)
		case tokPercent:
			b.WriteString("%")
		case tokLit, tokPoint, tokComma:
			b.WriteString(t.text)
		}
	}
	return Result{Text: b.String(), Value: v, Decimals: -1, Kind: General, Faithful: ok}
}

// renderNumber shows v with a section of digit placeholders: 0 # ?,
// a decimal point, a thousands comma, % and literal text around them.
func renderNumber(v float64, toks []token, negSection bool) Result {
	first, last := -1, -1
	percents := 0
	for i, t := range toks {
		if t.kind == tokDigit {
			if first < 0 {
				first = i
			}
			last = i
		}
		if t.kind == tokPercent {
			percents++
		}
	}
	faithful := true
	scale := math.Pow(100, float64(percents))
	// commas right after the last digit divide by a thousand each
	end := last + 1
	for end < len(toks) && toks[end].kind == tokComma {
		scale /= 1000
		end++
	}
	// a point right after the last digit (« 0. ») belongs to the number
	if end < len(toks) && toks[end].kind == tokPoint && (end+1 >= len(toks) || toks[end+1].kind != tokDigit) {
		end++
	}
	var minInt, maxDec, minDec int
	grouping, afterPoint := false, false
	for i := first; i < end; i++ {
		switch t := toks[i]; t.kind {
		case tokDigit:
			if afterPoint {
				maxDec++
				if t.text == "0" {
					minDec = maxDec
				}
			} else if t.text == "0" {
				minInt++
			}
		case tokPoint:
			afterPoint = true
		case tokComma:
			if !afterPoint {
				grouping = true
			}
		default:
			// text between the digits (« 0# ## ## ») spreads them over
			// the text: not done, the number is written whole
			faithful = false
		}
	}
	value := v * scale
	if math.IsInf(value, 0) {
		r := plain(v) // 1e308 as a percentage
		r.Faithful = false
		return r
	}
	shown := math.Abs(value)
	ip, fp := frnum.Round(shown, maxDec)
	for len(fp) > minDec && strings.HasSuffix(fp, "0") {
		fp = fp[:len(fp)-1]
	}
	ip = strings.TrimLeft(ip, "0")
	for len(ip) < minInt {
		ip = "0" + ip
	}
	if grouping {
		ip = frnum.Group(ip)
	}
	num := ip
	if fp != "" {
		num += "," + fp
	}
	var b strings.Builder
	if v < 0 && !negSection && strings.Trim(num, "0,\u202f") != "" {
		b.WriteString("-")
	}
	for i, t := range toks {
		switch {
		case i == first:
			b.WriteString(num)
		case i > first && i < end:
		case t.kind == tokPercent:
			percentSign(&b)
		case t.kind == tokLit || t.kind == tokPoint || t.kind == tokComma:
			b.WriteString(t.text)
		}
	}
	kind := Number
	if percents > 0 {
		kind = Percent
	}
	return Result{Text: b.String(), Value: value, Decimals: maxDec, Kind: kind, Faithful: faithful}
}

// percentSign writes « % » after a no-break space, as French sets it:
// « 14,2 % », whether the format had « 0.0% » or « 0.0 % ».
func percentSign(b *strings.Builder) {
	s := b.String()
	s = strings.TrimRight(s, " \u00a0\u202f")
	b.Reset()
	b.WriteString(s)
	if s != "" {
		b.WriteString("\u00a0")
	}
	b.WriteString("%")
}

// tidy keeps a number and its unit on one line (a date may break
// between its words, as the contract's other dates do) and drops the padding
// formats put at their ends: spaces become no-break spaces, runs of them
// one.
func tidy(s string) string {
	if !strings.ContainsAny(s, " \u00a0") {
		return s
	}
	s = strings.ReplaceAll(s, " ", "\u00a0")
	for strings.Contains(s, "\u00a0\u00a0") {
		s = strings.ReplaceAll(s, "\u00a0\u00a0", "\u00a0")
	}
	return strings.Trim(s, "\u00a0")
}
