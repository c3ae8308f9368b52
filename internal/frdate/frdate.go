// Package frdate writes dates in French words: "10 juillet 2025",
// "1er janvier 2026", "mardi 11 mars 2025".
package frdate

import (
	"fmt"
	"time"
)

var months = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

var weekdays = []string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}

// Words writes a YYYY-MM-DD date in words; other text is returned as is.
func Words(s string) string {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return s
	}
	return Long(t, false)
}

// Long writes t in words, with its weekday when asked: "1er juillet
// 2025", "mardi 11 mars 2025".
func Long(t time.Time, weekday bool) string {
	s := fmt.Sprintf("%s %s %d", Day(t.Day()), Month(t.Month()), t.Year())
	if weekday {
		s = Weekday(t.Weekday()) + " " + s
	}
	return s
}

// Day writes a day of the month as French writes it in a date: "1er",
// "2", "31".
func Day(d int) string {
	if d == 1 {
		return "1er"
	}
	return fmt.Sprint(d)
}

// Month is the name of a month, in lower case as French writes it.
func Month(m time.Month) string {
	if m < time.January || m > time.December {
		return fmt.Sprint(int(m))
	}
	return months[m-1]
}

// Weekday is the name of a day of the week, in lower case.
func Weekday(d time.Weekday) string {
	if d < time.Sunday || d > time.Saturday {
		return fmt.Sprint(int(d))
	}
	return weekdays[d]
}
