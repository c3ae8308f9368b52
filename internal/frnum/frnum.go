// Package frnum writes numbers the French way: a decimal comma and a
// narrow no-break space between groups of thousands (72 812 ; 84,2).
package frnum

import (
	"math"
	"strconv"
	"strings"
)

// Format writes v with the given number of decimals.
func Format(v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	if len(intPart) > 3 {
		var b strings.Builder
		for i, c := range intPart {
			if i > 0 && (len(intPart)-i)%3 == 0 {
				b.WriteString("\u202f")
			}
			b.WriteRune(c)
		}
		intPart = b.String()
	}
	out := intPart
	if frac != "" {
		out += "," + frac
	}
	if neg && strings.Trim(out, "0,\u202f") != "" {
		out = "-" + out
	}
	return out
}

// Decimals returns how many decimals v needs, up to 4: 84.2 → 1, 23 → 0.
func Decimals(v float64) int {
	for d := 0; d < 4; d++ {
		p := math.Pow(10, float64(d))
		if math.Abs(math.Round(v*p)-v*p) < 1e-6 {
			return d
		}
	}
	return 4
}

// Plain writes v with just the decimals it needs.
func Plain(v float64) string { return Format(v, Decimals(v)) }
