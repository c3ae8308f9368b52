package numfmt

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/contrat-local-sante/cls/internal/frdate"
)

// dateParts is what a date format shows, whatever its order, separators
// and language.
type dateParts struct {
	weekday, day, monthNum, monthName, year bool
	hour, minute, second                    bool
}

// renderDate shows a date serial number the French way: « mardi 11 mars
// 2025 » when the format shows the weekday, « 11 mars 2025 » when it
// shows a month name, « 11/03/2025 » for digits; a time as « 14:30 ».
func renderDate(v float64, toks []token, date1904 bool) Result {
	t, ok := serialTime(v, date1904)
	if !ok {
		r := plain(v)
		r.Faithful = false
		return r
	}
	var p dateParts
	faithful := true
	for i, tk := range toks {
		switch tk.kind {
		case tokDigit, tokExp, tokPercent:
			faithful = false // mmss.0: tenths of a second, or a number inside a date
			continue
		case tokDate:
		default:
			continue
		}
		switch l := tk.text; l[0] {
		case 'd':
			if len(l) >= 3 {
				p.weekday = true
			} else {
				p.day = true
			}
		case 'n', 'a':
			if l == "am/pm" {
				continue // French times run to 24 h
			}
			p.weekday = true
		case 'y', 'e':
			p.year = true
		case 'h':
			p.hour = true
		case 's':
			p.second = true
		case 'm':
			switch {
			case isMinute(toks, i):
				p.minute = true
			case len(l) >= 3:
				p.monthName = true
			default:
				p.monthNum = true
			}
		}
	}
	var parts []string
	if d := p.date(t); d != "" {
		parts = append(parts, d)
	}
	if c := p.clock(t); c != "" {
		parts = append(parts, c)
	}
	return Result{Text: strings.Join(parts, " "), Value: v, Decimals: 0, Kind: Date, Faithful: faithful}
}

// date writes the date part of t.
func (p dateParts) date(t time.Time) string {
	var parts []string
	if p.weekday {
		parts = append(parts, frdate.Weekday(t.Weekday()))
	}
	switch {
	case p.monthName:
		if p.day {
			parts = append(parts, frdate.Day(t.Day()))
		}
		parts = append(parts, frdate.Month(t.Month()))
		if p.year {
			parts = append(parts, fmt.Sprint(t.Year()))
		}
	case p.day || p.monthNum || p.year:
		var digits []string
		if p.day {
			digits = append(digits, fmt.Sprintf("%02d", t.Day()))
		}
		if p.monthNum {
			digits = append(digits, fmt.Sprintf("%02d", int(t.Month())))
		}
		if p.year {
			digits = append(digits, fmt.Sprintf("%04d", t.Year()))
		}
		parts = append(parts, strings.Join(digits, "/"))
	}
	return strings.Join(parts, " ")
}

// clock writes the time part of t, on 24 hours.
func (p dateParts) clock(t time.Time) string {
	switch {
	case p.hour && p.second:
		return fmt.Sprintf("%02d:%02d:%02d", t.Hour(), t.Minute(), t.Second())
	case p.hour:
		return fmt.Sprintf("%02d:%02d", t.Hour(), t.Minute())
	case p.minute || p.second:
		return fmt.Sprintf("%02d:%02d", t.Minute(), t.Second())
	}
	return ""
}

// isMinute tells whether the m run at toks[i] means minutes: right after
// an hour or right before seconds, text between them aside.
func isMinute(toks []token, i int) bool {
	for j := i - 1; j >= 0; j-- {
		if toks[j].kind == tokDate {
			if toks[j].text[0] == 'h' {
				return true
			}
			break
		}
	}
	for j := i + 1; j < len(toks); j++ {
		if toks[j].kind == tokDate {
			return toks[j].text[0] == 's'
		}
	}
	return false
}

// serialTime converts a spreadsheet's date number to a time: days since
// 30 December 1899 (1 January 1904 for a workbook in the 1904 system), the
// fraction being the time of day. Excel's 1900 system counts a 29
// February 1900 that never was: serials before 61 are one day later.
func serialTime(v float64, date1904 bool) (time.Time, bool) {
	if math.IsNaN(v) || v < 0 || v >= 2958466 { // 1 January 10000
		return time.Time{}, false
	}
	epoch := time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC)
	if date1904 {
		epoch = time.Date(1904, time.January, 1, 0, 0, 0, 0, time.UTC)
	} else if v < 61 {
		if v >= 60 {
			return time.Time{}, false // 29 February 1900
		}
		epoch = epoch.AddDate(0, 0, 1)
	}
	days := math.Floor(v)
	secs := math.Round((v - days) * 86400)
	return epoch.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second), true
}
