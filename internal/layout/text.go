package layout

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/contrat-local-sante/cls/internal/doc"
)

// textStyle is how a run of lines is set.
type textStyle struct {
	size    float64 // points
	color   doc.Color
	align   doc.Align
	leading float64 // line height as a multiple of the size
	extra   doc.Style
}

func (s textStyle) lineHeight() float64 { return s.size * ptMM * s.leading }

// frag is a piece of a word in one style.
type frag struct {
	text   string
	style  doc.Style
	link   string
	expand string // a sigle's expansion (doc.Expansion), when the frag is one
	w      float64
}

// joins tells whether a word starting with f may join the text before
// it: plain text only, as one string shares one reading.
func (f frag) joins() bool {
	return f.link == "" && f.expand == "" && !strings.ContainsAny(f.text, "\u00a0\u202f")
}

// word is an unbreakable sequence of frags; spaceAfter tells whether a
// breakable space follows it, hard whether a forced line break does.
type word struct {
	frags      []frag
	w          float64
	spaceAfter bool
	hard       bool
}

// words splits inlines into words at ordinary spaces and line feeds. No-break
// spaces (U+00A0, U+202F) stay inside words.
func (e *engine) words(in []doc.Inline, st textStyle) []word {
	// the words' frags are gathered in one array, and each word is given
	// its part of it once all are known (capped, so that a word that grows
	// takes a copy): a paragraph makes two allocations, not one per word
	n := 1
	for _, r := range in {
		n += 1 + 2*len(r.Expansions) + strings.Count(r.Text, " ") + strings.Count(r.Text, "\n") + strings.Count(r.Text, "\t")
	}
	frags := make([]frag, 0, n)
	out := make([]word, 0, n)
	ends := make([]int, 0, n) // where each word's frags end in frags
	first := 0                // where the current word's frags begin
	flush := func(space, hard bool) {
		if len(frags) > first {
			out = append(out, word{spaceAfter: space, hard: hard})
			ends = append(ends, len(frags))
			first = len(frags)
		} else if hard && len(out) > 0 {
			out[len(out)-1].hard = true
		}
	}
	for _, r := range in {
		style := r.Style | st.extra
		start := 0
		text := r.Text
		for i, c := range text {
			if c == ' ' || c == '\n' || c == '\t' {
				frags = appendFrags(frags, r, style, start, i)
				flush(c != '\n', c == '\n')
				start = i + 1
			}
		}
		frags = appendFrags(frags, r, style, start, len(text))
	}
	flush(false, false)
	from := 0
	for i := range out {
		out[i].frags = frags[from:ends[i]:ends[i]]
		from = ends[i]
		w := 0.0
		for j := range out[i].frags {
			f := &out[i].frags[j]
			f.w = e.width(f.text, f.style, st.size)
			w += f.w
		}
		out[i].w = w
	}
	return out
}

// appendFrags appends the frags of r.Text[start:end], cut where a sigle
// of r's expansions starts and ends, so that each sigle is drawn apart
// and can carry what it stands for.
func appendFrags(fs []frag, r doc.Inline, style doc.Style, start, end int) []frag {
	for _, x := range r.Expansions {
		xs, xe := x.Offset, x.Offset+x.Length
		if xs < start || xe > end || xs >= xe {
			continue
		}
		if xs > start {
			fs = append(fs, frag{text: r.Text[start:xs], style: style, link: r.Link})
		}
		fs = append(fs, frag{text: r.Text[xs:xe], style: style, link: r.Link, expand: x.Text})
		start = xe
	}
	if end > start {
		fs = append(fs, frag{text: r.Text[start:end], style: style, link: r.Link})
	}
	return fs
}

// splitWide breaks a word wider than max into pieces that fit, so that a
// long URL never runs past the margin.
func (e *engine) splitWide(w word, max float64, size float64) []word {
	if w.w <= max {
		return []word{w}
	}
	var out []word
	cur := word{}
	for _, f := range w.frags {
		rest := f.text
		for rest != "" {
			// take as many runes as fit in the space left on the current piece
			n := 0
			width := 0.0
			for i, c := range rest {
				cw := e.width(string(c), f.style, size)
				if cur.w+width+cw > max && (n > 0 || len(cur.frags) > 0) {
					break
				}
				width += cw
				n = i + utf8.RuneLen(c)
			}
			if n == 0 {
				out = append(out, cur)
				cur = word{}
				continue
			}
			cur.frags = append(cur.frags, frag{text: rest[:n], style: f.style, link: f.link, expand: f.expand, w: width})
			cur.w += width
			rest = rest[n:]
			if rest != "" {
				out = append(out, cur)
				cur = word{}
			}
		}
	}
	cur.spaceAfter = w.spaceAfter
	cur.hard = w.hard
	out = append(out, cur)
	return out
}

// setText breaks inlines into lines of at most width mm, aligned as asked.
// Items are positioned relative to the left of the width and the top of
// each line.
func (e *engine) setText(in []doc.Inline, width float64, st textStyle) []line {
	words := e.words(in, st)
	ws := make([]word, 0, len(words))
	for _, w := range words {
		if w.w <= width { // most words: no slice of one word to allocate
			ws = append(ws, w)
			continue
		}
		ws = append(ws, e.splitWide(w, width, st.size)...)
	}
	if len(ws) == 0 {
		return nil
	}
	space := e.m.Width(" ", 0, st.size)
	lh := st.lineHeight()
	base := st.size * ptMM * 0.95
	var lines []line
	for i := 0; i < len(ws); {
		// greedy fill
		j := i
		w := ws[i].w
		for j+1 < len(ws) && !ws[j].hard && w+space+ws[j+1].w <= width+1e-6 {
			j++
			w += space + ws[j].w
		}
		last := j == len(ws)-1 || ws[j].hard
		gaps := j - i
		x := 0.0
		spacing := space
		switch st.align {
		case doc.Justify:
			if !last && gaps > 0 {
				spacing = space + (width-w)/float64(gaps)
			}
		case doc.Center:
			x = (width - w) / 2
		case doc.Right:
			x = width - w
		}
		ln := line{h: lh}
		// words set at the natural spacing join the text before them: one
		// string per run instead of one per word (fewer operators to
		// write, and real spaces for text extraction)
		natural := spacing == space
		open := -1 // index of the text item a word may join
		openEnd := 0.0
		// the text item being changed (joined, marked as followed by a
		// space) is kept out of ln.items until another is: putting a
		// doc.Text back into the interface for every word allocated a
		// copy each time, most of the layout's garbage
		pend := textEdit{idx: -1}
		for k := i; k <= j; k++ {
			fx := x
			lastText := -1 // the word's last text item
			for fi, f := range ws[k].frags {
				if natural && fi == 0 && open >= 0 && f.joins() {
					if t := pend.at(ln.items, open); t.Style == f.style && math.Abs(openEnd+space-fx) < 1e-6 {
						pend.join(f.text)
						t.SpaceAfter = false
						lastText = open
						openEnd = fx + f.w
						fx += f.w
						if len(ws[k].frags) > 1 {
							open = -1
						}
						continue
					}
				}
				ln.items = e.appendText(ln.items, fx, base, f.text, f.style, st.size, st.color)
				lastText = len(ln.items) - 1
				if f.expand != "" {
					pend.at(ln.items, lastText).Expansion = f.expand
				}
				open = -1
				if f.joins() && fi == len(ws[k].frags)-1 {
					open = len(ln.items) - 1
					openEnd = fx + f.w
				}
				if f.link != "" {
					ln.items = append(ln.items, doc.Link{X: fx, Y: 0, W: f.w, H: lh, Target: f.link, Contents: f.text})
					ln.items = append(ln.items, doc.Line{X1: fx, Y1: base + 0.5, X2: fx + f.w, Y2: base + 0.5, Color: st.color, Width: 0.15})
				}
				fx += f.w
			}
			// a space follows the word in reading order: within the line,
			// and at its end when the paragraph goes on
			if lastText >= 0 && (ws[k].spaceAfter || ws[k].hard) && k < len(ws)-1 {
				pend.at(ln.items, lastText).SpaceAfter = true
			}
			x += ws[k].w + spacing
		}
		pend.flush(ln.items)
		lines = append(lines, ln)
		i = j + 1
	}
	// no orphan, no widow: keep the first two and the last two lines together
	if len(lines) >= 2 {
		lines[0].keepNext = true
		lines[len(lines)-2].keepNext = true
	}
	return lines
}

// textEdit is the one text item of a line being changed, held apart
// from the line's items (see setText): at returns it, putting the
// previous one back first, and flush puts it back.
type textEdit struct {
	t      doc.Text
	idx    int // its index in the line's items; -1 for none
	buf    []byte
	joined bool // buf holds its text, words joined
}

// at returns the text item items[i], to change.
func (p *textEdit) at(items []doc.Item, i int) *doc.Text {
	if p.idx != i {
		p.flush(items)
		p.t, p.idx, p.joined = items[i].(doc.Text), i, false
	}
	return &p.t
}

// join appends a space and s to the item's text.
func (p *textEdit) join(s string) {
	if !p.joined {
		p.buf = append(p.buf[:0], p.t.Text...)
		p.joined = true
	}
	p.buf = append(append(p.buf, ' '), s...)
}

// flush puts the item back into items.
func (p *textEdit) flush(items []doc.Item) {
	if p.idx < 0 {
		return
	}
	if p.joined {
		p.t.Text = string(p.buf)
	}
	items[p.idx] = p.t
	p.idx, p.joined = -1, false
}

// plain returns an inline slice holding s in one style.
func plain(s string, st doc.Style) []doc.Inline { return []doc.Inline{{Text: s, Style: st}} }

// trimInlines removes leading and trailing spaces of a run sequence.
func trimInlines(in []doc.Inline) []doc.Inline {
	out := append([]doc.Inline(nil), in...)
	for len(out) > 0 {
		out[0].Text = strings.TrimLeft(out[0].Text, " \n")
		if out[0].Text != "" {
			break
		}
		out = out[1:]
	}
	for len(out) > 0 {
		k := len(out) - 1
		out[k].Text = strings.TrimRight(out[k].Text, " \n")
		if out[k].Text != "" {
			break
		}
		out = out[:k]
	}
	return out
}

// isFixedSpace tells the no-break spaces, which are never handed to the
// font: their widths are set here and they are drawn as gaps.
func isFixedSpace(r rune) bool { return r == '\u00a0' || r == '\u202f' }

// fixedSpace is the width of a no-break space: a word space for U+00A0, a
// sixth of an em for the narrow U+202F.
func (e *engine) fixedSpace(r rune, style doc.Style, size float64) float64 {
	if r == '\u202f' {
		return size * ptMM / 6
	}
	return e.m.Width(" ", style, size)
}

// width measures s, no-break spaces included.
func (e *engine) width(s string, style doc.Style, size float64) float64 {
	if !strings.ContainsAny(s, "\u00a0\u202f") {
		return e.m.Width(s, style, size)
	}
	w := 0.0
	start := 0
	for i, r := range s {
		if isFixedSpace(r) {
			w += e.m.Width(s[start:i], style, size) + e.fixedSpace(r, style, size)
			start = i + utf8.RuneLen(r)
		}
	}
	return w + e.m.Width(s[start:], style, size)
}

// appendText adds the text items for s at (x, y), one per piece between
// no-break spaces.
func (e *engine) appendText(items []doc.Item, x, y float64, s string, style doc.Style, size float64, c doc.Color) []doc.Item {
	start := 0
	for i, r := range s {
		if isFixedSpace(r) {
			if i > start {
				// the gap reads as a space
				items = append(items, doc.Text{X: x, Y: y, Text: s[start:i], Style: style, Size: size, Color: c, SpaceAfter: true})
				x += e.m.Width(s[start:i], style, size)
			}
			x += e.fixedSpace(r, style, size)
			start = i + utf8.RuneLen(r)
		}
	}
	if start < len(s) {
		items = append(items, doc.Text{X: x, Y: y, Text: s[start:], Style: style, Size: size, Color: c})
	}
	return items
}
