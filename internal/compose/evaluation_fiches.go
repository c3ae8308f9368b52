package compose

import (
	"strconv"
	"strings"

	"github.com/contrat-local-sante/cls/internal/chart"
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/model"
)

// indicatorParams are the words of the directive indicateurs. Placeholders
// filled per fiche: {code}, {intitule} (titre, graphique), {etat},
// {commentaire} (etat), {annee} (annee, annee-exemple).
var indicatorParams = []string{"titre", "etat", "evaluation", "type", "critere", "annee", "annee-exemple", "sans-valeur", "cible", "commentaire", "graphique", "axe", "source"}

// indicators writes a section per fiche: its title, its état and comment
// of the year, the table of its criteria and indicators with the value of
// every year, the target and the comment of the year, and a trend chart of
// the indicators valued in two years or more.
func (a *annex) indicators(d directive, t model.Template) []doc.Block {
	if !a.params(d, t, indicatorParams...) {
		return nil
	}
	p := d.Params
	level := 2 + a.shift() // under the template's own heading
	var out []doc.Block
	for _, f := range a.k.c.Fiches {
		title := fill(p["titre"], "code", f.Code, "intitule", f.Title)
		out = append(out, a.k.heading(doc.Heading{Level: level, Text: []doc.Inline{{Text: frenchSpaces(title)}}, TOCLevel: level, Anchor: evalAnchor(f.Code)}))
		line := fill(p["etat"], "etat", a.state(f.Code), "commentaire", a.ev.States[f.Code].Comment)
		out = append(out, para(strings.TrimSpace(line), 0))
		if len(f.Evaluation) == 0 {
			continue
		}
		out = append(out, a.indicatorTable(p, f))
		if chart := a.trend(p, f); chart != nil {
			out = append(out, chart...)
		}
	}
	return out
}

// indicatorTable is a fiche's criteria and indicators, a column per year.
func (a *annex) indicatorTable(p map[string]string, f model.Fiche) doc.Table {
	widths := []float64{1.4, 1.3, 4}
	heads := []string{p["evaluation"], p["type"], p["critere"]}
	for _, e := range a.evals {
		widths = append(widths, 1)
		label := p["annee"]
		if e.Example {
			label = p["annee-exemple"] // fictitious values stay marked in later annexes
		}
		heads = append(heads, fill(label, "annee", strconv.Itoa(e.Year)))
	}
	widths = append(widths, 1, 2.6)
	heads = append(heads, p["cible"], p["commentaire"])
	tb := doc.Table{Widths: widths, HeaderRows: 1, Role: doc.RoleDenseTable}
	tb.Rows = append(tb.Rows, headRow(heads...))
	right := func(s string) doc.Cell { return doc.Cell{Blocks: []doc.Block{para(s, 0)}, Align: doc.Right} }
	for _, ind := range f.Evaluation {
		row := doc.Row{Cells: []doc.Cell{{Blocks: []doc.Block{para(ind.Kind, 0)}}, {Blocks: []doc.Block{para(ind.Type, 0)}}, {Blocks: cellBlocks(ind.Text)}}}
		for _, e := range a.evals {
			cell := p["sans-valeur"]
			if v, ok := valueOf(e, f.Code, ind); ok && v.HasValue {
				cell = v.ShownValue()
			}
			row.Cells = append(row.Cells, right(cell))
		}
		cur, _ := valueOf(a.ev, f.Code, ind)
		target := ""
		if cur.HasTarget {
			target = cur.ShownTarget()
		}
		row.Cells = append(row.Cells, right(target), doc.Cell{Blocks: cellBlocks(cur.Comment)})
		tb.Rows = append(tb.Rows, row)
	}
	return tb
}

// trend charts a fiche's indicators valued in two years or more, a bar per
// year; nil when there are none.
func (a *annex) trend(p map[string]string, f model.Fiche) []doc.Block {
	if len(a.evals) < 2 {
		return nil
	}
	n := len(a.evals)
	data := model.StatTable{}
	for _, e := range a.evals {
		data.Series = append(data.Series, strconv.Itoa(e.Year))
	}
	for _, ind := range f.Evaluation {
		r := model.StatRow{Label: ind.Text, Values: make([]float64, n), Set: make([]bool, n), Decimals: make([]int, n)}
		years := 0
		for i, e := range a.evals {
			if v, ok := valueOf(e, f.Code, ind); ok && v.HasValue {
				r.Values[i], r.Set[i], r.Decimals[i] = v.Value, true, -1
				years++
			}
		}
		if years >= 2 {
			data.Rows = append(data.Rows, r)
		}
	}
	if len(data.Rows) == 0 {
		return nil
	}
	title := fill(p["graphique"], "code", f.Code, "intitule", f.Title)
	return a.k.memChart("tendance-"+f.Code, model.ChartHBars, title, p["axe"], &data, p["source"])
}

// memChart draws a chart of data made here rather than read from a sheet.
func (k *composer) memChart(id, kind, title, axis string, data *model.StatTable, source string) []doc.Block {
	spec := model.ChartSpec{ID: id, Kind: kind, Title: title, ValueAxis: axis, Data: data}
	f, err := chart.Figure(spec, k.theme().ChartWidth(), k.m, k.fonts, k.theme())
	if err != nil {
		k.probs.Errorf("", "", "", "%v", err)
		return nil
	}
	k.caption(&f, title, source)
	k.described(&f, k.chartData(spec))
	return []doc.Block{f}
}

// valueOf finds the value of a criterion or indicator in a year.
func valueOf(e model.Evaluation, code string, ind model.Indicator) (model.IndicatorValue, bool) {
	for _, v := range e.Values {
		if v.Fiche == code && v.Text == ind.Text && v.Kind == ind.Kind && v.Type == ind.Type {
			return v, true
		}
	}
	return model.IndicatorValue{}, false
}

func evalAnchor(code string) string { return "evaluation-" + ficheAnchor(code) }
