package layout

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/labels"
)

// sommaire sets the table of contents: every heading of the document with
// a TOC level, its page (from the previous pass; a placeholder on the first)
// right-aligned after dot leaders, the whole line a link to the heading.
func (e *engine) sommaire(s doc.Sommaire, blocks []doc.Block) []line {
	var out []line
	title := s.Title
	if title == "" {
		title = labels.Defaults().Get("sommaire.titre") // a document made in code
	}
	out = append(out, e.heading(doc.Heading{Level: 1, Text: plain(title, 0)}, e.g.Width(), flowCtx{size: e.g.BodySize}, e.atTop())...)
	width := e.g.Width()
	numW := e.m.Width("0000", 0, e.g.BodySize)
	for entry, h := range tocHeadings(blocks) {
		lvl := h.TOCLevel
		size := e.g.BodySize
		style := doc.Style(0)
		indent := float64(lvl-1) * 6
		before := 0.7
		if lvl == 1 {
			style = doc.Bold
			before = 2.2
		}
		if lvl == 3 {
			size--
		}
		title, runs := h.TOCTitle, plain(h.TOCTitle, 0)
		if title == "" {
			title, runs = doc.PlainText(h.Text), tocRuns(h.Text)
		}
		st := textStyle{size: size, color: e.theme.Text, align: doc.Left, leading: 1.25, extra: style}
		ls := e.setText(runs, width-indent-numW-4, st)
		if len(ls) == 0 {
			continue
		}
		shiftLines(ls, indent)
		page := "…"
		if n, ok := e.known[h.Anchor]; ok {
			page = fmt.Sprint(n)
			e.printed[h.Anchor] = n
		}
		e.leaders(ls, page, indent, width, style, size)
		for i := range ls {
			ls[i].items = append(ls[i].items, doc.Link{X: indent, Y: 0, W: width - indent, H: ls[i].h, Target: "#" + h.Anchor, Contents: title + " " + page})
			ls[i].entry = entry + 1
		}
		out = append(out, gap(before))
		out = append(out, ls...)
	}
	return out
}

// tocRuns are a heading's runs as the sommaire sets them: in its own
// style, with no link, the sigles' expansions kept.
func tocRuns(in []doc.Inline) []doc.Inline {
	out := make([]doc.Inline, len(in))
	for i, r := range in {
		out[i] = doc.Inline{Text: r.Text, Expansions: r.Expansions}
	}
	return out
}

// figureList sets the table des figures: each captioned figure with its
// page (from the previous pass), dot leaders, a link to the figure.
func (e *engine) figureList(l doc.FigureList, blocks []doc.Block) []line {
	var out []line
	width := e.g.Width()
	numW := e.m.Width("0000", 0, e.g.BodySize)
	for entry, f := range figuresOf(blocks) {
		st := textStyle{size: e.g.BodySize, color: e.theme.Text, align: doc.Left, leading: 1.25}
		ls := e.setText(plain(f.Caption, 0), width-numW-4, st)
		page := "…"
		if n, ok := e.known[f.Anchor]; ok {
			page = fmt.Sprint(n)
			e.printed[f.Anchor] = n
		}
		e.leaders(ls, page, 0, width, 0, e.g.BodySize)
		for i := range ls {
			ls[i].items = append(ls[i].items, doc.Link{X: 0, Y: 0, W: width, H: ls[i].h, Target: "#" + f.Anchor, Contents: f.Caption + " " + page})
			ls[i].entry = entry + 1
		}
		out = append(out, gap(1.2))
		out = append(out, ls...)
	}
	return out
}

// figuresOf lists the captioned figures of the document, in order.
func figuresOf(blocks []doc.Block) []doc.Figure {
	var fs []doc.Figure
	for _, b := range blocks {
		if f, ok := b.(doc.Figure); ok && f.Caption != "" {
			fs = append(fs, f)
		}
	}
	return fs
}

// leaders ends the last line with dot leaders and a right-aligned page
// number.
func (e *engine) leaders(ls []line, page string, indent, width float64, style doc.Style, size float64) {
	last := &ls[len(ls)-1]
	end := indent
	var base float64
	for _, it := range last.items {
		if t, ok := it.(doc.Text); ok {
			end = max(end, t.X+e.width(t.Text, t.Style, t.Size))
			base = t.Y
		}
	}
	pw := e.m.Width(page, style, size)
	dotW := e.m.Width(". ", 0, size)
	from := end + 2
	to := width - pw - 2
	if n := int((to - from) / dotW); n > 0 {
		last.items = append(last.items, doc.Text{X: to - float64(n)*dotW, Y: base, Text: strings.Repeat(". ", n), Size: size, Color: e.theme.Muted, Decor: true})
	}
	last.items = append(last.items, doc.Text{X: width - pw, Y: base, Text: page, Style: style, Size: size, Color: e.theme.Text})
}

// tocHeadings lists the headings that go into the sommaire, in order.
func tocHeadings(blocks []doc.Block) []doc.Heading {
	var hs []doc.Heading
	for _, b := range blocks {
		if h, ok := b.(doc.Heading); ok && h.TOCLevel > 0 {
			hs = append(hs, h)
		}
	}
	return hs
}

// cover draws the title page.
func (e *engine) cover(c doc.Cover) {
	if !e.atTop() {
		e.newPage()
	}
	p := e.page()
	p.Cover = true
	w := e.g.Width()
	x := e.g.Left
	band := doc.Rect{X: 0, Y: 0, W: e.g.PageW, H: 8, Fill: &e.theme.Accent}
	p.Items = append(p.Items, band)
	y := 70.0
	if c.Logo != "" && c.LogoW > 0 {
		p.Items = append(p.Items, doc.Image{X: (e.g.PageW - c.LogoW) / 2, Y: 28, W: c.LogoW, H: c.LogoH, Path: c.Logo})
		y = max(y, 28+c.LogoH+18)
	}
	center := func(s string, size float64, style doc.Style, col doc.Color, lead float64) {
		st := textStyle{size: size, color: col, align: doc.Center, leading: lead, extra: style}
		from := len(p.Items)
		defer func() {
			if len(p.Items) > from {
				e.tags.tag(p, from, e.tags.newElem(doc.StructP, -1))
			}
		}()
		for _, l := range e.setText(plain(s, 0), w, st) {
			for _, it := range l.items {
				p.Items = append(p.Items, shift(it, x, y))
			}
			y += l.h
		}
	}
	if c.Kicker != "" {
		center(c.Kicker, e.theme.CoverKicker, 0, e.theme.Muted, 1.3)
		y += 4
	}
	center(c.Title, e.theme.CoverTitle, doc.Bold, e.theme.Accent, 1.15)
	y += 2
	center(c.Subtitle, e.theme.CoverSubtitle, doc.Bold, e.theme.Accent, 1.2)
	y += 6
	p.Items = append(p.Items, doc.Line{X1: x + w/2 - 30, Y1: y, X2: x + w/2 + 30, Y2: y, Color: e.theme.Accent, Width: 0.6})
	y += 10
	for _, l := range c.Lines {
		center(l, e.theme.CoverLine, 0, e.theme.Text, 1.3)
		y += 1
	}
	if len(c.Parties) > 0 {
		y += 22
		center(c.Between, e.theme.CoverBetween, doc.Italic, e.theme.Muted, 1.3)
		y += 3
		for i, party := range c.Parties {
			if i > 0 {
				y += 1
				center(c.And, e.theme.CoverBetween, doc.Italic, e.theme.Muted, 1.3)
				y += 1
			}
			center(party, e.theme.CoverParty, doc.Bold, e.theme.Text, 1.3)
		}
	}
	y = e.g.PageH - e.g.Bottom - 8*float64(len(c.Footer))
	for _, f := range c.Footer {
		center(f, 10.5, 0, e.theme.Muted, 1.4)
	}
	e.newPage()
}

// divider draws an axe divider: its title alone, centred on a page.
func (e *engine) divider(h doc.Heading) {
	// a page holding only a part title (e.g. "Les fiches actions") takes
	// the first divider under it
	if e.y-e.g.Top > 25 {
		e.breakPage()
	}
	w := e.g.Width() - 30
	st := textStyle{size: 24, color: e.theme.Accent, align: doc.Center, leading: 1.25, extra: doc.Bold}
	ls := e.setText(trimInlines(h.Text), w, st)
	total := height(ls)
	e.y = max(e.y+20, e.g.Top+(e.g.bodyBottom()-e.g.Top-total)/2)
	p := e.page()
	p.Items = append(p.Items, doc.Rect{X: e.g.Left, Y: e.y - 12, W: e.g.Width(), H: total + 24, Fill: &e.theme.TableLabel})
	title := h.TOCTitle
	if title == "" {
		title = doc.PlainText(h.Text)
	}
	ls[0].marks = append(ls[0].marks, mark{anchor: h.Anchor, tocLevel: h.TOCLevel, title: title})
	from := len(p.Items)
	for _, l := range ls {
		e.put(l, e.g.Left+15)
	}
	e.tags.tag(p, from, e.tags.newElem(blockRole(h), -1))
	e.newPage()
}

// signaturePage lays out every signature group on one page, sizing the
// signing boxes so that the page is filled and nothing spills over. The
// lead lines (the place and date) open the page, above the boxes.
func (e *engine) signaturePage(s doc.SignaturePage, lead []line) {
	e.breakPage()
	if len(lead) > 0 {
		e.place(lead)
		e.y += e.g.BodySize * ptMM * e.theme.ParagraphSpace
	}
	width := e.g.Width()
	gapX := 8.0
	size := e.g.BodySize - 0.5
	type cellSet struct {
		title []line
		rows  [][]([]line) // per row, per column: name+title lines
		who   [][]string   // per row, per column: who signs
		cols  int
	}
	var sets []cellSet
	fixed := 0.0
	nrows := 0
	for _, g := range s.Groups {
		cols := max(g.Columns, 1)
		cw := (width - gapX*float64(cols-1)) / float64(cols)
		cs := cellSet{cols: cols}
		cs.title = e.setText(plain(g.Title, 0), width, textStyle{size: e.g.BodySize + 1, color: e.theme.Accent, align: doc.Left, leading: 1.3, extra: doc.Bold})
		fixed += height(cs.title) + 3
		for i := 0; i < len(g.People); i += cols {
			var row [][]line
			var who []string
			rowH := 0.0
			for j := i; j < i+cols && j < len(g.People); j++ {
				pp := g.People[j]
				ls := e.setText(plain(pp.Name, doc.Bold), cw, textStyle{size: size, color: e.theme.Text, align: doc.Left, leading: 1.25})
				ls = append(ls, e.setText(plain(pp.Title, 0), cw, textStyle{size: size - 1, color: e.theme.Muted, align: doc.Left, leading: 1.2})...)
				rowH = max(rowH, height(ls))
				row = append(row, ls)
				who = append(who, signer(pp))
			}
			cs.rows = append(cs.rows, row)
			cs.who = append(cs.who, who)
			fixed += rowH + 4
			nrows++
		}
		sets = append(sets, cs)
	}
	avail := e.g.bodyBottom() - e.y - fixed - 2
	box := 30.0
	if nrows > 0 {
		box = min(30, avail/float64(nrows))
	}
	box = max(box, 10)
	p := e.page()
	for _, cs := range sets {
		from := len(p.Items)
		for _, l := range cs.title {
			e.put(l, e.g.Left)
		}
		e.tags.tag(p, from, e.tags.newElem(doc.StructP, -1))
		e.y += 3
		cw := (width - gapX*float64(cs.cols-1)) / float64(cs.cols)
		for r, row := range cs.rows {
			rowH := 0.0
			for _, ls := range row {
				rowH = max(rowH, height(ls))
			}
			for j, ls := range row {
				x := e.g.Left + float64(j)*(cw+gapX)
				y := e.y
				from := len(p.Items)
				for _, l := range ls {
					for _, it := range l.items {
						p.Items = append(p.Items, shift(it, x, y))
					}
					y += l.h
				}
				e.tags.tag(p, from, e.tags.newElem(doc.StructP, -1))
				stroke := e.theme.Border
				p.Items = append(p.Items, doc.Rect{X: x, Y: e.y + rowH + 1, W: cw, H: box - 1, Stroke: &stroke, LineWidth: 0.25})
				e.boxes = append(e.boxes, SignatureBox{Page: len(e.pages), X: x, Y: e.y + rowH + 1, W: cw, H: box - 1, Signer: cs.who[r][j],
					Field: strings.ReplaceAll(s.FieldName, "{nom}", cs.who[r][j])})
			}
			e.y += rowH + box + 4
		}
	}
	e.newPage()
}

// signer names who signs in a box: the role or institution printed in
// it, which a signatory office recognizes, else the person's name.
func signer(p doc.Person) string {
	if t := strings.Join(strings.Fields(p.Title), " "); t != "" {
		return t
	}
	return strings.Join(strings.Fields(p.Name), " ")
}

// furnish adds the running header and the "page X / N" footer to page
// n, but not to the cover; N is the pages the previous pass made.
func (e *engine) furnish(p *Page, n int) {
	if p.Cover {
		return
	}
	size := e.theme.Furniture.Pt(e.g.BodySize)
	hy := e.g.Top - e.theme.HeaderOffset
	if e.meta.HeaderText != "" {
		w := e.m.Width(e.meta.HeaderText, doc.Italic, size)
		p.Items = append(p.Items, doc.Text{X: e.g.PageW - e.g.Right - w, Y: hy, Text: e.meta.HeaderText, Style: doc.Italic, Size: size, Color: e.theme.Muted})
	}
	p.Items = append(p.Items, doc.Line{X1: e.g.Left, Y1: hy + 2, X2: e.g.PageW - e.g.Right, Y2: hy + 2, Color: e.theme.Muted, Width: 0.2})
	fy := e.g.PageH - e.g.Bottom + e.theme.FooterOffset
	p.Items = append(p.Items, doc.Line{X1: e.g.Left, Y1: fy - 4.5, X2: e.g.PageW - e.g.Right, Y2: fy - 4.5, Color: e.theme.Muted, Width: 0.2})
	if e.meta.FooterText != "" {
		p.Items = append(p.Items, doc.Text{X: e.g.Left, Y: fy, Text: e.meta.FooterText, Size: size, Color: e.theme.Muted})
	}
	num := strings.NewReplacer("{page}", strconv.Itoa(n), "{pages}", strconv.Itoa(e.total)).Replace(e.meta.PageNumber)
	w := e.m.Width(num, 0, size)
	p.Items = append(p.Items, doc.Text{X: e.g.PageW - e.g.Right - w, Y: fy, Text: num, Size: size, Color: e.theme.Muted})
}
