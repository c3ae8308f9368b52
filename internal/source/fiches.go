package source

import (
	"strings"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/model"
)

// Column headers of the fiches workbook.
var (
	axesCols   = []string{"Numéro", "Intitulé", "Intitulé synthèse"}
	fichesCols = []string{"Code", "Axe", "Intitulé", "Intitulé synthèse", "Titre du contexte", "Libellé de l'axe", "Statut", "Articulation", "Objectif général", "Objectifs synthèse", "Porteur", "Public visé", "Déroulé", "Partenaires", "Outils"}
	objCols    = []string{"Fiche", "N° stratégique", "Objectif stratégique", "N° opérationnel", "Objectif opérationnel"}
	evalCols   = []string{"Fiche", "Évaluation", "Type", "Texte"}
)

// readFiches reads the fiches workbook. It reports whether the Fiches
// sheet itself could be read: if not, the other sheets' references to
// fiche codes cannot be checked, and are not.
func readFiches(c *model.Contract, wb *workbook, probs *diag.List) bool {
	if wb == nil {
		return false
	}
	name := wb.name
	axes := map[string]bool{}
	if t := wb.sheet("Axes", axesCols, probs); t != nil {
		for i := range t.rows {
			a := model.Axe{Number: t.required(i, "Numéro", probs), Title: t.required(i, "Intitulé", probs), SummaryTitle: t.get(i, "Intitulé synthèse")}
			if axes[a.Number] && a.Number != "" {
				probs.Errorf(name, t.sheet, t.ref(i, "Numéro"), "axe « %s » défini deux fois ; attendu un numéro d'axe unique", a.Number)
			}
			axes[a.Number] = true
			c.Axes = append(c.Axes, a)
		}
	}
	index := map[string]int{}
	fiches := wb.sheet("Fiches", fichesCols, probs)
	if t := fiches; t != nil {
		for i := range t.rows {
			f := model.Fiche{
				Code: t.required(i, "Code", probs), Axe: t.required(i, "Axe", probs), Title: t.required(i, "Intitulé", probs),
				SummaryTitle: t.get(i, "Intitulé synthèse"), ContextTitle: t.get(i, "Titre du contexte"), AxeLabel: t.get(i, "Libellé de l'axe"),
				Articulation: t.get(i, "Articulation"), Goal: t.get(i, "Objectif général"), SummaryGoal: t.get(i, "Objectifs synthèse"),
				Owner: t.get(i, "Porteur"), Audience: t.get(i, "Public visé"), Steps: t.get(i, "Déroulé"),
				Partners: t.get(i, "Partenaires"), Tools: t.get(i, "Outils"), ContextCell: t.ref(i, "Titre du contexte"),
			}
			switch strings.ToLower(t.get(i, "Statut")) {
			case "renouvelée", "renouvelee":
				f.Status = model.StatusRenewed
			case "nouvelle":
				f.Status = model.StatusNew
			case "":
			default:
				probs.Errorf(name, t.sheet, t.ref(i, "Statut"), "statut « %s » inconnu ; attendu « renouvelée », « nouvelle » ou vide", t.get(i, "Statut"))
			}
			if f.Axe != "" && len(axes) > 0 && !axes[f.Axe] {
				probs.Errorf(name, t.sheet, t.ref(i, "Axe"), "axe « %s » inconnu ; attendu un numéro de la feuille « Axes »", f.Axe)
			}
			if _, dup := index[f.Code]; dup && f.Code != "" {
				probs.Errorf(name, t.sheet, t.ref(i, "Code"), "code de fiche « %s » en double ; attendu un code unique par fiche", f.Code)
				continue
			}
			index[f.Code] = len(c.Fiches)
			c.Fiches = append(c.Fiches, f)
		}
	}
	fiche := func(t *table, i int) *model.Fiche {
		code := t.required(i, "Fiche", probs)
		k, ok := index[code]
		if !ok {
			if code != "" && fiches != nil {
				probs.Errorf(name, t.sheet, t.ref(i, "Fiche"), "fiche « %s » inconnue ; attendu un code de la feuille « Fiches »", code)
			}
			return nil
		}
		return &c.Fiches[k]
	}
	if t := wb.sheet("Objectifs", objCols, probs); t != nil {
		for i := range t.rows {
			f := fiche(t, i)
			if f == nil {
				continue
			}
			strat := t.get(i, "Objectif stratégique")
			if strat != "" || len(f.Objectives) == 0 {
				f.Objectives = append(f.Objectives, model.Objective{Number: t.get(i, "N° stratégique"), Text: strat})
			}
			if op := t.get(i, "Objectif opérationnel"); op != "" {
				o := &f.Objectives[len(f.Objectives)-1]
				o.Operational = append(o.Operational, model.Operational{Number: t.get(i, "N° opérationnel"), Text: op})
			}
		}
	}
	if t := wb.sheet("Évaluation", evalCols, probs); t != nil {
		for i := range t.rows {
			f := fiche(t, i)
			if f == nil {
				continue
			}
			kind := strings.ToLower(t.get(i, "Évaluation"))
			switch kind {
			case "", "processus", "résultats":
			case "resultats", "résultat", "resultat":
				kind = "résultats"
			default:
				probs.Errorf(name, t.sheet, t.ref(i, "Évaluation"), "type d'évaluation « %s » inconnu ; attendu « processus », « résultats » ou vide", t.get(i, "Évaluation"))
			}
			typ := strings.ToLower(t.get(i, "Type"))
			switch typ {
			case "", "critère", "indicateur":
			case "critere":
				typ = "critère"
			default:
				probs.Errorf(name, t.sheet, t.ref(i, "Type"), "type « %s » inconnu ; attendu « critère », « indicateur » ou vide", t.get(i, "Type"))
			}
			f.Evaluation = append(f.Evaluation, model.Indicator{Kind: kind, Type: typ, Text: t.required(i, "Texte", probs)})
		}
	}
	return fiches != nil
}
