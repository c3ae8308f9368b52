package compose

import (
	"fmt"
	"sort"
	"strings"

	"github.com/contrat-local-sante/cls/internal/model"
)

// params checks that a directive of the annex has every parameter it takes
// and no other: its words are the template's own, the program has none to
// fill a gap with, and a misspelt parameter would otherwise be ignored.
// A parameter may be empty (« mention: »).
func (a *annex) params(d directive, t model.Template, names ...string) bool {
	want := map[string]bool{}
	var missing []string
	for _, n := range names {
		want[n] = true
		if _, ok := d.Params[n]; !ok {
			missing = append(missing, n)
		}
	}
	var unknown []string
	for n := range d.Params {
		if !want[n] {
			unknown = append(unknown, n)
		}
	}
	sort.Strings(unknown)
	ok := true
	if len(missing) > 0 {
		ok = false
		a.k.probs = append(a.k.probs, problemAt(t, d.Line, fmt.Sprintf("directive « %s » : %s ; attendu une ligne « clé: texte » pour chacun de : %s (voir docs/sources.md, section 7)",
			d.Name, either(len(missing) > 1, "paramètres absents : ", "paramètre absent : ")+strings.Join(missing, ", "), strings.Join(names, ", ")), d.Text))
	}
	if len(unknown) > 0 {
		ok = false
		a.k.probs = append(a.k.probs, problemAt(t, d.Line, fmt.Sprintf("directive « %s » : %s (faute de frappe ?) ; attendu : %s",
			d.Name, either(len(unknown) > 1, "paramètres inconnus : ", "paramètre inconnu : ")+strings.Join(unknown, ", "), strings.Join(names, ", ")), d.Text))
	}
	return ok
}

// fill replaces the {placeholders} of a directive's words with name/value
// pairs, in one pass: a value (a fiche's title, a comment) is never read
// for placeholders itself.
func fill(s string, pairs ...string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	var old []string
	for i := 0; i+1 < len(pairs); i += 2 {
		old = append(old, "{"+pairs[i]+"}", pairs[i+1])
	}
	return strings.NewReplacer(old...).Replace(s)
}

// either is yes when cond holds, else no.
func either(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}
