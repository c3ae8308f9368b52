package compose

import (
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/chart"
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/labels"
	"github.com/contrat-local-sante/cls/internal/model"
)

// amended is a contract with avenant n° 2, which modifies fiche FA1.1,
// and the avenant's templates.
func amended(set map[string]string) (c, old *model.Contract) {
	c = contract(model.Template{Name: "09-cadre.md", Path: "templates/09-cadre.md", Text: cadre})
	c.Fiches = []model.Fiche{{Code: "FA1.1", Axe: "1", Title: "Dépistage", Audience: "Familles"}}
	c.Avenants = []model.Avenant{
		{Number: 1, CopilDate: "2026-02-01", SignatureDate: "2026-03-15", Object: "Premier"},
		{Number: 2, CopilDate: "2027-02-01", SignatureDate: "2027-03-15", Object: "Public élargi", Modified: []string{"FA1.1"}},
	}
	for name, text := range set {
		c.TemplateFiles[name] = model.Template{Name: name, Path: "templates/" + name, Text: text}
	}
	old = &model.Contract{Fiches: []model.Fiche{{Code: "FA1.1", Axe: "1", Title: "Dépistage", Audience: "Habitants"}}}
	return c, old
}

func TestAvenantTemplatesSeeTheAvenant(t *testing.T) {
	c, old := amended(map[string]string{
		"avenant/01.md": "```cls\ndocument\nen-tete: Avenant {{ .Avenant.Numero }} au contrat\npied-de-page: Signé le {{ .Avenant.DateSignature }}\n```\n\n```cls\ncouverture\nsurtitre: Deuxième avenant\nmention2: deux\nmention1: un\n```\n\n# Visas\n\n{{ range .AvenantsPrecedents }}- Vu l'avenant n° {{ .Numero }} du {{ .DateSignature }}, selon l'{{ ref \"revision\" }} ;\n{{ end }}",
		"avenant/02.md": "## Article {{ compteur \"article\" }} : {{ .Avenant.Objet }}\n\n```cls\nfiches-modifiees\ntitre: {code} ({intitule})\nrubrique: Quoi\navant: Avant\napres: Après\nvide: rien\nabsente: absente\ninchangee: inchangée\n```\n\n## Article {{ compteur \"article\" }} : Fin\n",
	})
	d, probs := ComposeAvenant(c, old, 2, runeMeasurer{}, chart.Fonts{})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if d.Meta.HeaderText != "Avenant 2 au contrat" || d.Meta.FooterText != "Signé le 15 mars 2027" || d.Meta.Subject != "Public élargi" {
		t.Errorf("meta: %+v", d.Meta)
	}
	cv, ok := d.Blocks[0].(doc.Cover)
	if !ok || cv.Kicker != "Deuxième avenant" || strings.Join(cv.Footer, "|") != "un|deux" {
		t.Errorf("cover: %+v", d.Blocks[0])
	}
	var text []string
	for _, b := range d.Blocks {
		switch v := b.(type) {
		case doc.Heading:
			text = append(text, doc.PlainText(v.Text))
		case doc.List:
			text = append(text, doc.PlainText(v.Items[0].Blocks[0].(doc.Paragraph).Text))
		case doc.Table:
			for _, r := range v.Rows {
				for _, cell := range r.Cells {
					text = append(text, doc.PlainText(cell.Blocks[0].(doc.Paragraph).Text))
				}
			}
		}
	}
	got := strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(strings.Join(text, "|"))
	want := "Visas|Vu l'avenant n° 1 du 15 mars 2026, selon l'article 7 ;|Article 1 : Public élargi|FA1.1 (Dépistage)|Quoi|Avant|Après|Public visé|Habitants|Familles|Article 2 : Fin"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestAvenantDirectiveParameters(t *testing.T) {
	c, old := amended(map[string]string{
		"avenant/01.md": "```cls\ncouverture\nsur-titre: Avenant\n```\n\n```cls\nfiches-modifiees\ntitre: {code}\n```\n",
	})
	_, probs := ComposeAvenant(c, old, 2, runeMeasurer{}, chart.Fonts{})
	msg := probs.Error()
	if len(probs) != 2 {
		t.Errorf("%d problems, want 2:\n%s", len(probs), msg)
	}
	for _, want := range []string{
		"templates/avenant/01.md, ligne 2 : directive « couverture » : paramètre « sur-titre » inconnu ; attendu mention1, mention2, … (le numéro donne l'ordre), surtitre",
		"templates/avenant/01.md, ligne 7 : directive « fiches-modifiees » : paramètres absents : absente, apres, avant, inchangee, rubrique, vide ; attendu une ligne « nom: texte » pour chacun (voir docs/sources.md, 6.6)",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("lacks %q:\n%s", want, msg)
		}
	}
}

// Without templates/avenant/, the shipped text, the visa's article read
// from the cadre.
func TestAvenantFallsBackOnTheShippedTemplates(t *testing.T) {
	c, old := amended(nil)
	d, probs := ComposeAvenant(c, old, 2, runeMeasurer{}, chart.Fonts{})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	var all []string
	for _, b := range d.Blocks {
		if l, ok := b.(doc.List); ok {
			for _, it := range l.Items {
				all = append(all, doc.PlainText(it.Blocks[0].(doc.Paragraph).Text))
			}
		}
	}
	got := strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(strings.Join(all, "|"))
	if !strings.Contains(got, "|Vu l'article 7 du cadre conventionnel, qui prévoit la révision du contrat par avenant ;|Vu l'avenant n° 1, signé le 15 mars 2026 ;|") {
		t.Errorf("visas: %s", got)
	}
}

// modifiedLabels composes avenant n° 2 with a modification of every field
// of FA1.1 and returns the row labels of its table of changes.
func modifiedLabels(t *testing.T, l *labels.Labels) []string {
	t.Helper()
	c, old := amended(nil)
	c.Labels = l
	c.Fiches = []model.Fiche{{Code: "FA1.1", Axe: "2", Title: "t", Status: "s", Articulation: "a", Goal: "g",
		Owner: "o", Audience: "p", Steps: "d", Partners: "pa", Tools: "ou",
		Objectives: []model.Objective{{Number: "1", Text: "Repérer"}},
		Evaluation: []model.Indicator{{Kind: "processus", Type: "critère", Text: "Réunions"}}}}
	d, probs := ComposeAvenant(c, old, 2, runeMeasurer{}, chart.Fonts{})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	var got []string
	for _, b := range d.Blocks {
		if tb, ok := b.(doc.Table); ok && tb.Role == doc.RoleGridTable {
			for _, r := range tb.Rows[1:] {
				got = append(got, doc.PlainText(r.Cells[0].Blocks[0].(doc.Paragraph).Text))
			}
		}
	}
	return got
}

// The avenant names each changed field with the labels: the fiche table's
// row label where the fiche has one, a « fiches_modifiees » word otherwise,
// and a territory's templates/libelles.yaml changes them.
func TestModifiedFieldsTakeTheirNamesFromTheLabels(t *testing.T) {
	got := strings.Join(modifiedLabels(t, nil), "|")
	want := "Axe stratégique|Intitulé|Statut|Articulation avec les autres dispositifs|Objectif général|Maître d'œuvre / Porteur|Public visé|Déroulé de l'action|Partenaires à solliciter pour la mise en œuvre|Outils|Objectifs|Évaluation"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	l, probs := labels.Parse([]byte("fiche:\n  porteur: Responsable\nfiches_modifiees:\n  objectifs: Buts\n"), "templates/libelles.yaml", labels.Defaults())
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	got = strings.Join(modifiedLabels(t, l), "|")
	for _, w := range []string{"|Responsable|", "|Buts|"} {
		if !strings.Contains(got, w) {
			t.Errorf("the territory's labels: lacks %q in %s", w, got)
		}
	}
}
