package compose

import (
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/chart"
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/model"
)

// expanded lists "SIGLE=definition" for every expansion of runs.
func expanded(runs []doc.Inline) []string {
	var out []string
	for _, r := range runs {
		for _, e := range r.Expansions {
			out = append(out, r.Text[e.Offset:e.Offset+e.Length]+"="+e.Text)
		}
	}
	return out
}

// Every whole-word occurrence of a sigle of either sheet carries its
// definition; a word that merely contains one does not; the runs print
// the same text as before.
func TestSiglesCarryTheirExpansion(t *testing.T) {
	c := contract(model.Template{Name: "01.md", Path: "templates/01.md", Text: "# Rôle de l'ARS\n\nL'ARS, la CPAM et l'ORS-CREAI financent le dépistage anti-VIH ; les PARSEMÉS, PARS et ARSENAL non, ni https://www.ARS.fr.\n"})
	c.Sigles = []model.Sigle{{Sigle: "ARS", Definition: "Agence Régionale de Santé"}, {Sigle: "ORS-CREAI", Definition: "Observatoire régional de la santé"}}
	c.OtherSigles = []model.Sigle{{Sigle: "CPAM", Definition: "Caisse primaire d'assurance maladie"}, {Sigle: "VIH", Definition: "virus de l'immunodéficience humaine"}}
	d, probs := Compose(c, runeMeasurer{}, chart.Fonts{})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	var heading, para []doc.Inline
	for _, b := range d.Blocks {
		switch v := b.(type) {
		case doc.Heading:
			heading = v.Text
		case doc.Paragraph:
			para = v.Text
		}
	}
	if got, want := strings.Join(expanded(heading), "|"), "ARS=Agence Régionale de Santé"; got != want {
		t.Errorf("heading expansions:\ngot  %s\nwant %s", got, want)
	}
	want := "ARS=Agence Régionale de Santé|CPAM=Caisse primaire d'assurance maladie|ORS-CREAI=Observatoire régional de la santé|VIH=virus de l'immunodéficience humaine"
	if got := strings.Join(expanded(para), "|"); got != want {
		t.Errorf("paragraph expansions:\ngot  %s\nwant %s", got, want)
	}
	if got := doc.PlainText(para); !strings.HasPrefix(got, "L’ARS, la CPAM") && !strings.HasPrefix(got, "L'ARS, la CPAM") {
		t.Errorf("paragraph text changed: %q", got)
	}
}

// In the shipped contract, « ARS » in a paragraph is read « Agence
// Régionale de Santé ».
func TestShippedARSIsExpanded(t *testing.T) {
	c := shippedContract(t)
	d, probs := Compose(c, runeMeasurer{}, chart.Fonts{})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	seen := 0
	var walk func([]doc.Block)
	walk = func(blocks []doc.Block) {
		for _, b := range blocks {
			switch v := b.(type) {
			case doc.Paragraph:
				for _, e := range expanded(v.Text) {
					if strings.HasPrefix(e, "ARS=") {
						seen++
						if e != "ARS=Agence Régionale de Santé" {
							t.Errorf("ARS expanded as %q", e)
						}
					}
				}
			case doc.List:
				for _, it := range v.Items {
					walk(it.Blocks)
				}
			case doc.Table:
				for _, r := range v.Rows {
					for _, cell := range r.Cells {
						walk(cell.Blocks)
					}
				}
			}
		}
	}
	walk(d.Blocks)
	if seen == 0 {
		t.Error("no « ARS » of the shipped contract carries its expansion")
	}
}
