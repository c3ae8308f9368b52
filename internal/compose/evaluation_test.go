package compose

import (
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/chart"
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/model"
)

func TestShippedEvaluationSet(t *testing.T) {
	set := templateSet(contract(), evaluationSet)
	var names []string
	for _, tp := range set {
		names = append(names, tp.Name)
		if !strings.HasPrefix(tp.Path, "templates/evaluation/") || tp.Text == "" {
			t.Errorf("%s: path %q, %d bytes", tp.Name, tp.Path, len(tp.Text))
		}
	}
	if got := strings.Join(names, " "); got != "evaluation/01-annexe.md evaluation/02-tableau-de-bord.md evaluation/03-etats.md evaluation/04-indicateurs.md" {
		t.Errorf("shipped set: %s", got)
	}
	// a territory's folder is the whole set: no shipped file is mixed in
	own := model.Template{Name: "evaluation/01.md", Path: "templates/evaluation/01.md", Text: "x"}
	c := contract()
	c.TemplateFiles[own.Name] = own
	c.TemplateFiles["evaluation/sous/02.md"] = model.Template{Name: "evaluation/sous/02.md"}
	if set := templateSet(c, evaluationSet); len(set) != 1 || set[0].Path != own.Path {
		t.Errorf("territory set: %+v", set)
	}
}

// annexContract is a contract with two fiches and the evaluation templates
// given, the first fiche « en cours », the second left blank.
func annexContract(texts ...string) (*model.Contract, []model.Evaluation) {
	c := contract()
	c.Document.Title = "Contrat Local de Santé"
	c.Fiches = []model.Fiche{{Code: "FA1.1", Title: "Dépister", Owner: "CPAM", Axe: "1"}, {Code: "FA1.2", Title: "Prévenir", Axe: "1"}}
	for i, s := range texts {
		name := "evaluation/0" + string(rune('1'+i)) + ".md"
		c.TemplateFiles[name] = model.Template{Name: name, Path: "templates/" + name, Text: s}
	}
	ev := model.Evaluation{Year: 2026, File: "sources/evaluation/2026.xlsx", States: map[string]model.FicheState{"FA1.1": {State: model.StateInProgress, Comment: "Deux tournées {etat}."}}}
	return c, []model.Evaluation{ev}
}

const annexFront = "```cls\nannexe\ntitre: Bilan {{ .Evaluation.Annee }}\nsurtitre: Rapport\ntitre-couverture: Année {{ .Evaluation.Annee }}\nsous-titre: {{ .Document.Titre }}\nmention:\npied: Pour le comité\nversion:\nsommaire: Plan\nnon-renseignee: sans nouvelles\n```\n"

func TestEvaluationTemplatesWordTheAnnex(t *testing.T) {
	etats := "# Où en sont les fiches\n\n```cls\netats\ncode: N°\nintitule: Action\nporteur: Pilote\netat: Avancement\ncommentaire: Remarques\n```\n"
	c, evals := annexContract(etats, annexFront) // the annexe directive may come anywhere
	d, probs := ComposeEvaluation(c, evals, runeMeasurer{}, chart.Fonts{})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if d.Meta.HeaderText != "Bilan 2026" {
		t.Errorf("running header %q", d.Meta.HeaderText)
	}
	var cover doc.Cover
	var words []string
	var table doc.Table
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case doc.Cover:
			cover = b
		case doc.Sommaire:
			words = append(words, b.Title)
		case doc.Heading:
			words = append(words, doc.PlainText(b.Text))
			if b.TOCLevel != 1 {
				t.Errorf("heading %q not in the sommaire", doc.PlainText(b.Text))
			}
		case doc.Table:
			table = b
		}
	}
	if cover.Kicker != "Rapport" || cover.Title != "Année 2026" || cover.Subtitle != "Contrat Local de Santé" || strings.Join(cover.Footer, "|") != "Pour le comité" {
		t.Errorf("cover: %q %q %q %q", cover.Kicker, cover.Title, cover.Subtitle, cover.Footer)
	}
	if got := strings.Join(words, "|"); got != "Où en sont les fiches|Plan" {
		t.Errorf("headings and sommaire: %s", got)
	}
	var cells []string
	for _, r := range table.Rows {
		for _, cl := range r.Cells {
			for _, b := range cl.Blocks {
				if p, ok := b.(doc.Paragraph); ok {
					cells = append(cells, doc.PlainText(p.Text))
					for _, in := range p.Text {
						if in.Link != "" {
							t.Errorf("%q links to %s: the annex has no fiche sections", in.Text, in.Link)
						}
					}
				}
			}
		}
	}
	want := "N°|Action|Pilote|Avancement|Remarques|FA1.1|Dépister|CPAM|en cours|Deux tournées {etat}.|FA1.2|Prévenir|sans nouvelles"
	if got := strings.Join(cells, "|"); got != want {
		t.Errorf("états table:\n got %s\nwant %s", got, want)
	}
}

func TestEvaluationFicheSections(t *testing.T) {
	fiches := "# Par fiche\n\n```cls\nindicateurs\ntitre: {code} : {intitule}\netat: En {{ .Evaluation.Annee }}, {etat}. {commentaire}\nevaluation: E\ntype: T\ncritere: C\nannee: {annee}\nannee-exemple: {annee} fictif\nsans-valeur: néant\ncible: Cible\ncommentaire: Note\ngraphique: Tendance {code}\naxe: valeur\nsource: évaluation {{ .Evaluation.Annee }}\n```\n"
	c, evals := annexContract(annexFront, fiches)
	d := appendedAnnex(t, c, evals)
	var paras []string
	for _, b := range d {
		switch b := b.(type) {
		case doc.Heading:
			paras = append(paras, "#"+strings.Repeat("#", b.Level-1)+" "+doc.PlainText(b.Text))
		case doc.Paragraph:
			paras = append(paras, doc.PlainText(b.Text))
		}
	}
	// the comment's « {etat} » is data, printed as typed
	want := "# Bilan 2026|## Par fiche|### FA1.1\u00a0: Dépister|En 2026, en cours. Deux tournées {etat}.|### FA1.2\u00a0: Prévenir|En 2026, sans nouvelles."
	if got := strings.Join(paras, "|"); got != want {
		t.Errorf("appended annex:\n got %s\nwant %s", got, want)
	}
}

// appendedAnnex composes the annex as it follows the contract.
func appendedAnnex(t *testing.T, c *model.Contract, evals []model.Evaluation) []doc.Block {
	t.Helper()
	k := newComposer(c, runeMeasurer{}, chart.Fonts{})
	out := k.evaluationAnnex(evals)
	if len(k.probs) > 0 {
		t.Fatal(k.probs)
	}
	return out
}

func TestEvaluationDirectiveProblems(t *testing.T) {
	cases := []struct{ text, want string }{
		{"# T\n", "erreur : templates/evaluation : aucune directive « annexe »"},
		{annexFront + "\n```cls\netats\ncode: C\n```\n", "erreur : templates/evaluation/01.md, ligne 15 : directive « etats » : paramètres absents : intitule, porteur, etat, commentaire"},
		{strings.Replace(annexFront, "sommaire:", "somaire:", 1), "erreur : templates/evaluation/01.md, ligne 2 : directive « annexe » : paramètre absent : sommaire"},
		{annexFront + "\n```cls\nsynthese\n```\n", "erreur : templates/evaluation/01.md, ligne 15 : directive « synthese » inconnue dans l'annexe d'évaluation"},
	}
	for _, tc := range cases {
		c, evals := annexContract(tc.text)
		c.Files.Templates = "templates"
		_, probs := ComposeEvaluation(c, evals, runeMeasurer{}, chart.Fonts{})
		if !hasPrefix(probs, tc.want) {
			t.Errorf("template %q:\nwant %q\n got %v", tc.text, tc.want, probs)
		}
	}
}

func TestFillIsOnePass(t *testing.T) {
	if got := fill("{code} – {intitule}", "code", "{intitule}", "intitule", "Agir"); got != "{intitule} – Agir" {
		t.Errorf("fill: %q", got)
	}
}

// The shipped wording: the workbook's title replaces the annex's, on one
// line, and an example year says so.
func TestShippedAnnexTitle(t *testing.T) {
	c, evals := annexContract()
	c.Axes = []model.Axe{{Number: "1", Title: "Prévention"}}
	fonts := chart.Fonts{}
	for _, tc := range []struct {
		title   string
		example bool
		want    string
	}{
		{"", false, "Annexe — Évaluation annuelle 2026 du Contrat Local de Santé"},
		{"", true, "Annexe — Évaluation annuelle 2026 du Contrat Local de Santé (Exemple)"},
		{"Bilan\nà mi-parcours", true, "Bilan à mi-parcours (Exemple)"},
	} {
		evals[0].Title, evals[0].Example = tc.title, tc.example
		k := newComposer(c, runeMeasurer{}, fonts)
		a := k.newAnnex(evals, false)
		a.compose()
		if a.title != tc.want {
			t.Errorf("title %q, example %v: got %q, want %q", tc.title, tc.example, a.title, tc.want)
		}
	}
}
