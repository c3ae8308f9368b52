package compose

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/model"
)

// ficheNumber is the number of a fiche without its prefix: "FA2.3" → "2.3".
func ficheNumber(code string) string {
	return strings.TrimLeft(strings.TrimPrefix(strings.ToUpper(code), "FA"), " ")
}

// ficheAnchor is the link target of a fiche.
func ficheAnchor(code string) string {
	return "fiche-" + strings.ToLower(strings.NewReplacer(".", "-", " ", "").Replace(code))
}

// axeTitle is the axe's title in the synthèse.
func axeSummaryTitle(a model.Axe) string {
	if a.SummaryTitle != "" {
		return a.SummaryTitle
	}
	return a.Title
}

// fichesByAxe returns each axe with its fiches, in the workbook's order.
func (k *composer) fichesByAxe() []struct {
	axe    model.Axe
	fiches []model.Fiche
} {
	var out []struct {
		axe    model.Axe
		fiches []model.Fiche
	}
	for _, a := range k.c.Axes {
		var fs []model.Fiche
		for _, f := range k.c.Fiches {
			if f.Axe == a.Number {
				fs = append(fs, f)
			}
		}
		out = append(out, struct {
			axe    model.Axe
			fiches []model.Fiche
		}{a, fs})
	}
	return out
}

// synthese is the overview table of all fiches: the axe (one cell spanning
// its fiches), the code (a link to the fiche), the title and the objective.
func (k *composer) synthese() []doc.Block {
	t := doc.Table{Widths: []float64{2.3, 1, 2.8, 4.6}, HeaderRows: 1, Role: doc.RoleGridTable}
	head := func(s string) doc.Cell {
		return doc.Cell{Blocks: []doc.Block{para(s, doc.Bold)}, Role: doc.RoleHead}
	}
	t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{head(k.word("synthese.axes")), head(k.word("synthese.code")), head(k.word("synthese.intitules")), head(k.word("synthese.objectifs"))}})
	for _, g := range k.fichesByAxe() {
		for i, f := range g.fiches {
			var cells []doc.Cell
			if i == 0 {
				cells = append(cells, doc.Cell{Blocks: []doc.Block{para(k.words("synthese.axe", "numero", g.axe.Number, "titre", axeSummaryTitle(g.axe)), doc.Bold)}, RowSpan: len(g.fiches), Role: doc.RoleLabel})
			}
			title := f.SummaryTitle
			if title == "" {
				title = f.Title
			}
			goal := f.SummaryGoal
			if goal == "" && f.Goal != "" && !strings.EqualFold(f.Code, "") {
				goal = f.Goal
			}
			if f.SummaryGoal == "" && len(f.Objectives) > 0 && f.Objectives[0].Text == "" {
				goal = "" // a fiche without an objectives split has no summary objective
			}
			code := []doc.Block{doc.Paragraph{Text: []doc.Inline{{Text: f.Code, Style: doc.Bold, Link: "#" + ficheAnchor(f.Code)}}}}
			if f.Avenant > 0 {
				key := "synthese.ajoutee"
				if f.Change == model.ChangeModified {
					key = "synthese.modifiee"
				}
				p := para(k.words(key, "numero", strconv.Itoa(f.Avenant)), doc.Italic)
				p.Role = doc.RoleNote
				code = append(code, p)
			}
			cells = append(cells,
				doc.Cell{Blocks: code},
				doc.Cell{Blocks: []doc.Block{para(title, 0)}},
				doc.Cell{Blocks: cellBlocks(goal)},
			)
			t.Rows = append(t.Rows, doc.Row{Cells: cells})
		}
	}
	return []doc.Block{t}
}

// fiches writes, per axe, a divider and then each fiche: its context and
// its table.
func (k *composer) fiches() []doc.Block {
	var out []doc.Block
	for _, g := range k.fichesByAxe() {
		a := g.axe
		out = append(out, doc.Heading{Level: 1, Divider: true, Text: []doc.Inline{{Text: frenchSpaces(k.words("fiche.axe_titre", "numero", a.Number, "titre", a.Title))}},
			Anchor: k.slug("axe-" + a.Number), TOCLevel: 2})
		if t, ok := k.c.TemplateFiles[fmt.Sprintf("fiches/axe-%s.md", a.Number)]; ok {
			out = append(out, k.template(t, 1)...)
		}
		for _, f := range g.fiches {
			out = append(out, k.fiche(a, f)...)
		}
	}
	return out
}

func (k *composer) fiche(a model.Axe, f model.Fiche) []doc.Block {
	num := ficheNumber(f.Code)
	var out []doc.Block
	h := doc.Heading{Level: 2, NewPage: true, Anchor: ficheAnchor(f.Code), TOCLevel: 3,
		TOCTitle: frenchSpaces(k.words("fiche.sommaire", "code", f.Code, "titre", f.Title))}
	t, hasContext := k.c.TemplateFiles["fiches/"+f.Code+".md"]
	if hasContext {
		h.Text = []doc.Inline{{Text: frenchSpaces(k.words("fiche.contexte", "numero", num))}}
		out = append(out, h)
		title := f.ContextTitle
		if title == "" {
			title = f.Title
		}
		p := para(title, doc.Bold)
		p.Align = doc.Center
		p.Role = doc.RoleLead
		p.KeepNext = true
		out = append(out, p)
		out = append(out, k.template(t, 0)...)
	} else {
		h.Text = []doc.Inline{{Text: frenchSpaces(k.words("fiche.action", "numero", num, "titre", f.Title))}}
		out = append(out, h)
	}
	return append(out, k.ficheTable(a, f)...)
}

// label is a shaded label cell.
func label(s string) doc.Cell {
	return doc.Cell{Blocks: []doc.Block{para(s, doc.Bold)}, Role: doc.RoleLabel}
}

// content is a content cell spanning n columns.
func content(s string, n int) doc.Cell {
	return doc.Cell{Blocks: cellBlocks(s), ColSpan: n}
}

// ficheTable is the fiche's grid, as stacked tables sharing the label
// column so that it reads as one: identity, objectives (header repeated
// across pages), steps and partners, evaluation (headers repeated).
func (k *composer) ficheTable(a model.Axe, f model.Fiche) []doc.Block {
	const lw = 2.6
	var out []doc.Block
	axeLabel := a.Title
	if f.AxeLabel != "" {
		axeLabel = f.AxeLabel
	}
	ident := doc.Table{Widths: []float64{lw, 8.4}, Role: doc.RoleFicheTable, Together: true}
	ident.Rows = append(ident.Rows,
		doc.Row{Cells: []doc.Cell{label(k.word("fiche.axe_strategique")), content(k.spacedLabel("fiche.axe", "titre", axeLabel, "numero", a.Number), 1)}},
		doc.Row{Cells: []doc.Cell{{Blocks: []doc.Block{para(k.words("fiche.action", "numero", ficheNumber(f.Code), "titre", f.Title), doc.Bold)}, ColSpan: 2, Role: doc.RoleHead}}},
	)
	if note := k.avenantNote(f); note != "" {
		ident.Rows = append(ident.Rows, doc.Row{Cells: []doc.Cell{label(k.word("fiche.avenant")), {Blocks: []doc.Block{para(note, doc.Bold|doc.Italic)}}}})
	}
	if f.Status != "" {
		ident.Rows = append(ident.Rows, doc.Row{Cells: []doc.Cell{{Blocks: []doc.Block{doc.Checkboxes{Items: []doc.Check{
			k.check("fiche.renouvelee", f.Status == model.StatusRenewed),
			k.check("fiche.nouvelle", f.Status == model.StatusNew),
		}}}, ColSpan: 2}}})
	}
	for _, r := range []struct{ label, text string }{
		{k.word("fiche.articulation"), f.Articulation},
		{k.word("fiche.objectif_general"), f.Goal},
		{k.word("fiche.porteur"), f.Owner},
		{k.word("fiche.public"), f.Audience},
	} {
		if r.text != "" {
			ident.Rows = append(ident.Rows, doc.Row{Cells: []doc.Cell{label(r.label), content(r.text, 1)}})
		}
	}
	out = append(out, ident)

	if len(f.Objectives) > 0 {
		split := false
		for _, o := range f.Objectives {
			if o.Text != "" {
				split = true
			}
		}
		if split {
			obj := doc.Table{Widths: []float64{lw, 3.6, 4.8}, HeaderRows: 1, Role: doc.RoleFicheTable, Attached: true}
			obj.Rows = append(obj.Rows, doc.Row{Cells: []doc.Cell{
				{Blocks: []doc.Block{para(k.word("fiche.descriptif"), doc.Bold)}, Role: doc.RoleLabel, RowSpan: len(f.Objectives) + 1},
				{Blocks: []doc.Block{para(k.word("fiche.objectifs_strategiques"), doc.Bold|doc.Italic)}, Role: doc.RoleHead},
				{Blocks: []doc.Block{para(k.word("fiche.objectifs_operationnels"), doc.Bold|doc.Italic)}, Role: doc.RoleHead},
			}})
			for _, o := range f.Objectives {
				var ops []doc.Block
				for _, op := range o.Operational {
					ops = append(ops, numbered(op.Number, op.Text)...)
				}
				obj.Rows = append(obj.Rows, doc.Row{Cells: []doc.Cell{{Blocks: numbered(o.Number, o.Text)}, {Blocks: ops}}})
			}
			out = append(out, obj)
		} else {
			var blocks []doc.Block
			for _, o := range f.Objectives {
				for _, op := range o.Operational {
					blocks = append(blocks, numbered(op.Number, op.Text)...)
				}
			}
			out = append(out, doc.Table{Widths: []float64{lw, 8.4}, Role: doc.RoleFicheTable, Attached: true, Rows: []doc.Row{{Cells: []doc.Cell{label(k.word("fiche.descriptif")), {Blocks: blocks}}}}})
		}
	}

	more := doc.Table{Widths: []float64{lw, 8.4}, Role: doc.RoleFicheTable, Attached: true}
	for _, r := range []struct{ label, text string }{
		{k.word("fiche.deroule"), f.Steps},
		{k.word("fiche.partenaires"), f.Partners},
		{k.word("fiche.outils"), f.Tools},
	} {
		if r.text != "" {
			more.Rows = append(more.Rows, doc.Row{Cells: []doc.Cell{label(r.label), content(r.text, 1)}})
		}
	}
	if len(more.Rows) > 0 {
		out = append(out, more)
	}
	out = append(out, k.evaluationTable(f, lw)...)
	return out
}

// numbered prefixes a cell text with its number, as the reference writes
// "1 – Favoriser…".
func numbered(num, text string) []doc.Block {
	if num != "" {
		text = num + " – " + text
	}
	return cellBlocks(text)
}

// evaluationTable is the fiche's evaluation grid: four columns
// (processus: critères, indicateurs; résultats: critères, indicateurs), or
// a plain list for a fiche whose indicators have no kind.
func (k *composer) evaluationTable(f model.Fiche, lw float64) []doc.Block {
	if len(f.Evaluation) == 0 {
		return nil
	}
	cols := map[[2]string][]string{}
	var plainList []string
	for _, ind := range f.Evaluation {
		if ind.Kind == "" {
			plainList = append(plainList, ind.Text)
			continue
		}
		typ := ind.Type
		if typ == "" {
			typ = "indicateur"
		}
		key := [2]string{ind.Kind, typ}
		cols[key] = append(cols[key], ind.Text)
	}
	var out []doc.Block
	if len(cols) > 0 {
		t := doc.Table{Widths: []float64{lw, 2.1, 2.1, 2.1, 2.1}, HeaderRows: 2, Role: doc.RoleGridTable, Attached: true}
		sub := func(s string) doc.Cell {
			return doc.Cell{Blocks: []doc.Block{para(s, doc.Bold)}, Role: doc.RoleHead}
		}
		t.Rows = append(t.Rows,
			doc.Row{Cells: []doc.Cell{
				{Blocks: []doc.Block{para(k.word("fiche.evaluation_suivi"), doc.Bold)}, Role: doc.RoleLabel, RowSpan: 3},
				{Blocks: []doc.Block{para(k.word("fiche.evaluation_processus"), doc.Bold|doc.Italic)}, ColSpan: 2, Role: doc.RoleHead, Align: doc.Center},
				{Blocks: []doc.Block{para(k.word("fiche.evaluation_resultats"), doc.Bold|doc.Italic)}, ColSpan: 2, Role: doc.RoleHead, Align: doc.Center},
			}},
			doc.Row{Cells: []doc.Cell{sub(k.word("fiche.criteres")), sub(k.word("fiche.indicateurs")), sub(k.word("fiche.criteres")), sub(k.word("fiche.indicateurs"))}},
		)
		var row doc.Row
		for _, key := range [][2]string{{"processus", "critère"}, {"processus", "indicateur"}, {"résultats", "critère"}, {"résultats", "indicateur"}} {
			row.Cells = append(row.Cells, doc.Cell{Blocks: itemBlocks(cols[key])})
		}
		t.Rows = append(t.Rows, row)
		out = append(out, t)
	}
	if len(plainList) > 0 {
		out = append(out, doc.Table{Widths: []float64{lw, 8.4}, Role: doc.RoleFicheTable, Attached: true, Rows: []doc.Row{{Cells: []doc.Cell{label(k.word("fiche.evaluation")), {Blocks: itemBlocks(plainList)}}}}})
	}
	return out
}

// itemBlocks sets evaluation items: one as a paragraph, several as a list.
func itemBlocks(items []string) []doc.Block {
	if len(items) == 1 {
		return cellBlocks(items[0])
	}
	var l doc.List
	for _, it := range items {
		l.Items = append(l.Items, doc.ListItem{Blocks: cellBlocks(it)})
	}
	if len(l.Items) == 0 {
		return nil
	}
	return []doc.Block{l}
}

// check is a ticked or empty box with the label of key, and its state in
// words for a screen reader.
func (k *composer) check(key string, ticked bool) doc.Check {
	label := k.word(key)
	state := "alt.case_vide"
	if ticked {
		state = "alt.case_cochee"
	}
	return doc.Check{Label: label, Checked: ticked, Alt: k.words(state, "libelle", label)}
}
