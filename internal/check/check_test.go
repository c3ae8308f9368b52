package check

import (
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/model"
)

// sound is a small contract without any problem: one signatory, one axe
// with its fiche, a dispositif with its text, every sigle used and
// defined. Each test breaks one thing in it.
func sound() *model.Contract {
	tpl := func(name, text string) model.Template { return model.Template{Name: name, Text: text} }
	return &model.Contract{
		Files: model.Files{Contrat: "sources/contrat.xlsx", Fiches: "sources/fiches.xlsx",
			Sigles: "sources/sigles.xlsx", Templates: "templates"},
		Signatories: []model.Signatory{{Institution: "Agence régionale de santé", Name: "Anne Martin", Title: "Directrice", Party: "L'Agence"}},
		Levels: []model.Level{{Name: "Régional", Dispositifs: []model.Dispositif{
			{Name: "Plan régional", Text: "dispositifs/plan.md"},
			{Name: "Sans texte"}, // a dispositif may have no text of its own
		}}},
		Axes:   []model.Axe{{Number: "1", Title: "Prévenir"}},
		Fiches: []model.Fiche{{Code: "FA1.1", Axe: "1", Title: "Dépister le diabète", Owner: "La CPTS du Pays d'Auge"}},
		Sigles: []model.Sigle{{Sigle: "CPTS", Definition: "Communauté professionnelle territoriale de santé"}, {Sigle: "FA", Definition: "Fiche action"}},
		// the sigles check reads the text cells as the reader kept them
		Texts: []model.CellText{{File: "sources/fiches.xlsx", Sheet: "Fiches", Cell: "A2", Text: "FA1.1"},
			{File: "sources/fiches.xlsx", Sheet: "Fiches", Cell: "K2", Text: "La CPTS du Pays d'Auge"}},
		TemplateFiles: map[string]model.Template{
			"01-preambule.md":     tpl("01-preambule.md", "# Préambule\n\nLe titre II du code et son article IV."),
			"dispositifs/plan.md": tpl("dispositifs/plan.md", "Le plan."),
			"fiches/FA1.1.md":     tpl("fiches/FA1.1.md", "Le contexte."),
			"fiches/axe-1.md":     tpl("fiches/axe-1.md", "L'axe."), // an axe's text, not a fiche's context
		},
	}
}

// lines is the problems of c as cls prints them.
func lines(c *model.Contract) []string {
	var out []string
	for _, p := range Check(c) {
		out = append(out, p.String())
	}
	return out
}

func assertLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

func TestSoundContract(t *testing.T) {
	assertLines(t, lines(sound()), nil)
}

func TestProblems(t *testing.T) {
	for _, tc := range []struct {
		name  string
		spoil func(c *model.Contract)
		want  []string
	}{
		{"no signatory", func(c *model.Contract) { c.Signatories = nil }, []string{
			"erreur : sources/contrat.xlsx, feuille « Signataires », cellule A2 : aucun signataire ; attendu au moins une ligne (le contrat est signé par au moins deux parties)",
		}},
		{"dispositif text missing", func(c *model.Contract) { delete(c.TemplateFiles, "dispositifs/plan.md") }, []string{
			"erreur : sources/contrat.xlsx, feuille « Dispositifs » : le texte « dispositifs/plan.md » du dispositif « Plan régional » est introuvable dans le dossier des modèles ; attendu un fichier .md",
		}},
		{"axe without fiche", func(c *model.Contract) { c.Axes = append(c.Axes, model.Axe{Number: "2", Title: "Soigner"}) }, []string{
			"avertissement : sources/fiches.xlsx, feuille « Axes » : l'axe 2 « Soigner » n'a aucune fiche action",
		}},
		{"context of no fiche", func(c *model.Contract) {
			c.TemplateFiles["fiches/FA9.9.md"] = model.Template{Name: "fiches/FA9.9.md", Text: "Perdu."}
		}, []string{
			"avertissement : templates/fiches/FA9.9.md : ce contexte ne correspond à aucune fiche de sources/fiches.xlsx (code « FA9.9 ») ; il n'est pas imprimé",
		}},
		{"context title without its context", func(c *model.Contract) {
			c.Fiches[0].ContextTitle, c.Fiches[0].ContextCell = "Le diabète dans le Pays d'Auge", "E2"
			delete(c.TemplateFiles, "fiches/FA1.1.md")
		}, []string{
			"avertissement : sources/fiches.xlsx, feuille « Fiches », cellule E2 : titre du contexte « Le diabète dans le Pays d'Auge » sans page de contexte : templates/fiches/FA1.1.md est introuvable ; attendu ce fichier (le texte du contexte de la fiche FA1.1), ou la cellule vide ; le titre n'est pas imprimé",
		}},
		{"context title with its context", func(c *model.Contract) {
			c.Fiches[0].ContextTitle, c.Fiches[0].ContextCell = "Le diabète dans le Pays d'Auge", "E2"
		}, nil},
		{"no context and no title", func(c *model.Contract) { delete(c.TemplateFiles, "fiches/FA1.1.md") }, nil},
		// a contract read with errors: only what is certain, not what an
		// unread sheet would fake (no signatory, an axe without fiche)
		{"incomplete", func(c *model.Contract) {
			c.Incomplete = true
			c.Signatories = nil
			c.Axes = append(c.Axes, model.Axe{Number: "2", Title: "Soigner"})
			c.Sigles = nil
			delete(c.TemplateFiles, "dispositifs/plan.md")
		}, []string{
			"erreur : sources/contrat.xlsx, feuille « Dispositifs » : le texte « dispositifs/plan.md » du dispositif « Plan régional » est introuvable dans le dossier des modèles ; attendu un fichier .md",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := sound()
			tc.spoil(c)
			assertLines(t, lines(c), tc.want)
		})
	}
}

// The sigles check has its own tests: sigles_test.go.
