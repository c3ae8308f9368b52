package compose

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/contrat-local-sante/cls/internal/chart"
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/model"
	"github.com/contrat-local-sante/cls/internal/theme"
)

// theme is the look the diagrams and charts are drawn in: the contract's
// (templates/theme.yaml), or the shipped one. Its diagram colours are
// three steps of the accent, dark to light, so that boxes stay distinct
// when printed in greyscale.
func (k *composer) theme() *theme.Theme { return k.c.Theme.Or() }

// figure builds a named figure. Its caption comes from the directive's
// "titre:" line and is numbered.
func (k *composer) figure(name string, d directive, t model.Template) []doc.Block {
	var f doc.Figure
	switch name {
	case "gouvernance":
		f = k.governanceFigure()
	case "dispositifs":
		f = k.dispositifsFigure()
	default:
		k.probs = append(k.probs, problemAt(t, d.Line, fmt.Sprintf("figure « %s » inconnue ; attendu « gouvernance » ou « dispositifs »", name), d.Text))
		return nil
	}
	if title := d.Params["titre"]; title != "" {
		k.caption(&f, title, "")
	}
	k.described(&f, f.Alt)
	return []doc.Block{f}
}

// caption numbers a figure and gives it its caption, source line and
// anchor, for the table des figures.
func (k *composer) caption(f *doc.Figure, title, source string) {
	k.figures++
	f.Caption = k.words("figure.legende", "numero", strconv.Itoa(k.figures), "titre", title)
	if source != "" {
		f.Source = k.words("figure.source", "source", source)
	}
	f.Anchor = k.slug("figure-" + strconv.Itoa(k.figures))
}

// chart draws a chart described in the workbooks: ```cls graphique ID.
func (k *composer) chart(d directive, t model.Template) []doc.Block {
	if len(d.Args) != 1 {
		k.probs = append(k.probs, problemAt(t, d.Line, "directive graphique : attendu « graphique IDENTIFIANT », un identifiant de la feuille « Graphiques » de "+k.c.Files.Diagnostic, d.Text))
		return nil
	}
	id := d.Args[0]
	var ids []string
	for _, spec := range k.c.Charts {
		if spec.ID != id {
			ids = append(ids, spec.ID)
			continue
		}
		if spec.Data == nil {
			return nil // the reader reported why
		}
		r := k.charts[spec.ID]
		f, err := r.fig, r.err
		if err != nil {
			k.probs = append(k.probs, problemAt(t, d.Line, err.Error(), d.Text))
			return nil
		}
		k.caption(&f, spec.Title, spec.Data.Source)
		k.described(&f, k.chartData(spec))
		return []doc.Block{f}
	}
	k.probs = append(k.probs, problemAt(t, d.Line, fmt.Sprintf("graphique « %s » inconnu ; attendu un identifiant de la feuille « Graphiques » de %s (présents : %s)", id, k.c.Files.Diagnostic, strings.Join(ids, ", ")), d.Text))
	return nil
}

// centred draws s centred on x at baseline y.
func (k *composer) centred(s string, x, y, size float64, st doc.Style, c doc.Color) doc.Text {
	w := k.m.Width(s, st, size)
	return doc.Text{X: x - w/2, Y: y, Text: s, Style: st, Size: size, Color: c}
}

// arrow draws a vertical arrow from y1 to y2 at x.
func arrow(x, y1, y2 float64, c doc.Color) []doc.Item {
	dir := 1.0
	if y2 < y1 {
		dir = -1
	}
	tip := y2
	return []doc.Item{
		doc.Line{X1: x, Y1: y1, X2: x, Y2: tip - dir*2.2, Color: c, Width: 0.5},
		doc.Polygon{Points: []doc.Point{{X: x - 1.6, Y: tip - dir*2.6}, {X: x + 1.6, Y: tip - dir*2.6}, {X: x, Y: tip}}, Fill: c},
	}
}

// governanceFigure draws the three instances of governance, from the
// decision-making comité de pilotage down to the working groups, with the
// flows between them and the size of each from the data.
func (k *composer) governanceFigure() doc.Figure {
	c, th := k.c, k.theme()
	dark, medium, light, paper, ink, grey := th.DiagramDark, th.DiagramMedium, th.DiagramLight, th.DiagramPaper, th.DiagramInk, th.DiagramGrey
	const bw, bh, gap = 96.0, 19.0, 13.0
	w := th.ColumnWidth()
	x := (w - bw) / 2
	boxes := []struct {
		title, sub string
		fill, text doc.Color
	}{
		{k.word("gouvernance.copil"), k.words("gouvernance.copil_detail", "signataires", strconv.Itoa(len(c.Signatories)), "membres", strconv.Itoa(len(c.Steering))), dark, paper},
		{k.word("gouvernance.cotech"), k.words(countKey(len(c.Technical), "gouvernance.cotech_detail_un", "gouvernance.cotech_detail"), "membres", strconv.Itoa(len(c.Technical))), medium, paper},
		{k.word("gouvernance.groupes"), k.words(countKey(len(c.WorkingGroups), "gouvernance.groupes_detail_un", "gouvernance.groupes_detail"), "groupes", strconv.Itoa(len(c.WorkingGroups))), light, ink},
	}
	down, up := k.word("gouvernance.descend"), k.word("gouvernance.remonte")
	var items []doc.Item
	// its description: the boxes top down, then the flows between them
	var alt []string
	for _, b := range boxes {
		alt = append(alt, k.box(b.title, b.sub))
	}
	for i := 0; i+1 < len(boxes); i++ {
		alt = append(alt, k.words("alt.flux", "haut", boxes[i].title, "bas", boxes[i+1].title, "descend", down, "remonte", up))
	}
	for i, b := range boxes {
		y := float64(i) * (bh + gap)
		fill := b.fill
		stroke := dark
		items = append(items, doc.Rect{X: x, Y: y, W: bw, H: bh, Fill: &fill, Stroke: &stroke, LineWidth: 0.4, Radius: 2.5})
		items = append(items, k.centred(b.title, w/2, y+8, th.DiagramTitle, doc.Bold, b.text))
		for j, l := range chart.Wrap(k.m, b.sub, bw-8, th.DiagramDetail, 0) {
			items = append(items, k.centred(l, w/2, y+13.5+float64(j)*3.6, th.DiagramDetail, 0, b.text))
		}
		if i < len(boxes)-1 {
			yb := y + bh
			items = append(items, arrow(x+bw*0.3, yb+0.5, yb+gap-0.5, dark)...)
			items = append(items, arrow(x+bw*0.7, yb+gap-0.5, yb+0.5, grey)...)
			items = append(items, doc.Text{X: x + bw*0.3 - 2 - k.m.Width(down, doc.Italic, th.DiagramArrow), Y: yb + gap/2 + 1, Text: down, Style: doc.Italic, Size: th.DiagramArrow, Color: dark})
			items = append(items, doc.Text{X: x + bw*0.7 + 2, Y: yb + gap/2 + 1, Text: up, Style: doc.Italic, Size: th.DiagramArrow, Color: grey})
		}
	}
	return doc.Figure{Width: w, Height: 3*bh + 2*gap, Items: items, Alt: strings.Join(alt, altCategories)}
}

// dispositifsFigure draws the échelons as bands, from the national one at
// the top down to the local one, each holding its dispositifs' short
// labels: the hierarchical declension of strategies and plans.
func (k *composer) dispositifsFigure() doc.Figure {
	th := k.theme()
	paper, ink, dark := th.DiagramPaper, th.DiagramInk, th.DiagramDark
	// the bands fill the column but for the arrow on their right
	const arrowW, labelW, pad, boxH, hgap, vgap = 6.0, 34.0, 3.0, 8.0, 2.5, 2.5
	w, size := th.ColumnWidth()-arrowW, th.DiagramBox
	levels := k.c.Levels
	fills := th.DiagramBands[:]
	var items []doc.Item
	var alt []string // its description: each échelon with its dispositifs, top down
	y := 0.0
	// national at the top: reverse the sheet's local-first order
	for i := len(levels) - 1; i >= 0; i-- {
		lv := levels[i]
		// lay the boxes out in rows
		type box struct {
			x, y, w float64
			label   string
			anchor  string
		}
		var bs []box
		var names []string
		x := labelW + pad
		row := 0
		for di, d := range lv.Dispositifs {
			label := d.Short
			if label == "" {
				label = d.Name
			}
			names = append(names, k.box(label, d.Name))
			bw := k.m.Width(label, 0, size) + 5
			if x+bw > w-pad && x > labelW+pad {
				row++
				x = labelW + pad
			}
			bs = append(bs, box{x: x, y: float64(row) * (boxH + vgap), w: min(bw, w-labelW-2*pad), label: label, anchor: k.dispositifAnchor(i, di)})
			x += bw + hgap
		}
		alt = append(alt, k.words("alt.echelon", "echelon", lv.Name, "dispositifs", strings.Join(names, altSeries)))
		bandH := float64(row+1)*(boxH+vgap) - vgap + 2*pad
		fill := fills[(len(levels)-1-i)%len(fills)]
		items = append(items, doc.Rect{X: 0, Y: y, W: w, H: bandH, Fill: &fill, Radius: 1.5})
		lines := chart.Wrap(k.m, lv.Name, labelW-4, th.DiagramLevel, doc.Bold)
		ly := y + bandH/2 - float64(len(lines)-1)*2 + 1.2
		for j, l := range lines {
			items = append(items, k.centred(l, labelW/2, ly+float64(j)*4, th.DiagramLevel, doc.Bold, ink))
		}
		for _, b := range bs {
			white := paper
			stroke := dark
			items = append(items, doc.Rect{X: b.x, Y: y + pad + b.y, W: b.w, H: boxH, Fill: &white, Stroke: &stroke, LineWidth: 0.3, Radius: 1.2})
			items = append(items, k.centred(b.label, b.x+b.w/2, y+pad+b.y+5.4, size, 0, ink))
			// each box leads to the dispositif's section
			items = append(items, doc.Link{X: b.x, Y: y + pad + b.y, W: b.w, H: boxH, Target: "#" + b.anchor, Contents: b.label})
		}
		y += bandH + 2
	}
	// the declension runs downwards, from national to local
	items = append(items, arrow(w+4, 2, y-4, dark)...)
	return doc.Figure{Width: w + arrowW, Height: y, Items: items, Alt: strings.Join(alt, altCategories)}
}
