package layout

import (
	"strconv"

	"github.com/contrat-local-sante/cls/internal/doc"
)

// The layout tags what it draws with the structure element it belongs to,
// so that the writer can make a tagged PDF a screen reader follows. An
// item left untagged (running header, footer, page number, rules,
// shading, a table header repeated on a continuation page) is an
// artifact.

// tags is the engine's structure state for one pass.
type tags struct {
	elems  []doc.StructElem
	blocks map[int]int            // block index → element, for blocks placed as lines
	alts   map[int]doc.StructElem // block index → a figure's text equivalent, a list's numbering
	table  *tableTags             // the table being placed, nil outside tables
	level  int                    // the level of the last heading element made
	items  map[[2]int][2]int      // (1 + block, 1 + list item) → its LI and LBody
}

// tableTags maps a table's rows and cells to their elements.
type tableTags struct {
	elem   int
	rows   map[int]int
	cells  map[*cellBox]int
	row    int  // the row being drawn
	repeat bool // drawing a repeated header: artifacts
	nh     int  // header rows
	head   int  // the THead element, -1 until made
	body   int  // the TBody element, -1 until made
	layout bool // a layout table: cells are paragraphs
}

// newElem appends an element and returns its index. Elements are made in
// reading order, so a heading's level is kept at most one below the last
// one's: a template may jump from « # » to « ### » (the letters of the
// sigles list), and a screen reader lists headings by level, where a
// skipped level reads as a missing section.
func (t *tags) newElem(role string, parent int) int {
	if len(role) == 2 && role[0] == 'H' && role[1] >= '1' && role[1] <= '6' {
		n := min(int(role[1]-'0'), t.level+1)
		role, t.level = "H"+strconv.Itoa(n), n
	}
	t.elems = append(t.elems, doc.StructElem{Role: role, Parent: parent})
	return len(t.elems) - 1
}

// blockElem returns the element of the i-th block, made the first time
// its content is placed, so that elements come in reading order.
func (t *tags) blockElem(i int, role string) int {
	if t.blocks == nil {
		t.blocks = map[int]int{}
	}
	if k, ok := t.blocks[i]; ok {
		return k
	}
	k := t.newElem(role, -1)
	a := t.alts[i]
	t.elems[k].Alt, t.elems[k].ListNumbering = a.Alt, a.ListNumbering
	t.blocks[i] = k
	return k
}

// alt records what the element of the i-th block says besides its
// content: a figure's text equivalent, a list's numbering.
func (t *tags) alt(i int, b doc.Block) {
	var a doc.StructElem
	switch v := b.(type) {
	case doc.Figure:
		a.Alt = v.Alt
	case doc.List:
		a.ListNumbering = doc.ListDisc
		if v.Ordered {
			a.ListNumbering = doc.ListDecimal
		}
	default:
		return
	}
	if t.alts == nil {
		t.alts = map[int]doc.StructElem{}
	}
	t.alts[i] = a
}

// tagFrom tags the page's items from index from on with element k.
func (p *Page) tagFrom(from, k int) {
	for len(p.Tags) < len(p.Items) {
		p.Tags = append(p.Tags, 0)
	}
	for i := from; i < len(p.Items); i++ {
		p.Tags[i] = k + 1
	}
}

// tag tags the page's items from index from on with element k, then
// gives their inline structure its own elements under k: a link a Link
// holding its words and its annotation, a sigle a Span with its
// expansion (/E), a ticked box's label a Span with its text equivalent
// (/ActualText); dot leaders are artifacts.
func (t *tags) tag(p *Page, from, k int) {
	p.tagFrom(from, k)
	inLink := t.elems[k].Role == doc.StructLink // a sommaire entry: the whole line is the link
	for i := from; i < len(p.Items); i++ {
		switch v := p.Items[i].(type) {
		case doc.Text:
			if v.Decor {
				p.Tags[i] = 0
				continue
			}
			parent := k
			// the words of a link are drawn just before its area
			if l, ok := linkAfter(p.Items, i); ok && !inLink && l.Contents == v.Text {
				parent = t.newElem(doc.StructLink, k)
				p.Tags[i], p.Tags[i+1] = parent+1, parent+1
			}
			switch {
			case v.Expansion != "":
				s := t.newElem(doc.StructSpan, parent)
				t.elems[s].E = v.Expansion
				p.Tags[i] = s + 1
			case v.ActualText != "":
				s := t.newElem(doc.StructSpan, parent)
				t.elems[s].ActualText = v.ActualText
				p.Tags[i] = s + 1
			}
		case doc.Link:
			if !inLink && p.Tags[i] == k+1 { // an area with no words: a diagram's box
				p.Tags[i] = t.newElem(doc.StructLink, k) + 1
			}
		}
	}
}

// linkAfter returns the link drawn right after item i, if any.
func linkAfter(items []doc.Item, i int) (doc.Link, bool) {
	if i+1 >= len(items) {
		return doc.Link{}, false
	}
	l, ok := items[i+1].(doc.Link)
	return l, ok
}

// blockRole is the structure type of a block placed as lines.
func blockRole(b doc.Block) string {
	switch v := b.(type) {
	case doc.Heading:
		return "H" + strconv.Itoa(min(max(v.Level, 1), 6))
	case doc.List:
		return doc.StructL
	case doc.Figure:
		return doc.StructFigure
	case doc.Sommaire, doc.FigureList:
		return doc.StructTOC
	case doc.Table:
		return doc.StructTable
	}
	return doc.StructP
}

// stamp marks lines as the content of block i.
func stamp(ls []line, i int, b doc.Block) []line {
	role := blockRole(b)
	for k := range ls {
		ls[k].block, ls[k].role = i+1, role
	}
	return ls
}

// cellElem returns the element of a table cell, under its row's.
func (e *engine) cellElem(c *cellBox, header bool) int {
	tt := e.tags.table
	if k, ok := tt.cells[c]; ok {
		return k
	}
	if tt.layout {
		k := e.tags.newElem(doc.StructP, tt.elem)
		tt.cells[c] = k
		return k
	}
	tr, ok := tt.rows[tt.row]
	if !ok {
		tr = e.tags.newElem(doc.StructTR, e.rowGroup(tt.row < tt.nh))
		tt.rows[tt.row] = tr
	}
	role, scope := doc.StructTD, ""
	switch {
	case header || c.cell.Role == doc.RoleHead:
		role, scope = doc.StructTH, doc.ScopeColumn
	case c.cell.Role == doc.RoleLabel:
		role, scope = doc.StructTH, doc.ScopeRow
	}
	k := e.tags.newElem(role, tr)
	el := &e.tags.elems[k]
	el.Scope = scope
	if c.cell.ColSpan > 1 {
		el.ColSpan = c.cell.ColSpan
	}
	if c.cell.RowSpan > 1 {
		el.RowSpan = c.cell.RowSpan
	}
	tt.cells[c] = k
	return k
}

// rowGroup returns the table's THead (header rows) or TBody, made when
// its first row is.
func (e *engine) rowGroup(header bool) int {
	tt := e.tags.table
	k, role := &tt.body, doc.StructTBody
	if header {
		k, role = &tt.head, doc.StructTHead
	}
	if *k < 0 {
		*k = e.tags.newElem(role, tt.elem)
	}
	return *k
}

// tableTags starts the elements of a table with nh header rows. A layout
// table (RoleLayoutTable) only aligns text: its cells are paragraphs
// in a Div, not data cells.
func (e *engine) tableTags(t doc.Table, nh int) *tableTags {
	role := doc.StructTable
	if t.Role == doc.RoleLayoutTable {
		role = doc.StructDiv
	}
	return &tableTags{elem: e.tags.newElem(role, -1), rows: map[int]int{}, cells: map[*cellBox]int{}, nh: nh, layout: role == doc.StructDiv, head: -1, body: -1}
}

// tagCell tags the page's items from index from on as cell c's content,
// unless they are a repeated header, which is an artifact.
func (e *engine) tagCell(p *Page, from int, c *cellBox) {
	tt := e.tags.table
	if tt == nil || tt.repeat {
		return
	}
	k := e.cellElem(c, tt.row < tt.nh)
	if len(p.Items) > from {
		e.tags.tag(p, from, k)
	}
}

// tagLine tags a placed line's items, from index from on the page, with
// its block's element; a list's lines go to their item's LI, the label
// under Lbl and the rest under LBody; a sommaire's entries each to a
// TOCI holding a Link, its title to a heading.
func (t *tags) tagLine(p *Page, from int, l line) {
	k := t.blockElem(l.block-1, l.role)
	if l.role == doc.StructTOC {
		t.tag(p, from, t.tocElem(k, l))
		return
	}
	if l.role != doc.StructL || l.item == 0 {
		t.tag(p, from, k)
		return
	}
	if t.items == nil {
		t.items = map[[2]int][2]int{}
	}
	key := [2]int{l.block, l.item}
	li, ok := t.items[key]
	if !ok {
		li[0] = t.newElem(doc.StructLI, k)
		li[1] = -1
	}
	if l.label {
		p.tagFrom(from, t.newElem(doc.StructLbl, li[0]))
		from++
	}
	if li[1] < 0 {
		li[1] = t.newElem(doc.StructLBody, li[0])
	}
	t.items[key] = li
	if from < len(p.Items) {
		t.tag(p, from, li[1])
	}
}

// tocElem returns the element of a sommaire's line under the TOC element
// k: the Link of its entry, inside the entry's TOCI, or, for the
// sommaire's title, a heading beside the TOC.
func (t *tags) tocElem(k int, l line) int {
	if t.items == nil {
		t.items = map[[2]int][2]int{}
	}
	key := [2]int{l.block, l.entry}
	if e, ok := t.items[key]; ok {
		return e[1]
	}
	var e [2]int
	if l.entry == 0 {
		// the title is a heading of its own, before the TOC, which holds
		// entries only
		e[0] = t.newElem("H1", -1)
		e[1] = e[0]
	} else {
		e[0] = t.newElem(doc.StructTOCI, k)
		e[1] = t.newElem(doc.StructLink, e[0])
	}
	t.items[key] = e
	return e[1]
}
