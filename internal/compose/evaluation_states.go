package compose

import (
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/model"
	"github.com/contrat-local-sante/cls/internal/theme"
)

// state is a fiche's état of the year, the annex's word for blank when the
// workbook gives none.
func (a *annex) state(code string) string {
	if s, ok := a.ev.States[code]; ok && s.State != "" {
		return s.State
	}
	return a.blank
}

// states are the états the charts count, the blank one last.
func (a *annex) states() []string {
	return append(append([]string(nil), model.States...), a.blank)
}

// statesChart counts the fiches by état:
// ```cls graphique-etats, with titre, axe (the value axis) and source.
func (a *annex) statesChart(d directive, t model.Template) []doc.Block {
	if !a.params(d, t, "titre", "axe", "source") {
		return nil
	}
	p := d.Params
	data := model.StatTable{Sheet: "états", Series: []string{p["titre"]}}
	for _, s := range a.states() {
		n := 0
		for _, f := range a.k.c.Fiches {
			if a.state(f.Code) == s {
				n++
			}
		}
		data.Rows = append(data.Rows, statRow(s, float64(n)))
	}
	return a.k.memChart("etats", model.ChartBars, p["titre"], p["axe"], &data, p["source"])
}

// axesChart counts the fiches of each axe by état, one bar per état:
// ```cls graphique-etats-par-axe, with titre, axe, ligne (an axe's label,
// with {numero} and {titre}) and source.
func (a *annex) axesChart(d directive, t model.Template) []doc.Block {
	if !a.params(d, t, "titre", "axe", "ligne", "source") {
		return nil
	}
	p := d.Params
	states := a.states()
	data := model.StatTable{Sheet: "états par axe", Series: states}
	for _, ax := range a.k.c.Axes {
		r := model.StatRow{Label: fill(p["ligne"], "numero", ax.Number, "titre", ax.Title),
			Values: make([]float64, len(states)), Set: make([]bool, len(states)), Decimals: make([]int, len(states))}
		for i, s := range states {
			for _, f := range a.k.c.Fiches {
				if f.Axe == ax.Number && a.state(f.Code) == s {
					r.Values[i]++
				}
			}
			r.Set[i] = r.Values[i] > 0
		}
		data.Rows = append(data.Rows, r)
	}
	return a.k.memChart("etats-axes", model.ChartBars, p["titre"], p["axe"], &data, p["source"])
}

// statesTable lists every fiche with its état, in colour and in words:
// ```cls etats, with the column headers code, intitule, porteur, etat and
// commentaire. A fiche's code links to its section, when the annex has
// them.
func (a *annex) statesTable(d directive, t model.Template) []doc.Block {
	if !a.params(d, t, "code", "intitule", "porteur", "etat", "commentaire") {
		return nil
	}
	p := d.Params
	tb := doc.Table{Widths: []float64{1, 3.2, 2.4, 1.6, 3.2}, HeaderRows: 1, Role: doc.RoleDenseTable}
	tb.Rows = append(tb.Rows, headRow(p["code"], p["intitule"], p["porteur"], p["etat"], p["commentaire"]))
	for _, f := range a.k.c.Fiches {
		code := doc.Inline{Text: f.Code, Style: doc.Bold}
		if a.linked {
			code.Link = "#" + evalAnchor(f.Code)
		}
		tb.Rows = append(tb.Rows, doc.Row{Cells: []doc.Cell{
			{Blocks: []doc.Block{doc.Paragraph{Text: []doc.Inline{code}}}},
			{Blocks: []doc.Block{para(f.Title, 0)}}, {Blocks: cellBlocks(f.Owner)},
			stateCell(a.state(f.Code)), {Blocks: cellBlocks(a.ev.States[f.Code].Comment)},
		}})
	}
	return []doc.Block{tb}
}

// headRow is a table's header row.
func headRow(heads ...string) doc.Row {
	var r doc.Row
	for _, s := range heads {
		r.Cells = append(r.Cells, doc.Cell{Blocks: []doc.Block{para(s, doc.Bold)}, Role: doc.RoleHead})
	}
	return r
}

// stateCell shows an état in words and in the colour the theme gives its
// role (templates/theme.yaml, « etats »): dark to light, so that they stay
// apart in greyscale.
func stateCell(s string) doc.Cell {
	return doc.Cell{Blocks: []doc.Block{para(s, doc.Bold)}, Role: doc.RoleState, State: theme.StateKey(int(model.RoleOf(s)))}
}

func statRow(label string, v float64) model.StatRow {
	return model.StatRow{Label: label, Values: []float64{v}, Set: []bool{true}, Decimals: []int{-1}}
}
