package compose

import (
	"strings"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/model"
)

// The separators of a figure's description: categories apart, and the
// series of one category apart. Punctuation, not words: the words come
// from the data and the labels (section « alt »).
const (
	altCategories = " ; "
	altSeries     = ", "
)

// described gives a figure its description in words, for a screen reader:
// its caption, then what it shows. With no caption, the description is
// what it shows alone.
func (k *composer) described(f *doc.Figure, data string) {
	if f.Caption == "" {
		f.Alt = data
		return
	}
	f.Alt = k.words("alt.figure", "legende", f.Caption, "donnees", data)
}

// chartData writes a chart's data the way it is drawn: each category with
// the value of each series drawn, as its cell shows it (French numbers).
func (k *composer) chartData(spec model.ChartSpec) string {
	t := spec.Data
	if t == nil {
		return ""
	}
	names := spec.Series
	if len(names) == 0 {
		names = t.Series
	}
	var cols []int
	for _, s := range names {
		for i, have := range t.Series {
			if have == s {
				cols = append(cols, i)
				break
			}
		}
	}
	cats := make([]string, 0, len(t.Rows))
	for _, r := range t.Rows {
		vals := make([]string, 0, len(cols))
		for _, col := range cols {
			v := k.word("alt.sans_valeur")
			if col < len(r.Set) && r.Set[col] {
				v = r.Text(col)
			}
			vals = append(vals, k.words("alt.serie", "serie", t.Series[col], "valeur", v))
		}
		cats = append(cats, k.words("alt.categorie", "categorie", r.Label, "valeurs", strings.Join(vals, altSeries)))
	}
	return strings.Join(cats, altCategories)
}

// box is one box of a diagram as a description names it: its title and
// what it says besides.
func (k *composer) box(title, detail string) string {
	if detail == "" || detail == title {
		return title
	}
	return k.words("alt.boite", "titre", title, "detail", detail)
}
