package compose

import (
	"fmt"
	"strings"

	"github.com/contrat-local-sante/cls/internal/chart"
	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/evalsheet"
	"github.com/contrat-local-sante/cls/internal/frnum"
	"github.com/contrat-local-sante/cls/internal/model"
)

// notFilled is the état of a fiche the year's workbook says nothing of.
const notFilled = "non renseignée"

// stateShades colour the états, dark to light so that they stay apart in
// greyscale; the word is always printed too.
var stateShades = map[string]doc.Color{
	"réalisée":     {R: 31, G: 78, B: 121},
	"en cours":     {R: 120, G: 160, B: 205},
	"non démarrée": {R: 214, G: 225, B: 238},
	"reportée":     {R: 190, G: 190, B: 190},
	"abandonnée":   {R: 110, G: 110, B: 110},
	notFilled:      {R: 255, G: 255, B: 255},
}

// darkStates print in white.
var darkStates = map[string]bool{"réalisée": true, "abandonnée": true}

// EvaluationTitle is the title of the annex of a year.
func EvaluationTitle(ev model.Evaluation) string {
	t := ev.Title
	if t == "" {
		t = fmt.Sprintf("Annexe — Évaluation annuelle %d du Contrat Local de Santé", ev.Year)
	}
	if ev.Example {
		t += " (Exemple)"
	}
	return t
}

// ComposeEvaluation builds the yearly evaluation annex as a document of its
// own: cover, sommaire, dashboard, états, indicators per fiche. evals are
// the years available, oldest first; the last one is the year of the annex.
func ComposeEvaluation(c *model.Contract, evals []model.Evaluation, m Measurer, fonts chart.Fonts) (*doc.Document, diag.List) {
	k := newComposer(c, m, fonts)
	ev := evals[len(evals)-1]
	meta := k.meta()
	meta.Title = EvaluationTitle(ev) + " – " + c.Territory.Name
	meta.Subject = meta.Title
	meta.HeaderText = EvaluationTitle(ev)
	meta.FooterText = c.Version()
	cv := k.cover()
	cv.Kicker = "Annexe"
	cv.Title = fmt.Sprintf("Évaluation annuelle %d", ev.Year)
	cv.Subtitle = strings.TrimSpace(c.Document.Title + " " + c.Document.Period)
	cv.Footer = []string{"Document présenté au Comité de Pilotage", c.Version()}
	if ev.Example {
		cv.Lines = append(cv.Lines, "EXEMPLE – valeurs fictives, à ne pas diffuser comme résultats")
	}
	blocks := []doc.Block{cv, doc.Sommaire{Title: "Sommaire"}}
	blocks = append(blocks, k.evaluationBody(evals, 1)...)
	return &doc.Document{Meta: meta, Blocks: blocks}, k.probs
}

// evaluationAnnex returns the annex as blocks to append to the contract,
// under one heading of the contract's sommaire.
func (k *composer) evaluationAnnex(evals []model.Evaluation) []doc.Block {
	ev := evals[len(evals)-1]
	out := []doc.Block{doc.PageBreak{}, k.heading(doc.Heading{Level: 1, Text: []doc.Inline{{Text: EvaluationTitle(ev)}}})}
	if ev.Example {
		out = append(out, para("EXEMPLE – valeurs fictives, à ne pas diffuser comme résultats.", doc.Bold))
	}
	return append(out, k.evaluationBody(evals, 2)...)
}

// evaluationBody writes the dashboard, the états and the indicators; top
// is the heading level of its parts.
func (k *composer) evaluationBody(evals []model.Evaluation, top int) []doc.Block {
	c := k.c
	ev := evals[len(evals)-1]
	var out []doc.Block
	h := func(level int, s string, toc int) {
		hd := k.heading(doc.Heading{Level: level, Text: []doc.Inline{{Text: frenchSpaces(s)}}})
		if toc > 0 {
			hd.TOCLevel = toc
		}
		out = append(out, hd)
	}
	state := func(code string) string {
		if s, ok := ev.States[code]; ok && s.State != "" {
			return s.State
		}
		return notFilled
	}
	states := append(append([]string(nil), evalsheet.States...), notFilled)

	// dashboard
	h(top, "Tableau de bord", top)
	filled, total := 0, 0
	for _, f := range c.Fiches {
		total += len(f.Evaluation)
	}
	for _, v := range ev.Values {
		if v.HasValue || v.Comment != "" {
			filled++
		}
	}
	known := 0
	for _, f := range c.Fiches {
		if state(f.Code) != notFilled {
			known++
		}
	}
	pct := 0.0
	if total > 0 {
		pct = 100 * float64(filled) / float64(total)
	}
	out = append(out, para(fmt.Sprintf("État d'avancement renseigné pour %d fiches sur %d. Critères et indicateurs renseignés : %d sur %d (%s %%).",
		known, len(c.Fiches), filled, total, frnum.Format(pct, 0)), 0))
	overall := model.StatTable{Sheet: "états", Category: "État", Series: []string{"Fiches"}}
	for _, s := range states {
		n := 0
		for _, f := range c.Fiches {
			if state(f.Code) == s {
				n++
			}
		}
		overall.Rows = append(overall.Rows, statRow(s, float64(n)))
	}
	source := fmt.Sprintf("évaluation annuelle %d (%s)", ev.Year, ev.File)
	out = append(out, k.memChart("etats", model.ChartBars, "Fiches actions par état d'avancement", "fiches", &overall, source)...)
	perAxe := model.StatTable{Sheet: "états par axe", Category: "Axe", Series: states}
	for _, a := range c.Axes {
		r := model.StatRow{Label: "Axe " + a.Number, Values: make([]float64, len(states)), Set: make([]bool, len(states)), Decimals: make([]int, len(states))}
		for i, s := range states {
			for _, f := range c.Fiches {
				if f.Axe == a.Number && state(f.Code) == s {
					r.Values[i]++
				}
			}
			r.Set[i] = r.Values[i] > 0
		}
		perAxe.Rows = append(perAxe.Rows, r)
	}
	out = append(out, k.memChart("etats-axes", model.ChartBars, "Fiches actions par axe et par état d'avancement", "fiches", &perAxe, source)...)

	// états
	h(top, "État d'avancement des fiches actions", top)
	t := doc.Table{Widths: []float64{1, 3.2, 2.4, 1.6, 3.2}, HeaderRows: 1, Size: 8.5}
	head := func(s string) doc.Cell { return doc.Cell{Blocks: []doc.Block{para(s, doc.Bold)}, Shade: &headShade} }
	t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{head("Code"), head("Intitulé"), head("Porteur"), head("État"), head("Commentaire")}})
	for _, f := range c.Fiches {
		s := state(f.Code)
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{
			{Blocks: []doc.Block{doc.Paragraph{Text: []doc.Inline{{Text: f.Code, Style: doc.Bold, Link: "#" + evalAnchor(f.Code)}}}}},
			{Blocks: []doc.Block{para(f.Title, 0)}}, {Blocks: cellBlocks(f.Owner)}, stateCell(s), {Blocks: cellBlocks(ev.States[f.Code].Comment)},
		}})
	}
	out = append(out, t)

	// indicators, fiche by fiche
	h(top, "Critères et indicateurs par fiche action", top)
	for _, f := range c.Fiches {
		hd := k.heading(doc.Heading{Level: top + 1, Text: []doc.Inline{{Text: frenchSpaces(f.Code + " – " + f.Title)}}, TOCLevel: top + 1, Anchor: evalAnchor(f.Code)})
		out = append(out, hd)
		line := "État d'avancement " + fmt.Sprint(ev.Year) + " : " + state(f.Code) + "."
		if cm := ev.States[f.Code].Comment; cm != "" {
			line += " " + cm
		}
		out = append(out, para(line, 0))
		if len(f.Evaluation) == 0 {
			continue
		}
		widths := []float64{1.4, 1.3, 4}
		heads := []string{"Évaluation", "Type", "Critère ou indicateur"}
		for _, e := range evals {
			widths = append(widths, 1)
			label := fmt.Sprint(e.Year)
			if e.Example {
				label += " (exemple)" // fictitious values stay marked in later annexes
			}
			heads = append(heads, label)
		}
		widths = append(widths, 1, 2.6)
		heads = append(heads, "Cible", "Commentaire "+fmt.Sprint(ev.Year))
		it := doc.Table{Widths: widths, HeaderRows: 1, Size: 8.5}
		var hr doc.Row
		for _, s := range heads {
			hr.Cells = append(hr.Cells, head(s))
		}
		it.Rows = append(it.Rows, hr)
		trend := model.StatTable{Category: "Indicateur"}
		for _, e := range evals {
			trend.Series = append(trend.Series, fmt.Sprint(e.Year))
		}
		for _, ind := range f.Evaluation {
			row := doc.Row{Cells: []doc.Cell{{Blocks: []doc.Block{para(ind.Kind, 0)}}, {Blocks: []doc.Block{para(ind.Type, 0)}}, {Blocks: cellBlocks(ind.Text)}}}
			tr := model.StatRow{Label: ind.Text, Values: make([]float64, len(evals)), Set: make([]bool, len(evals)), Decimals: make([]int, len(evals))}
			years := 0
			var cur model.IndicatorValue
			for i, e := range evals {
				v, ok := valueOf(e, f.Code, ind)
				cell := "–"
				if ok && v.HasValue {
					cell = frnum.Plain(v.Value)
					tr.Values[i], tr.Set[i], tr.Decimals[i] = v.Value, true, -1
					years++
				}
				row.Cells = append(row.Cells, doc.Cell{Blocks: []doc.Block{para(cell, 0)}, Align: doc.Right})
				if i == len(evals)-1 && ok {
					cur = v
				}
			}
			target := ""
			if cur.HasTarget {
				target = frnum.Plain(cur.Target)
			}
			row.Cells = append(row.Cells, doc.Cell{Blocks: []doc.Block{para(target, 0)}, Align: doc.Right}, doc.Cell{Blocks: cellBlocks(cur.Comment)})
			it.Rows = append(it.Rows, row)
			if years >= 2 {
				trend.Rows = append(trend.Rows, tr)
			}
		}
		out = append(out, it)
		if len(trend.Rows) > 0 && len(evals) >= 2 {
			out = append(out, k.memChart("tendance-"+f.Code, model.ChartHBars, "Évolution des indicateurs – "+f.Code, "valeur", &trend, source)...)
		}
	}
	return out
}

// memChart draws a chart of data made here rather than read from a sheet.
func (k *composer) memChart(id, kind, title, axis string, data *model.StatTable, source string) []doc.Block {
	f, err := chart.Figure(model.ChartSpec{ID: id, Kind: kind, Title: title, ValueAxis: axis, Data: data}, 165, k.m, k.fonts)
	if err != nil {
		k.probs.Errorf("", "", "", "%v", err)
		return nil
	}
	k.caption(&f, title, source)
	return []doc.Block{f}
}

func statRow(label string, v float64) model.StatRow {
	return model.StatRow{Label: label, Values: []float64{v}, Set: []bool{true}, Decimals: []int{-1}}
}

// stateCell shows an état in its colour and in words.
func stateCell(s string) doc.Cell {
	shade := stateShades[s]
	p := para(s, doc.Bold)
	if darkStates[s] {
		white := doc.Color{R: 255, G: 255, B: 255}
		p.Color = &white
	}
	return doc.Cell{Blocks: []doc.Block{p}, Shade: &shade}
}

func valueOf(e model.Evaluation, code string, ind model.Indicator) (model.IndicatorValue, bool) {
	for _, v := range e.Values {
		if v.Fiche == code && v.Text == ind.Text && v.Kind == ind.Kind && v.Type == ind.Type {
			return v, true
		}
	}
	return model.IndicatorValue{}, false
}

func evalAnchor(code string) string { return "evaluation-" + ficheAnchor(code) }
