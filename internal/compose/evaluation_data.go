package compose

import (
	"reflect"
	"strings"

	"github.com/contrat-local-sante/cls/internal/frnum"
	"github.com/contrat-local-sante/cls/internal/model"
)

// evaluationData is what the annex's templates can name: the contract's
// data, its version line, and .Evaluation, the year of the annex. Field
// names are French, like the templates (see docs/sources.md, section 7).
type evaluationData struct {
	templateData
	Version    string
	Evaluation evaluationYear
}

// evaluationYear is the year of the annex as its templates see it.
type evaluationYear struct {
	Annee   int
	Exemple bool   // fictitious values (Exemple « oui » in the workbook)
	Titre   string // the workbook's title, empty when it gives none; on one line
	Fichier string // the workbook, as the territory names it: sources/evaluation/2026.xlsx
	Annees  []int  // the years shown, oldest first, this one last
	Fiches  []ficheEtat
	// FichesRenseignees counts the fiches whose état is given.
	FichesRenseignees int
	// Indicateurs counts the criteria and indicators of the fiches, and
	// IndicateursRenseignes those given a value or a comment this year;
	// TauxRenseignes is their share in percent, in French (« 42 »).
	Indicateurs, IndicateursRenseignes int
	TauxRenseignes                     string
}

// ficheEtat is a fiche and its état of the year; Etat is empty when the
// workbook leaves it blank.
type ficheEtat struct {
	Code, Intitule, Porteur, Axe, Etat, Commentaire string
}

func init() {
	// the types as template error messages name them
	typeNames[reflect.TypeFor[evaluationData]().String()] = "l'ensemble des données de l'annexe"
	typeNames[reflect.TypeFor[evaluationYear]().String()] = "le groupe .Evaluation"
	typeNames[reflect.TypeFor[ficheEtat]().String()] = "une fiche (élément de .Evaluation.Fiches)"
}

func newEvaluationData(k *composer, evals []model.Evaluation) evaluationData {
	c := k.c
	ev := evals[len(evals)-1]
	y := evaluationYear{
		Annee: ev.Year, Exemple: ev.Example, Fichier: ev.File,
		// a title is one line: a line break would end the directive's
		// parameter it is written in
		Titre: strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(ev.Title),
	}
	for _, e := range evals {
		y.Annees = append(y.Annees, e.Year)
	}
	for _, f := range c.Fiches {
		s := ev.States[f.Code]
		y.Fiches = append(y.Fiches, ficheEtat{f.Code, f.Title, f.Owner, f.Axe, s.State, s.Comment})
		if s.State != "" {
			y.FichesRenseignees++
		}
		y.Indicateurs += len(f.Evaluation)
	}
	for _, v := range ev.Values {
		if v.HasValue || v.Comment != "" {
			y.IndicateursRenseignes++
		}
	}
	pct := 0.0
	if y.Indicateurs > 0 {
		pct = 100 * float64(y.IndicateursRenseignes) / float64(y.Indicateurs)
	}
	y.TauxRenseignes = frnum.Format(pct, 0)
	return evaluationData{templateData: newTemplateData(c), Version: c.Version(), Evaluation: y}
}
