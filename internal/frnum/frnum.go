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
	out := Group(intPart)
	if frac != "" {
		out += "," + frac
	}
	if neg && strings.Trim(out, "0,\u202f") != "" {
		out = "-" + out
	}
	return out
}

// Group puts a narrow no-break space between groups of three digits of
// an integer written in digits: "72812" → "72 812". Four digits are
// grouped too (« 1 500 »), as the Imprimerie nationale asks in tables.
func Group(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString("\u202f")
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Round writes |v| in decimal digits, rounded to the given number of
// decimals half away from zero on its shortest decimal form, as a
// spreadsheet does (2.675 → "2.68", where strconv gives "2.67"): the
// integer digits and the decimals, without sign.
func Round(v float64, decimals int) (intPart, frac string) {
	s := strconv.FormatFloat(math.Abs(v), 'f', -1, 64)
	intPart, frac, _ = strings.Cut(s, ".")
	if len(frac) <= decimals {
		return intPart, frac + strings.Repeat("0", decimals-len(frac))
	}
	up := frac[decimals] >= '5'
	digits := []byte(intPart + frac[:decimals])
	if up {
		i := len(digits) - 1
		for ; i >= 0; i-- {
			if digits[i] == '9' {
				digits[i] = '0'
				continue
			}
			digits[i]++
			break
		}
		if i < 0 {
			digits = append([]byte{'1'}, digits...)
		}
	}
	n := len(digits) - decimals
	return string(digits[:n]), string(digits[n:])
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
