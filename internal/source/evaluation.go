package source

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/evalsheet"
	"github.com/contrat-local-sante/cls/internal/model"
)

// EvaluationDir is the folder of the yearly evaluation workbooks
// (YEAR.xlsx) inside the sources folder.
const EvaluationDir = "evaluation"

// ReadEvaluations reads the evaluation workbook of year and those of every
// earlier year present, oldest first. drawable is the fonts' coverage, as
// in Dirs (nil: no glyph check): the evaluation annex prints these cells.
func ReadEvaluations(c *model.Contract, sources string, year int, drawable func(rune) bool) ([]model.Evaluation, diag.List) {
	var probs diag.List
	dir := filepath.Join(sources, EvaluationDir)
	entries, _ := os.ReadDir(dir)
	var years []int
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(strings.ToLower(name), ".xlsx") {
			continue
		}
		y, err := strconv.Atoi(strings.TrimSuffix(name, filepath.Ext(name)))
		if err == nil && y <= year {
			years = append(years, y)
		}
	}
	sort.Ints(years)
	if len(years) == 0 || years[len(years)-1] != year {
		probs.Errorf(displayPath(filepath.Join(dir, fmt.Sprintf("%d.xlsx", year))), "", "", "classeur d'évaluation introuvable ; attendu le classeur de l'année (cls evaluation template %d --out %s le crée vierge)", year, displayPath(filepath.Join(dir, fmt.Sprintf("%d.xlsx", year))))
		return nil, probs
	}
	var out []model.Evaluation
	g := newGlyphs(drawable)
	for _, y := range years {
		if ev, ok := readEvaluation(c, filepath.Join(dir, fmt.Sprintf("%d.xlsx", y)), y, g, &probs); ok {
			out = append(out, ev)
		}
	}
	return out, probs.Dedup()
}

func readEvaluation(c *model.Contract, path string, year int, g *glyphs, probs *diag.List) (model.Evaluation, bool) {
	name := displayPath(path)
	// the annex prints File: named as the territory's files are inside a
	// contract PDF (sources/…), never as where they are on this machine
	ev := model.Evaluation{Year: year, File: fmt.Sprintf("sources/%s/%d.xlsx", EvaluationDir, year), States: map[string]model.FicheState{}}
	wb := openWorkbook(path, name, g, probs)
	if wb == nil {
		return ev, false
	}
	defer wb.close()
	fiches := map[string]model.Fiche{}
	for _, f := range c.Fiches {
		fiches[f.Code] = f
	}
	if t := wb.sheet(evalsheet.SheetInfo, []string{"Paramètre", "Valeur"}, probs); t != nil {
		for i := range t.rows {
			switch strings.ToLower(t.get(i, "Paramètre")) {
			case "année":
				if y, err := strconv.Atoi(t.get(i, "Valeur")); err != nil || y != year {
					probs.Errorf(name, t.sheet, t.ref(i, "Valeur"), "année « %s » ; attendu %d, l'année du nom du fichier", t.get(i, "Valeur"), year)
				}
			case "exemple":
				ev.Example = strings.EqualFold(t.get(i, "Valeur"), "oui")
			case "titre":
				ev.Title = t.get(i, "Valeur")
			}
		}
	}
	if t := wb.sheet(evalsheet.SheetFiches, evalsheet.FicheCols, probs); t != nil {
		for i := range t.rows {
			code := t.required(i, "Code", probs)
			if _, ok := fiches[code]; !ok && code != "" {
				probs.Errorf(name, t.sheet, t.ref(i, "Code"), "fiche « %s » inconnue ; attendu un code de la feuille « Fiches » de %s", code, c.Files.Fiches)
				continue
			}
			state := strings.ToLower(t.get(i, "État d'avancement"))
			known := state == ""
			for _, s := range model.States {
				known = known || s == state
			}
			if !known {
				probs.Errorf(name, t.sheet, t.ref(i, "État d'avancement"), "état « %s » inconnu ; attendu : %s", t.get(i, "État d'avancement"), strings.Join(model.States, ", "))
				continue
			}
			if state != "" || t.get(i, "Commentaire") != "" {
				ev.States[code] = model.FicheState{State: state, Comment: t.get(i, "Commentaire")}
			}
		}
	}
	if t := wb.sheet(evalsheet.SheetIndicators, evalsheet.IndicatorCols, probs); t != nil {
		for i := range t.rows {
			code := t.required(i, "Fiche", probs)
			f, ok := fiches[code]
			if !ok {
				if code != "" {
					probs.Errorf(name, t.sheet, t.ref(i, "Fiche"), "fiche « %s » inconnue ; attendu un code de la feuille « Fiches » de %s", code, c.Files.Fiches)
				}
				continue
			}
			v := model.IndicatorValue{Fiche: code, Kind: t.get(i, "Évaluation"), Type: t.get(i, "Type"), Text: t.get(i, "Critère ou indicateur"), Comment: t.get(i, "Commentaire")}
			found := false
			for _, ind := range f.Evaluation {
				found = found || (ind.Text == v.Text && ind.Kind == v.Kind && ind.Type == v.Type)
			}
			if !found {
				probs.Errorf(name, t.sheet, t.ref(i, "Critère ou indicateur"), "« %s » n'est pas un critère ou indicateur de la fiche %s ; attendu le texte exact de la feuille « Évaluation » de %s (le modèle vierge de l'année les reprend)", v.Text, code, c.Files.Fiches)
				continue
			}
			for _, col := range []struct {
				header string
				val    *float64
				has    *bool
				text   *string
			}{{"Valeur", &v.Value, &v.HasValue, &v.ValueText}, {"Cible", &v.Target, &v.HasTarget, &v.TargetText}} {
				s := t.get(i, col.header)
				if s == "" {
					continue
				}
				n, ok := parseNumber(s)
				if !ok {
					probs.Errorf(name, t.sheet, t.ref(i, col.header), "« %s » n'est pas un nombre ; attendu une valeur numérique (une observation qualitative va dans la colonne Commentaire)", s)
					continue
				}
				*col.val, *col.has = n, true
				// the number for charts, the cell's text to print: « 92 % »
				// typed, or a percentage cell, print « 92 % », not « 92 »
				*col.text = t.printedNumber(i, col.header, s, n)
			}
			ev.Values = append(ev.Values, v)
		}
	}
	return ev, true
}
