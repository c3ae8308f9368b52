package verify

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/contrat-local-sante/cls/internal/frdate"
)

// pdfDate is a PDF date, D:YYYYMMDDHHmmSS with an optional zone (Z, or
// +HH'mm' / -HH'mm'); the seconds and the zone may be missing.
var pdfDate = regexp.MustCompile(`^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?`)

// frenchDate writes a signature's /M in French, « 30 novembre 2026 à
// 20 h 10 (UTC) », keeping the zone the signing tool wrote; a date that
// does not read as a PDF date is returned as written.
func frenchDate(s string) string {
	m := pdfDate.FindStringSubmatch(s)
	if m == nil {
		return s
	}
	n := func(i int) int { v, _ := strconv.Atoi(m[i]); return v }
	t := time.Date(n(1), time.Month(n(2)), n(3), n(4), n(5), 0, 0, time.UTC)
	if t.Month() != time.Month(n(2)) || t.Day() != n(3) || n(4) > 23 || n(5) > 59 {
		return s
	}
	zone := ""
	switch z := m[7]; {
	case z == "Z":
		zone = " (UTC)"
	case z != "":
		z = strings.ReplaceAll(z, "'", "")
		zone = fmt.Sprintf(" (UTC%s:%s)", z[:3], z[3:])
	}
	return fmt.Sprintf("%s à %d h %02d%s", frdate.Long(t, false), t.Hour(), t.Minute(), zone)
}
