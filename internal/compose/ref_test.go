package compose

import (
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/chart"
	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/model"
)

const cadre = "# Cadre\n\n## Article 7 : La révision du contrat {#revision}\n\nPar avenant.\n\n## L'article 4 : La durée {#duree}\n\n## Les annexes {#annexes}\n"

func TestRefCitesTheLabelledHeading(t *testing.T) {
	c := contract(
		model.Template{Name: "09-cadre.md", Path: "templates/09-cadre.md", Text: cadre},
		model.Template{Name: "10-suite.md", Path: "templates/10-suite.md", Text: "# Suite\n\nSelon l'{{ ref \"revision\" }}, l'{{ ref \"duree\" }} et {{ ref \"annexes\" }}.\n"},
	)
	d, probs := Compose(c, runeMeasurer{}, chart.Fonts{})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	var text []string
	for _, b := range d.Blocks {
		switch v := b.(type) {
		case doc.Heading:
			text = append(text, doc.PlainText(v.Text))
		case doc.Paragraph:
			text = append(text, doc.PlainText(v.Text))
		}
	}
	all := strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(strings.Join(text, "|"))
	for _, want := range []string{
		"|Article 7 : La révision du contrat|", // the label is not printed
		"Selon l'article 7, l'article 4 et « Les annexes ».",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("lacks %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, "{#") {
		t.Errorf("a label is printed:\n%s", all)
	}
}

func TestRefToAMissingLabelIsLocated(t *testing.T) {
	c := contract(
		model.Template{Name: "09-cadre.md", Path: "templates/09-cadre.md", Text: cadre},
		model.Template{Name: "10-suite.md", Path: "templates/10-suite.md", Text: "# Suite\n\nVu l'{{ ref \"revison\" }}.\n"},
	)
	_, probs := Compose(c, runeMeasurer{}, chart.Fonts{})
	want := "erreur : templates/10-suite.md, ligne 3 : {{ ref … }} : renvoi « revison » : aucun titre ne porte l'étiquette {#revison} ; étiquettes présentes : annexes, duree, revision ; attendu l'une d'elles, ou {#revison} à la fin du titre cité"
	if len(probs) != 1 || probs[0].String() != want {
		t.Errorf("got  %v\nwant %s", probs, want)
	}
}

func TestLabelGivenTwiceIsAnError(t *testing.T) {
	c := contract(
		model.Template{Name: "09-cadre.md", Path: "templates/09-cadre.md", Text: cadre},
		model.Template{Name: "10-suite.md", Path: "templates/10-suite.md", Text: "# Suite\n\n## Article 12 : Autre révision {#revision}\n"},
	)
	_, probs := Compose(c, runeMeasurer{}, chart.Fonts{})
	want := "erreur : templates/10-suite.md, ligne 3 : étiquette {#revision} déjà portée par le titre « Article 7 : La révision du contrat » (templates/09-cadre.md, ligne 3) ; attendu une étiquette différente pour chaque titre"
	if len(probs) != 1 || probs[0].String() != want {
		t.Errorf("got  %v\nwant %s", probs, want)
	}
}

func TestCitation(t *testing.T) {
	for title, want := range map[string]string{
		"Article 9 : La révision du contrat": "article 9",
		"L'article 4 : La durée":             "article 4",
		"L’article 12 bis : Suite":           "article 12",
		"Article IV : Les parties":           "article IV",
		"Les annexes :":                      "« Les annexes : »",
		"Articles de presse":                 "« Articles de presse »",
	} {
		if got := citation(title); got != want {
			t.Errorf("citation(%q) = %q, want %q", title, got, want)
		}
	}
}

// checkRefs reads every citation of a set, even in a branch that a given
// avenant would not print, and names its line.
func TestCheckRefsFindsCitationsInEveryBranch(t *testing.T) {
	c := contract(model.Template{Name: "09-cadre.md", Path: "templates/09-cadre.md", Text: cadre})
	set := []model.Template{{Name: "avenant/01.md", Path: "templates/avenant/01.md",
		Text: "# Visas\n\n- Vu l'{{ ref \"revision\" }} ;\n{{ if .Avenant.Ajoutees }}\n- selon l'{{ printf \"%s\" (ref \"ajout\") }}\n{{ end }}\n"}}
	probs := checkRefs(c, set, diag.Error)
	if len(probs) != 1 || probs[0].Line != 5 || !strings.Contains(probs[0].Message, "renvoi « ajout » : aucun titre ne porte l'étiquette {#ajout}") {
		t.Errorf("got %v", probs)
	}
	set[0].Text = "{{ if }}"
	if probs := checkRefs(c, set, diag.Error); len(probs) != 1 || probs[0].File != "templates/avenant/01.md" {
		t.Errorf("a set that does not parse: %v", probs)
	}
}
