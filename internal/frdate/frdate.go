// Package frdate writes dates in French words: "10 juillet 2025",
// "1er janvier 2026".
package frdate

import (
	"fmt"
	"time"
)

var months = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// Words writes a YYYY-MM-DD date in words; other text is returned as is.
func Words(s string) string {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return s
	}
	day := fmt.Sprint(t.Day())
	if t.Day() == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, months[t.Month()-1], t.Year())
}
