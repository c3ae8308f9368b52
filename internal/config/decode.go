package config

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/viper"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// decode reads every key of c from v by its Go type, so that a value of
// the wrong type is reported with its key and its origin, in French —
// the generic decoder's messages name neither and are in English.
func (c *Config) decode(v *viper.Viper, probs *diag.List) {
	for _, f := range c.fields() {
		if c.bad[f.key] {
			continue
		}
		raw := v.Get(f.key)
		switch f.val.Kind() {
		case reflect.String:
			s, ok := asText(raw)
			if !ok {
				c.bad[f.key] = true
				probs.Errorf(c.Origin(f.key), "", "", "%s est %s ; attendu un texte", f.key, describe(raw))
				continue
			}
			if n := utf8.RuneCountInString(s); n > maxLen(f.key) {
				c.bad[f.key] = true
				probs.Errorf(c.Origin(f.key), "", "", "%s fait %d caractères ; attendu au plus %d", f.key, n, maxLen(f.key))
				continue
			}
			f.val.SetString(s)
		case reflect.Float64:
			x, ok := asNumber(raw)
			if !ok && (raw == nil || raw == "") {
				c.bad[f.key] = true
				probs.Errorf(c.Origin(f.key), "", "", "%s est vide ; attendu un nombre (par exemple %s)", f.key, formatNumber(defaults[f.key].(float64)))
				continue
			}
			if !ok {
				c.bad[f.key] = true
				probs.Errorf(c.Origin(f.key), "", "", "%s vaut %s ; attendu un nombre (par exemple %s)", f.key, describe(raw), formatNumber(defaults[f.key].(float64)))
				continue
			}
			f.val.SetFloat(x)
		}
	}
}

// asText accepts what YAML gives for a text: a string, a number or a
// boolean written without quotes, a date (2025-07-10, which YAML reads as
// a time) written back as AAAA-MM-JJ; nothing (« logo: ») is empty.
func asText(raw any) (string, bool) {
	switch x := raw.(type) {
	case nil:
		return "", true
	case string:
		return x, true
	case time.Time:
		return x.Format("2006-01-02"), true
	case bool, int, int64, uint64, float64:
		return fmt.Sprint(x), true
	}
	return "", false
}

// asNumber accepts a YAML number or a text holding one (from the
// environment or --set), with a decimal point or a French comma. NaN and
// infinities are numbers here; validate refuses them with their key.
func asNumber(raw any) (float64, bool) {
	switch x := raw.(type) {
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint64:
		return float64(x), true
	case float64:
		return x, true
	case string:
		s := strings.Replace(strings.TrimSpace(x), ",", ".", 1)
		f, err := strconv.ParseFloat(s, 64)
		if err != nil && !math.IsInf(f, 0) { // 1e400 is out of range: +Inf
			return 0, false
		}
		return f, true
	}
	return 0, false
}

// describe shows a value that has the wrong type, short and terminal-safe.
func describe(raw any) string {
	switch x := raw.(type) {
	case map[string]any:
		return "une section (« " + strings.Join(sortedKeys(x), " », « ") + " »)"
	case []any:
		return fmt.Sprintf("une liste de %d élément(s)", len(x))
	case nil:
		return "vide"
	case string:
		return "« " + shorten(x) + " »"
	case bool:
		if x {
			return "« true » (oui/non)"
		}
		return "« false » (oui/non)"
	}
	return "« " + shorten(fmt.Sprint(raw)) + " »"
}

func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// shorten cuts a value quoted in a message to 60 characters and escapes
// what a terminal would interpret.
func shorten(s string) string {
	if utf8.RuneCountInString(s) > 60 {
		r := []rune(s)
		s = string(r[:60]) + "…"
	}
	return textnorm.Escape(s)
}

// formatNumber writes a number as cls.yaml would: 10.5, 0, 1e+300.
func formatNumber(x float64) string {
	if math.Abs(x) < 1e9 {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return strconv.FormatFloat(x, 'g', 6, 64)
}

// unknownKeys reports the keys that are not settings: typos of the file
// and of --set, and a section given a plain value (papier: A4).
func (c *Config) unknownKeys(v *viper.Viper, overrides map[string]string, probs *diag.List) {
	known := map[string]bool{}
	sections := map[string][]string{}
	for _, k := range Keys() {
		known[k] = true
		for i := strings.IndexByte(k, '.'); i >= 0; i = nextDot(k, i) {
			sections[k[:i]] = append(sections[k[:i]], k[i+1:])
		}
	}
	keys := v.AllKeys()
	sort.Strings(keys)
	for _, k := range keys {
		if known[k] || underKnown(k, known) {
			continue // a leaf given a section is reported by decode
		}
		where := c.File
		if _, ok := overrides[k]; ok {
			where = "option --set " + k
		}
		if sub, ok := sections[k]; ok {
			if v.Get(k) == nil {
				continue // « territoire: » with nothing below: an empty section
			}
			for _, leaf := range sub {
				c.bad[k+"."+leaf] = true // their values are lost with the section
			}
			probs.Errorf(where, "", "", "%s vaut %s ; attendu une section avec les clés %s", k, describe(v.Get(k)), strings.Join(sub, ", "))
			continue
		}
		hint := ""
		if near := nearest(k, Keys()); near != "" {
			hint = " vouliez-vous dire « " + near + " » ?"
		}
		probs.Errorf(where, "", "", "clé inconnue « %s » (faute de frappe ?%s) ; les clés possibles sont décrites dans docs/sources.md", shorten(k), hint)
	}
}

func nextDot(k string, i int) int {
	j := strings.IndexByte(k[i+1:], '.')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

// underKnown reports whether k lies below a leaf key (territoire.nom.x).
func underKnown(k string, known map[string]bool) bool {
	for i := strings.IndexByte(k, '.'); i >= 0; i = nextDot(k, i) {
		if known[k[:i]] {
			return true
		}
	}
	return false
}

// nearest returns the key closest to k when it is a plausible typo (at
// most two edits away), or "".
func nearest(k string, keys []string) string {
	best, bestD := "", 3
	for _, c := range keys {
		if d := distance(k, c, bestD); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the edit distance between a and b, or max when it is at
// least max (keys are short; a 10 MB key is not compared).
func distance(a, b string, max int) int {
	if len(a) > 100 || len(b) > 100 {
		return max
	}
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	if prev[len(rb)] > max {
		return max
	}
	return prev[len(rb)]
}
