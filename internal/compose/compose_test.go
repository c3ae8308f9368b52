package compose

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/contrat-local-sante/cls/internal/chart"
	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/model"
)

type runeMeasurer struct{}

func (runeMeasurer) Width(s string, _ doc.Style, size float64) float64 {
	return float64(utf8.RuneCountInString(s)) * size * 0.05
}

func TestFrenchSpaces(t *testing.T) {
	for in, want := range map[string]string{
		"Sources du diagnostic :":       "Sources du diagnostic\u00a0:",
		"renoncement ; et puis ? oui !": "renoncement\u202f; et puis\u202f? oui\u202f!",
		"« Action Sociale »":            "«\u00a0Action Sociale\u00a0»",
		"72 812 habitants, 1 000 000 €": "72\u202f812 habitants, 1\u202f000\u202f000 €",
		"https://exemple.fr/a:b":        "https://exemple.fr/a:b",
		"déjà:collé":                    "déjà:collé",
	} {
		if got := frenchSpaces(in); got != want {
			t.Errorf("frenchSpaces(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCellBlocks(t *testing.T) {
	bs := cellBlocks("Première ligne\nDeuxième ligne\n- puce un\n  - sous-puce\n- puce deux\n+ 16 % par cancers\n1. Feuille de route")
	if len(bs) != 5 {
		t.Fatalf("%d blocks: %#v", len(bs), bs)
	}
	if p, ok := bs[0].(doc.Paragraph); !ok || doc.PlainText(p.Text) != "Première ligne" {
		t.Errorf("block 0: %#v", bs[0])
	}
	l, ok := bs[2].(doc.List)
	if !ok || len(l.Items) != 2 {
		t.Fatalf("block 2 is not a two-item list: %#v", bs[2])
	}
	if _, nested := l.Items[0].Blocks[1].(doc.List); !nested {
		t.Errorf("sub-item not nested: %#v", l.Items[0].Blocks)
	}
	// a line starting with + is a paragraph, not a list item, and its
	// text is kept as typed: the French spacing rules add no space before
	// « % » (frenchSpaces has no rule for it)
	if p, ok := bs[3].(doc.Paragraph); !ok || doc.PlainText(p.Text) != "+ 16 % par cancers" {
		t.Errorf("a line starting with + became %#v", bs[3])
	}
	if p, ok := bs[4].(doc.Paragraph); !ok || doc.PlainText(p.Text) != "1. Feuille de route" {
		t.Errorf("a numbered line became %#v", bs[4])
	}
}

func contract(templates ...model.Template) *model.Contract {
	c := &model.Contract{
		Territory:     model.Territory{Name: "Communauté Test"},
		Steering:      []model.Member{{Name: "Caisse A"}, {Name: "Hôpital *B*"}},
		TemplateFiles: map[string]model.Template{},
	}
	for _, t := range templates {
		c.Templates = append(c.Templates, t)
		c.TemplateFiles[t.Name] = t
	}
	return c
}

func TestPucesKeepsDataLiteral(t *testing.T) {
	d, probs := Compose(contract(model.Template{Name: "01.md", Path: "templates/01.md", Text: "# Comité\n\n{{ puces .ComitePilotage \" ;\" \".\" }}\n"}), runeMeasurer{}, chart.Fonts{})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	var list doc.List
	for _, b := range d.Blocks {
		if l, ok := b.(doc.List); ok {
			list = l
		}
	}
	if len(list.Items) != 2 {
		t.Fatalf("list: %#v", list)
	}
	got := doc.PlainText(list.Items[1].Blocks[0].(doc.Paragraph).Text)
	if got != "Hôpital *B*." {
		t.Errorf("last item %q: want the data's asterisks kept and a final full stop", got)
	}
	if first := doc.PlainText(list.Items[0].Blocks[0].(doc.Paragraph).Text); first != "Caisse A\u202f;" {
		t.Errorf("first item %q", first)
	}
}

func TestTemplateErrorsNameFileAndLine(t *testing.T) {
	cases := []struct{ text, want string }{
		{"# T\n\nLigne deux\n{{ .Territoire.Nomm }}\n", "erreur : templates/01.md, ligne 4 : champ « Nomm » inconnu"},
		{"# T\n\n```cls\nfigure camembert\n```\n", "erreur : templates/01.md, ligne 4 : figure « camembert » inconnue"},
		{"# T\n\n```cls\nannexe-secrete\n```\n", "erreur : templates/01.md, ligne 4 : directive « annexe-secrete » inconnue"},
		{"# T\n\n{{ puces .ComitePilotage \"\" \"\" }}\n\n```cls\nannexe\n```\n", "erreur : templates/01.md, ligne 6 : directive « annexe » inconnue"},
		{"# T\n\n{{ range .Acteurs }\n", "erreur : templates/01.md, ligne 3 : accolade « } » seule : « {{ » se referme par deux accolades ; attendu « }} »"},
	}
	for _, tc := range cases {
		_, probs := Compose(contract(model.Template{Name: "01.md", Path: "templates/01.md", Text: tc.text}), runeMeasurer{}, chart.Fonts{})
		if !hasPrefix(probs, tc.want) {
			t.Errorf("template %q:\nwant %q\n got %v", tc.text, tc.want, probs)
		}
	}
}

func TestTemplatesCannotReachFiles(t *testing.T) {
	for _, text := range []string{`{{ template "/etc/passwd" }}`, `{{ readFile "/etc/passwd" }}`, `{{ call .X }}`} {
		d, probs := Compose(contract(model.Template{Name: "01.md", Path: "templates/01.md", Text: text}), runeMeasurer{}, chart.Fonts{})
		if !probs.HasErrors() {
			t.Errorf("%s: accepted", text)
		}
		if d != nil {
			for _, b := range d.Blocks {
				if p, ok := b.(doc.Paragraph); ok && strings.Contains(doc.PlainText(p.Text), "root:") {
					t.Errorf("%s: read a file", text)
				}
			}
		}
	}
}

func hasPrefix(probs diag.List, want string) bool {
	for _, p := range probs {
		if strings.HasPrefix(p.String(), want) {
			return true
		}
	}
	return false
}

func TestFicheTableFollowsTheModel(t *testing.T) {
	c := contract()
	c.Axes = []model.Axe{{Number: "1", Title: "Prévenir"}}
	c.Fiches = []model.Fiche{{Code: "FA1.1", Axe: "1", Title: "Dépister", Status: model.StatusNew, Goal: "But",
		Objectives: []model.Objective{{Number: "1", Text: "Stratégique", Operational: []model.Operational{{Number: "1.1", Text: "Opérationnel"}}}},
		Evaluation: []model.Indicator{{Kind: "processus", Type: "critère", Text: "Critère P"}, {Kind: "résultats", Type: "indicateur", Text: "Indicateur R"}}}}
	k := newComposer(c, runeMeasurer{}, chart.Fonts{})
	blocks := k.fiches()
	var texts []string
	var walk func([]doc.Block)
	walk = func(bs []doc.Block) {
		for _, b := range bs {
			switch v := b.(type) {
			case doc.Paragraph:
				texts = append(texts, doc.PlainText(v.Text))
			case doc.Heading:
				texts = append(texts, doc.PlainText(v.Text))
			case doc.Table:
				for _, r := range v.Rows {
					for _, c := range r.Cells {
						walk(c.Blocks)
					}
				}
			case doc.List:
				for _, it := range v.Items {
					walk(it.Blocks)
				}
			case doc.Checkboxes:
				for _, it := range v.Items {
					if it.Checked {
						texts = append(texts, "[x] "+it.Label)
					}
				}
			}
		}
	}
	walk(blocks)
	all := strings.Join(texts, "|")
	for _, want := range []string{"Axe 1\u00a0: Prévenir", "Action 1.1\u00a0: Dépister", "[x] Action nouvelle", "1 – Stratégique", "1.1 – Opérationnel",
		"Evaluation de processus", "Critère P", "Indicateur R", "Descriptif des actions"} {
		if !strings.Contains(all, want) {
			t.Errorf("fiche lacks %q in %q", want, all)
		}
	}
	if strings.Contains(all, "[x] Action renouvelée") {
		t.Error("both boxes ticked")
	}
}
